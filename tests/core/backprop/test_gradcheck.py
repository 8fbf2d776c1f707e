"""Finite differences agree with the analytic gradients of the trace."""

import numpy as np
import pytest
import torch

from tests.core.backprop.test_trace_layers import CASES, _sample
from visualnn.core.backprop.errors import TraceError
from visualnn.core.backprop.gradcheck import gradient_check
from visualnn.core.backprop.trace import trace_update
from visualnn.core.io import load_project
from visualnn.examples import example_path


@pytest.mark.parametrize("case", ["mlp", "conv", "lstm_last", "attention", "dropout", "batchnorm1d", "concat"])
def test_gradient_check_small_error(case):
    graph, loss, batch = CASES[case](np.random.default_rng(0))
    cfg = {"loss": loss, "seed": 1, "l1": 0.001}
    x, t = _sample(graph, loss, batch, 0)
    res = gradient_check(graph, None, x, t, cfg, max_per_param=6)
    assert res["checked"] == len(res["rows"]) > 0 and res["total"] >= res["checked"]
    # gradients that are zero in theory come out as rounding noise (~1e-10) numerically
    bad = [r for r in res["rows"] if not (r["rel_error"] < 1e-5 or r["abs_error"] < 1e-9)]
    assert not bad, bad
    # the analytic side is the trace's own gradient
    trace = trace_update(graph, None, x, t, cfg, single=batch == 1)
    grads = {e["node"]: e["param_grads"] for e in trace["backward"]}
    for row in res["rows"]:
        value = np.asarray(grads[row["node"]][row["param"]])[tuple(row["index"])]
        assert abs(value - row["analytic"]) <= 1e-10 * max(1, abs(value))


def test_gradient_check_of_the_lesson_checks_every_weight():
    res = gradient_check(load_project(example_path("lesson_222_sigmoid.vnn")))
    assert res["checked"] == res["total"] == 12
    assert {(r["node"], r["param"]) for r in res["rows"]} == {("net_h", "weight"), ("net_h", "bias"),
                                                            ("net_o", "weight"), ("net_o", "bias")}
    assert res["max_rel_error"] < 1e-6


def test_gradient_check_notices_a_wrong_gradient(monkeypatch):
    # the finite differences see a loss twice as steep as the one autograd differentiates:
    # every row must then show a relative error of 1/2
    from visualnn.core.backprop import gradcheck

    real = gradcheck.loss_value

    def steeper(module, output, target, cfg):
        total, data, pen = real(module, output, target, cfg)
        return (total if torch.is_grad_enabled() else 2 * total), data, pen

    monkeypatch.setattr(gradcheck, "loss_value", steeper)
    res = gradient_check(load_project(example_path("lesson_222_sigmoid.vnn")))
    assert all(abs(r["rel_error"] - 0.5) < 1e-4 for r in res["rows"])


def test_gradient_check_refuses_bad_eps():
    with pytest.raises(TraceError):
        gradient_check(load_project(example_path("lesson_222_sigmoid.vnn")), eps=0)
