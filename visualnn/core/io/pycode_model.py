"""Python source of a Graph as a standalone `nn.Module` subclass (torch only).

The class registers one submodule per node, under the node id (or the compiler's
`node_<id>` where the id clashes with an nn.Module attribute), in topological order, with
the same constructor arguments the compiler uses. So its `state_dict()` keys equal the
compiled GraphModule's (`<submodule name>.<torch parameter name>`), and built under the
same `torch.manual_seed` it starts from the same weights.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

from visualnn.core.compile.names import submodule_names
from visualnn.core.graph.layers._util import fmt
from visualnn.core.graph.model import Graph
from visualnn.core.graph.validate import Report

# Small classes for layers that PyTorch has no one-input module for. Each is written into
# the exported file only when the network uses it.
HELPERS = {
    "Reshape": '''
class Reshape(nn.Module):
    """Gives the same values a new shape; the batch dimension is kept."""

    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)
''',
    "Add": '''
class Add(nn.Module):
    """Adds its inputs element by element (a skip / residual connection)."""

    def forward(self, *xs):
        out = xs[0]
        for x in xs[1:]:
            out = out + x
        return out
''',
    "Concat": '''
class Concat(nn.Module):
    """Joins its inputs along `dim` (dim 0 is the batch)."""

    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, *xs):
        return torch.cat(xs, dim=self.dim)
''',
    "SelfAttention": '''
class SelfAttention(nn.MultiheadAttention):
    """Multi-head self-attention over a sequence [batch, T, E]: query = key = value = x."""

    def __init__(self, embed_dim, num_heads, dropout=0.0, bias=True):
        super().__init__(embed_dim, num_heads, dropout=dropout, bias=bias, batch_first=True)

    def forward(self, x):
        out, _ = super().forward(x, x, x, need_weights=False)
        return out
''',
}

INIT_HELPER = '''
def init_layer(layer, scheme, **kwargs):
    """The project's initialisation of a layer: its weights (2+ dims) by nn.init.<scheme>_,
    its biases by the same for zeros/constant/normal/uniform and to 0 otherwise."""
    fn = getattr(nn.init, scheme + "_")
    with torch.no_grad():
        for p in layer.parameters():
            if p.dim() >= 2 or scheme in ("zeros", "constant", "normal", "uniform"):
                fn(p, **kwargs)
            else:
                nn.init.zeros_(p)
'''

RECURRENT_HELPER = '''
class {kind}Layer(nn.{kind}):
    """nn.{kind} over [batch, T, F] returning one tensor: the last step's h ("last") or every step's ("all")."""

    def __init__(self, input_size, hidden_size, output="last", **kwargs):
        super().__init__(input_size, hidden_size, batch_first=True, **kwargs)
        self.output = output

    def forward(self, x):
        out, _ = super().forward(x)
        return out[:, -1] if self.output == "last" else out
'''

SIMPLE = ("ReLU", "Sigmoid", "Tanh", "Identity")
# Global names of the exported file that the network's class must not shadow.
TAKEN_NAMES = {"F", "Path", "DataLoader", "TensorDataset", "DistributedSampler", "DDP"}


def _call(name: str, args: list, kwargs: dict, defaults: dict | None = None) -> str:
    """`name(arg, ..., key=value, ...)`, leaving out keyword arguments equal to torch's default."""
    defaults = defaults or {}
    parts = [repr(a) for a in args]
    for key, value in kwargs.items():
        if key in defaults and defaults[key] == value and type(defaults[key]) is type(value):
            continue
        parts.append(f"{key}={value!r}")
    return f"{name}({', '.join(parts)})"


def layer_expr(node_type: str, p: dict, in_shapes: list, out_shape: tuple) -> str:
    """The constructor expression of one layer, e.g. `nn.Linear(2, 8)`."""
    ins = [tuple(s) for s in in_shapes]
    if node_type in SIMPLE:
        return f"nn.{node_type}()"
    if node_type == "Linear":
        return _call("nn.Linear", [ins[0][-1], p["out_features"]], {"bias": p["bias"]}, {"bias": True})
    if node_type == "Conv2d":
        kw = {k: p[k] for k in ("stride", "padding", "dilation", "bias", "padding_mode")}
        return _call("nn.Conv2d", [ins[0][0], p["out_channels"], p["kernel_size"]], kw,
                     {"stride": 1, "padding": 0, "dilation": 1, "bias": True, "padding_mode": "zeros"})
    if node_type in ("MaxPool2d", "AvgPool2d"):
        kw = {"stride": p["stride"], "padding": p["padding"]}
        return _call(f"nn.{node_type}", [p["kernel_size"]], kw, {"stride": None, "padding": 0})
    if node_type == "Flatten":
        if (p["start_dim"], p["end_dim"]) == (1, -1):
            return "nn.Flatten()"
        return f"nn.Flatten({p['start_dim']}, {p['end_dim']})"
    if node_type == "Reshape":
        return f"Reshape({tuple(out_shape)!r})"
    if node_type == "Dropout":
        return f"nn.Dropout({p['p']!r})"
    if node_type == "Embedding":
        return _call("nn.Embedding", [p["num_embeddings"], p["embedding_dim"]],
                     {"padding_idx": p["padding_idx"]}, {"padding_idx": None})
    if node_type in ("BatchNorm1d", "BatchNorm2d"):
        kw = {"eps": p["eps"], "momentum": p["momentum"], "affine": p["affine"]}
        return _call(f"nn.{node_type}", [ins[0][0]], kw, {"eps": 1e-5, "momentum": 0.1, "affine": True})
    if node_type == "LayerNorm":
        kw = {"eps": p["eps"], "elementwise_affine": p["elementwise_affine"]}
        return _call("nn.LayerNorm", [ins[0][-1]], kw, {"eps": 1e-5, "elementwise_affine": True})
    if node_type == "LeakyReLU":
        return _call("nn.LeakyReLU", [], {"negative_slope": p["negative_slope"]}, {"negative_slope": 0.01})
    if node_type == "GELU":
        return _call("nn.GELU", [], {"approximate": p["approximate"]}, {"approximate": "none"})
    if node_type == "Softmax":
        d = p["dim"]
        return f"nn.Softmax(dim={d + 1 if d >= 0 else d})"
    if node_type in ("RNN", "LSTM", "GRU"):
        kw = {"output": p["output"], "num_layers": p["num_layers"], "bias": p["bias"],
              "bidirectional": p["bidirectional"]}
        if node_type == "RNN":
            kw["nonlinearity"] = p["nonlinearity"]
        defaults = {"num_layers": 1, "bias": True, "bidirectional": False, "nonlinearity": "tanh"}
        return _call(f"{node_type}Layer", [ins[0][-1], p["hidden_size"]], kw, defaults)
    if node_type == "SelfAttention":
        kw = {"dropout": p["dropout"], "bias": p["bias"]}
        return _call("SelfAttention", [ins[0][-1], p["num_heads"]], kw, {"dropout": 0.0, "bias": True})
    if node_type == "Add":
        return "Add()"
    if node_type == "Concat":
        return f"Concat(dim={p['dim'] % len(ins[0]) + 1})"
    raise KeyError(node_type)


