"""A lesson in the window: walked by keyboard, a goal met by changing a setting, hidden and
locked parts in student mode, Teacher Mode unlocking them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visualnn.core.graph import Graph
from visualnn.core.io import Project, load_project, save_project

WAIT_MS = 30000


def lesson_project(path):
    g = Graph()
    g.add_node("Input", "x", {"shape": [1]}, (0.0, 0.0))
    g.add_node("Linear", "fc", {"out_features": 1}, (300.0, 0.0))
    g.connect("x", "fc")
    xs = [[i / 10] for i in range(-10, 11)]
    data = {"kind": "table", "inputs": xs, "targets": [[2 * x[0] + 1] for x in xs]}
    train = {"loss": "mse", "optimizer": "sgd", "lr": 0.01, "batch_size": 21, "epochs": 0, "seed": 0,
             "device": "cpu", "test_fraction": 0.0}
    lesson = {
        "title": {"en": "Fit a line", "zh": "拟合直线"},
        "topics": ["linear_regression"],
        "hide": ["palette", "train.seed", "views.weights"],
        "lock": ["graph", "train.optimizer"],
        "steps": [
            {"text": {"en": "# A line\n\n$\\hat{y} = w x + b$", "zh": "# 直线\n\n$\\hat{y} = w x + b$"},
             "actions": [{"do": "select", "nodes": ["fc"]}, {"do": "show", "view": "curves"}]},
            {"text": {"en": "A tiny rate", "zh": "很小的学习率"},
             "actions": [{"do": "set", "key": "train.lr", "value": 0.0001}]},
            {"text": {"en": "Your turn", "zh": "轮到你了"},
             "goal": {"metric": "train_loss", "at_most": 0.05, "text": {"en": "Loss under 0.05", "zh": "损失低于 0.05"},
                      "solution": [{"do": "set", "key": "train.lr", "value": 0.3}, {"do": "train", "epochs": 30}]}},
        ],
    }
    return save_project(Project(g, "Fit a line", data, train, extra={"lesson": lesson}), path)


def open_lesson(qtbot, tmp_path):
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    make_app()
    window = MainWindow(Document(load_project(lesson_project(tmp_path / "lesson.vnn"))))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.lessons.runner.lesson is not None, timeout=WAIT_MS)
    return window


def test_student_walks_a_lesson_by_keyboard_and_meets_the_goal(qtbot, tmp_path):
    w = open_lesson(qtbot, tmp_path)
    ui, runner = w.lessons, w.lessons.runner
    panel = w.training.panel
    assert ui.dock.isVisible() and ui.panel.counter.text() == "Step 1 of 3"
    assert w.canvas.selected_ids() == ["fc"]
    assert "ŷ" in ui.panel.text.toPlainText()  # the formula is rendered, not left as TeX
    # student mode: hidden parts gone, locked parts disabled, locked edits refused
    assert not w.docks["palette"].isVisible() and not w.docks["palette"].toggleViewAction().isVisible()
    assert not panel.seed.isVisible() and panel.lr.isVisible()
    assert not panel.optimizer.isEnabled() and panel.lr.isEnabled()
    assert not w.inspector.isEnabled()
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Delete)
    assert "fc" in w.document.graph.nodes and "locked" in w.statusBar().currentMessage()
    from visualnn.gui.commands import ChangeTrain

    w.document.undo_stack.push(ChangeTrain(w.document, {**w.document.project.train, "optimizer": "adam"}))
    assert w.document.project.train["optimizer"] == "sgd" and "train.optimizer" in w.statusBar().currentMessage()
    views = w.training.views.ensure_views()
    tab = next(t for t in w.training.views.tabs if t.indexOf(views["weights"]) >= 0)
    assert not tab.isTabVisible(tab.indexOf(views["weights"]))

    qtbot.keyClick(w, Qt.Key.Key_PageDown)  # the clicker's key
    assert runner.index == 1 and w.document.project.train["lr"] == 0.0001
    assert panel.lr.value() == 0.0001 if hasattr(panel.lr, "value") else True
    qtbot.mouseClick(ui.panel.next_button, Qt.MouseButton.LeftButton)
    assert runner.index == 2 and ui.panel.goal_box.isVisible() and ui.panel.goal_mark.text() == "○"
    qtbot.keyClick(w, Qt.Key.Key_PageUp)
    assert runner.index == 1
    qtbot.keyClick(w, Qt.Key.Key_PageDown)
    assert runner.index == 2

    # the goal, met by changing the learning rate in the Training panel and pressing Play
    edit = panel.lr.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "0.3")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert w.document.project.train["lr"] == 0.3
    with qtbot.waitSignal(runner.goalMet, timeout=WAIT_MS):
        qtbot.mouseClick(panel.buttons["play"], Qt.MouseButton.LeftButton)
    assert 2 in runner.met and ui.panel.goal_mark.text() == "✓"
    assert runner.last_value <= 0.05 and "(now " in ui.panel.goal_label.text()
    assert ui.panel.next_button.isDefault() is False  # the last step: nothing to go on to
    assert ui.panel.dots.buttons[2].text() == "✓"
    w.training.controller.pause()

    # a teacher unlocks everything with one action
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ui.teacher and panel.optimizer.isEnabled() and w.inspector.isEnabled()
    assert w.docks["palette"].toggleViewAction().isVisible() and not panel.seed.isHidden()
    assert tab.isTabVisible(tab.indexOf(views["weights"]))
    assert ui.editor.isVisible()


def test_presentation_mode_and_ui_scale(qtbot, tmp_path):
    from visualnn.gui import theme

    w = open_lesson(qtbot, tmp_path)
    ui = w.lessons
    base = w.font().pointSizeF()
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ui.presenter.presenting and ui.dock.isVisible() and w.training.views_dock.isVisible()
    assert not w.docks["training"].isVisible() and not w.docks["data"].isVisible()
    shown = [t for t in w.training.views.tabs if not t.isHidden()]
    assert len(shown) == 1 and shown[0].currentWidget() is w.training.views.views["curves"]
    curves = w.training.views.views["curves"]
    import numpy as np
    import pyqtgraph as pg

    from visualnn.gui.workers.live_buffer import Drained

    w.training.views.runs.add_losses(Drained(np.array([1.0]), np.array([0.5]), []))  # a run: its lines exist
    line = next(d for p in curves.findChildren(pg.PlotWidget) for d in p.getPlotItem().listDataItems())
    width = line.opts["pen"].widthF()
    ui.set_scale(200)
    assert theme.ui_scale() == 2.0 and abs(w.font().pointSizeF() - 2 * base) < 0.6
    assert abs(pg.mkPen(line.opts["pen"]).widthF() - 2 * max(width, 1.0)) < 1e-6
    assert w.settings.value("ui/scale") in (200, "200")
    ui.set_scale(100)
    ctl = w.training.controller
    ctl.ensure_started()
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=WAIT_MS)
    ui.runner.set_speed("epoch")  # one epoch a second: the set has 21 samples in one batch
    assert ctl.speed == ctl.session.steps_per_epoch == 1
    ui.runner.set_speed("full")
    assert ctl.speed is None
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not ui.presenter.presenting and w.docks["training"].isVisible()


def test_backprop_lesson_opens_step_through_at_its_stages(qtbot, tmp_path):
    from visualnn.core.lesson import lessons_dir
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    make_app()
    w = MainWindow(Document(load_project(lessons_dir() / "backprop_by_hand.vnn")))
    qtbot.addWidget(w, before_close_func=lambda win: win.document.mark_saved())
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    runner, session = w.lessons.runner, w.step_through.session
    qtbot.waitUntil(lambda: runner.lesson is not None, timeout=WAIT_MS)
    assert w.mode == "edit" and w.canvas.selected_ids() == ["net_h", "net_o"]
    qtbot.keyClick(w, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: w.mode == "step" and bool(session.stages), timeout=WAIT_MS)
    assert session.index == 0 and w.lessons.dock.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_PageDown)  # the lesson's page, not the step-through's stage
    assert runner.index == 2 and session.index == 6 and session.stage.kind == "loss"
    assert w.step_through.panel.controls.position.text() == "7 / 15"  # what the class sees
    assert abs(session.trace["loss"]["value"] - 0.298371109) < 1e-8  # the worked example's error
    qtbot.keyClick(w, Qt.Key.Key_End)
    qtbot.keyClick(w, Qt.Key.Key_PageUp)
    assert runner.index == 1 and session.index == 0


def test_a_broken_lesson_says_where_and_the_rest_works(qtbot, tmp_path):
    import json

    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    path = lesson_project(tmp_path / "broken.vnn")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["lesson"]["steps"][1]["actions"] = [{"do": "train", "epochs": -3}]
    path.write_text(json.dumps(doc), encoding="utf-8")
    make_app()
    w = MainWindow(Document(load_project(path)))
    qtbot.addWidget(w, before_close_func=lambda win: win.document.mark_saved())
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.lessons.dock.isVisible(), timeout=WAIT_MS)
    text = w.lessons.panel.text.toPlainText()
    assert "step 2, actions[0]" in text and "epochs" in text
    assert w.docks["palette"].toggleViewAction().isVisible()  # no lesson: nothing hidden
    qtbot.keyClick(w, Qt.Key.Key_PageDown)  # nothing to turn, nothing breaks
    assert w.lessons.runner.lesson is None


def test_closing_while_presenting_keeps_the_users_own_layout(qtbot, tmp_path):
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    w = open_lesson(qtbot, tmp_path)
    w.lessons.toggle_presentation()
    assert not w.docks["training"].isVisible() and not w.docks["palette"].isVisible()
    w.document.mark_saved()
    w.close()
    make_app()
    again = MainWindow(Document())  # a project without a lesson, in the same settings
    qtbot.addWidget(again, before_close_func=lambda win: win.document.mark_saved())
    again.show()
    qtbot.waitExposed(again)
    assert again.docks["training"].isVisible() or again.docks["inspector"].isVisible()
    assert again.docks["palette"].isVisible() and again.statusBar().isVisible()


def test_a_lesson_trains_exactly_the_epochs_it_asks_for(qtbot, tmp_path):
    """"Train 5 epochs" stops at the end of the fifth, twice in a row, however fast the
    epochs go (a tiny data set: hundreds of epochs a second)."""
    w = open_lesson(qtbot, tmp_path)
    runner, ctl = w.lessons.runner, w.training.controller
    for target in (5, 12):
        done = ctl.worker.buffer.counters[1] if ctl.worker is not None else 0
        runner.apply({"do": "train", "epochs": target - done})
        qtbot.waitUntil(lambda: ctl.state == "paused" and ctl.epoch >= target, timeout=WAIT_MS)
        ctl.pause()  # the training process has handled every command: nothing trains on
        buffer, sent = ctl.worker.buffer, ctl.worker.sent
        qtbot.waitUntil(lambda: buffer.counters[2] == "paused" and buffer.counters[3] >= sent, timeout=WAIT_MS)
        assert buffer.counters[1] == target
