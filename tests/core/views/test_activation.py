"""f and f' of activation layers against torch's own functions and derivatives."""

from __future__ import annotations

import numpy as np
import torch

from visualnn.core.views.activation import activation_curve, histogram, input_range, plots


def test_curves_are_the_functions_and_their_derivatives():
    c = activation_curve("Tanh", lo=-3, hi=3, n=7)
    x = np.linspace(-3, 3, 7)
    np.testing.assert_allclose(c.f, np.tanh(x), atol=1e-12)
    np.testing.assert_allclose(c.df, 1 - np.tanh(x) ** 2, atol=1e-12)
    s = activation_curve("Sigmoid", lo=-2, hi=2, n=5)
    sig = 1 / (1 + np.exp(-np.linspace(-2, 2, 5)))
    np.testing.assert_allclose(s.df, sig * (1 - sig), atol=1e-12)
    r = activation_curve("LeakyReLU", {"negative_slope": 0.1}, lo=-1, hi=1, n=4)
    np.testing.assert_allclose(r.df, [0.1, 0.1, 1.0, 1.0])
    g = activation_curve("GELU", lo=-1, hi=1, n=3)
    np.testing.assert_allclose(g.f, torch.nn.functional.gelu(torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64)))
    assert plots("ReLU") and not plots("Softmax") and not plots("Linear")


def test_histogram_and_range():
    v = np.array([-1.0, 0.1, 0.2, 3.0, np.nan])
    counts, edges = histogram(v, -2, 2, bins=4)
    assert counts.tolist() == [0, 1, 2, 0] and edges[0] == -2
    assert input_range(np.array([0.5, -0.2])) == (-4.0, 4.0)
    lo, hi = input_range(np.full(100, 10.0))
    assert lo == -hi and 10.0 < hi <= 20.0
