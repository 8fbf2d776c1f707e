"""The sequence view: the test windows and the model's next values, as its forward pass gives."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import Qt

from tests.gui.views.helpers import run, sine_project
from visualnn.gui.panels.live_views import applies
from visualnn.gui.panels.sequence import SequenceView


def test_sequence_view_shows_the_models_next_values(qtbot):
    trainer, session, frame = run(sine_project(), steps=30)
    assert session.is_sequence and applies("sequence", session) and not applies("regression", session)
    f = frame.forecast
    ds = trainer.dataset
    with torch.no_grad():
        trainer.model.eval()
        pred = trainer.model(torch.from_numpy(ds.x_test[:4])).numpy()
    np.testing.assert_allclose(f.next, pred, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(f.truth, ds.y_test[:4], rtol=1e-6)
    view = SequenceView()
    qtbot.addWidget(view)
    view.resize(520, 320)
    view.set_session(session)
    view.show_frame(frame)
    view.show()
    qtbot.waitExposed(view)
    assert view.pick.maximum() == 4
    qtbot.keyClick(view.pick, Qt.Key.Key_Up)
    assert view.pick.value() == 2
    view.grab()
