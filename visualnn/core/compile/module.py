"""Compile a Graph into a torch.nn.Module whose submodules are keyed by node id.

`GraphModule.state_dict()` keys are `<node id>.<torch parameter name>`, which maps one to
one onto the project's `state` ({node id: {parameter name: nested lists}}).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from visualnn.core.graph.model import Graph
from visualnn.core.graph.registry import get_spec
from visualnn.core.graph.validate import check_graph


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
        plan = []
        for nid in rep.order:
            if nid == self.input_id:
                continue
            srcs = graph.inputs_of(nid)
            spec = get_spec(graph.nodes[nid].type)
            self.add_module(nid, spec.build(rep.params[nid], [rep.shapes[s] for s in srcs]))
            plan.append((nid, tuple(srcs)))
        self.plan = tuple(plan)
        self._chain = all(len(s) == 1 for _, s in plan) and all(
            s[0] == (plan[i - 1][0] if i else self.input_id) for i, (_, s) in enumerate(plan)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self._chain:
            for nid, _ in self.plan:
                x = self._modules[nid](x)
            return x
        values = {self.input_id: x}
        for nid, srcs in self.plan:
            values[nid] = self._modules[nid](*[values[s] for s in srcs])
        return values[self.output_id]

    def forward_all(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every node's output (the Input's too), keyed by node id."""
        values = {self.input_id: x}
        for nid, srcs in self.plan:
            values[nid] = self._modules[nid](*[values[s] for s in srcs])
        return values

    def layer(self, node_id: str) -> nn.Module:
        return self._modules[node_id]

    def node_ids(self) -> list[str]:
        return [nid for nid, _ in self.plan]


def compile_graph(graph: Graph, state: dict | None = None, seed: int | None = None) -> GraphModule:
    """Build the module. Parameters are initialised with torch's default init under `seed`
    (when given), then overwritten by `state` for the nodes it holds."""
    if seed is not None:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            module = GraphModule(graph)
    else:
        module = GraphModule(graph)
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
        if nid not in module._modules:
            raise StateError(f"node {nid}: state given for a node the network does not have")
        if not isinstance(params, dict):
            raise StateError(f"node {nid}: state must map parameter names to values")
        for pname, value in params.items():
            key = f"{nid}.{pname}"
            if key not in own:
                names = sorted(k.split(".", 1)[1] for k in own if k.startswith(nid + "."))
                raise StateError(f"node {nid}: no parameter '{pname}' (it has: {', '.join(names) or 'none'})")
            try:
                t = torch.as_tensor(value, dtype=own[key].dtype)
            except (TypeError, ValueError, RuntimeError) as e:
                raise StateError(f"node {nid}: {pname} is not a numeric array ({e})") from None
            if tuple(t.shape) != tuple(own[key].shape):
                raise StateError(
                    f"node {nid}: {pname} has shape {list(t.shape)}, the layer needs {list(own[key].shape)}"
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
    for key, t in module.state_dict().items():
        nid, pname = key.split(".", 1)
        out.setdefault(nid, {})[pname] = t.detach().cpu().tolist()
    return out
