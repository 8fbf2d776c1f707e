"""Per-layer detail for Linear, the element-wise activations, Softmax and Identity.

Forward detail of a Linear: z (its output), the activation that follows it, and for small
layers every neuron's terms `w_ji * x_i`. Backward detail: the delta `dE/dz` per neuron and
where it came from (the loss, an activation into the loss, or the next Linear through an
activation: `delta_j = (sum_k w_kj * delta_k) * f'(z_j)`), and `dE/dw_ji = delta_j * a_i`.
"""

from __future__ import annotations

import torch

from visualnn.core.backprop.capture import ELEMENTWISE, Capture
from visualnn.core.i18n import tr

ACTIVATIONS = {
    "Sigmoid": ("sigmoid", "a = 1 / (1 + exp(-z))", "f'(z) = a * (1 - a)"),
    "Tanh": ("tanh", "a = tanh(z)", "f'(z) = 1 - a^2"),
    "ReLU": ("relu", "a = max(0, z)", "f'(z) = 1 if z > 0 else 0"),
    "LeakyReLU": ("leaky_relu", "a = z if z > 0 else s * z", "f'(z) = 1 if z > 0 else s"),
    "GELU": ("gelu", "a = z * Phi(z)", "f'(z) = Phi(z) + z * phi(z)"),
    "Identity": ("identity", "a = z", "f'(z) = 1"),
}


def max_error(a: torch.Tensor, b: torch.Tensor) -> float:
    """Largest |a - b| relative to max(1, |b|): how far a recomputation is from torch's value."""
    a, b = a.detach().to(torch.float64), b.detach().to(torch.float64)
    if a.numel() == 0:
        return 0.0
    return float(((a - b).abs() / b.abs().clamp(min=1.0)).max())


def fprime(cap: Capture, nid: str) -> torch.Tensor:
    """f'(z) of an element-wise activation node, value by value, from torch's own backward."""
    z = cap.ins[nid][0].detach().clone().requires_grad_(True)
    with torch.enable_grad():
        a = cap.layer(nid)(z)
        (g,) = torch.autograd.grad(a.sum(), z)
    return g.detach()


def activation_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    t = cap.types[nid]
    name, formula, deriv = ACTIVATIONS[t]
    if t == "LeakyReLU":
        s = layer.negative_slope
        formula, deriv = formula.replace("s *", f"{s:g} *"), deriv.replace("else s", f"else {s:g}")
    if t == "GELU" and getattr(layer, "approximate", "none") == "tanh":
        formula, deriv = "a = 0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3)))", tr("f'(z) = d/dz of the tanh form")
        name = "gelu_tanh"
    return {"function": name, "formula": formula, "derivative": deriv,
            "z": cap.lst(cap.ins[nid][0]), "a": cap.lst(cap.outs[nid]), "fprime": cap.lst(fprime(cap, nid))}


def activation_backward(cap: Capture, nid: str) -> dict:
    fp = fprime(cap, nid)
    expect = cap.grad_out[nid] * fp
    return {"rule": "dE/dz = dE/da * f'(z)", "fprime": cap.lst(fp), "max_error": max_error(expect, cap.grad_in[nid][0])}


def softmax_forward(cap: Capture, nid: str) -> dict:
    dim = cap.layer(nid).dim
    z = cap.ins[nid][0].detach()
    shifted = z - z.amax(dim=dim, keepdim=True)
    e = shifted.exp()
    s = e.sum(dim=dim, keepdim=True)
    return {"formula": "a_i = exp(z_i) / sum_j exp(z_j)", "dim": _user_dim(dim, z.dim()),
            "exp": cap.lst(e), "sum": cap.lst(s), "shift": tr("exp(z_i - max z) (the same ratio, no overflow)"),
            "max_error": max_error(e / s, cap.outs[nid])}


def softmax_backward(cap: Capture, nid: str) -> dict:
    dim = cap.layer(nid).dim
    p, g = cap.outs[nid].detach(), cap.grad_out[nid]
    dot = (p * g).sum(dim=dim, keepdim=True)
    expect = p * (g - dot)
    return {"rule": "dE/dz_i = p_i * (dE/dp_i - sum_j p_j * dE/dp_j)", "dot": cap.lst(dot),
            "max_error": max_error(expect, cap.grad_in[nid][0])}


