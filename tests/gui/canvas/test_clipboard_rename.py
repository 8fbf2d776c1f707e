"""Copy/paste, duplicate and renaming with the keyboard."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from tests.gui.canvas.helpers import chain_graph, key, make_view, vp
from visualnn.gui.canvas import NODES_MIME

CTRL = Qt.KeyboardModifier.ControlModifier


def test_copy_paste_creates_new_unique_ids_with_the_inner_edges(qtbot):
    view = make_view(qtbot, chain_graph())
    doc = view.doc
    view.select_ids(["a", "b"])
    key(view, Qt.Key.Key_C, CTRL)
    mime = QGuiApplication.clipboard().mimeData()
    payload = json.loads(bytes(mime.data(NODES_MIME).data()))
    assert [n["id"] for n in payload["nodes"]] == ["a", "b"]
    assert json.loads(mime.text()) == payload  # also as text
    key(view, Qt.Key.Key_V, CTRL)
    new = view.selected_ids()
    assert len(new) == 2 and not set(new) & {"a", "b"}
    assert len(doc.graph.nodes) == 6 and len(set(doc.graph.nodes)) == 6
    assert doc.graph.has_edge(new[0], new[1])
    assert doc.graph.nodes[new[0]].params == {"out_features": 8}
    pa, pn = doc.graph.nodes["a"].pos, doc.graph.nodes[new[0]].pos
    assert pn == (pa[0] + 40, pa[1] + 40)
    key(view, Qt.Key.Key_V, CTRL)  # a second paste lands further down-right, with other ids
    assert len(doc.graph.nodes) == 8 and len(view.selected_ids()) == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert list(doc.graph.nodes) == ["x", "a", "b", "c"]


def test_paste_of_foreign_text_changes_nothing_and_says_why(qtbot):
    view = make_view(qtbot, chain_graph())
    QGuiApplication.clipboard().setText("hello")
    with qtbot.waitSignal(view.statusMessage) as msg:
        key(view, Qt.Key.Key_V, CTRL)
    assert "no layers" in msg.args[0]
    assert len(view.doc.graph.nodes) == 4 and view.doc.undo_stack.count() == 0


def test_ctrl_d_duplicates_the_selection(qtbot):
    view = make_view(qtbot, chain_graph())
    view.select_ids(["b"])
    key(view, Qt.Key.Key_D, CTRL)
    assert view.selected_ids() == ["b1"]
    assert view.doc.graph.nodes["b1"].type == "Tanh"
    assert view.doc.undo_stack.undoText().startswith("Duplicate")


def test_f2_renames_through_the_inline_editor(qtbot):
    view = make_view(qtbot, chain_graph())
    doc = view.doc
    view.select_ids(["a"])
    key(view, Qt.Key.Key_F2)
    editor = view.rename_editor
    assert editor is not None and editor.text() == "a" and editor.hasSelectedText()
    QTest.keyClicks(editor, "hidden")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert "hidden" in doc.graph.nodes and "a" not in doc.graph.nodes
    assert doc.graph.has_edge("x", "hidden") and doc.graph.has_edge("hidden", "b")
    assert view.canvas_scene.edge_item("x", "hidden") is not None
    assert view.rename_editor is None
    assert view.node_item("hidden").node_id == "hidden"
    doc.undo_stack.undo()
    assert list(doc.graph.nodes) == ["x", "a", "b", "c"] and view.node_item("a") is not None


def test_a_bad_id_shows_the_reason_and_changes_nothing(qtbot):
    view = make_view(qtbot, chain_graph())
    view.select_ids(["a"])
    key(view, Qt.Key.Key_F2)
    editor = view.rename_editor
    editor.selectAll()
    QTest.keyClicks(editor, "2fast")
    with qtbot.waitSignal(view.statusMessage) as msg:
        QTest.keyClick(editor, Qt.Key.Key_Return)
    assert "must start with a letter" in msg.args[0]
    assert editor.isVisible() and list(view.doc.graph.nodes) == ["x", "a", "b", "c"]
    editor.selectAll()
    QTest.keyClicks(editor, "b")
    with qtbot.waitSignal(view.statusMessage) as msg:
        QTest.keyClick(editor, Qt.Key.Key_Return)
    assert "a node 'b' already exists" in msg.args[0]
    assert list(view.doc.graph.nodes) == ["x", "a", "b", "c"]
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert view.rename_editor is None and view.doc.undo_stack.count() == 0


def test_double_click_on_the_id_renames_elsewhere_activates(qtbot):
    view = make_view(qtbot, chain_graph())
    item = view.node_item("b")
    with qtbot.waitSignal(view.nodeActivated) as act:
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          vp(view, item.card_rect().center() + (item.card_rect().bottomLeft() - item.card_rect().center()) * 0.2))
    assert act.args == ["b"]
    id_center = item.mapToScene(item.id_rect().center())
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, vp(view, id_center))
    assert view.rename_editor is not None and view.rename_editor.text() == "b"
