"""One validation per undoable edit: a paste of 20 layers, its undo, its redo and a jump in
the undo history each validate the graph once, however many layers and edges they touch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from visualnn.core.graph import Graph
from visualnn.core.io import Project
from visualnn.gui.document import Document
from visualnn.gui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _twenty_layers() -> Project:
    g = Graph()
    g.add_node("Input", "x", {"shape": [4]}, (0.0, 0.0))
    prev = "x"
    for i in range(20):
        kind = "Linear" if i % 2 == 0 else "ReLU"
        g.add_node(kind, f"l{i}", {"out_features": 4} if kind == "Linear" else {}, (300.0 * (i + 1), 0.0))
        g.connect(prev, f"l{i}")
        prev = f"l{i}"
    return Project(graph=g, name="twenty", data={"kind": "builtin", "name": "spiral"})


def test_paste_undo_redo_and_history_jump_of_twenty_layers_validate_once_each(qtbot):
    window = MainWindow(Document(_twenty_layers()))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    doc, view = window.document, window.canvas
    seen = []
    doc.validated.connect(seen.append)

    def validations(action) -> int:
        before, shown = doc.validations, len(seen)
        action()
        assert len(seen) - shown == doc.validations - before  # each validation reaches the views once
        return doc.validations - before

    view.select_ids([f"l{i}" for i in range(20)])
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)  # the keys reach the canvas and the window's shortcuts as a person's would
    QTest.keyClick(view, Qt.Key.Key_C, CTRL)
    assert validations(lambda: QTest.keyClick(view, Qt.Key.Key_V, CTRL)) == 1
    assert len(doc.graph.nodes) == 41 and len(doc.graph.edges) == 20 + 19
    assert validations(lambda: QTest.keyClick(view, Qt.Key.Key_Z, CTRL)) == 1  # Edit > Undo
    assert len(doc.graph.nodes) == 21
    assert validations(lambda: QTest.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)) == 1  # Edit > Redo
    assert len(doc.graph.nodes) == 41 and doc.report is seen[-1]

    history = window.history   # Edit > Undo History: a click on "<opened>" goes back over the paste
    window.docks["history"].show()
    qtbot.waitExposed(history)
    first = history.visualRect(history.model().index(0, 0)).center()
    assert validations(lambda: QTest.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=first)) == 1
    assert len(doc.graph.nodes) == 21 and doc.undo_stack.index() == 0


def test_a_macro_undone_and_redone_through_the_stack_validates_once(qtbot):
    from visualnn.gui.commands import paste_records

    doc = Document(_twenty_layers())
    nodes = [{"id": f"p{i}", "type": "ReLU", "pos": [i * 100, 400]} for i in range(20)]
    edges = [{"from": f"p{i}", "to": f"p{i + 1}"} for i in range(19)]
    paste_records(doc, nodes, edges)
    for step in (doc.undo_stack.undo, doc.undo_stack.redo, lambda: doc.undo_stack.setIndex(0)):
        before = doc.validations
        step()
        assert doc.validations - before == 1
