"""The metrics view: full class names (elided only where they do not fit, whole in the
tooltip) and per-class and macro precision, recall and F1 as scikit-learn computes them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolTip

from tests.gui.views.helpers import run, table_2d_project
from visualnn.gui import theme
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


def test_the_runs_strip_shows_the_newest_runs_and_always_the_one_in_progress(qtbot):
    from visualnn.gui.document import Document
    from visualnn.gui.live.runs_model import RunsModel, run_color
    from visualnn.gui.panels.confusion import RUN_ROWS
    from visualnn.gui.workers.live_buffer import Drained

    trainer, session, frame = run(table_2d_project(), steps=6)
    doc = Document(table_2d_project())
    model = RunsModel(doc)
    row = {"epoch": 1, "step": 8, "train_loss": 0.5, "test_loss": 0.6, "train_accuracy": 0.8, "test_accuracy": 0.75,
           "train_f1": 0.7, "test_f1": 0.66}
    for lr in (0.1, 0.2, 0.3):
        doc.project.train["lr"] = lr
        model.begin_run()
        model.add_losses(Drained(np.arange(1, 9, dtype=float), np.linspace(1, 0.5, 8), [row]))
    now = model.current
    for seed in range(5):  # a race's variants join after the run in progress
        model.add_finished({**doc.project.train, "seed": seed + 1}, [row])
    model.set_visible(model.runs[-1], False)
    view = ConfusionView()
    qtbot.addWidget(view)
    view.use_runs(model)
    view.resize(560, 520)
    view.set_session(session)
    view.show_frame(frame)
    rows = view.run_rows()
    assert len(rows) == RUN_ROWS and [r[0] for r in rows] == [now] + model.runs[3:7]
    assert [r[4] for r in rows] == [True] + [False] * 4 and all(r[2] == run_color(r[0]) for r in rows)
    assert rows[0][3] == {"epoch": 1, "split": "test", "accuracy": 0.75, "f1": 0.66, "loss": 0.6}
    assert view.accent() == QColor(run_color(now))
    picture = view.grab().toImage()
    tips = [text for _, text in view.tips]
    assert tips.count(f"{model.label(now)}: epoch 1, test split") == 1
    y = max(r.center().y() for r, text in view.tips if text.endswith("test split"))  # the last row's tint
    tint = picture.pixelColor(view.width() // 2, int(y))
    want = QColor(run_color(rows[-1][0]))
    assert tint != QColor(theme.current()["card"]) and abs(tint.hue() - want.hue()) <= 12
