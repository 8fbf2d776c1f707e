"""What the cards and edges show: problems, shapes, drops from the palette, live-view hooks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QGraphicsRectItem

from tests.gui.canvas.helpers import chain_graph, graph_of, make_view
from visualnn.gui import theme
from visualnn.gui.canvas import LAYER_MIME
from visualnn.gui.commands import set_param


def test_a_graph_with_a_problem_shows_the_badge_with_the_message(qtbot):
    g = graph_of([("x", "Input", {"shape": [1, 8, 8]}, (0, 0)), ("fc", "Linear", {"out_features": 4}, (330, 0))],
                 [("x", "fc")])
    view = make_view(qtbot, g)
    item = view.node_item("fc")
    assert item.badge.isVisible()
    assert "add a Flatten before it" in item.badge.toolTip()
    assert "add a Flatten before it" in item.toolTip()
    assert not view.node_item("x").badge.isVisible()
    assert view.canvas_scene.edge_item("x", "fc").label == "[1, 8, 8]"
    view.doc.undo_stack.push(set_param(view.doc, "x", "shape", [64]))  # fix it: the badge goes
    assert not item.badge.isVisible() and item.out_shape == (4,)
    view.doc.undo_stack.undo()
    assert item.badge.isVisible()


def test_cards_show_key_params_shape_and_count(qtbot):
    g = graph_of([("img", "Input", {"shape": [1, 8, 8]}, (0, 0)),
                  ("conv", "Conv2d", {"out_channels": 8, "padding": 1}, (330, 0))], [("img", "conv")])
    view = make_view(qtbot, g)
    item = view.node_item("conv")
    assert item.summary == "3×3, 8 ch, pad 1"
    assert item.out_shape == (8, 8, 8) and item.n_params == 8 * 9 + 8
    view.doc.undo_stack.push(set_param(view.doc, "conv", "out_channels", 4))
    assert item.summary == "3×3, 4 ch, pad 1" and item.out_shape == (4, 8, 8)


def drop(view, type_name: str, pos: QPoint) -> bool:
    """A palette drag entering the canvas, moving, and dropped at `pos`; True if accepted."""
    mime = QMimeData()
    mime.setData(LAYER_MIME, QByteArray(type_name.encode()))
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(pos, *args)
    QApplication.sendEvent(view.viewport(), enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(pos, *args))
    ev = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(view.viewport(), ev)
    return ev.isAccepted()


def test_dropping_a_palette_item_creates_the_layer_where_it_was_dropped(qtbot):
    view = make_view(qtbot, chain_graph())
    pos = QPoint(200, 500)
    assert drop(view, "ReLU", pos)
    assert "relu" in view.doc.graph.nodes
    card = view.node_item("relu").card_rect()
    assert (card.center() - view.mapToScene(pos)).manhattanLength() < 2
    assert view.selected_ids() == ["relu"]
    assert not drop(view, "NoSuchLayer", pos)
    assert len(view.doc.graph.nodes) == 5


def test_append_after_selected_splices_into_the_edge_and_shifts_the_rest(qtbot):
    view = make_view(qtbot, chain_graph())
    doc = view.doc
    c_before = doc.graph.nodes["c"].pos
    view.select_ids(["a"])
    nid = view.append_after_selected("ReLU")
    assert [(e.src, e.dst) for e in doc.graph.edges] == [("x", "a"), ("a", "relu"), ("relu", "b"), ("b", "c")]
    assert doc.graph.nodes[nid].pos[0] > doc.graph.nodes["a"].pos[0]
    assert doc.graph.nodes["c"].pos[0] > c_before[0]
    assert view.selected_ids() == ["relu"] and doc.undo_stack.count() == 1
    view.select_ids([])
    nid2 = view.append_after_selected("Sigmoid")  # nothing selected: after the output
    assert doc.graph.has_edge("c", nid2) and doc.graph.output_id() == nid2


def test_append_keeps_the_input_order_of_a_concat(qtbot):
    g = graph_of([("x", "Input", {"shape": [4]}, (0, 0)), ("a", "Linear", {}, (330, 0)), ("b", "Linear", {}, (330, 150)),
                  ("cat", "Concat", {}, (660, 0))], [("x", "a"), ("x", "b"), ("a", "cat"), ("b", "cat")])
    view = make_view(qtbot, g)
    view.select_ids(["a"])
    nid = view.append_after_selected("Tanh")
    assert view.doc.graph.inputs_of("cat") == [nid, "b"]


def test_overlay_hangs_under_the_card_and_edges_keep_clear(qtbot):
    view = make_view(qtbot, chain_graph())
    item = view.node_item("b")
    overlay = QGraphicsRectItem(0, 0, 160, 90)
    item.set_overlay(overlay)
    assert overlay.parentItem() is item and item.overlay() is overlay
    r = overlay.sceneBoundingRect()
    assert r.top() >= item.card_rect().bottom() and abs(r.center().x() - item.card_rect().center().x()) < 1
    assert item.full_rect().contains(r)
    item.set_overlay(None)
    assert overlay.scene() is None and item.full_rect() == item.card_rect()


def test_highlight_states_for_step_through(qtbot):
    view = make_view(qtbot, chain_graph())
    item, edge = view.node_item("a"), view.canvas_scene.edge_item("a", "b")
    item.highlight("forward")
    edge.highlight("backward")
    edge.set_note("δ = 0.25")
    assert item.highlight_state() == "forward" and "δ = 0.25" in edge.note
    view.node_item("c").highlight("dim")
    assert view.node_item("c").opacity() < 1
    view.canvas_scene.clear_highlights()
    assert item.highlight_state() is None and view.node_item("c").opacity() == 1
    with pytest.raises(ValueError):
        item.highlight("sparkle")
    view.grab()  # every state paints


def test_theme_switch_repaints_the_canvas(qtbot):
    view = make_view(qtbot, chain_graph())
    try:
        theme.set_theme("dark")
        assert view.canvas_scene.backgroundBrush().color().name() == theme.DARK["canvas"]
        img = view.grab().toImage()
        assert img.pixelColor(3, 3).lightness() < 80
    finally:
        theme.set_theme("light")
    assert view.canvas_scene.backgroundBrush().color().name() == theme.LIGHT["canvas"]
    with pytest.raises(ValueError):
        theme.set_theme("neon")
