"""Export after training asks which weights to write: the trained ones (default) or the
project's own; the written file carries the chosen ones."""

from __future__ import annotations

import torch
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from visualnn.core.compile import compile_graph

from .conftest import WAIT_MS, paused, weights


def answer(qtbot, button_name: str) -> list:
    """Click `button_name` in the question once it shows; returns what was asked."""
    asked = []

    def click():
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "exportWeightsQuestion":
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, button_name), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)
    return asked


def saved_weights(path) -> dict:
    return torch.load(path.with_suffix(".pt"), weights_only=True)


def test_export_after_training_carries_the_trained_weights_when_chosen(thread_window, qtbot, tmp_path):
    w = thread_window
    ctl = w.training.controller
    w.training.actions["play"].trigger()
    qtbot.waitUntil(lambda: ctl.step >= 20, timeout=WAIT_MS)
    w.training.actions["play"].trigger()
    qtbot.waitUntil(lambda: paused(ctl), timeout=WAIT_MS)
    trained = weights(ctl, qtbot)
    seeded = compile_graph(w.document.graph, seed=w.document.project.train["seed"]).state_dict()
    assert w.document.project.state is None

    asked = answer(qtbot, "exportTrained")
    out = w.files.export("py", tmp_path / "trained.py")
    assert out is not None and asked and "trained" in asked[0]
    got = saved_weights(out)
    for key, value in trained.items():
        assert torch.allclose(got[key], value.to(got[key].dtype), atol=1e-6), key
    assert not torch.equal(got["fc1.weight"], seeded["fc1.weight"])

    answer(qtbot, "exportProject")
    out = w.files.export("py", tmp_path / "project.py")
    assert out is not None and not out.with_suffix(".pt").exists()  # no saved state: the script starts from the seed


def test_export_before_training_asks_nothing(qtbot, tmp_path):
    from tests.gui.main_helpers import open_window

    w = open_window(qtbot, tmp_path)
    out = w.files.export("py", tmp_path / "plain.py")
    assert out is not None and QApplication.activeModalWidget() is None
    w.training.shutdown()
