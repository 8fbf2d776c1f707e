"""Typing exact numbers: a weight, an input and a target set through the editor table are
undoable, change the trace at once, and are saved in the project file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.stepthrough.helpers import enter_step_mode, equation_text


def _type_into_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """Double-click a cell, type over its value and press Enter, as a user does."""
    rect = table.visualItemRect(table.item(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert editor is not table and editor.parent() is table.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor)   # the editor closed: committed



def test_set_a_weight_recomputes_undoes_and_saves(qtbot, lesson, tmp_path):
    from visualnn.core.io import load_project

    window = lesson
    mode = enter_step_mode(qtbot, window)
    s, editor = mode.session, mode.panel.editor
    assert editor.target.currentData() == ("net_h", "weight")  # follows the stage's layer
    assert editor.table.item(0, 0).text() == "0.15"

    # w1 = 0.5: z1 = 0.5*0.05 + 0.2*0.1 + 0.35 = 0.395
    _type_into_cell(qtbot, editor.table, 0, 0, "0.5")
    assert window.document.project.state["net_h"]["weight"][0] == [0.5, 0.2]
    assert s.index == 0
    text = equation_text(mode)
    assert "0.5·0.05" in text and "= 0.395" in text
    assert mode.link.columns["net_h"].labels[0] == "0.395"
    assert window.document.dirty

    # undo brings the textbook number back, redo the new one
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.project.state["net_h"]["weight"][0] == [0.15, 0.2]
    assert "0.3775" in equation_text(mode)
    window.document.undo_stack.redo()
    assert "= 0.395" in equation_text(mode)

    # saved into the project's state and read back
    path = window.document.project.path
    window.files.save()
    again = load_project(path)
    assert again.state["net_h"]["weight"] == [[0.5, 0.2], [0.25, 0.3]]
    assert again.state["net_o"]["weight"] == [[0.4, 0.45], [0.5, 0.55]]


def test_set_input_and_target(qtbot, lesson, tmp_path):
    window = lesson
    mode = enter_step_mode(qtbot, window)
    editor = mode.panel.editor
    assert editor.select("__data__", "inputs")
    _type_into_cell(qtbot, editor.table, 0, 1, "0.2")   # x2 = 0.2
    assert window.document.project.data["inputs"] == [[0.05, 0.2]]
    # z1 = 0.15*0.05 + 0.2*0.2 + 0.35 = 0.3975
    assert "0.2·0.2" in equation_text(mode) and "= 0.3975" in equation_text(mode)
    assert "input <code>[0.05, 0.2]</code>" in mode.panel.controls.sample_info.text()

    assert editor.select("__data__", "targets")
    _type_into_cell(qtbot, editor.table, 0, 0, "0.5")
    assert window.document.project.data["targets"] == [[0.5, 0.99]]
    mode.session.go(next(i for i, st in enumerate(mode.session.stages) if st.kind == "loss"))
    assert "0.5 - " in equation_text(mode)


def test_bad_value_is_refused_with_a_message(qtbot, lesson, tmp_path):
    window = lesson
    mode = enter_step_mode(qtbot, window)
    editor = mode.panel.editor
    _type_into_cell(qtbot, editor.table, 1, 1, "abc")
    assert window.document.project.state["net_h"]["weight"][1][1] == 0.3
    assert "not a number" in mode.panel.message.text() and "net_h" in mode.panel.message.text()
    assert mode.panel.message.isVisible()
    assert editor.table.item(1, 1).text() == "0.3"
    assert not window.document.undo_stack.canUndo()


def test_state_is_filled_from_the_seed_for_a_node_without_state(qtbot, lesson, tmp_path):
    """A layer not in `state` starts from the seeded initialisation: setting one of its
    values keeps the others exactly as the trace used them."""
    from visualnn.gui.stepthrough.commands import EditError, SetStateValue

    window = lesson
    mode = enter_step_mode(qtbot, window)
    doc = window.document
    doc.project.state.pop("net_o")
    doc.stateChanged.emit()
    seeded = mode.session.trace["update"]["before"]["net_o"]
    doc.undo_stack.push(SetStateValue(doc, "net_o", "bias", (1,), 0.25))
    st = doc.project.state["net_o"]
    assert st["bias"][1] == 0.25
    assert st["weight"] == seeded["weight"]      # float32 values, exactly as the trace started from
    assert mode.session.trace["update"]["before"]["net_o"]["bias"][1] == 0.25
    doc.undo_stack.undo()
    assert "net_o" not in doc.project.state
    with pytest.raises(EditError, match="node net_o: no parameter 'gamma'"):
        SetStateValue(doc, "net_o", "gamma", (0,), 1.0)
    with pytest.raises(EditError, match="index out of range"):
        SetStateValue(doc, "net_o", "weight", (5, 0), 1.0)
