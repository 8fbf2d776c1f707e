"""The metrics view: full class names (elided only where they do not fit, whole in the
tooltip) and per-class and macro precision, recall and F1 as scikit-learn computes them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch
from PySide6.QtWidgets import QToolTip

from tests.gui.views.helpers import run, table_2d_project
from visualnn.gui.panels.confusion import ConfusionView

NAMES = ("negative review", "positive review", "neutral")


def test_metrics_are_scikit_learns_and_names_are_whole(qtbot):
    from sklearn.metrics import precision_recall_fscore_support

    trainer, session, frame = run(table_2d_project(), steps=6)
    session = replace(session, class_names=NAMES)
    view = ConfusionView()
    qtbot.addWidget(view)
    view.resize(760, 320)
    view.set_session(session)
    view.show_frame(frame)
    view.show()
    qtbot.waitExposed(view)
    ds = trainer.dataset
    with torch.no_grad():
        trainer.model.eval()
        pred = trainer.model(torch.from_numpy(ds.x_test)).argmax(1).numpy()
    y = ds.y_test.reshape(-1)
    p, r, f, n = precision_recall_fscore_support(y, pred, labels=[0, 1, 2], zero_division=0)
    rows = view.metric_rows()
    assert [row[0] for row in rows[:3]] == list(NAMES)
    np.testing.assert_allclose([row[1:4] for row in rows[:3]], np.stack([p, r, f], 1), atol=1e-12)
    assert [row[4] for row in rows[:3]] == list(n)
    mp, mr, mf, _ = precision_recall_fscore_support(y, pred, labels=[0, 1, 2], average="macro", zero_division=0)
    np.testing.assert_allclose(rows[3][1:4], (mp, mr, mf), atol=1e-12)
    view.grab()  # paints: the labels and their tooltips
    texts = [text for _, text in view.tips]
    for name in NAMES:
        assert name in texts
    # a person hovering a row label sees the full name
    rect = next(r for r, text in view.tips if text == "negative review")
    view.resize(300, 420)  # narrow: names elided, the full text still in the tooltip
    view.grab()
    rect = next(r for r, text in view.tips if text == "negative review")
    qtbot.mouseMove(view, rect.center().toPoint())
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtCore import QEvent
    QToolTip.hideText()
    view.event(QHelpEvent(QEvent.Type.ToolTip, rect.center().toPoint(), view.mapToGlobal(rect.center().toPoint())))
    assert QToolTip.text() == "negative review"
