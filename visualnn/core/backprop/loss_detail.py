"""The loss section of the trace: the loss written out term by term, and dE/d(output).

Every term is {"index": output position (batch first in a batched trace), "output", "target",
"value": the term before averaging, "weighted": its share of E, "grad": dE/d(output) at that
position (explicit formula)}; E = the sum of "weighted". For cross_entropy a term is one
sample (-log p_y), and "shortcut" holds p, the one-hot y and p - y, which (divided by the
batch size) is dE/d(logits); bce_logits has the same shortcut with p = sigmoid(z).
"""

from __future__ import annotations

import itertools

import torch

from visualnn.core.backprop.capture import Capture
from visualnn.core.backprop.details_dense import max_error
from visualnn.core.i18n import N_, tr

TERMS_LIMIT = 256

FORMULAS = {
    "half_sse": (N_("E = 1/2 * sum_k (t_k - o_k)^2, averaged over the batch"), "dE/do_k = -(t_k - o_k) / B"),
    "mse": (N_("E = mean over every output of (o - t)^2"), "dE/do = 2 * (o - t) / N"),
    "l1": (N_("E = mean over every output of |o - t|"), "dE/do = sign(o - t) / N"),
    "bce": (N_("E = mean of -(t * log(o) + (1 - t) * log(1 - o))"), "dE/do = (o - t) / (o * (1 - o)) / N"),
    "bce_logits": (N_("E = mean of -(t * log(p) + (1 - t) * log(1 - p)), p = sigmoid(z)"), "dE/dz = (p - t) / N"),
    "cross_entropy": (N_("E = mean over the batch of -log p_y, p = softmax(z)"), "dE/dz = (p - y_onehot) / B"),
}


def _term_values(name: str, o: torch.Tensor, t: torch.Tensor):
    """(per-position term, per-position dE/do before averaging, divisor) for element-wise losses."""
    b = o.shape[0]
    n = o.numel()
    if name == "half_sse":
        return 0.5 * (t - o) ** 2, -(t - o), b
    if name == "mse":
        return (o - t) ** 2, 2 * (o - t), n
    if name == "l1":
        return (o - t).abs(), torch.sign(o - t), n
    if name == "bce":
        term = -(t * torch.log(o).clamp(min=-100) + (1 - t) * torch.log(1 - o).clamp(min=-100))
        return term, (o - t) / (o * (1 - o)).clamp(min=1e-12), n
    p = torch.sigmoid(o)  # bce_logits
    term = torch.clamp(o, min=0) - o * t + torch.log1p(torch.exp(-o.abs()))
    return term, p - t, n


def loss_section(cap: Capture, name: str, l1_weight: float) -> dict:
    out = cap.outs[cap.output_id].detach()
    t = cap.target
    formula, grad_rule = FORMULAS[name]
    sec = {"type": name, "value": float(cap.loss.detach()), "output": cap.lst(out), "target": cap.lst(t),
           "grad": cap.lst(cap.output_grad), "formula": tr(formula), "grad_rule": grad_rule,
           "batch": cap.batch}
    if name == "cross_entropy":
        _cross_entropy(cap, out, t, sec)
    else:
        term, g, div = _term_values(name, out, t)
        sec["divisor"] = div
        expect_grad = g / div
        terms = []
        for idx in itertools.islice(itertools.product(*[range(s) for s in out.shape]), TERMS_LIMIT):
            shown = list(idx[1:]) if cap.single else list(idx)
            terms.append({"index": shown, "output": float(out[idx]), "target": float(t[idx]),
                          "value": float(term[idx]), "weighted": float(term[idx] / div), "grad": float(expect_grad[idx])})
        sec["terms"] = terms
        sec["terms_omitted"] = max(0, out.numel() - TERMS_LIMIT)
        sec["max_error"] = max(max_error(term.sum() / div, cap.data_loss), max_error(expect_grad, cap.output_grad))
        if name == "bce_logits":
            p = torch.sigmoid(out)
            sec["shortcut"] = {"p": cap.lst(p), "y": cap.lst(t), "p_minus_y": cap.lst(p - t), "scale": 1.0 / div,
                               "derivation": ["E = -(t log p + (1 - t) log(1 - p)), p = sigmoid(z)",
                                              "dE/dp = (p - t) / (p (1 - p)),  dp/dz = p (1 - p)",
                                              "dE/dz = dE/dp * dp/dz = p - t"]}
    sec["data_value"] = float(cap.data_loss.detach())
    if cap.l1_penalty is not None:
        sec["l1"] = {"weight": l1_weight, "penalty": float(cap.l1_penalty.detach()), "term": l1_weight * float(cap.l1_penalty.detach()),
                     "formula": tr("E_total = E + l1 * sum |w| (weights only, not biases)")}
    return sec


def _cross_entropy(cap: Capture, z: torch.Tensor, y: torch.Tensor, sec: dict) -> None:
    b = z.shape[0]
    logp = torch.log_softmax(z, dim=1)
    p = logp.exp()
    onehot = torch.zeros_like(p)
    onehot[torch.arange(b), y] = 1.0
    terms = []
    for i in range(min(b, TERMS_LIMIT)):
        c = int(y[i])
        terms.append({"index": [] if cap.single else [i], "logits": z[i].tolist(), "target": c, "p": p[i].tolist(),
                      "p_target": float(p[i, c]), "value": float(-logp[i, c]), "weighted": float(-logp[i, c] / b)})
    sec["terms"] = terms
    sec["terms_omitted"] = max(0, b - TERMS_LIMIT)
    sec["divisor"] = b
    grad = (p - onehot) / b
    sec["shortcut"] = {"p": cap.lst(p), "y_onehot": cap.lst(onehot), "p_minus_y": cap.lst(p - onehot),
                       "scale": 1.0 / b,
                       "derivation": ["E = -log p_y = -z_y + log sum_j exp(z_j)",
                                      "dE/dz_i = -[i = y] + exp(z_i) / sum_j exp(z_j)",
                                      "dE/dz_i = p_i - y_i  (y one-hot)"]}
    sec["max_error"] = max(max_error(-logp[torch.arange(b), y].mean(), cap.data_loss), max_error(grad, cap.output_grad))
