"""The boundary for any data of two inputs (a table here): k classes in k colours, the
test points on demand and the discretized output, as a person ticks the boxes."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import Qt

from tests.gui.views.helpers import run, table_2d_project
from visualnn.gui.live import colormaps as cm
from visualnn.gui.panels.boundary import BoundaryView
from visualnn.gui.panels.live_views import applies
from visualnn.gui.workers import frames


def _view(qtbot, session, frame) -> BoundaryView:
    view = BoundaryView()
    qtbot.addWidget(view)
    view.resize(420, 420)
    view.set_session(session)
    view.show_frame(frame)
    view.show()
    qtbot.waitExposed(view)
    return view


def _pixel(view, x: float, y: float):
    s = view.session
    rect = view.plot_rect()
    x0, x1, y0, y1 = s.extent
    px = rect.left() + (x - x0) / (x1 - x0) * rect.width()
    py = rect.top() + (1 - (y - y0) / (y1 - y0)) * rect.height()
    return view.grab().toImage().pixelColor(int(px), int(py))


def test_a_three_class_table_gets_regions_in_three_colours_from_the_model(qtbot):
    trainer, session, frame = run(table_2d_project(), steps=80)
    assert session.is_2d and applies("boundary", session) and session.num_classes == 3
    g = frame.grid
    with torch.no_grad():
        trainer.model.eval()
        out = trainer.model(torch.from_numpy(frames.grid_points(session.extent, g.res)))
    prob = torch.softmax(out, 1).numpy()
    np.testing.assert_array_equal(g.value.reshape(-1), prob.argmax(1))
    np.testing.assert_allclose(g.confidence.reshape(-1), prob.max(1), rtol=1e-5)
    view = _view(qtbot, session, frame)
    qtbot.mouseClick(view.discrete_box, Qt.MouseButton.LeftButton)
    assert view.discrete
    for k, (cx, cy) in enumerate([(-1.0, -1.0), (1.0, -1.0), (0.0, 1.0)]):  # each blob's centre in its class's colour
        c = _pixel(view, cx + 0.12, cy + 0.12)  # beside the centre's point
        want = cm.class_color(k)
        assert abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 90


def test_show_test_data_draws_the_test_points(qtbot):
    _, session, frame = run(table_2d_project(), steps=5)
    view = _view(qtbot, session, frame)
    x, y = session.test_points[0]
    before = _pixel(view, x, y)
    assert not view.show_test
    qtbot.mouseClick(view.test_box, Qt.MouseButton.LeftButton)
    assert view.show_test
    # the ring's dark outline lies 1 radius from the centre
    rect = view.plot_rect()
    x0, x1, y0, y1 = session.extent
    px = rect.left() + (x - x0) / (x1 - x0) * rect.width()
    py = rect.top() + (1 - (y - y0) / (y1 - y0)) * rect.height()
    img = view.grab().toImage()
    ring = [img.pixelColor(int(px + dx), int(py)) for dx in (-5, -4, 4, 5)]
    assert any(c.lightness() < 110 for c in ring), (before, ring)
