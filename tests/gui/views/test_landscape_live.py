"""The landscape in the app: shown, it asks the training process for maps; the path
grows with each step and ends at the weights the worker holds."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from tests.gui.training.conftest import paused, weights
from tests.gui.views.helpers import line_project, open_project_window

WAIT_MS = 60000


def test_landscape_follows_training_in_the_window(qtbot, tmp_path):
    project = line_project()
    project.train["epochs"] = 0
    w = open_project_window(qtbot, tmp_path, project)
    ui, ctl = w.training, w.training.controller
    ui.views.show_view("landscape")
    view = ui.views.views["landscape"]
    assert ctl.view_requests["landscape"]["kind"] == "params"
    for _ in range(3):
        qtbot.mouseClick(ui.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step == 3 and paused(ctl) and view.map is not None and view.map.step == 3,
                    timeout=WAIT_MS)
    m = view.map
    assert len(m.path) == 4 and m.x_label == "fc.weight[0,0]" and m.y_label == "fc.bias[0]"
    now = weights(ctl, qtbot)
    np.testing.assert_allclose(m.path[-1, :2], [now["fc.weight"].item(), now["fc.bias"].item()], rtol=1e-6)
    assert view.current_point() is not None
    ui.views.show_view("curves")  # hidden: no more maps asked for
    assert ctl.view_requests["landscape"] is None
