"""In the app, on a table of two inputs: every neuron shows its heatmap over the plane
(as for the generated sets), and the landscape, once shown, is asked of the training
process; its path grows with each step and ends at the weights the worker holds."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from tests.gui.training.conftest import paused, weights
from tests.gui.views.helpers import open_project_window, table_2d_project

WAIT_MS = 60000


def test_table_data_gets_heatmaps_and_the_landscape_follows_training(qtbot, tmp_path):
    project = table_2d_project()
    project.train["epochs"] = 0
    w = open_project_window(qtbot, tmp_path, project)
    ui, ctl = w.training, w.training.controller
    assert ctl.session.is_2d
    qtbot.waitUntil(lambda: ctl.current.grid is not None, timeout=WAIT_MS)
    col = ui.canvas_live.columns["h"]
    assert col.thumbs  # each neuron of the hidden layer drawn over the plane
    ui.views.show_view("landscape")
    view = ui.views.views["landscape"]
    want = {"kind": "params", "params": ("h.weight[0,0]", "h.weight[0,1]")}
    qtbot.waitUntil(lambda: view.isVisible() and ctl.view_requests.get("landscape") == want, timeout=WAIT_MS)
    for _ in range(3):
        qtbot.mouseClick(ui.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step == 3 and paused(ctl) and view.map is not None and view.map.step == 3,
                    timeout=WAIT_MS)
    m = view.map
    assert len(m.path) == 4 and m.x_label == "h.weight[0,0]" and m.y_label == "h.weight[0,1]"
    now = weights(ctl, qtbot)
    np.testing.assert_allclose(m.path[-1, :2], now["h.weight"][0, :2].numpy(), rtol=1e-6)
    assert view.current_point() is not None
    ui.views.show_view("curves")  # hidden: no more maps asked for
    assert ctl.view_requests["landscape"] is None
