"""LSTM / GRU / RNN unrolled through time: the gate values of the trace reproduce torch's own
outputs (h_t at every step, the LSTM's last cell state), and the gradients through time add up."""

import numpy as np
import pytest
import torch

from tests.core.backprop.reference import build
from visualnn.core.backprop.trace import trace_update
from visualnn.core.compile import compile_graph


def _graph(kind, **p):
    return build([("x", "Input", {"shape": [4, 3]}), ("rnn", kind, {"hidden_size": 3, "output": "all", **p}),
                  ("fl", "Flatten", {}), ("out", "Linear", {"out_features": 2})])


def _run(kind, **p):
    g = _graph(kind, **p)
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(1, 4, 3, generator=gen, dtype=torch.float64)
    t = torch.randn(1, 2, generator=gen, dtype=torch.float64)
    trace = trace_update(g, None, x, t, {"loss": "mse", "seed": 9})
    layer = compile_graph(g, seed=9).double().layer("rnn")
    base = type(layer).__mro__[1]  # the plain nn.RNN / nn.LSTM / nn.GRU
    out, hidden = base.forward(layer, x)
    fwd = {e["node"]: e for e in trace["forward"]}["rnn"]
    return trace, fwd, layer, x, out, hidden


def test_lstm_gates_reproduce_torch():
    trace, fwd, layer, x, out, (h_n, c_n) = _run("LSTM")
    steps = fwd["detail"]["runs"][0]["steps"]
    assert [s["t"] for s in steps] == [0, 1, 2, 3]
    for t, s in enumerate(steps):
        assert np.allclose(s["h"], out[0, t].detach().numpy(), rtol=0, atol=1e-12)
        i, f, g, o = (np.asarray(s[k]) for k in "ifgo")
        c_prev = np.asarray(s["c_prev"])
        assert np.allclose(s["c"], f * c_prev + i * g, atol=1e-15)
        assert np.allclose(s["h"], o * np.tanh(s["c"]), atol=1e-15)
        assert np.all((i > 0) & (i < 1) & (f > 0) & (f < 1) & (o > 0) & (o < 1) & (np.abs(g) < 1))
    assert np.allclose(steps[-1]["c"], c_n[0, 0].detach().numpy(), atol=1e-12)
    # gate i at t = 0 by hand: h_prev = 0, so only W_ii x_0 + b_ii + b_hi
    w, b1, b2 = layer.weight_ih_l0.detach(), layer.bias_ih_l0.detach(), layer.bias_hh_l0.detach()
    pre = w[:3] @ x[0, 0] + b1[:3] + b2[:3]
    assert np.allclose(steps[0]["i"], torch.sigmoid(pre).numpy(), atol=1e-15)


def test_gru_gates_reproduce_torch():
    trace, fwd, layer, x, out, h_n = _run("GRU")
    steps = fwd["detail"]["runs"][0]["steps"]
    for t, s in enumerate(steps):
        assert np.allclose(s["h"], out[0, t].detach().numpy(), atol=1e-12)
        r, z, n = (np.asarray(s[k]) for k in "rzn")
        assert np.allclose(s["h"], (1 - z) * n + z * np.asarray(s["h_prev"]), atol=1e-15)
    assert np.allclose(steps[-1]["h"], h_n[0, 0].detach().numpy(), atol=1e-12)
    w, b = layer.weight_ih_l0.detach(), layer.bias_ih_l0.detach() + layer.bias_hh_l0.detach()
    assert np.allclose(steps[0]["r"], torch.sigmoid(w[:3] @ x[0, 0] + b[:3]).numpy(), atol=1e-15)


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_gradients_through_time(kind):
    trace, fwd, *_ = _run(kind)
    bwd = {e["node"]: e for e in trace["backward"]}["rnn"]
    steps = bwd["detail"]["runs"][0]["steps"]
    grad_out = np.asarray(bwd["grad_output"])
    for t, s in enumerate(steps):
        # output "all": what reaches h_t straight from the output is dE/dy[t]
        assert np.allclose(s["dh_from_output"], grad_out[t], atol=1e-15)
    # the last step gets nothing from a later one; earlier steps get more than the output alone
    assert np.allclose(steps[-1]["dh"], steps[-1]["dh_from_output"], atol=1e-15)
    assert not np.allclose(steps[0]["dh"], steps[0]["dh_from_output"])
    assert bwd["detail"]["max_error"] < 1e-10 and fwd["detail"]["max_error"] < 1e-10
