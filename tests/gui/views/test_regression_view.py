"""The regression view draws the model's curve over the points and writes w and b."""

from __future__ import annotations

import numpy as np

from tests.gui.views.helpers import line_project, run
from visualnn.gui.panels.live_views import applies
from visualnn.gui.panels.regression import RegressionView


def test_regression_view_shows_points_curve_and_the_fitted_line(qtbot):
    trainer, session, frame = run(line_project(), steps=60)
    assert session.is_1d and applies("regression", session) and not applies("boundary", session)
    assert session.points.shape[1] == 1 and session.test_points is not None
    view = RegressionView()
    qtbot.addWidget(view)
    view.resize(480, 320)
    view.set_session(session)
    view.show_frame(frame)
    view.show()
    qtbot.waitExposed(view)
    fc = trainer.model.layer("fc")
    w, b = fc.weight.item(), fc.bias.item()
    assert view.equation() == f"y = {w:.3g} · x {'−' if b < 0 else '+'} {abs(b):.3g}"
    assert 1.0 < w < 2.5  # learning the slope 2
    xs = frame.curve.xs
    np.testing.assert_allclose(frame.curve.ys[:, 0], w * xs + b, rtol=1e-4, atol=1e-5)
    img = view.grab().toImage()
    f = view.frame_of()
    mid = f.px(float(xs[80]), float(frame.curve.ys[80, 0]))  # the curve is drawn in the error colour
    c = img.pixelColor(int(mid.x()), int(mid.y()))
    assert c.red() > 180 and c.green() < 140


def test_hidden_layers_give_a_curve_without_an_equation(qtbot):
    _, session, frame = run(line_project(hidden=True), steps=5)
    view = RegressionView()
    qtbot.addWidget(view)
    view.set_session(session)
    view.show_frame(frame)
    assert view.equation() is None and frame.curve.ys.shape == (len(frame.curve.xs), 1)
