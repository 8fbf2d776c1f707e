"""Short texts for the canvas: a layer's key parameters and a tensor shape (words in the UI
language, context "labels")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from visualnn.core.graph import get_spec
from visualnn.gui.i18n import translate


def shape_text(shape) -> str:
    """[8], [1, 8, 8]; '?' when unknown."""
    if shape is None:
        return "?"
    return "[" + ", ".join(str(d) for d in shape) + "]"


def _size(v) -> str:
    if isinstance(v, (list, tuple)):
        return f"{v[0]}×{v[1]}" if v[0] != v[1] else f"{v[0]}×{v[0]}"
    return f"{v}×{v}"


def _same(v, default) -> bool:
    norm = lambda x: tuple(x) if isinstance(x, (list, tuple)) and x[0] != x[1] else (x[0] if isinstance(x, (list, tuple)) else x)  # noqa: E731
    return norm(v) == norm(default)


def _g(x) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def param_summary(type_name: str, params: dict) -> str:
    """The layer's key parameters in a few words (see `_summary`); '' when they make no sense
    (a hand-edited file may hold anything: the validation badge says what is wrong)."""
    try:
        return _summary(type_name, params)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return ""


def _summary(type_name: str, params: dict) -> str:
    """The layer's key parameters in a few words, e.g. '3×3, 8 ch, stride 2' or '16 hidden, all steps'.

    `params` may be resolved (defaults filled) or the node's own; missing ones take the default.
    Layers without parameters show their formula when it is short."""
    spec = get_spec(type_name)
    if spec is None:
        return translate("labels", "unknown type")
    p = {q.name: q.default for q in spec.params}
    p.update(params or {})
    t = type_name
    if t == "Input":
        shape = list(p.get("shape") or [])
        if p.get("dtype") == "long":
            return translate("labels", "{n} token ids").format(n=shape[0] if shape else '?')
        if len(shape) == 1:
            return translate("labels", "{n} features").format(
                n=shape[0]) if shape[0] != 1 else translate("labels", "1 feature")
        if len(shape) == 3:
            return translate("labels", "{c} ch, {h}×{w} image").format(c=shape[0], h=shape[1], w=shape[2])
        if len(shape) == 2:
            return translate("labels", "{t} steps × {f}").format(t=shape[0], f=shape[1])
        return shape_text(shape)
    if t == "Linear":
        return (translate("labels", "→ {n} out").format(n=p['out_features']) if p["bias"] else
                translate("labels", "→ {n} out, no bias").format(n=p['out_features']))
    if t == "Conv2d":
        parts = [_size(p["kernel_size"]), translate("labels", "{n} ch").format(n=p['out_channels'])]
        if not _same(p["stride"], 1):
            parts.append(translate("labels", "stride {s}").format(
                s=_size(p['stride']).split('×')[0] if not isinstance(p['stride'], (list, tuple)) else _size(p['stride'])))
        if not _same(p["padding"], 0):
            parts.append(translate("labels", "pad {s}").format(
                s=p['padding'] if not isinstance(p['padding'], (list, tuple)) else _size(p['padding'])))
        if not _same(p["dilation"], 1):
            parts.append(translate("labels", "dil {s}").format(s=p['dilation']))
        return ", ".join(parts)
    if t in ("MaxPool2d", "AvgPool2d"):
        parts = [_size(p["kernel_size"])]
        if p["stride"] is not None and not _same(p["stride"], p["kernel_size"]):
            parts.append(translate("labels", "stride {s}").format(s=p['stride']))
        if not _same(p["padding"], 0):
            parts.append(translate("labels", "pad {s}").format(s=p['padding']))
        return ", ".join(parts)
    if t in ("RNN", "LSTM", "GRU"):
        parts = [translate("labels", "{n} hidden").format(n=p['hidden_size'])]
        if p["num_layers"] != 1:
            parts.append(translate("labels", "{n} layers").format(n=p['num_layers']))
        if p.get("bidirectional"):
            parts.append(translate("labels", "bi"))
        if t == "RNN" and p.get("nonlinearity", "tanh") != "tanh":
            parts.append(p["nonlinearity"])
        parts.append(translate("labels", "all steps") if p["output"] == "all" else translate("labels", "last step"))
        return ", ".join(parts)
    if t == "Embedding":
        return f"{p['num_embeddings']} → {p['embedding_dim']}"
    if t == "SelfAttention":
        heads = translate("labels", "{n} heads").format(
            n=p['num_heads']) if p['num_heads'] != 1 else translate("labels", "1 head")
        return heads + (translate("labels", ", drop {p}").format(p=_g(p['dropout'])) if p["dropout"] else "")
    if t == "Dropout":
        return f"p = {_g(p['p'])}"
    if t == "LeakyReLU":
        return translate("labels", "slope {s}").format(s=_g(p['negative_slope']))
    if t in ("Softmax", "Concat"):
        return translate("labels", "along dim {d}").format(d=p['dim'])
    if t == "Reshape":
        return "→ " + shape_text(p["shape"])
    if t == "Flatten":
        return (translate("labels", "to one vector") if (p["start_dim"], p["end_dim"]) == (1, -1)
                else translate("labels", "dims {a}..{b}").format(a=p['start_dim'], b=p['end_dim']))
    if t == "GELU" and p.get("approximate") == "tanh":
        return translate("labels", "tanh approx.")
    if t in NORM_WORDS:
        return translate("labels", NORM_WORDS[t])
    parts = spec.formula.split(" = ")
    short = " = ".join(parts[:2]) if len(parts) > 2 else spec.formula
    return short if len(short) <= 26 else ""


NORM_WORDS = {"BatchNorm1d": QT_TRANSLATE_NOOP("labels", "per feature"),
              "BatchNorm2d": QT_TRANSLATE_NOOP("labels", "per channel"),
              "LayerNorm": QT_TRANSLATE_NOOP("labels", "per sample")}
