"""Which matrices a stage shows as small heatmaps, read from the trace (no maths here).

`stage_pictures(trace, stage, focus)` returns Pictures (caption, values, marked cells)
for the equation panel: the weight matrix with the current neuron's row framed, a Conv2d
input with the picked pixel's receptive field framed, pooling winners, the dropout mask,
attention weights per head, gate values over time, the gradients and the update's change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

MAX_PICTURES = 6
MAX_CHANNELS = 3


@dataclass
class Picture:
    caption: str
    values: object
    marks: list = field(default_factory=list)


def _one(trace: dict, values) -> np.ndarray:
    """The first sample of a per-sample value (a one-sample trace holds just that sample)."""
    a = np.asarray(values, dtype=float)
    return a if trace.get("batch") is None else a[0]


def _entry(entries, node):
    return next((e for e in entries if e["node"] == node), None)


def _index(neuron):
    if neuron is None:
        return None
    if isinstance(neuron, (list, tuple)):
        return tuple(int(i) for i in neuron)
    return (int(neuron),)


def stage_pictures(trace: dict, stage, focus: dict | None = None) -> list[Picture]:
    if trace is None or stage is None:
        return []
    try:
        if stage.kind == "loss":
            pics = _loss(trace)
        elif stage.kind == "forward":
            pics = _forward(trace, stage, focus or {})
        elif stage.kind == "backward":
            pics = _backward(trace, stage)
        else:
            pics = _update(trace, stage)
    except (KeyError, IndexError, TypeError, ValueError):
        return []  # a picture is an extra: never let it break the equations
    return [p for p in pics if np.asarray(p.values, dtype=float).size > 0][:MAX_PICTURES]


def _row_marks(j: int, cols: int) -> list:
    return [(j, c) for c in range(cols)]


def _forward(trace, stage, focus) -> list[Picture]:
    e = _entry(trace["forward"], stage.node)
    if e is None:
        return []
    t, det = e["type"], e.get("detail") or {}
    before = (trace.get("update") or {}).get("before", {}).get(stage.node, {})
    idx = _index(stage.neuron)
    if t == "Linear":
        w = np.asarray(before["weight"], dtype=float)
        picked = focus.get(stage.node)
        j = idx[-1] if idx else (picked[-1] if picked else None)
        marks = _row_marks(j, w.shape[1]) if j is not None and w.size <= 4096 else []
        return [Picture(f"W of {stage.node} (row j = neuron j)", w, marks)]
    if t == "Conv2d":
        return _conv(trace, e, before, idx, focus.get(stage.node))
    if t == "MaxPool2d":
        x = _one(trace, e["input"])[0]
        arg = _one(trace, det["argmax"]) if trace.get("batch") is not None else np.asarray(det["argmax"])
        wins = {(int(h), int(w)) for h, w in np.asarray(arg[0]).reshape(-1, 2)}
        return [Picture("input, channel 1 (framed: the winners)", x, sorted(wins)),
                Picture("output, channel 1", _one(trace, e["output"])[0])]
    if t == "AvgPool2d":
        return [Picture("input, channel 1", _one(trace, e["input"])[0]),
                Picture("output, channel 1", _one(trace, e["output"])[0])]
    if t in ("Flatten", "Reshape"):
        return [Picture("input", _one(trace, e["input"])), Picture("output", _one(trace, e["output"]))]
    if t == "Dropout" and "mask" in det:
        return [Picture("mask m / (1 - p) (0: dropped)", _one(trace, det["mask"])),
                Picture("output", _one(trace, e["output"]))]
    if t in ("BatchNorm1d", "BatchNorm2d", "LayerNorm"):
        return [Picture("x_hat (normalised)", _one(trace, det["x_hat"])), Picture("output", _one(trace, e["output"]))]
    if t in ("RNN", "LSTM", "GRU"):
        run = det["runs"][0]
        steps = run["steps"]
        pics = [Picture("h_t over time (row t)", [_one(trace, s["h"]) for s in steps])]
        for g in det.get("gates", []):
            if g != "h" and g in steps[0]:
                pics.append(Picture(f"gate {g} over time", [_one(trace, s[g]) for s in steps]))
        return pics
    if t == "Embedding":
        w = np.asarray(before["weight"], dtype=float)
        ids = np.asarray(_one(trace, det["ids"]), dtype=int).reshape(-1)
        return [Picture("looked-up rows E[x_t] (row t)", w[ids])]
    if t == "SelfAttention":
        weights = _one(trace, det["weights"])
        return [Picture(f"attention weights, head {h + 1} (row: query, column: key)", weights[h])
                for h in range(min(len(weights), 4))]
    if t in ("Add", "Concat"):
        ins = e.get("inputs") or [e["input"]]
        return [Picture(f"input {i + 1} ({src})", _one(trace, v)) for i, (src, v) in enumerate(zip(e["sources"], ins))] \
            + [Picture("output", _one(trace, e["output"]))]
    if t == "Softmax":
        return [Picture("probabilities", _one(trace, e["output"]))]
    out = _one(trace, e["output"])
    return [Picture("output", out)] if out.ndim >= 2 else []


def _conv(trace, e, before, idx, focus) -> list[Picture]:
    from visualnn.core.backprop.neurons import conv_pixel

    out = _one(trace, e["output"])
    if idx is None:
        idx = tuple(focus) if focus and len(focus) == 3 else (0, out.shape[1] // 2, out.shape[2] // 2)
    full = idx if trace.get("batch") is None else (0,) + tuple(idx[-3:])
    px = conv_pixel(trace, e["node"], full)
    o, r, c = idx[-3], idx[-2], idx[-1]
    x = _one(trace, e["input"])
    marks = []
    for tm in px["terms"]:
        if tm["c"] == 0 and not tm["padding"]:
            marks.append((tm["position"][1], tm["position"][2]))
    kernel = np.asarray(px["kernel"], dtype=float)
    # channels count from 0, as in the formula's x[c, ...] and W[o, c, ...]
    pics = [Picture(f"input channel {ch} (framed: the receptive field)", x[ch], marks if ch == 0 else
                    [(tm["position"][1], tm["position"][2]) for tm in px["terms"] if tm["c"] == ch and not tm["padding"]])
            for ch in range(min(x.shape[0], MAX_CHANNELS))]
    pics += [Picture(f"kernel W[{o}], input channel {ch}", kernel[ch]) for ch in range(min(kernel.shape[0], 2))]
    pics.append(Picture(f"output map {o} (framed: this pixel)", out[o], [(r, c)]))
    return pics


def _loss(trace) -> list[Picture]:
    loss = trace["loss"]
    if loss["type"] == "cross_entropy" and "shortcut" in loss:
        sc = loss["shortcut"]
        return [Picture("p (softmax), y (one-hot), p - y", [_one(trace, sc["p"]), _one(trace, sc["y_onehot"]),
                                                         _one(trace, sc["p_minus_y"])])]
    o, t = _one(trace, loss["output"]).reshape(-1), np.asarray(_one(trace, loss["target"]), dtype=float).reshape(-1)
    if o.size != t.size or o.size > 64:
        return []
    return [Picture("output (row 1) and target (row 2)", [o, t])]


def _backward(trace, stage) -> list[Picture]:
    b = _entry(trace["backward"], stage.node)
    if b is None:
        return []
    pics = []
    for name, g in (b.get("param_grads") or {}).items():
        g = np.asarray(g, dtype=float)
        if g.ndim >= 2:
            pics.append(Picture(f"∂E/∂{name} (all of it)", g if g.ndim == 2 else g.reshape(-1, g.shape[-1])))
    det = b.get("detail") or {}
    if b["type"] == "SelfAttention" and "d_weights" in det:
        pics.append(Picture("∂E/∂(attention weights), head 1", _one(trace, det["d_weights"])[0]))
    if b["type"] in ("RNN", "LSTM", "GRU") and det.get("runs"):
        steps = det["runs"][0]["steps"]
        pics.append(Picture("∂E/∂h_t over time (row t)", [_one(trace, s["dh"]) for s in steps]))
    g = _one(trace, b["grad_output"])
    if g.ndim >= 2:
        pics.append(Picture("∂E/∂(output)", g[0] if g.ndim == 3 else g))
    return pics


def _update(trace, stage) -> list[Picture]:
    up = trace["update"]
    if stage.node not in up.get("params", {}):
        return []
    pics = []
    for name, new in up["params"][stage.node].items():
        new = np.asarray(new, dtype=float)
        old = np.asarray(up["before"][stage.node][name], dtype=float)
        if new.ndim >= 2 or new.size > 4:
            change = new - old
            pics.append(Picture(f"change of {name} (new - old)", change if change.ndim <= 2 else change.reshape(-1, change.shape[-1])))
    return pics