def helpers_for(types, with_init: bool = False) -> list[str]:
    """Source of the helper classes the given layer types need, in a fixed order (and the
    init_layer function when some node has an `init`)."""
    used = set(types)
    out = [HELPERS[name].strip("\n") for name in ("Reshape", "Add", "Concat", "SelfAttention") if name in used]
    out += [RECURRENT_HELPER.format(kind=k).strip("\n") for k in ("RNN", "LSTM", "GRU") if k in used]
    if with_init:
        out.append(INIT_HELPER.strip("\n"))
    return out


def init_lines(graph: Graph, order: list[str]) -> list[str]:
    """`init_layer(self.<id>, ...)` lines of the nodes with an `init`, in build order."""
    from visualnn.core.graph.init import resolve_init, torch_arguments

    lines = []
    for nid in order:
        r = resolve_init(graph.nodes[nid].extra.get("init"))
        if r is not None:
            args = "".join(f", {k}={v!r}" for k, v in torch_arguments(r).items())
            lines.append(f"        init_layer(self.{nid}, {r['scheme']!r}{args})")
    return lines


def class_name(project_name: str) -> str:
    """A CamelCase class name from the project's name ('Two-layer sigmoid net' ->
    'TwoLayerSigmoidNet'); 'Net' when nothing usable is left."""
    words = re.findall(r"[A-Za-z0-9]+", project_name or "")
    name = "".join(w[:1].upper() + w[1:] for w in words)
    if not name or name[0].isdigit() or keyword.iskeyword(name):
        name = "Net" + name
    if name in HELPERS or name.endswith("Layer") or name in TAKEN_NAMES:
        name += "Net"
    return name


def _variables(ids: list[str]) -> dict[str, str]:
    """Local variable names in `forward`: the node id, unless it would shadow `self` (then
    `self_`), is a dunder name or reads differently once Python normalises it (NFKC: then
    `v_<id>`)."""
    taken = set(ids)
    out = {}
    for nid in ids:
        plain = unicodedata.normalize("NFKC", nid)
        if nid != "self" and plain == nid and not (nid.startswith("__") and nid.endswith("__")):
            out[nid] = nid
            continue
        var = "self_" if nid == "self" else "v_" + plain
        while var in taken:
            var += "_"
        taken.add(var)
        out[nid] = var
    return out


def model_source(graph: Graph, report: Report, name: str) -> str:
    """The `nn.Module` subclass `name` of the (valid) graph, as Python source."""
    order = report.order
    input_id = graph.input_ids()[0]
    output_id = graph.output_id() or order[-1]
    var = _variables(order)
    attr = submodule_names(order)
    init, body = [], []
    for nid in order:
        if nid == input_id:
            continue
        node = graph.nodes[nid]
        srcs = graph.inputs_of(nid)
        expr = layer_expr(node.type, report.params[nid], [report.shapes[s] for s in srcs], report.shapes[nid])
        shapes_in = ", ".join(fmt(report.shapes[s]) for s in srcs)
        note = f"node {nid}: " if attr[nid] != nid else ""
        init.append(f"        self.{attr[nid]} = {expr}  # {note}{shapes_in} -> {fmt(report.shapes[nid])}")
        body.append(f"        {var[nid]} = self.{attr[nid]}({', '.join(var[s] for s in srcs)})")
    in_shape = fmt(report.shapes[input_id])
    doc = (f'    """{graph.nodes[input_id].id} {in_shape} -> {output_id} {fmt(report.shapes[output_id])}; '
           f'attributes are the node ids of the visualnn project."""')
    lines = [f"class {name}(nn.Module):", doc, "", "    def __init__(self):", "        super().__init__()"]
    lines += init or ["        pass"]
    inits = init_lines(graph, [nid for nid in order if nid != input_id])
    if inits:
        lines += ["        # the project's initialisation (weights loaded later replace it)"] + inits
    lines += ["", f"    def forward(self, {var[input_id]}):"]
    lines += body
    lines.append(f"        return {var[output_id]}")
    return "\n".join(lines)
