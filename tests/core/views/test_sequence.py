"""The forecast is the model's own output: one step, and rolled out on its predictions."""

from __future__ import annotations

import numpy as np
import torch

from tests.gui.views.helpers import chain
from visualnn.core.compile import compile_graph
from visualnn.core.views.sequence import forecast, predicts_next, rollout


def _model():
    p = chain([10, 1], [("RNN", "rnn", {"hidden_size": 6, "output": "last"}), ("Linear", "out", {"out_features": 1})],
              {"kind": "builtin", "name": "sine", "params": {"samples": 40, "seq_len": 10}}, {"loss": "mse"})
    return compile_graph(p.graph, seed=1)


def test_rollout_feeds_back_the_models_predictions():
    model = _model()
    w = np.sin(np.arange(10) * 0.3).astype(np.float32)[:, None]
    got = rollout(model, w, steps=3)
    x = torch.from_numpy(w)
    want = []
    with torch.no_grad():
        for _ in range(3):
            y = model(x[None])[0]
            want.append(y.numpy())
            x = torch.cat([x[1:], y[None]], 0)
    np.testing.assert_allclose(got, np.array(want), rtol=1e-5, atol=1e-6)


def test_forecast_one_step_and_error():
    model = _model()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 10, 1)).astype(np.float32)
    y = rng.standard_normal((7, 1)).astype(np.float32)
    f = forecast(model, x, y, samples=2, steps=4)
    with torch.no_grad():
        pred = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(f.next, pred[:2], rtol=1e-5, atol=1e-6)
    assert np.isclose(f.error, np.abs(pred - y).mean(), rtol=1e-5)
    assert f.rollout.shape == (2, 4, 1) and np.allclose(f.rollout[:, 0], pred[:2], atol=1e-6)
    assert predicts_next((10, 1), 1, "regression") and not predicts_next((2,), 1, "regression")
