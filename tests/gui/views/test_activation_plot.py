"""The inspector of an activation layer plots f and f' with the step's pre-activations
behind, as a person selects the layer on the canvas."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from tests.gui.main_helpers import spiral_project
from tests.gui.training.conftest import paused
from tests.gui.views.helpers import open_project_window
from visualnn.core.views.activation import histogram


def test_selecting_tanh_shows_its_curve_and_the_steps_pre_activations(qtbot, tmp_path):
    w = open_project_window(qtbot, tmp_path, spiral_project())
    ctl = w.training.controller
    qtbot.mouseClick(w.training.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step == 1 and paused(ctl) and ctl.current.step == 1, timeout=60000)
    w.canvas.select_ids(["t1"])
    w.inspector.show_selection(["t1"])
    plot = w.inspector.node_page.activation_plot
    assert plot.isVisibleTo(w.inspector)
    c = plot.curve
    np.testing.assert_allclose(c.f, np.tanh(c.x), atol=1e-12)
    np.testing.assert_allclose(c.df, 1 - np.tanh(c.x) ** 2, atol=1e-12)
    z = ctl.current.snapshot.activations["fc1"]  # what reaches t1: fc1's outputs in the step
    counts, _ = histogram(z, c.x[0], c.x[-1])
    assert plot.hist[0].tolist() == counts.tolist() and counts.sum() == z.size
    w.inspector.show_selection(["fc1"])
    assert not w.inspector.node_page.activation_plot.isVisibleTo(w.inspector)
