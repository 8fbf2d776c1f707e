"""The gradient history of a deep network: one curve per colour, made when first drawn, each
layer its own run (a break between layers, never a line from one layer's end to the next)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

from visualnn.gui.panels.grad_norms import PALETTE, GradNormsView


def test_five_hundred_layers_draw_as_one_curve_per_colour(qtbot):
    view = GradNormsView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    order = [f"fc{i}" for i in range(500)]
    view.set_session(SimpleNamespace(order=order + ["relu"], params_per_node={n: 10 for n in order}))
    assert view.items == {}   # nothing made before there is something to draw
    for step in range(1, 6):
        norms = {n: 10.0 ** -(i % 7) for i, n in enumerate(order)}
        view.show_frame(SimpleNamespace(step=step, stats=SimpleNamespace(grad_norm=norms, dead={}, dead_rows=0)))
    view.show()
    view._draw()
    assert len(view.items) == len(PALETTE)
    x, y = view.items[0].getOriginalDataset()   # fc0, fc8, fc16, ...: 5 points each, a break after each
    runs = np.split(y, np.flatnonzero(np.isnan(y)))
    assert len([r for r in runs if np.isfinite(r).any()]) == math.ceil(500 / len(PALETTE))
    assert np.allclose(y[:5], 1.0) and np.isnan(y[5]) and np.allclose(y[6:11], 10.0 ** -(8 % 7))
