"""Helpers for the step-through GUI tests: the main window on a copy of a bundled example."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

LESSON = "lesson_222_sigmoid.vnn"


def open_example(qtbot, tmp_path, name: str = LESSON):
    from visualnn.core.io import load_project
    from visualnn.examples import example_path
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    make_app()
    path = Path(tmp_path) / name
    shutil.copy(example_path(name), path)
    window = MainWindow(Document(load_project(path)))
    # closed at the test's end without the save prompt, even when the test failed half-way
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # window shortcuts (Ctrl+T, the arrows) need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def enter_step_mode(qtbot, window):
    """Ctrl+T, as a user would; returns the StepThroughMode."""
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    mode = window.step_through
    assert mode.active and window.mode == "step"
    s = mode.session
    qtbot.waitUntil(lambda: (s.trace is not None or s.error is not None) and not s.busy, timeout=20000)
    return mode


def equation_text(mode) -> str:
    return mode.panel.equations.plain_text()


def press(qtbot, widget, key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key)
