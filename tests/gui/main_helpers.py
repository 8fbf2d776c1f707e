"""Helpers for the main window tests: a small project file and the window on it."""

from __future__ import annotations

from pathlib import Path

from visualnn.core.graph import Graph
from visualnn.core.io import Project, load_project, save_project


def spiral_project() -> Project:
    """x [2] -> fc1 Linear 8 -> t1 Tanh -> out Linear 2, on the spiral data."""
    g = Graph()
    g.add_node("Input", "x", {"shape": [2]}, (0.0, 0.0))
    g.add_node("Linear", "fc1", {"out_features": 8}, (260.0, 0.0))
    g.add_node("Tanh", "t1", {}, (520.0, 0.0))
    g.add_node("Linear", "out", {"out_features": 2}, (780.0, 0.0))
    for a, b in (("x", "fc1"), ("fc1", "t1"), ("t1", "out")):
        g.connect(a, b)
    return Project(graph=g, name="Spiral test", data={"kind": "builtin", "name": "spiral", "params": {"samples": 200}},
                   train={"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.1, "batch_size": 10, "epochs": 2,
                          "seed": 0, "test_fraction": 0.2})


def write_spiral(path) -> Path:
    return save_project(spiral_project(), path)


def open_window(qtbot, tmp_path, name: str = "spiral.vnn"):
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    make_app()
    path = write_spiral(Path(tmp_path) / name)
    window = MainWindow(Document(load_project(path)))
    # closed at the test's end without the save prompt
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def answer_next_dialog(qtbot, button=None, seen=None):
    """When the next modal dialog shows, note its text in `seen` and press `button` (or close it)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def check():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, check)
            return
        if seen is not None:
            seen.append(box.text())
        if button is None:
            box.close()
        else:
            box.button(button).click()

    QTimer.singleShot(0, check)
