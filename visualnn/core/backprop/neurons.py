"""One neuron, pixel or weight of a trace written out, computed from the trace alone.

These read a finished trace (the dict of `trace_update`) so a view can expand any neuron
the user picks, however big the layer. `index` is an output position as the trace's lists
hold it: without the batch dimension for a one-sample trace (e.g. `1` or `(1,)` for neuron 1
of a Linear, `(o, i, j)` for a Conv2d pixel), with it first for a batched trace.
"""

from __future__ import annotations

import math

import numpy as np

from visualnn.core.backprop.errors import TraceError
from visualnn.core.i18n import tr


def forward_entry(trace: dict, node: str) -> dict:
    for e in trace["forward"]:
        if e["node"] == node:
            return e
    raise TraceError(tr("node {node}: not in the trace", node=node))


def backward_entry(trace: dict, node: str) -> dict:
    for e in trace["backward"]:
        if e["node"] == node:
            return e
    raise TraceError(tr("node {node}: not in the trace", node=node))


def params_before(trace: dict, node: str) -> dict:
    """{parameter name: values before the step} of a node ({} for a layer without parameters)."""
    return trace["update"]["before"].get(node, {})


def _idx(index) -> tuple:
    if isinstance(index, (int, np.integer)):
        return (int(index),)
    return tuple(int(i) for i in index)


def _check(arr: np.ndarray, idx: tuple, node: str) -> None:
    if len(idx) != arr.ndim or any(not 0 <= i < n for i, n in zip(idx, arr.shape)):
        raise TraceError(tr("node {node}: position {idx} is outside the output of shape {shape}", node=node, idx=list(idx), shape=list(arr.shape)))


def linear_neuron(trace: dict, node: str, index) -> dict:
    """z = sum_i w_ji * x_i + b_j for the output at `index`: each term w, x and w * x, the
    bias, z (torch's value) and, when an activation follows, a = f(z)."""
    e = forward_entry(trace, node)
    z = np.asarray(e["output"], dtype=float)
    idx = _idx(index)
    _check(z, idx, node)
    x = np.asarray(e["input"], dtype=float)[idx[:-1]]
    p = params_before(trace, node)
    j = idx[-1]
    w = np.asarray(p["weight"], dtype=float)[j]
    terms = [{"i": i, "w": float(w[i]), "x": float(x[i]), "product": float(w[i] * x[i])} for i in range(len(w))]
    bias = float(p["bias"][j]) if "bias" in p else None
    out = {"node": node, "index": list(idx), "j": j, "terms": terms, "bias": bias, "z": float(z[idx]),
           "sum": math.fsum([t["product"] for t in terms] + [bias or 0.0]), "activation": None}
    act = e.get("detail", {}).get("activation")
    if act:
        ae = forward_entry(trace, act["node"])
        out["activation"] = {"node": act["node"], "function": act["function"],
                             "a": float(np.asarray(ae["output"], dtype=float)[idx]),
                             "fprime": float(np.asarray(ae["detail"]["fprime"], dtype=float)[idx])}
    return out


def linear_delta(trace: dict, node: str, index) -> dict:
    """How the delta dE/dz of one Linear output came about (see details_dense.delta_source):
    for kind "activation_linear" the terms w_kj * delta_k of the next layer, their sum and f'(z_j)."""
    b = backward_entry(trace, node)
    delta = np.asarray(b["grad_output"], dtype=float)
    idx = _idx(index)
    _check(delta, idx, node)
    src = b["detail"]["source"]
    out = {"node": node, "index": list(idx), "j": idx[-1], "delta": float(delta[idx]), "kind": src["kind"],
           "rule": src["rule"]}
    if "fprime" in src:
        out["fprime"] = float(np.asarray(src["fprime"], dtype=float)[idx])
        out["activation"] = src.get("activation")
    if src["kind"] == "activation_loss":
        out["dE_da"] = float(np.asarray(src["dE_da"], dtype=float)[idx])
    if src["kind"] in ("activation_linear", "linear"):
        nxt = src["next"]
        w2 = np.asarray(params_before(trace, nxt)["weight"], dtype=float)
        d2 = np.asarray(backward_entry(trace, nxt)["grad_output"], dtype=float)[idx[:-1]]
        j = idx[-1]
        out["next"] = nxt
        out["terms"] = [{"k": k, "w": float(w2[k, j]), "delta": float(d2[k]), "product": float(w2[k, j] * d2[k])}
                        for k in range(w2.shape[0])]
        out["sum"] = (float(np.asarray(src["sum"], dtype=float)[idx]) if "sum" in src
                      else math.fsum(t["product"] for t in out["terms"]))
    return out


