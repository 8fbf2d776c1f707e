"""The regression curve is the model's own forward pass; a single Linear layer is w x + b."""

from __future__ import annotations

import numpy as np
import torch

from tests.gui.views.helpers import line_project
from visualnn.core.compile import compile_graph
from visualnn.core.views.regression import input_range, regression_curve, single_linear


def test_curve_is_the_forward_pass_over_the_range():
    model = compile_graph(line_project(hidden=True).graph, seed=3)
    curve = regression_curve(model, -2.0, 3.0, n=11)
    with torch.no_grad():
        want = model(torch.linspace(-2.0, 3.0, 11).reshape(11, 1)).numpy()
    np.testing.assert_allclose(curve.xs, np.linspace(-2, 3, 11), rtol=1e-6)
    np.testing.assert_allclose(curve.ys, want, rtol=1e-5, atol=1e-6)
    assert curve.line is None  # a hidden layer: no single line


def test_single_linear_layer_gives_its_weight_and_bias():
    model = compile_graph(line_project().graph, seed=0)
    w, b = single_linear(model)
    assert w == model.layer("fc").weight.item() and b == model.layer("fc").bias.item()
    curve = regression_curve(model, 0.0, 1.0, n=3)
    np.testing.assert_allclose(curve.ys[:, 0], w * np.array([0.0, 0.5, 1.0]) + b, rtol=1e-5, atol=1e-6)


def test_input_range_widens_the_data_span():
    assert input_range(np.array([0.0, 10.0]), margin=0.1) == (-1.0, 11.0)
