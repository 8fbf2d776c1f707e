"""Per-layer detail for Conv2d, MaxPool2d, AvgPool2d, Flatten and Reshape.

A convolution's per-pixel multiply-add is not dumped for every pixel: `neurons.conv_pixel`
computes it from the trace for the output position a user picks. Here the trace gets the
layer's geometry, and checks that the unfolded multiply-add (the receptive fields times the
kernels) and the weight gradient as a correlation of input and delta equal torch's values.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from visualnn.core.backprop.capture import Capture
from visualnn.core.backprop.details_dense import max_error
from visualnn.core.i18n import tr

MAPPING_LIMIT = 256  # inline the Flatten/Reshape index mapping up to this many values per sample


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def padded_input(x: torch.Tensor, padding, mode: str) -> torch.Tensor:
    """The input with the layer's padding applied (zeros or the padding mode's values)."""
    ph, pw = _pair(padding)
    if ph == 0 and pw == 0:
        return x
    return F.pad(x, (pw, pw, ph, ph), mode="constant" if mode == "zeros" else mode)


def _conv_geometry(layer) -> dict:
    return {"kernel_size": list(_pair(layer.kernel_size)), "stride": list(_pair(layer.stride)),
            "padding": list(_pair(layer.padding)), "dilation": list(_pair(layer.dilation)),
            "padding_mode": layer.padding_mode, "in_channels": layer.in_channels,
            "out_channels": layer.out_channels}


def conv_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, z = cap.ins[nid][0].detach(), cap.outs[nid].detach()
    w, b = cap.before[nid]["weight"], cap.before[nid].get("bias")
    xp = padded_input(x, layer.padding, layer.padding_mode)
    cols = F.unfold(xp, layer.kernel_size, dilation=layer.dilation, stride=layer.stride)  # (B, C*kh*kw, L)
    mine = (w.reshape(w.shape[0], -1) @ cols).reshape(z.shape)
    if b is not None:
        mine = mine + b.reshape(1, -1, 1, 1)
    d = _conv_geometry(layer)
    d.update({"formula": "z[o,i,j] = b[o] + sum_c,u,v W[o,c,u,v] * x[c, i*s+u*d-p, j*s+v*d-p]",
              "in_shape": list(x.shape[1:]), "out_shape": list(z.shape[1:]),
              "receptive_field": d["kernel_size"], "z": cap.lst(z), "max_error": max_error(mine, z),
              "pick": "neurons.conv_pixel(trace, node, index) writes out one output pixel"})
    return d


def conv_backward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, delta = cap.ins[nid][0].detach(), cap.grad_out[nid]
    w = cap.before[nid]["weight"]
    xp = padded_input(x, layer.padding, layer.padding_mode)
    cols = F.unfold(xp, layer.kernel_size, dilation=layer.dilation, stride=layer.stride)
    dflat = delta.reshape(delta.shape[0], delta.shape[1], -1)  # (B, O, L)
    dw = torch.einsum("bol,bkl->ok", dflat, cols).reshape(w.shape)
    err = max_error(dw, cap.data_grad(nid, "weight"))
    if "bias" in cap.grads[nid]:
        err = max(err, max_error(delta.sum(dim=(0, 2, 3)), cap.data_grad(nid, "bias")))
    if layer.padding_mode == "zeros":
        dcols = w.reshape(w.shape[0], -1).T @ dflat
        ph, pw = _pair(layer.padding)
        dx = F.fold(dcols, xp.shape[2:], layer.kernel_size, dilation=layer.dilation, stride=layer.stride)
        dx = dx[:, :, ph:ph + x.shape[2], pw:pw + x.shape[3]]
        err = max(err, max_error(dx, cap.grad_in[nid][0]))
    return {"delta": cap.lst(delta), "max_error": err,
            "rule": tr("dE/dW[o,c,u,v] = sum_i,j delta[o,i,j] * x[c, i*s+u*d-p, j*s+v*d-p] (a correlation of the input with the delta map); dE/db[o] = sum_i,j delta[o,i,j]; dE/dx = delta spread back through the flipped kernels"),
            "pick": "neurons.conv_weight_grad(trace, node, (o, c, u, v)) writes out one weight's gradient"}


def _pool_geometry(layer) -> dict:
    return {"kernel_size": list(_pair(layer.kernel_size)),
            "stride": list(_pair(layer.stride if layer.stride is not None else layer.kernel_size)),
            "padding": list(_pair(layer.padding))}


def maxpool_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, y = cap.ins[nid][0].detach(), cap.outs[nid].detach()
    g = _pool_geometry(layer)
    vals, idx = F.max_pool2d(x, g["kernel_size"], g["stride"], g["padding"], return_indices=True)
    width = x.shape[3]
    pos = torch.stack([idx // width, idx % width], dim=-1)
    g.update({"formula": tr("y[c,i,j] = max over the window of x[c, i*s+u-p, j*s+v-p]"),
              "argmax": cap.lst(pos), "argmax_note": tr("argmax[c][i][j] = [h, w]: the input position that won"),
              "max_error": max_error(vals, y)})
    return g


def maxpool_backward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, gout = cap.ins[nid][0].detach(), cap.grad_out[nid]
    g = _pool_geometry(layer)
    _, idx = F.max_pool2d(x, g["kernel_size"], g["stride"], g["padding"], return_indices=True)
    b, c = x.shape[:2]
    dx = torch.zeros(b, c, x.shape[2] * x.shape[3], dtype=gout.dtype)
    dx.scatter_add_(2, idx.reshape(b, c, -1), gout.reshape(b, c, -1))
    return {"rule": tr("each output's gradient goes to the input that won its window; the others get 0"),
            "max_error": max_error(dx.reshape(x.shape), cap.grad_in[nid][0])}


def avgpool_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    g = _pool_geometry(layer)
    div = g["kernel_size"][0] * g["kernel_size"][1]
    x, y = cap.ins[nid][0].detach(), cap.outs[nid].detach()
    cols = F.unfold(x, g["kernel_size"], stride=g["stride"], padding=g["padding"])
    b, c = x.shape[:2]
    mine = cols.reshape(b, c, div, -1).sum(2).reshape(y.shape) / div
    g.update({"formula": tr("y[c,i,j] = (sum over the window of x) / {div}", div=div), "divisor": div,
              "count_include_pad": bool(layer.count_include_pad), "max_error": max_error(mine, y)})
    return g


def avgpool_backward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    g = _pool_geometry(layer)
    div = g["kernel_size"][0] * g["kernel_size"][1]
    x, gout = cap.ins[nid][0].detach(), cap.grad_out[nid]
    b, c = x.shape[:2]
    cols = (gout.reshape(b * c, 1, -1) / div).expand(b * c, div, gout.shape[2] * gout.shape[3])
    dx = F.fold(cols, x.shape[2:], g["kernel_size"], stride=g["stride"], padding=g["padding"]).reshape(x.shape)
    return {"rule": tr("each input of a window gets 1/{div} of that window's gradient (summed where windows overlap)", div=div),
            "max_error": max_error(dx, cap.grad_in[nid][0])}


def reshape_forward(cap: Capture, nid: str) -> dict:
    x, y = cap.ins[nid][0], cap.outs[nid]
    in_shape, out_shape = list(x.shape[1:]), list(y.shape[1:])
    d = {"in_shape": in_shape, "out_shape": out_shape,
         "rule": tr("the values keep their row-major order: output position k (counted flat) is input position k"),
         "max_error": max_error(y.reshape(x.shape), x)}
    if y[0].numel() <= MAPPING_LIMIT:
        d["mapping"] = [[list(o), list(i)] for o, i in index_pairs(in_shape, out_shape)]
    return d


def reshape_backward(cap: Capture, nid: str) -> dict:
    gin = cap.grad_in[nid][0]
    return {"rule": tr("the gradient is given back the input's shape, value for value"),
            "max_error": max_error(cap.grad_out[nid].reshape(gin.shape), gin)}


def index_pairs(in_shape, out_shape):
    """(output index, input index) for every value of a reshape, batch excluded."""
    import numpy as np

    n = int(np.prod(out_shape))
    outs = np.stack(np.unravel_index(np.arange(n), out_shape), axis=1)
    ins = np.stack(np.unravel_index(np.arange(n), in_shape), axis=1)
    return [(tuple(int(v) for v in o), tuple(int(v) for v in i)) for o, i in zip(outs, ins)]
