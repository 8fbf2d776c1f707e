"""The update section of the trace: one optimizer step, written out.

The step is taken by torch.optim on the float64 copy (the same optimizer and settings as
training). The same step is also computed here from the optimizer's formulas, starting
from a fresh state as training does, and the two are checked equal (`max_error`). Per
parameter `state` holds the optimizer's values after the step, element by element:
sgd with momentum: `momentum_buffer` (v); adam / adamw: `m`, `v`, `m_hat`, `v_hat`, `step`;
rmsprop: `square_avg` (and `momentum_buffer`); adagrad: `sum`, `step`.
"""

from __future__ import annotations

import math

import torch

from visualnn.core.backprop.capture import Capture
from visualnn.core.backprop.details_dense import max_error
from visualnn.core.i18n import tr

ALPHA_RMSPROP = 0.99  # torch.optim.RMSprop's default smoothing constant, used in training


def formulas(cfg) -> list[str]:
    """The update rule of the project's optimizer, first step from a fresh state (t = 1)."""
    wd = cfg.weight_decay
    g = "g = dE/dw" + (f" + {wd:g} * w" if wd and cfg.optimizer != "adamw" else "")
    o = cfg.optimizer
    if o == "sgd":
        if not cfg.momentum:
            return [g, "w_new = w - lr * g"]
        lines = [g, tr("v = {momentum:g} * v_prev + g  (first step: v = g)", momentum=cfg.momentum)]
        if cfg.nesterov:
            return lines + [f"w_new = w - lr * (g + {cfg.momentum:g} * v)"]
        return lines + ["w_new = w - lr * v"]
    if o in ("adam", "adamw"):
        b1, b2 = cfg.betas
        pre = [tr("w = w * (1 - lr * {wd:g})  (decoupled weight decay)", wd=wd)] if o == "adamw" and wd else []
        return pre + [g, f"m = {b1:g} * m_prev + (1 - {b1:g}) * g", f"v = {b2:g} * v_prev + (1 - {b2:g}) * g^2",
                      f"m_hat = m / (1 - {b1:g}^t),  v_hat = v / (1 - {b2:g}^t),  t = 1",
                      f"w_new = w - lr * m_hat / (sqrt(v_hat) + {cfg.eps:g})"]
    if o == "rmsprop":
        lines = [g, f"s = {ALPHA_RMSPROP:g} * s_prev + (1 - {ALPHA_RMSPROP:g}) * g^2"]
        if cfg.momentum:
            return lines + [f"v = {cfg.momentum:g} * v_prev + g / (sqrt(s) + {cfg.eps:g})", "w_new = w - lr * v"]
        return lines + [f"w_new = w - lr * g / (sqrt(s) + {cfg.eps:g})"]
    return [g, "G = G_prev + g^2", f"w_new = w - lr * g / (sqrt(G) + {cfg.eps:g})"]


def explicit_step(cfg, w: torch.Tensor, grad: torch.Tensor) -> tuple[torch.Tensor, dict]:
    """(new value, state) of one first step written out from the formulas."""
    lr, wd, o = cfg.lr, cfg.weight_decay, cfg.optimizer
    g = grad + wd * w if wd and o != "adamw" else grad
    if o == "sgd":
        if not cfg.momentum:
            return w - lr * g, {}
        v = g.clone()
        step = g + cfg.momentum * v if cfg.nesterov else v
        return w - lr * step, {"momentum_buffer": v}
    if o in ("adam", "adamw"):
        b1, b2 = cfg.betas
        if o == "adamw":
            w = w * (1 - lr * wd)
        m, v = (1 - b1) * g, (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1), v / (1 - b2)
        return w - lr * m_hat / (v_hat.sqrt() + cfg.eps), {"m": m, "v": v, "m_hat": m_hat, "v_hat": v_hat, "step": 1}
    if o == "rmsprop":
        s = (1 - ALPHA_RMSPROP) * g * g
        avg = s.sqrt() + cfg.eps
        if cfg.momentum:
            buf = g / avg
            return w - lr * buf, {"square_avg": s, "momentum_buffer": buf}
        return w - lr * g / avg, {"square_avg": s}
    acc = g * g
    return w - lr * g / (acc.sqrt() + cfg.eps), {"sum": acc, "step": 1}


def _torch_state(cfg, state: dict) -> dict:
    """torch.optim's state for one parameter under the names used above."""
    out = {}
    for k, v in state.items():
        if k == "exp_avg":
            out["m"] = v
        elif k == "exp_avg_sq":
            out["v"] = v
        elif k in ("momentum_buffer", "square_avg", "sum"):
            out[k] = v
    return out


def update_section(cap: Capture, cfg) -> dict:
    sec = {"optimizer": cfg.optimizer, "lr": cfg.lr, "step": 1,
           "settings": {"momentum": cfg.momentum, "nesterov": cfg.nesterov, "weight_decay": cfg.weight_decay,
                        "betas": list(cfg.betas), "eps": cfg.eps, "alpha": ALPHA_RMSPROP},
           "formula": formulas(cfg), "before": {}, "params": {}, "state": {}, "buffers": {}}
    err = 0.0
    for nid in cap.order:
        layer = cap.layer(nid)
        if cap.before[nid]:
            sec["before"][nid] = {n: t.tolist() for n, t in cap.before[nid].items()}
            sec["params"][nid] = {n: t.tolist() for n, t in cap.after[nid].items()}
            sec["state"][nid] = {}
        for name, param in layer.named_parameters():
            new, state = explicit_step(cfg, cap.before[nid][name], cap.grads[nid][name])
            err = max(err, max_error(new, cap.after[nid][name]))
            for k, v in _torch_state(cfg, cap.optimizer.state.get(param, {})).items():
                if k in state:
                    err = max(err, max_error(state[k], v))
            sec["state"][nid][name] = {k: (v.tolist() if torch.is_tensor(v) else v) for k, v in state.items()}
        bufs = {n: t.tolist() for n, t in cap.buffers[nid].items()}
        if bufs:
            sec["buffers"][nid] = bufs
    sec["max_error"] = err
    sec["bias_correction"] = _bias_correction(cfg)
    return sec


def _bias_correction(cfg) -> dict | None:
    if cfg.optimizer not in ("adam", "adamw"):
        return None
    b1, b2 = cfg.betas
    return {"t": 1, "one_minus_beta1_t": 1 - b1, "one_minus_beta2_t": 1 - b2,
            "step_size": cfg.lr / (1 - b1), "sqrt_bias_correction2": math.sqrt(1 - b2)}
