"""Sequences: a window of values and what the network predicts comes next, one step
(the value it was trained to predict) and many steps (feeding its own predictions back)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLES = 4
ROLLOUT = 24


def predicts_next(input_shape, output_dim: int, task: str, dtype: str = "float") -> bool:
    """The data are windows (T, F) of F float features whose target is the next step's F
    values (the sine set): the sequence view applies."""
    return task == "regression" and dtype == "float" and len(input_shape) == 2 and input_shape[1] == output_dim


@dataclass(frozen=True)
class SequenceForecast:
    """windows: (k, T, F) test windows; truth: (k, F) their true next values; next: (k, F)
    the network's one-step prediction; rollout: (k, R, F) its R steps ahead, each fed the
    window shifted by its own earlier predictions; error: the mean |next - truth| over
    the first `count` test windows."""

    windows: np.ndarray
    truth: np.ndarray
    next: np.ndarray
    rollout: np.ndarray
    error: float
    count: int


def rollout(model, window: np.ndarray, steps: int = ROLLOUT) -> np.ndarray:
    """(steps, F): the network's prediction of the next value, appended to the window (the
    oldest value dropped), `steps` times."""
    from visualnn.core.train.probes import predict_grid

    w = np.array(window, dtype=np.float32)
    out = []
    for _ in range(int(steps)):
        y = predict_grid(model, w[None], nodes=()).output.reshape(-1)[: w.shape[1]]
        out.append(y)
        w = np.concatenate([w[1:], y[None]], axis=0)
    return np.asarray(out, dtype=np.float32).reshape(int(steps), -1)


def forecast(model, x: np.ndarray, y: np.ndarray, samples: int = SAMPLES, steps: int = ROLLOUT,
             count: int = 500) -> SequenceForecast:
    """The forecast of the first `samples` windows of x (N, T, F) with targets y (N, F)."""
    from visualnn.core.train.probes import predict_grid

    n = min(int(count), len(x))
    pred = predict_grid(model, x[:n], nodes=()).output.reshape(n, -1)
    truth = np.asarray(y[:n], dtype=np.float32).reshape(n, -1)
    k = min(samples, n)
    rolls = np.stack([rollout(model, x[i], steps) for i in range(k)]) if k else np.zeros((0, steps, x.shape[2]))
    err = float(np.mean(np.abs(pred - truth))) if n else 0.0
    return SequenceForecast(np.array(x[:k], dtype=np.float32), truth[:k], pred[:k].astype(np.float32), rolls, err, n)
