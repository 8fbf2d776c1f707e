"""The update section equals torch.optim's step for every optimizer, and its written-out
optimizer state (momentum buffer, Adam's m, v and bias correction) equals torch's state."""

import pytest
import torch

from tests.core.backprop.reference import assert_trace_matches, build, close, reference
from visualnn.core.backprop.trace import trace_update

OPTIMIZERS = {
    "sgd": {"optimizer": "sgd"},
    "sgd_momentum": {"optimizer": "sgd", "momentum": 0.9, "weight_decay": 0.01},
    "nesterov": {"optimizer": "sgd", "momentum": 0.8, "nesterov": True},
    "adam": {"optimizer": "adam", "betas": [0.8, 0.95]},
    "adam_wd": {"optimizer": "adam", "weight_decay": 0.1},
    "adamw": {"optimizer": "adamw", "weight_decay": 0.05},
    "rmsprop": {"optimizer": "rmsprop"},
    "rmsprop_momentum": {"optimizer": "rmsprop", "momentum": 0.5, "weight_decay": 0.02},
    "adagrad": {"optimizer": "adagrad", "eps": 1e-6},
}
TORCH_NAMES = {"m": "exp_avg", "v": "exp_avg_sq", "momentum_buffer": "momentum_buffer",
               "square_avg": "square_avg", "sum": "sum"}


def _graph():
    return build([("x", "Input", {"shape": [3]}), ("fc1", "Linear", {"out_features": 4}), ("t", "Tanh", {}),
                  ("fc2", "Linear", {"out_features": 2})])


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_update_equals_torch_optim(name):
    cfg = {"loss": "mse", "lr": 0.05, "seed": 2, **OPTIMIZERS[name]}
    gen = torch.Generator().manual_seed(4)
    x = torch.randn(2, 3, generator=gen, dtype=torch.float64)
    t = torch.randn(2, 2, generator=gen, dtype=torch.float64)
    trace = trace_update(_graph(), None, x, t, cfg, single=False)
    ref = reference(_graph(), None, x, t, cfg)
    assert_trace_matches(trace, ref, single=False)
    up = trace["update"]
    assert up["optimizer"] == cfg["optimizer"] and up["lr"] == 0.05 and up["step"] == 1
    for nid, params in ref["opt_state"].items():
        for pname, state in params.items():
            mine = up["state"][nid][pname]
            for key, torch_key in TORCH_NAMES.items():
                if torch_key in state:
                    assert close(mine[key], state[torch_key]), (nid, pname, key)
            if "exp_avg" in state:
                b1, b2 = cfg.get("betas", [0.9, 0.999])
                assert close(mine["m_hat"], state["exp_avg"] / (1 - b1))
                assert close(mine["v_hat"], state["exp_avg_sq"] / (1 - b2))
                assert mine["step"] == 1


def test_adam_first_step_by_hand():
    # one weight, one sample: E = 1/2 (t - w x)^2, g = -(t - w x) x
    g = build([("x", "Input", {"shape": [1]}), ("fc", "Linear", {"out_features": 1, "bias": False})])
    w, x, t = 0.5, 2.0, 3.0
    grad = -(t - w * x) * x  # -4.0
    m, v = (1 - 0.9) * grad, (1 - 0.999) * grad ** 2
    m_hat, v_hat = m / (1 - 0.9), v / (1 - 0.999)  # = grad and grad^2
    w_new = w - 0.1 * m_hat / (v_hat ** 0.5 + 1e-8)  # about w + 0.1
    trace = trace_update(g, {"fc": {"weight": [[w]]}}, [[x]], [[t]], {"loss": "half_sse", "optimizer": "adam", "lr": 0.1})
    st = trace["update"]["state"]["fc"]["weight"]
    assert abs(trace["backward"][0]["param_grads"]["weight"][0][0] - grad) < 1e-12
    assert abs(st["m"][0][0] - m) < 1e-12 and abs(st["v"][0][0] - v) < 1e-12
    assert abs(st["m_hat"][0][0] - m_hat) < 1e-12 and abs(st["v_hat"][0][0] - v_hat) < 1e-12
    assert abs(trace["update"]["params"]["fc"]["weight"][0][0] - w_new) < 1e-12
    assert any("m_hat" in line for line in trace["update"]["formula"])
