"""Train one project, open another: every view shows the new one or its empty state."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.gui.main_helpers import answer_next_dialog
from visualnn.examples import example_path

from .conftest import WAIT_MS


def runs_with_data(curves) -> int:
    m = curves.model
    return sum(1 for run in m.runs if run.history or (run.uid in m.batch and m.batch[run.uid].count))


def train_a_little(w, qtbot, steps: int = 30) -> None:
    ctl = w.training.controller
    w.training.actions["play"].trigger()
    qtbot.waitUntil(lambda: ctl.step >= steps and ctl.current is not None, timeout=WAIT_MS)
    w.training.actions["play"].trigger()
    qtbot.waitUntil(lambda: ctl.state != "running", timeout=WAIT_MS)


def test_open_another_project_leaves_nothing_of_the_last(thread_window, qtbot):
    w = thread_window
    ctl = w.training.controller
    views = w.training.views.ensure_views()
    train_a_little(w, qtbot)
    qtbot.waitUntil(lambda: views["curves"].summary.text() != "Press Play to train", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: views["boundary"].grid is not None, timeout=WAIT_MS)
    old_boundary = views["boundary"]

    assert w.document.dirty  # the run trained is the project's: closing it asks first
    seen: list[str] = []
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Discard, seen)
    assert w.files.open_example(example_path("sine_lstm.vnn"))  # a sequence regression: no 2-D plane
    assert "Save the changes" in seen[0]
    assert not w.document.dirty  # the last run's final losses, drained on the switch, are not the new project's
    views = w.training.views.views
    assert runs_with_data(views["curves"]) == 0 and views["curves"].summary.text() == "Press Play to train"
    assert views["boundary"] is not old_boundary and views["boundary"].grid is None
    assert views["grads"].frame is None and "test accuracy" not in views["grads"].warnings.text()
    assert views["samples"].images == []
    assert ctl.step == 0 and ctl.current is None and len(ctl.timeline) == 0 and ctl.problem is None
    assert w.training.panel.step_label.text() == "Step 0"
    assert w.training.views.timeline.label.text() == "no frames yet"
    assert w.training.views.timeline.slider.maximum() == 0
    assert not w.training.banner.isVisible()
    # the new project trains and its curve is the only one
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=WAIT_MS)
    train_a_little(w, qtbot, steps=5)
    assert runs_with_data(views["curves"]) == 1


def test_new_project_after_training_shows_empty_views(thread_window, qtbot):
    w = thread_window
    train_a_little(w, qtbot)
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Discard)
    assert w.files.new_blank()
    assert not w.document.dirty
    views = w.training.views.views
    assert runs_with_data(views["curves"]) == 0 and views["curves"].summary.text() == "Press Play to train"
    assert w.training.controller.step == 0 and len(w.training.controller.timeline) == 0
    assert not w.training.banner.isVisible()