def linear_weight_grad(trace: dict, node: str, j: int, i: int) -> dict:
    """dE/dw_ji = delta_j * a_i, summed over the samples (and positions) of the trace:
    each term, the sum, and the gradient autograd gave."""
    e, b = forward_entry(trace, node), backward_entry(trace, node)
    x = np.asarray(e["input"], dtype=float)
    d = np.asarray(b["grad_output"], dtype=float)
    x2, d2 = x.reshape(-1, x.shape[-1]), d.reshape(-1, d.shape[-1])
    terms = [{"position": [int(v) for v in np.unravel_index(r, x.shape[:-1])] if x.ndim > 1 else [],
              "delta": float(d2[r, j]), "a": float(x2[r, i]), "product": float(d2[r, j] * x2[r, i])}
             for r in range(len(x2))]
    return {"node": node, "j": j, "i": i, "terms": terms, "sum": math.fsum(t["product"] for t in terms),
            "value": float(b["param_grads"]["weight"][j][i])}


def _batched(trace: dict, values) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    return a[None] if trace.get("batch") is None else a


def _padded(trace: dict, e: dict) -> np.ndarray:
    import torch
    import torch.nn.functional as F

    x = torch.as_tensor(_batched(trace, e["input"]))
    ph, pw = e["detail"]["padding"]
    if ph or pw:
        mode = e["detail"]["padding_mode"]
        x = F.pad(x, (pw, pw, ph, ph), mode="constant" if mode == "zeros" else mode)
    return x.numpy()


def conv_pixel(trace: dict, node: str, index) -> dict:
    """One output pixel z[o, i, j] of a Conv2d: its receptive field (input positions, padding
    marked), the kernel W[o], the products and z = b[o] + their sum (torch's value as `z`)."""
    e = forward_entry(trace, node)
    det = e["detail"]
    z = _batched(trace, e["output"])
    idx = _idx(index)
    full = idx if trace.get("batch") is not None else (0,) + idx
    _check(z, full, node)
    bi, o, r, c = full
    xp = _padded(trace, e)
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = det["kernel_size"], det["stride"], det["padding"], det["dilation"]
    h, w_ = det["in_shape"][1], det["in_shape"][2]
    p = params_before(trace, node)
    wk = np.asarray(p["weight"], dtype=float)[o]
    terms = []
    for ch in range(wk.shape[0]):
        for u in range(kh):
            for v in range(kw):
                row, col = r * sh + u * dh, c * sw + v * dw
                pos = [ch, row - ph, col - pw]
                xv = float(xp[bi, ch, row, col])
                terms.append({"c": ch, "u": u, "v": v, "w": float(wk[ch, u, v]), "x": xv, "product": float(wk[ch, u, v] * xv),
                              "position": pos, "padding": not (0 <= pos[1] < h and 0 <= pos[2] < w_)})
    bias = float(p["bias"][o]) if "bias" in p else None
    return {"node": node, "index": list(idx), "out_channel": o, "terms": terms, "bias": bias, "z": float(z[full]),
            "sum": math.fsum([t["product"] for t in terms] + [bias or 0.0]), "kernel": wk.tolist(),
            "rows": [r * sh - ph, r * sh - ph + (kh - 1) * dh], "cols": [c * sw - pw, c * sw - pw + (kw - 1) * dw]}


def conv_weight_grad(trace: dict, node: str, windex) -> dict:
    """dE/dW[o, c, u, v] as a correlation: the sum over output pixels (i, j) and samples of
    delta[o, i, j] * x[c, i*s + u*d - p, j*s + v*d - p]; each term, the sum and autograd's value."""
    e, b = forward_entry(trace, node), backward_entry(trace, node)
    det = e["detail"]
    o, ch, u, v = _idx(windex)
    xp = _padded(trace, e)
    d = _batched(trace, b["grad_output"])
    (sh, sw), (dh, dw) = det["stride"], det["dilation"]
    terms = []
    for bi in range(d.shape[0]):
        for i in range(d.shape[2]):
            for j in range(d.shape[3]):
                xv = float(xp[bi, ch, i * sh + u * dh, j * sw + v * dw])
                terms.append({"sample": bi, "i": i, "j": j, "delta": float(d[bi, o, i, j]), "x": xv,
                              "product": float(d[bi, o, i, j] * xv)})
    return {"node": node, "index": [o, ch, u, v], "terms": terms, "sum": math.fsum(t["product"] for t in terms),
            "value": float(np.asarray(b["param_grads"]["weight"], dtype=float)[o, ch, u, v])}


def reshape_source(trace: dict, node: str, index) -> list[int]:
    """The input position (batch excluded) whose value lands at output position `index` of a
    Flatten or Reshape (batch excluded)."""
    det = forward_entry(trace, node)["detail"]
    k = int(np.ravel_multi_index(_idx(index), det["out_shape"]))
    return [int(i) for i in np.unravel_index(k, det["in_shape"])]


def param_update(trace: dict, node: str, name: str, index=()) -> dict:
    """One parameter value through the step: old, dE/dw, new and the optimizer's state there."""
    up = trace["update"]
    idx = _idx(index) if index != () else ()
    pick = lambda v: float(np.asarray(v, dtype=float)[idx]) if idx else v  # noqa: E731
    grads = backward_entry(trace, node)["param_grads"][name]
    st = up["state"][node][name]
    return {"node": node, "param": name, "index": list(idx), "old": pick(up["before"][node][name]),
            "grad": pick(grads), "new": pick(up["params"][node][name]),
            "state": {k: (pick(v) if isinstance(v, list) else v) for k, v in st.items()}}
