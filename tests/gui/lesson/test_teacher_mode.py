"""Writing a lesson in teacher mode: every edit undoable, and the lesson written round-trips
through the project file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visualnn.core.io import load_project
from visualnn.core.lesson import lesson_to_dict, parse_lesson


def test_lesson_written_in_teacher_mode_round_trips(main_window, qtbot, tmp_path):
    from visualnn.gui.lesson.dialogs import LessonDialog, StepDialog

    w = main_window
    ui, runner, editor = w.lessons, w.lessons.runner, w.lessons.editor
    assert runner.lesson is None and not ui.dock.isVisible()
    ui.new_action.trigger()
    assert ui.teacher and ui.dock.isVisible() and editor.isVisible() and runner.count == 1

    # step 1: text in both languages and a goal, through the step dialog
    dialog = StepDialog(w.document.project.extra["lesson"]["steps"][0], w)
    dialog.edits["en"].setPlainText("# Spiral\n\nTwo arms, $y \\in \\{0, 1\\}$.")
    dialog.edits["zh"].setPlainText("# 螺旋\n\n两条旋臂。")
    dialog.goal_box.setChecked(True)
    dialog.metric.setCurrentText("test_accuracy")
    dialog.target.setValue(0.8)
    dialog.max_hidden.setValue(16)
    dialog.goal_texts["en"].setText("Reach 80 %")
    editor.set_step(dialog.result_step())
    assert "Spiral" in ui.panel.text.toPlainText() and ui.panel.goal_box.isVisible()

    # step 2: the app as it is now, captured
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert runner.index == 1 and runner.count == 2
    w.canvas.select_ids(["fc1"])
    w.document.project.train["lr"] = 0.3
    qtbot.mouseClick(editor.buttons["capture"], Qt.MouseButton.LeftButton)
    actions = runner.step.actions
    assert {"do": "set", "key": "train.lr", "value": 0.3} in actions
    assert {"do": "select", "nodes": ["fc1"]} in actions

    # reorder, and the parts hidden and locked from the checklist
    qtbot.mouseClick(editor.buttons["up"], Qt.MouseButton.LeftButton)
    assert runner.index == 0 and runner.lesson.steps[1].goal is not None
    parts = LessonDialog(w.document.project.extra["lesson"], w)
    parts.titles["zh"].setText("螺旋课")
    parts.set_part("palette", "hide", True)
    parts.set_part("graph", "lock", True)
    parts.set_part("train.optimizer", "lock", True)
    parts.topics["xor_hidden_layer"].setChecked(True)
    editor.set_lesson_fields(parts.result_fields())
    assert runner.lesson.hide == ["palette"] and runner.lesson.lock == ["graph", "train.optimizer"]

    # a throwaway step, deleted; then undo and redo of the delete
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert runner.count == 3
    qtbot.mouseClick(editor.buttons["delete"], Qt.MouseButton.LeftButton)
    assert runner.count == 2
    w.document.undo_stack.undo()
    assert runner.count == 3
    w.document.undo_stack.redo()
    assert runner.count == 2
    written = lesson_to_dict(runner.lesson)

    # preview as a student: the palette goes, the optimizer locks
    qtbot.mouseClick(editor.buttons["preview"], Qt.MouseButton.LeftButton)
    assert not w.docks["palette"].isVisible() and not w.training.panel.optimizer.isEnabled()
    qtbot.mouseClick(editor.buttons["preview"], Qt.MouseButton.LeftButton)
    assert w.training.panel.optimizer.isEnabled()

    path = tmp_path / "written.vnn"
    assert w.files.save_as(path)
    again = load_project(path)
    assert lesson_to_dict(parse_lesson(again.extra["lesson"])) == written
    assert again.extra["lesson"]["title"] == {"en": "Spiral test", "zh": "螺旋课"}
    assert again.extra["lesson"]["steps"][1]["goal"] == {"metric": "test_accuracy", "at_least": 0.8,
                                                         "max_hidden_units": 16, "text": {"en": "Reach 80 %"}}

    # every edit undoable: back to no lesson at all
    while w.document.undo_stack.canUndo():
        w.document.undo_stack.undo()
    assert "lesson" not in w.document.project.extra and runner.lesson is None
