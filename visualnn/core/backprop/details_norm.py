"""Per-layer detail for Dropout, BatchNorm1d/2d and LayerNorm (training mode).

Normalisation: mean, variance (the biased one, which normalises), x_hat = (x - mean) /
sqrt(var + eps), and y = gamma * x_hat + beta, recomputed and checked against torch; the
backward formula dx = inv_std / n * (n * dx_hat - sum dx_hat - x_hat * sum(dx_hat * x_hat))
with dx_hat = dE/dy * gamma, checked against autograd.
"""

from __future__ import annotations

import torch

from visualnn.core.backprop.capture import Capture
from visualnn.core.backprop.details_dense import max_error
from visualnn.core.i18n import tr


def dropout_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, y = cap.ins[nid][0].detach(), cap.outs[nid].detach()
    p = float(layer.p)
    scaled = cap.masks.get(nid)
    if scaled is None:  # p == 0: nothing is dropped
        scaled = torch.ones_like(x)
    mask = (scaled != 0).to(x.dtype)
    return {"p": p, "training": True, "scale": 1.0 / (1.0 - p), "mask": cap.lst(mask),
            "kept": int(mask.sum()), "dropped": int(mask.numel() - mask.sum()), "seed": cap.seed,
            "formula": tr("y = m * x / (1 - p), m = 1 (kept) or 0 (dropped), drawn with the trace's seed"),
            "max_error": max_error(x * scaled, y)}


def dropout_backward(cap: Capture, nid: str) -> dict:
    scaled = cap.masks.get(nid)
    g = cap.grad_out[nid]
    expect = g * scaled if scaled is not None else g
    return {"rule": tr("dE/dx = m * dE/dy / (1 - p): dropped values get no gradient"),
            "max_error": max_error(expect, cap.grad_in[nid][0])}


def _dims(cap: Capture, nid: str):
    """(reduced dims, shape of the statistics broadcast against x, number of values per statistic)."""
    x = cap.ins[nid][0]
    if cap.types[nid] == "LayerNorm":
        dims = (x.dim() - 1,)
    else:
        dims = tuple(d for d in range(x.dim()) if d != 1)
    n = 1
    for d in dims:
        n *= x.shape[d]
    return dims, n


def _stats(x: torch.Tensor, dims, eps: float):
    mean = x.mean(dim=dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
    inv_std = 1.0 / torch.sqrt(var + eps)
    return mean, var, inv_std, (x - mean) * inv_std


def _affine(cap: Capture, nid: str, x: torch.Tensor):
    """gamma and beta shaped to broadcast against x (None when the layer has none)."""
    p = cap.before[nid]
    if "weight" not in p:
        return None, None
    if cap.types[nid] == "LayerNorm":
        return p["weight"], p.get("bias")
    shape = [1, -1] + [1] * (x.dim() - 2)
    return p["weight"].reshape(shape), p["bias"].reshape(shape) if "bias" in p else None


def _per_stat(cap: Capture, t: torch.Tensor, nid: str):
    """Statistics as lists: per channel for BatchNorm, per row (batch kept) for LayerNorm."""
    if cap.types[nid] == "LayerNorm":
        return cap.lst(t.squeeze(-1))
    return t.reshape(-1).tolist()


def norm_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, y = cap.ins[nid][0].detach(), cap.outs[nid].detach()
    dims, n = _dims(cap, nid)
    mean, var, inv_std, xhat = _stats(x, dims, layer.eps)
    gamma, beta = _affine(cap, nid, x)
    mine = xhat * gamma if gamma is not None else xhat
    if beta is not None:
        mine = mine + beta
    d = {"eps": layer.eps, "count": n, "mean": _per_stat(cap, mean, nid), "var": _per_stat(cap, var, nid),
         "inv_std": _per_stat(cap, inv_std, nid), "x_hat": cap.lst(xhat),
         "gamma": cap.before[nid]["weight"].tolist() if gamma is not None else None,
         "beta": cap.before[nid]["bias"].tolist() if beta is not None else None,
         "formula": "x_hat = (x - mean) / sqrt(var + eps); y = gamma * x_hat + beta",
         "max_error": max_error(mine, y)}
    if cap.types[nid] == "LayerNorm":
        d["over"] = tr("each sample's last dim")
    else:
        d["over"] = tr("the batch and the positions, per channel") if x.dim() > 2 else tr("the batch, per channel")
        d.update(_running(cap, nid, mean, var, n))
    return d


def _running(cap: Capture, nid: str, mean, var, n: int) -> dict:
    """The running statistics before and after this batch (what evaluation mode will use)."""
    layer = cap.layer(nid)
    bb, ba = cap.buffers_before[nid], cap.buffers[nid]
    if "running_mean" not in bb:
        return {}
    m = layer.momentum
    unbiased = var * n / max(n - 1, 1)
    exp_mean = (1 - m) * bb["running_mean"] + m * mean.reshape(-1)
    exp_var = (1 - m) * bb["running_var"] + m * unbiased.reshape(-1)
    return {"momentum": m, "var_unbiased": unbiased.reshape(-1).tolist(),
            "running_mean_before": bb["running_mean"].tolist(), "running_mean_after": ba["running_mean"].tolist(),
            "running_var_before": bb["running_var"].tolist(), "running_var_after": ba["running_var"].tolist(),
            "running_rule": tr("running = (1 - momentum) * running + momentum * batch statistic (variance unbiased)"),
            "running_max_error": max(max_error(exp_mean, ba["running_mean"]), max_error(exp_var, ba["running_var"]))}


def norm_backward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, g = cap.ins[nid][0].detach(), cap.grad_out[nid]
    dims, n = _dims(cap, nid)
    _, _, inv_std, xhat = _stats(x, dims, layer.eps)
    gamma, _ = _affine(cap, nid, x)
    dxhat = g * gamma if gamma is not None else g
    s1 = dxhat.sum(dim=dims, keepdim=True)
    s2 = (dxhat * xhat).sum(dim=dims, keepdim=True)
    dx = inv_std / n * (n * dxhat - s1 - xhat * s2)
    err = max_error(dx, cap.grad_in[nid][0])
    grads = cap.grads[nid]
    pdims = tuple(d for d in range(x.dim()) if d not in ((x.dim() - 1,) if cap.types[nid] == "LayerNorm" else (1,)))
    if "weight" in grads:
        err = max(err, max_error((g * xhat).sum(dim=pdims).reshape(-1), cap.data_grad(nid, "weight").reshape(-1)))
    if "bias" in grads:
        err = max(err, max_error(g.sum(dim=pdims).reshape(-1), cap.data_grad(nid, "bias").reshape(-1)))
    return {"dx_hat": cap.lst(dxhat), "sum_dx_hat": _per_stat(cap, s1, nid),
            "sum_dx_hat_x_hat": _per_stat(cap, s2, nid),
            "rule": "dx_hat = dE/dy * gamma; dE/dx = inv_std / n * (n * dx_hat - sum dx_hat - x_hat * sum(dx_hat * x_hat)); dE/dgamma = sum dE/dy * x_hat; dE/dbeta = sum dE/dy",
            "max_error": err}
