"""Zoom, pan, fit and auto-arrange."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.canvas.helpers import chain_graph, drag, graph_of, key, make_view
from visualnn.gui.canvas.view import MAX_ZOOM, MIN_ZOOM


def wheel(view, pos: QPoint, dy: int):
    ev = QWheelEvent(QPointF(pos), QPointF(view.viewport().mapToGlobal(pos)), QPoint(0, 0), QPoint(0, dy),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), ev)


def test_wheel_zooms_around_the_cursor_within_bounds(qtbot):
    view = make_view(qtbot, chain_graph())
    view.set_zoom(1.0)
    pos = QPoint(300, 200)
    under = view.mapToScene(pos)
    with qtbot.waitSignal(view.zoomChanged):
        wheel(view, pos, 120)
    assert view.transform().m11() > 1.1
    assert (view.mapToScene(pos) - under).manhattanLength() < 2  # the point under the cursor stays
    wheel(view, pos, -240)
    assert view.zoom() < 1.0
    for _ in range(40):
        wheel(view, pos, 600)
    assert view.zoom() == MAX_ZOOM
    for _ in range(40):
        wheel(view, pos, -600)
    assert view.zoom() == MIN_ZOOM


def test_middle_drag_and_space_drag_pan(qtbot):
    view = make_view(qtbot, chain_graph())
    c0 = view.mapToScene(view.viewport().rect().center())
    drag(view, QPoint(400, 300), QPoint(300, 250), button=Qt.MouseButton.MiddleButton)
    c1 = view.mapToScene(view.viewport().rect().center())
    assert c1.x() > c0.x() + 50 and c1.y() > c0.y() + 20
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(view, QPoint(300, 300), QPoint(500, 300))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    c2 = view.mapToScene(view.viewport().rect().center())
    assert c2.x() < c1.x() - 100
    assert view.selected_ids() == [] and view.doc.undo_stack.count() == 0  # panning edits nothing


def test_fit_shows_every_card(qtbot):
    view = make_view(qtbot, chain_graph())
    view.set_zoom(3.0)
    key(view, Qt.Key.Key_F)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.canvas_scene.nodes.values():
        assert visible.contains(item.card_rect())


def test_auto_arrange_puts_the_input_leftmost_and_the_output_rightmost_in_one_step(qtbot):
    g = graph_of(
        [("out", "Linear", {"out_features": 2}, (0, 300)), ("x", "Input", {"shape": [4]}, (900, 0)),
         ("h", "Linear", {}, (400, 500)), ("skip", "Linear", {}, (50, 40)), ("add", "Add", {}, (700, 200))],
        [("x", "h"), ("h", "add"), ("x", "skip"), ("skip", "add"), ("add", "out")],
    )
    view = make_view(qtbot, g)
    before = {n: node.pos for n, node in view.doc.graph.nodes.items()}
    key(view, Qt.Key.Key_L)
    pos = {n: node.pos for n, node in view.doc.graph.nodes.items()}
    assert min(pos, key=lambda n: pos[n][0]) == "x"
    assert max(pos, key=lambda n: pos[n][0]) == "out"
    assert pos["h"][0] == pos["skip"][0]
    assert view.node_item("x").pos().x() == pos["x"][0]  # the cards follow the graph
    assert view.doc.undo_stack.count() == 1
    view.doc.undo_stack.undo()
    assert {n: node.pos for n, node in view.doc.graph.nodes.items()} == before


def test_dragging_a_card_moves_it_in_the_graph_as_one_undo_step(qtbot):
    view = make_view(qtbot, chain_graph())
    item = view.node_item("b")
    start = view.mapFromScene(item.card_rect().center())
    before = view.doc.graph.nodes["b"].pos
    drag(view, start, start + QPoint(0, 120))
    after = view.doc.graph.nodes["b"].pos
    assert after[1] > before[1] + 50 and after[0] == before[0]
    assert view.doc.undo_stack.count() == 1
    edge = view.canvas_scene.edge_item("a", "b")
    assert abs(edge.path().pointAtPercent(1.0).y() - item.in_port.anchor().y()) < 0.5  # the edge follows
    view.doc.undo_stack.undo()
    assert view.doc.graph.nodes["b"].pos == before and item.pos().y() == before[1]


def test_arrow_keys_nudge_and_consecutive_nudges_merge(qtbot):
    view = make_view(qtbot, chain_graph())
    view.select_ids(["c"])
    for _ in range(3):
        key(view, Qt.Key.Key_Down)
    key(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.doc.graph.nodes["c"].pos == (989.0, 30.0)
    assert view.doc.undo_stack.count() == 1


def test_space_tap_without_a_pan_is_signalled(qtbot):
    view = make_view(qtbot, chain_graph())
    with qtbot.waitSignal(view.spaceTapped):
        key(view, Qt.Key.Key_Space)
    taps = []
    view.spaceTapped.connect(lambda: taps.append(1))
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(view, QPoint(300, 300), QPoint(400, 300))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert taps == []  # a pan is not a tap


def test_context_menu_offers_the_edits_of_what_was_clicked(qtbot):
    from visualnn.gui.canvas.context_menu import build_menu

    view = make_view(qtbot, chain_graph())
    menu = build_menu(view, view.node_item("b"))
    assert view.selected_ids() == ["b"]
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["Rename…", "Duplicate"] and "Delete" in texts
    next(a for a in menu.actions() if a.text() == "Delete").trigger()
    assert "b" not in view.doc.graph.nodes
    menu = build_menu(view, None)
    assert [a.text() for a in menu.actions() if a.text()] == ["Paste", "Select all", "Auto-arrange", "Fit to view"]
    edge_menu = build_menu(view, view.canvas_scene.edge_item("x", "a"))
    next(a for a in edge_menu.actions() if a.text() == "Disconnect").trigger()
    assert not view.doc.graph.has_edge("x", "a")


def test_auto_arrange_folds_a_long_chain_and_edges_turn_back_between_the_bands(qtbot):
    names = ["x"] + [f"l{i}" for i in range(1, 9)]
    g = graph_of([("x", "Input", {"shape": [4]}, (0, 0))] + [(n, "Linear", {}, (i * 330, 0)) for i, n in enumerate(names[1:], 1)],
                 list(zip(names, names[1:])))
    view = make_view(qtbot, g)
    view.resize(1000, 560)
    zoom_before_fit = view.zoom()
    key(view, Qt.Key.Key_L)
    pos = {n: view.doc.graph.nodes[n].pos for n in names}
    assert pos["x"] == (0, 0) and pos["l3"][0] == 0 and pos["l3"][1] > pos["x"][1]  # a second band
    assert view.zoom() > zoom_before_fit * 1.5  # so the cards show larger
    view.canvas_scene.flush_routes()
    edge = view.canvas_scene.edge_item("l2", "l3")  # from the end of band 1 to the start of band 2
    path = edge.path()
    cards = [item.card_rect() for item in view.canvas_scene.nodes.values()]
    for i in range(1, 40):
        pt = path.pointAtPercent(i / 40)
        assert not any(r.adjusted(2, 2, -2, -2).contains(pt) for r in cards)
    label_y = edge.label_rect().center().y()
    assert view.node_item("x").card_rect().bottom() < label_y < view.node_item("l3").card_rect().top()


def _whole_graph_visible(view) -> bool:
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    return all(visible.contains(item.card_rect()) for item in view.canvas_scene.nodes.values())


def test_the_graph_stays_fitted_as_the_view_resizes_until_the_user_zooms(qtbot):
    view = make_view(qtbot, chain_graph())
    key(view, Qt.Key.Key_F)
    view.resize(360, 260)  # the window or its panels took room from the canvas
    qtbot.waitUntil(lambda: _whole_graph_visible(view))
    small = view.zoom()
    view.resize(1200, 800)
    qtbot.waitUntil(lambda: view.zoom() > small)
    assert _whole_graph_visible(view)
    wheel(view, QPoint(300, 200), 240)  # the user zooms: their view is kept from now on
    zoomed = view.zoom()
    view.resize(360, 260)
    QApplication.processEvents()
    QApplication.processEvents()
    assert view.zoom() == zoomed and not view.keep_fitted
    key(view, Qt.Key.Key_F)  # F fits again, and keeps it so
    view.resize(1000, 700)
    qtbot.waitUntil(lambda: _whole_graph_visible(view) and view.zoom() > small)
