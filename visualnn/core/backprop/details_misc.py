"""Per-layer detail for Embedding, SelfAttention, Add and Concat.

SelfAttention is computed again from its projections (q, k, v per head, scores =
q k^T / sqrt(d), softmax weights, the weighted sum of values, the output projection) and
checked equal to torch's output; autograd on that copy gives the gradients of the scores,
weights and q, k, v.
"""

from __future__ import annotations

import math

import torch

from visualnn.core.backprop.capture import Capture
from visualnn.core.backprop.details_dense import max_error
from visualnn.core.i18n import tr


def embedding_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    ids = cap.ins[nid][0]
    return {"num_embeddings": layer.num_embeddings, "embedding_dim": layer.embedding_dim,
            "padding_idx": layer.padding_idx, "ids": cap.lst(ids), "rows": sorted(set(ids.reshape(-1).tolist())),
            "formula": tr("y[t] = E[x[t]]: row x[t] of the table E"),
            "max_error": max_error(cap.before[nid]["weight"][ids], cap.outs[nid])}


def embedding_backward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    ids = cap.ins[nid][0].reshape(-1)
    g = cap.grad_out[nid].reshape(-1, layer.embedding_dim)
    keep = ids != layer.padding_idx if layer.padding_idx is not None else torch.ones_like(ids, dtype=torch.bool)
    expect = torch.zeros_like(cap.before[nid]["weight"])
    expect.index_add_(0, ids[keep], g[keep])
    rows = sorted(set(ids[keep].tolist()))
    wg = cap.data_grad(nid, "weight")
    return {"rows_with_gradient": rows, "row_grads": [[r, wg[r].tolist()] for r in rows],
            "rule": (tr("row E[id] gets the sum of dE/dy[t] over the positions t holding id; every other row gets 0; the padding row never")
                     if layer.padding_idx is not None else
                     tr("row E[id] gets the sum of dE/dy[t] over the positions t holding id; every other row gets 0")),
            "max_error": max_error(expect, wg)}


def _attention(cap: Capture, nid: str, x: torch.Tensor, p: dict):
    layer = cap.layer(nid)
    b, t, e = x.shape
    h = layer.num_heads
    d = e // h
    proj = x @ p["in_proj_weight"].T
    if p.get("in_proj_bias") is not None:
        proj = proj + p["in_proj_bias"]
    q, k, v = (m.reshape(b, t, h, d).transpose(1, 2) for m in proj.chunk(3, dim=-1))  # (B, H, T, d)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    weights = torch.softmax(scores, dim=-1)
    heads = weights @ v
    context = heads.transpose(1, 2).reshape(b, t, e)
    out = context @ p["out_proj.weight"].T
    if p.get("out_proj.bias") is not None:
        out = out + p["out_proj.bias"]
    return {"q": q, "k": k, "v": v, "scores": scores, "weights": weights, "heads": heads, "context": context}, out


def attention_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    parts, out = _attention(cap, nid, cap.ins[nid][0].detach(), cap.before[nid])
    d = {"num_heads": layer.num_heads, "head_dim": layer.head_dim, "dropout": float(layer.dropout),
         "formula": [tr("q, k, v = x W_q + b_q, x W_k + b_k, x W_v + b_v (split into heads)"),
                     "scores = q k^T / sqrt(d)", tr("weights = softmax(scores) over the keys"),
                     tr("head = weights v; context = the heads side by side"), "y = context W_o + b_o"],
         "shapes": tr("q, k, v, heads: [heads, T, d]; scores, weights: [heads, T, T]; context: [T, E]")}
    d.update({k: cap.lst(v) for k, v in parts.items()})
    # with attention dropout the weights torch used were dropped at random; the check is then
    # only meaningful without dropout
    d["max_error"] = max_error(out, cap.outs[nid]) if layer.dropout == 0 else None
    return d


def attention_backward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x = cap.ins[nid][0].detach().clone().requires_grad_(True)
    params = {n: p.clone().requires_grad_(True) for n, p in cap.before[nid].items()}
    with torch.enable_grad():
        parts, out = _attention(cap, nid, x, params)
    keys = ["q", "k", "v", "scores", "weights", "context"]
    names = list(params)
    grads = torch.autograd.grad(out, [x] + [params[n] for n in names] + [parts[k] for k in keys],
                                grad_outputs=cap.grad_out[nid], allow_unused=True)
    d = {"d_" + k: cap.lst(g) for k, g in zip(keys, grads[1 + len(names):])}
    d["rule"] = ("dE/dweights = dE/dhead v^T; dE/dscores_ij = w_ij * (dE/dw_ij - sum_k w_ik dE/dw_ik); dE/dq = dE/dscores k / sqrt(d); dE/dk = dE/dscores^T q / sqrt(d); dE/dv = weights^T dE/dhead")
    if layer.dropout == 0:
        err = max_error(grads[0], cap.grad_in[nid][0])
        for n, g in zip(names, grads[1:1 + len(names)]):
            err = max(err, max_error(g, cap.data_grad(nid, n)))
        d["max_error"] = err
    else:
        d["max_error"] = None
    return d


def add_forward(cap: Capture, nid: str) -> dict:
    total = sum(t.detach() for t in cap.ins[nid])
    return {"formula": "y = " + " + ".join(f"x{i + 1}" for i in range(len(cap.ins[nid]))),
            "max_error": max_error(total, cap.outs[nid])}


def add_backward(cap: Capture, nid: str) -> dict:
    g = cap.grad_out[nid]
    return {"rule": tr("the gradient is copied unchanged to every input: dE/dx_i = dE/dy"),
            "max_error": max(max_error(g, gi) for gi in cap.grad_in[nid])}


def _concat_parts(cap: Capture, nid: str):
    dim = cap.layer(nid).dim
    sizes = [int(t.shape[dim]) for t in cap.ins[nid]]
    offsets = [sum(sizes[:i]) for i in range(len(sizes))]
    return dim, sizes, offsets


def concat_forward(cap: Capture, nid: str) -> dict:
    dim, sizes, offsets = _concat_parts(cap, nid)
    return {"dim": dim - 1, "sizes": sizes, "offsets": offsets,
            "formula": tr("y = [x1, x2, ...] side by side along dim; input i fills positions offsets[i] .. offsets[i] + sizes[i] - 1"),
            "max_error": max_error(torch.cat([t.detach() for t in cap.ins[nid]], dim=dim), cap.outs[nid])}


def concat_backward(cap: Capture, nid: str) -> dict:
    dim, sizes, offsets = _concat_parts(cap, nid)
    g = cap.grad_out[nid]
    parts = g.split(sizes, dim=dim)
    return {"rule": tr("the gradient is split back: input i gets the slice of dE/dy at its own positions"),
            "dim": dim - 1, "sizes": sizes, "offsets": offsets,
            "max_error": max(max_error(p, gi) for p, gi in zip(parts, cap.grad_in[nid]))}
