"""Graph validation, written once for the canvas badges, the CLI and the loader.

`check_graph` returns every problem as (node id, message) plus the shapes it could infer;
`check_connect` raises ConnectError and `can_connect` returns a bool from the same logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from visualnn.core.graph.init import init_problem
from visualnn.core.graph.layers._util import fmt
from visualnn.core.graph.model import Graph, GraphError, id_problem
from visualnn.core.graph.registry import REGISTRY, get_spec
from visualnn.core.graph.spec import ParamError, ShapeError
from visualnn.core.i18n import tr

MAX_LISTED = 6  # names written out in one message before "and N more"
# Learnable values a network may hold: 4 bytes each for the weights, their gradients and
# two optimizer buffers, so about 4 GB at this limit. Shown with the parameter count.
MAX_PARAMETERS = 250_000_000


@dataclass(frozen=True)
class Problem:
    node: str
    message: str
    field: str = ""  # the field of the node or project concerned ("params.out_features", "train.lr"), when known

    def __str__(self) -> str:
        return tr("node {node}: {message}", node=self.node, message=self.message)


class ConnectError(ValueError):
    """An edge the graph cannot take, with the reason."""


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    shapes: dict[str, tuple] = field(default_factory=dict)      # node id -> output shape (batch excluded)
    params: dict[str, dict] = field(default_factory=dict)       # node id -> resolved params
    order: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def for_node(self, node_id: str) -> list[str]:
        return [p.message for p in self.problems if p.node == node_id]


def check_graph(graph: Graph) -> Report:
    """Every problem of the graph, and the output shape of every node it could infer."""
    rep = Report()
    add = lambda nid, msg: rep.problems.append(Problem(nid, msg))  # noqa: E731

    for nid, node in graph.nodes.items():
        bad = id_problem(nid)
        if bad:
            add(nid, bad)
        spec = get_spec(node.type)
        if spec is None:
            near = [t for t in REGISTRY if t.lower() == str(node.type).lower()]
            hint = tr(" (did you mean {near}?)", near=near[0]) if near else ""
            add(nid, tr("unknown layer type '{type}'{hint}", type=node.type, hint=hint))
            continue
        try:
            rep.params[nid] = spec.resolve(node.params)
        except ParamError as e:
            add(nid, str(e))
        if "init" in node.extra:
            bad_init = init_problem(node.extra["init"], node.type)
            if bad_init:
                rep.problems.append(Problem(nid, bad_init, "init"))

    inputs = graph.input_ids()
    if not inputs:
        add(next(iter(graph.nodes), "graph"), tr("the graph has no Input layer"))
    for extra in inputs[1:]:
        add(extra, tr("a second Input (the first is '{inputs}'); a graph has exactly one", inputs=inputs[0]))

    try:
        rep.order = graph.topo_order()
    except GraphError as e:
        cyc = str(e).removeprefix("cycle through ").split(", ")
        path = " -> ".join(listed(cyc, MAX_LISTED))
        for nid in cyc:
            add(nid, tr("is on a cycle ({cyc}); the graph must flow one way", cyc=path))
        return rep

    ins, outs = graph.adjacency()
    for nid, node in graph.nodes.items():
        spec = get_spec(node.type)
        if spec is None:
            continue
        n_in = len(ins[nid])
        if spec.max_inputs == 0 and n_in:
            add(nid, tr("an Input takes no incoming connections"))
        elif spec.max_inputs > 0 and n_in == 0:
            add(nid, tr("has no input: connect a layer to it"))
        elif n_in > spec.max_inputs:
            add(nid, tr("{type} takes one input but {n_in} are connected; join them with Add or Concat first", type=node.type, n_in=n_in))
        elif n_in < spec.min_inputs:
            add(nid, tr("{type} needs at least {min_inputs} inputs, has {n_in}", type=node.type, min_inputs=spec.min_inputs, n_in=n_in))

    if inputs:
        fed = _reachable(inputs, outs)
        for nid in graph.nodes:
            if nid not in fed and ins[nid]:
                add(nid, tr("is not connected to the Input"))
    used = {e.src for e in graph.edges}
    sinks = [s for s in graph.nodes if s not in used and s not in inputs]
    if len(sinks) > 1:
        ends = ", ".join(listed(sinks, MAX_LISTED))
        for s in sinks[:-1]:
            add(s, tr("its output is not used (the graph has {n} ends: {sinks}; it must have one output)",
                      n=len(sinks), sinks=ends))
    if inputs and len(graph.nodes) > 1 and not outs[inputs[0]]:
        add(inputs[0], tr("is not connected to any layer"))

    for nid in rep.order:
        node = graph.nodes[nid]
        spec = get_spec(node.type)
        if spec is None or nid not in rep.params:
            continue
        srcs = ins[nid]
        if any(s not in rep.shapes for s in srcs):
            continue  # a problem upstream: reported there
        in_shapes = [rep.shapes[s] for s in srcs]
        if len(in_shapes) > spec.max_inputs or len(in_shapes) < max(spec.min_inputs, 1 if spec.max_inputs else 0):
            continue  # the input count is reported above
        try:
            rep.shapes[nid] = tuple(spec.infer(rep.params[nid], in_shapes))
        except ShapeError as e:
            add(nid, str(e))
            continue
        if node.type == "Embedding":
            src = graph.nodes[srcs[0]]
            if src.type != "Input" or src.params.get("dtype") != "long":
                add(nid, tr("Embedding takes token ids: feed it from an Input with dtype 'long'"))
        elif spec.max_inputs and srcs and graph.nodes[srcs[0]].type == "Input" and graph.nodes[srcs[0]].params.get("dtype") == "long":
            add(nid, tr("token ids (an Input with dtype 'long') must go through an Embedding first"))
    _check_size(graph, rep, ins)
    return rep


def listed(names: list[str], limit: int) -> list[str]:
    """At most `limit` names, the last one saying how many more there are."""
    if len(names) <= limit:
        return list(names)
    return list(names[:limit]) + [f"... ({len(names) - limit} more)"]


def _reachable(starts: list[str], outs: dict[str, list[str]]) -> set[str]:
    seen, stack = set(starts), list(starts)
    while stack:
        for dst in outs[stack.pop()]:
            if dst not in seen:
                seen.add(dst)
                stack.append(dst)
    return seen


def _check_size(graph: Graph, rep: Report, ins: dict[str, list[str]]) -> None:
    """A network too large for memory is a problem of its largest layer, with the budget."""
    from visualnn.core.graph.counting import count_params

    counts = {}
    for nid in rep.order:
        if nid in rep.params and nid in rep.shapes and all(s in rep.shapes for s in ins[nid]):
            try:
                counts[nid] = count_params(graph.nodes[nid].type, rep.params[nid], [rep.shapes[s] for s in ins[nid]])
            except (KeyError, IndexError, TypeError):
                continue
    total = sum(counts.values())
    if total > MAX_PARAMETERS:
        biggest = max(counts, key=counts.get)
        rep.problems.append(Problem(biggest, tr(
            "the network has {total} parameters ({n} in this layer), more than the limit of {limit} "
            "(about {gb} GB of memory to train); make the layers smaller",
            total=f"{total:,}", n=f"{counts[biggest]:,}", limit=f"{MAX_PARAMETERS:,}",
            gb=MAX_PARAMETERS * 16 // 10**9)))


def problems(graph: Graph) -> list[Problem]:
    return check_graph(graph).problems


def check_connect(graph: Graph, src: str, dst: str) -> None:
    """Raise ConnectError with the reason when the edge src -> dst cannot be added."""
    if src not in graph.nodes or dst not in graph.nodes:
        raise ConnectError(tr("no such node"))
    if src == dst:
        raise ConnectError(tr("a layer cannot feed itself"))
    if graph.has_edge(src, dst):
        raise ConnectError(tr("'{src}' already feeds '{dst}'", src=src, dst=dst))
    spec = get_spec(graph.nodes[dst].type)
    if spec is None:
        raise ConnectError(tr("'{dst}' has an unknown type", dst=dst))
    if spec.max_inputs == 0:
        raise ConnectError(tr("an Input takes no incoming connections"))
    n_in = len(graph.inputs_of(dst))
    if n_in >= spec.max_inputs:
        raise ConnectError(tr("{type} takes one input and already has one; use Add or Concat to join two", type=spec.type))
    if graph.reaches(dst, src):
        raise ConnectError(tr("'{dst}' already feeds '{src}': this edge would make a cycle", dst=dst, src=src))
    rep = check_graph(graph)
    src_shape = rep.shapes.get(src)
    if src_shape is None:
        return  # shape unknown upstream: the edge is allowed, validation will say more
    in_shapes = [rep.shapes[s] for s in graph.inputs_of(dst) if s in rep.shapes] + [src_shape]
    if spec.min_inputs > len(in_shapes):
        # a merge layer still missing inputs: check what it has against each other
        if spec.type == "Add" and len(in_shapes) > 1 and len(set(in_shapes)) > 1:
            raise ConnectError(tr("Add needs inputs of one shape, got {items}", items=' and '.join(fmt(s) for s in in_shapes)))
        return
    params = rep.params.get(dst)
    if params is None:
        return
    try:
        spec.infer(params, in_shapes)
    except ShapeError as e:
        raise ConnectError(tr("{shape} from '{src}' does not fit '{dst}': {e}", shape=fmt(src_shape), src=src, dst=dst, e=e)) from None


def can_connect(graph: Graph, src: str, dst: str) -> bool:
    try:
        check_connect(graph, src, dst)
    except ConnectError:
        return False
    return True


def param_count(graph: Graph, report: Report | None = None) -> dict[str, int]:
    """Learnable parameters per node, counted without building torch modules."""
    from visualnn.core.graph.counting import count_params

    report = report or check_graph(graph)
    out = {}
    for nid in report.order:
        node = graph.nodes[nid]
        srcs = graph.inputs_of(nid)
        # only where the shape was inferred: a layer missing its inputs has nothing to count from
        if nid in report.params and nid in report.shapes and all(s in report.shapes for s in srcs):
            out[nid] = count_params(node.type, report.params[nid], [report.shapes[s] for s in srcs])
    return out
