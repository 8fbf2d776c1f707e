"""Compile a Graph into a torch.nn.Module with one submodule per node.

Submodules are registered under the node id, or under `node_<id>` where the id would clash
with a torch.nn.Module attribute (see `names.py`); `GraphModule.names` maps node id ->
submodule name and `ids` back. `state_dict()` keys are `<submodule name>.<parameter name>`,
which map one to one onto the project's `state` ({node id: {parameter name: nested lists}}).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from visualnn.core.compile.names import submodule_names
from visualnn.core.graph.model import Graph
from visualnn.core.graph.registry import get_spec
from visualnn.core.graph.validate import check_graph
from visualnn.core.i18n import tr


class CompileError(ValueError):
    """The graph is not valid; `problems` lists each as `node <id>: <message>`."""

    def __init__(self, problems):
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f"; and {len(self.problems) - 5} more problems" if len(self.problems) > 5 else ""
        super().__init__(shown + more)


class GraphModule(nn.Module):
    """The network of a Graph. forward(x) returns the output node's tensor.

    `plan` is the topological order as (node id, input ids); `shapes` the inferred output
    shapes (batch excluded); `input_id` / `output_id` name the Input and the output node.
    """

    def __init__(self, graph: Graph):
        super().__init__()
        rep = check_graph(graph)
        if rep.problems:
            raise CompileError(rep.problems)
        self.input_id = graph.input_ids()[0]
        self.output_id = graph.output_id() or rep.order[-1]
        self.shapes = dict(rep.shapes)
        self.types = {nid: graph.nodes[nid].type for nid in rep.order}
        self.input_dtype = graph.nodes[self.input_id].params.get("dtype", "float")
        self.names = submodule_names(rep.order)                 # node id -> submodule name
        self.ids = {name: nid for nid, name in self.names.items()}  # submodule name -> node id
        plan = []
        for nid in rep.order:
            if nid == self.input_id:
                continue
            srcs = graph.inputs_of(nid)
            spec = get_spec(graph.nodes[nid].type)
            self.add_module(self.names[nid], spec.build(rep.params[nid], [rep.shapes[s] for s in srcs]))
            plan.append((nid, tuple(srcs)))
        self.plan = tuple(plan)
        self._chain = all(len(s) == 1 for _, s in plan) and all(
            s[0] == (plan[i - 1][0] if i else self.input_id) for i, (_, s) in enumerate(plan)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self._chain:
            for nid, _ in self.plan:
                x = self._modules[self.names[nid]](x)
            return x
        values = {self.input_id: x}
        for nid, srcs in self.plan:
            values[nid] = self._modules[self.names[nid]](*[values[s] for s in srcs])
        return values[self.output_id]

    def forward_all(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every node's output (the Input's too), keyed by node id."""
        values = {self.input_id: x}
        for nid, srcs in self.plan:
            values[nid] = self._modules[self.names[nid]](*[values[s] for s in srcs])
        return values

    def layer(self, node_id: str) -> nn.Module:
        return self._modules[self.names[node_id]]

    def state_key(self, node_id: str, param: str) -> str:
        """The state_dict key of a node's parameter or buffer."""
        return f"{self.names[node_id]}.{param}"

    def split_key(self, key: str) -> tuple[str, str]:
        """(node id, parameter name) of a state_dict key."""
        name, param = key.split(".", 1)
        return self.ids.get(name, name), param

    def node_ids(self) -> list[str]:
        return [nid for nid, _ in self.plan]


def compile_graph(graph: Graph, state: dict | None = None, seed: int | None = None) -> GraphModule:
    """Build the module. Parameters are initialised with torch's default init under `seed`
    (when given), then by each node's `init` scheme (core/graph/init.py), then overwritten
    by `state` for the nodes it holds (so an init counts only for nodes absent from it)."""
    from visualnn.core.compile.init import apply_inits

    if seed is not None:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            module = GraphModule(graph)
            apply_inits(module, graph)
    else:
        module = GraphModule(graph)
        apply_inits(module, graph)
    if state:
        load_state(module, state)
    return module


class StateError(ValueError):
    """A `state` entry does not match the network (unknown node or parameter, wrong shape)."""


def load_state(module: GraphModule, state: dict) -> None:
    """Copy the project's `state` ({node: {param: nested lists}}) into the module, checking
    every name and shape; raises StateError naming the node and parameter."""
    own = module.state_dict()
    updates = {}
    for nid, params in state.items():
        if nid not in module.names:
            raise StateError(tr("node {nid}: state given for a node the network does not have", nid=nid))
        if not isinstance(params, dict):
            raise StateError(tr("node {nid}: state must map parameter names to values", nid=nid))
        for pname, value in params.items():
            key = module.state_key(nid, pname)
            if key not in own:
                names = sorted(module.split_key(k)[1] for k in own if module.split_key(k)[0] == nid)
                raise StateError(tr("node {nid}: no parameter '{pname}' (it has: {value})", nid=nid, pname=pname, value=', '.join(names) or 'none'))
            try:
                t = torch.as_tensor(value, dtype=own[key].dtype)
            except (TypeError, ValueError, RuntimeError) as e:
                raise StateError(tr("node {nid}: {pname} is not a numeric array ({e})", nid=nid, pname=pname, e=e)) from None
            if tuple(t.shape) != tuple(own[key].shape):
                raise StateError(
                    tr("node {nid}: {pname} has shape {shape}, the layer needs {shape2}", nid=nid, pname=pname, shape=list(t.shape), shape2=list(own[key].shape))
                )
            updates[key] = t
    with torch.no_grad():
        for key, t in updates.items():
            own[key].copy_(t)


def state_to_lists(module: nn.Module) -> dict:
    """The module's parameters and buffers as the project's `state`: {node: {name: lists}}.

    float32 values become Python floats exactly, so writing them with repr and reading back
    gives the same float32 bits."""
    out: dict[str, dict] = {}
    split = module.split_key if isinstance(module, GraphModule) else (lambda k: tuple(k.split(".", 1)))
    for key, t in module.state_dict().items():
        nid, pname = split(key)
        out.setdefault(nid, {})[pname] = t.detach().cpu().tolist()
    return out
