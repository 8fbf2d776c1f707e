"""The network as a function of one input: the curve a regression view draws over the
data points, and the slope and intercept of a network that is a single Linear layer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CURVE_POINTS = 160


@dataclass(frozen=True)
class Curve:
    """xs: (n,) inputs spread evenly over the data's range (with a margin); ys: (n, k) the
    network's k outputs at each (eval mode). line: (w, b) when the network is one Linear
    layer from its single input to a single output (y = w x + b), else None."""

    xs: np.ndarray
    ys: np.ndarray
    line: tuple | None


def input_range(values: np.ndarray, margin: float = 0.08) -> tuple[float, float]:
    """(lo, hi) of the values widened by `margin` of their span on each side."""
    v = np.asarray(values, dtype=np.float64).ravel()
    v = v[np.isfinite(v)]
    if not v.size:
        return -1.0, 1.0
    lo, hi = float(v.min()), float(v.max())
    pad = margin * max(hi - lo, 1e-6)
    return lo - pad, hi + pad


def single_linear(model) -> tuple[float, float] | None:
    """(w, b) of a network whose only parameterised layer is one Linear(1 -> 1) and whose
    other layers are Identity (so its output is exactly w x + b); else None."""
    linear = [nid for nid, _ in model.plan if model.types[nid] == "Linear"]
    others = [nid for nid, _ in model.plan if model.types[nid] not in ("Linear", "Identity")]
    if len(linear) != 1 or others:
        return None
    layer = model.layer(linear[0])
    if tuple(layer.weight.shape) != (1, 1):
        return None
    w = float(layer.weight.detach().cpu().reshape(-1)[0])
    b = float(layer.bias.detach().cpu().reshape(-1)[0]) if layer.bias is not None else 0.0
    return w, b


def regression_curve(model, lo: float, hi: float, n: int = CURVE_POINTS) -> Curve:
    """The network's outputs over `n` evenly spaced inputs from lo to hi (a model whose
    Input is one number)."""
    from visualnn.core.train.probes import predict_grid

    xs = np.linspace(lo, hi, n, dtype=np.float32)
    out = predict_grid(model, xs.reshape(n, 1), nodes=()).output
    return Curve(xs, np.asarray(out, np.float32).reshape(n, -1), single_linear(model))
