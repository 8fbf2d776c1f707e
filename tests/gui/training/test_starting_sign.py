"""The first Play says at once that training is starting, with busy bars, until the
training process has built its run."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.main_helpers import open_window
STARTING = "Starting training…"

SLOW_START_MS = 60000  # the training process loads PyTorch: seconds on a busy machine


def test_first_play_says_starting_at_once(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    ui, ctl = w.training, w.training.controller
    assert ctl.session is None
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    # no event loop turn needed: the click itself put the sign up
    assert ui.panel.status.text() == STARTING
    assert ui.panel.progress.maximum() == 0  # Qt's busy bar
    assert ui.starting.busy.isVisible()
    assert w.statusBar().currentMessage() == STARTING
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=SLOW_START_MS)
    assert not ui.starting.busy.isVisible() and ui.panel.progress.maximum() > 0
    assert ui.panel.status.text() != STARTING
    ctl.pause()
    ui.shutdown()