def _user_dim(dim: int, ndim: int) -> int:
    """torch's dim (batch counted) as the project counts it (batch excluded)."""
    return dim % ndim - 1


# -- Linear ------------------------------------------------------------------------------

def linear_forward(cap: Capture, nid: str) -> dict:
    layer = cap.layer(nid)
    x, z = cap.ins[nid][0].detach(), cap.outs[nid].detach()
    w = cap.before[nid]["weight"]
    b = cap.before[nid].get("bias")
    mine = x @ w.T + (b if b is not None else 0.0)
    d = {"formula": "z_j = sum_i w_ji * x_i" + (" + b_j" if b is not None else ""),
         "in_features": layer.in_features, "out_features": layer.out_features,
         "z": cap.lst(z), "max_error": max_error(mine, z), "activation": None}
    act = following_activation(cap, nid)
    if act:
        d["activation"] = {"node": act, "function": ACTIVATIONS[cap.types[act]][0]}
    return d


def linear_backward(cap: Capture, nid: str) -> dict:
    x = cap.ins[nid][0].detach()
    delta = cap.grad_out[nid]
    w = cap.before[nid]["weight"]
    flat_d, flat_x = delta.reshape(-1, delta.shape[-1]), x.reshape(-1, x.shape[-1])
    dw = flat_d.T @ flat_x
    d = {"delta": cap.lst(delta), "rule": "dE/dw_ji = delta_j * a_i; dE/db_j = delta_j; dE/da_i = sum_j w_ji * delta_j",
         "source": delta_source(cap, nid),
         "max_error": max(max_error(dw, cap.data_grad(nid, "weight")), max_error(delta @ w, cap.grad_in[nid][0]))}
    if "bias" in cap.grads[nid]:
        d["max_error"] = max(d["max_error"], max_error(flat_d.sum(0), cap.data_grad(nid, "bias")))
    return d


def following_activation(cap: Capture, nid: str) -> str | None:
    """The element-wise activation fed only by this node, if that is its one consumer."""
    cons = cap.consumers(nid)
    if len(cons) == 1 and cap.types[cons[0]] in ELEMENTWISE and cons[0] != nid:
        return cons[0]
    return None


def delta_source(cap: Capture, nid: str) -> dict:
    """Where a Linear node's delta (dE/dz) comes from.

    kind "loss": the node is the network output, delta = dE/dz from the loss;
    "activation_loss": z -> activation -> loss, delta = dE/da * f'(z);
    "activation_linear": z -> activation -> the next Linear, delta_j = (sum_k w_kj delta_k) * f'(z_j);
    "linear": z feeds the next Linear directly, delta_j = sum_k w_kj delta_k;
    "other": delta is the sum of what the consumers send back (listed in `consumers`)."""
    if nid == cap.output_id:
        return {"kind": "loss", "rule": tr("delta = dE/dz, straight from the loss")}
    act = following_activation(cap, nid)
    if act:
        fp = cap.lst(fprime(cap, act))
        if act == cap.output_id:
            return {"kind": "activation_loss", "activation": act, "dE_da": cap.lst(cap.grad_out[act]), "fprime": fp,
                    "rule": "delta_j = dE/da_j * f'(z_j)"}
        nxt = cap.consumers(act)
        if len(nxt) == 1 and cap.types[nxt[0]] == "Linear":
            return {"kind": "activation_linear", "activation": act, "next": nxt[0],
                    "sum": cap.lst(cap.grad_out[act]), "fprime": fp,
                    "rule": "delta_j = (sum_k w_kj * delta_k) * f'(z_j)"}
        return {"kind": "other", "activation": act, "consumers": cap.consumers(act), "fprime": fp,
                "rule": "delta_j = dE/da_j * f'(z_j)"}
    nxt = cap.consumers(nid)
    if len(nxt) == 1 and cap.types[nxt[0]] == "Linear":
        return {"kind": "linear", "next": nxt[0], "rule": "delta_j = sum_k w_kj * delta_k"}
    return {"kind": "other", "consumers": nxt, "rule": tr("delta = sum of the gradients sent back by the consumers")}
