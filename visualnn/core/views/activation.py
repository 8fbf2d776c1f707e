"""An activation layer as a picture: f and its derivative f' over a range of inputs
(autograd through the layer as the network builds it), and a histogram of the values
that reach it (the current batch's pre-activations)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ELEMENTWISE_ONLY = ("Softmax",)  # not one curve per input: no f / f' plot


@dataclass(frozen=True)
class ActivationCurve:
    """x: (n,) inputs; f: (n,) the layer's output at each; df: (n,) its derivative."""

    x: np.ndarray
    f: np.ndarray
    df: np.ndarray


def plots(type_name: str) -> bool:
    """Whether the layer type is an element-wise activation that has an f / f' picture."""
    from visualnn.core.graph import get_spec

    spec = get_spec(type_name)
    return spec is not None and spec.group == "Activation" and type_name not in ELEMENTWISE_ONLY


def activation_curve(type_name: str, params: dict | None = None, lo: float = -4.0, hi: float = 4.0,
                     n: int = 161) -> ActivationCurve:
    """f(x) and f'(x) of the activation `type_name` with `params` (its spec's defaults
    filled in) for n inputs from lo to hi, in float64."""
    import torch

    from visualnn.core.graph import get_spec

    spec = get_spec(type_name)
    layer = spec.build(spec.resolve(params or {}), [(1,)])
    x = torch.linspace(lo, hi, n, dtype=torch.float64).reshape(n, 1).requires_grad_(True)
    y = layer.double()(x)
    (g,) = torch.autograd.grad(y.sum(), x)  # element-wise: d sum / d x_i = f'(x_i)
    return ActivationCurve(x.detach().numpy().ravel(), y.detach().numpy().ravel(), g.numpy().ravel())


def histogram(values, lo: float, hi: float, bins: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """(counts (bins,), edges (bins + 1,)) of the finite values within lo..hi."""
    v = np.asarray(values, dtype=np.float64).ravel()
    v = v[np.isfinite(v)]
    return np.histogram(v, bins=bins, range=(lo, hi))


def input_range(values, least: float = 4.0, most: float = 20.0) -> tuple[float, float]:
    """A symmetric range covering the values' 1st to 99th percentile, at least +-least."""
    v = np.asarray(values, dtype=np.float64).ravel()
    v = v[np.isfinite(v)]
    m = least
    if v.size:
        m = max(least, float(np.percentile(np.abs(v), 99)) * 1.1)
    m = min(m, most)
    return -m, m
