"""Rubber-band selection, Delete, and undo back to the exact saved file."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence

from tests.gui.canvas.helpers import card_center, chain_graph, drag, key, make_view, port_pos, vp
from visualnn.core.graph import Graph
from visualnn.core.io import Project, dumps_project, load_project, save_project


def records(graph):
    return graph.to_records()


def rubber_band(view, ids):
    rect = None
    for n in ids:
        r = view.node_item(n).card_rect()
        rect = r if rect is None else rect.united(r)
    start = vp(view, rect.topLeft() + QPointF(-20, -30))
    end = vp(view, rect.bottomRight() + QPointF(20, 30))
    assert view.itemAt(start) is None  # the band starts on empty canvas
    drag(view, start, end)


def test_rubber_band_selects_two_cards_delete_removes_them_and_undo_restores_exactly(qtbot):
    view = make_view(qtbot, chain_graph())
    doc = view.doc
    before = records(doc.graph)
    with qtbot.waitSignal(view.selectionChangedIds):
        rubber_band(view, ["a", "b"])
    assert view.selected_ids() == ["a", "b"]
    assert view.canvas_scene.selected_edges() == []  # the band picks cards, not edges
    key(view, Qt.Key.Key_Delete)
    assert list(doc.graph.nodes) == ["x", "c"]
    assert doc.graph.edges == []
    assert view.canvas_scene.edge_item("x", "a") is None and view.node_item("a") is None
    assert doc.undo_stack.count() == 1  # one step
    undo = doc.undo_stack.createUndoAction(view)  # as the window's Edit menu has it
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    view.addAction(undo)
    key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert records(doc.graph) == before
    assert set(view.canvas_scene.edges) == {("x", "a"), ("a", "b"), ("b", "c")}
    assert (view.node_item("a").pos().x(), view.node_item("a").pos().y()) == doc.graph.nodes["a"].pos


def test_backspace_deletes_a_clicked_edge(qtbot):
    view = make_view(qtbot, chain_graph())
    edge = view.canvas_scene.edge_item("a", "b")
    mid = vp(view, edge.path().pointAtPercent(0.25))
    drag(view, mid, mid, steps=1)
    assert view.canvas_scene.selected_edges() == [("a", "b")]
    key(view, Qt.Key.Key_Backspace)
    assert not view.doc.graph.has_edge("a", "b") and len(view.doc.graph.nodes) == 4
    view.doc.undo_stack.undo()
    assert [(e.src, e.dst) for e in view.doc.graph.edges] == [("x", "a"), ("a", "b"), ("b", "c")]


def test_many_edits_then_undo_all_gives_the_saved_file_back(qtbot, tmp_path):
    g = chain_graph()
    g.nodes["c"].pos = None  # a card without a saved position stays without one
    path = tmp_path / "net.vnn"
    save_project(Project(g, name="chain", data={"kind": "builtin", "name": "xor"}, train={"lr": 0.1},
                         state={"a": {"bias": [0.0] * 8}}), path)
    saved = path.read_text(encoding="utf-8")
    project = load_project(path)
    view = make_view(qtbot, Graph())
    view.doc.set_project(project)
    doc = view.doc

    # move a card with the mouse
    drag(view, card_center(view, "b"), card_center(view, "b") + (card_center(view, "c") - card_center(view, "b")) / 3)
    # connect, rename, delete, paste, arrange, nudge
    drag(view, port_pos(view, "x", "out"), port_pos(view, "b", "in"))
    view.select_ids(["a"])
    editor = view.start_rename()
    editor.setText("hidden")
    editor.commit()
    assert "hidden" in doc.project.state
    view.select_ids(["b"])
    key(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    key(view, Qt.Key.Key_Right)
    key(view, Qt.Key.Key_Right)
    key(view, Qt.Key.Key_L)
    view.select_ids(["hidden"])
    key(view, Qt.Key.Key_Delete)
    assert "hidden" not in doc.project.state
    view.append_after_selected("ReLU")
    assert doc.dirty and dumps_project(doc.project) != saved

    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert dumps_project(doc.project) == saved
    assert not doc.dirty
    assert doc.graph.nodes["c"].pos is None
    # and redo all the way gives the edited project again, undo again the file
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert "relu" in doc.graph.nodes and "hidden" not in doc.graph.nodes
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert dumps_project(doc.project) == saved
