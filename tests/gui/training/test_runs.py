"""Kept runs in the app: each in its own colour, labelled by what differs, shown/hidden,
renamed and deleted from the runs list with the keyboard, and saved with the project."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from visualnn.core.io import load_project, save_project
from visualnn.gui.document import Document
from visualnn.gui.live.runs_model import RunsModel, run_color
from visualnn.gui.panels.curves import CurvesView
from visualnn.gui.workers.live_buffer import Drained
from tests.core.train.helpers import mlp


def drained(start: int, epoch: int) -> Drained:
    steps = np.arange(start, start + 8, dtype=float)
    return Drained(steps, np.linspace(1.0, 0.5, 8), [{"epoch": epoch, "step": start + 7, "train_loss": 0.6,
                                                        "test_loss": 0.7, "train_accuracy": 0.5, "test_accuracy": 0.5}])


def three_runs(doc, model):
    for optimizer in ("sgd", "adam", "rmsprop"):
        doc.project.train["optimizer"] = optimizer
        model.begin_run()
        model.add_losses(drained(1, 1))


def test_runs_are_labelled_coloured_and_edited_from_the_list(qtbot, tmp_path):
    doc = Document(mlp())
    model = RunsModel(doc)
    view = CurvesView(runs=model)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    three_runs(doc, model)
    assert model.log.labels() == ["sgd", "adam", "rmsprop"]
    assert len({run_color(r) for r in model.runs}) == 3 and len(view.runs) == 3
    qtbot.mouseClick(view.runs_button, Qt.MouseButton.LeftButton)
    lst = view.runs_list
    assert lst.isVisible() and [lst.item(i).text() for i in range(3)] == ["sgd", "adam", "rmsprop"]

    lst.setFocus()
    lst.setCurrentRow(0)
    qtbot.keyClick(lst, Qt.Key.Key_Space)           # hide the first run
    assert not model.runs[0].visible and len(view.runs) == 2
    lst.setCurrentRow(1)
    qtbot.keyClick(lst, Qt.Key.Key_F2)               # rename the second
    editor = lst.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Adam baseline")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.log.labels()[1] == "Adam baseline")  # the delegate commits on its next turn
    assert doc.dirty
    lst.setCurrentRow(2)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)           # delete the third
    assert model.log.labels() == ["sgd", "Adam baseline"] and lst.count() == 2

    path = save_project(doc.project, tmp_path / "runs.vnn")
    again = Document(load_project(path))
    back = RunsModel(again)
    assert back.log.labels() == ["sgd", "Adam baseline"] and [r.visible for r in back.runs] == [False, True]
    assert back.runs[1].history == model.runs[1].history


def test_an_empty_run_is_not_kept_and_the_log_is_bounded(qtbot):
    doc = Document(mlp())
    model = RunsModel(doc)
    model.begin_run()
    model.begin_run()
    assert model.runs == []
    for seed in range(20):
        doc.project.train["seed"] = seed
        model.begin_run()
        model.add_losses(drained(1, 1))
    assert len(model.runs) == 12 and len(model.batch) == 12 and model.log.labels()[-1] == "seed 19"


def test_runs_trained_or_raced_mark_the_project_unsaved_and_loading_them_does_not(qtbot, tmp_path):
    doc = Document(mlp())
    model = RunsModel(doc)
    model.begin_run(1)
    model.add_losses(Drained(np.arange(1, 5, dtype=float), np.ones(4), []))  # steps only: nothing saved changed
    assert model.run_numbered(1) is model.current and not doc.dirty
    model.add_losses(drained(5, 1))  # an epoch: saved with the project
    assert doc.dirty
    doc.mark_saved()
    model.add_finished({"optimizer": "adam"}, [{"epoch": 1, "step": 8, "train_loss": 0.5}])  # a race's variant
    assert doc.dirty

    path = save_project(doc.project, tmp_path / "runs.vnn")
    opened = Document(load_project(path))
    back = RunsModel(opened)
    assert len(back.runs) == 2 and not opened.dirty
    opened.set_project(load_project(path))  # opened again in the same window
    assert len(back.runs) == 2 and not opened.dirty and back.trained == {}
