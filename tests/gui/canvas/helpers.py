"""Helpers for driving the canvas like a person: a view on a document, mouse drags."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from visualnn.core.graph import Graph
from visualnn.core.io import Project
from visualnn.gui.canvas import CanvasView
from visualnn.gui.document import Document


def graph_of(nodes, edges) -> Graph:
    """nodes: (id, type, params[, pos]); edges: (src, dst)."""
    g = Graph()
    for n in nodes:
        g.add_node(n[1], n[0], n[2] if len(n) > 2 else {}, n[3] if len(n) > 3 else None)
    for a, b in edges:
        g.connect(a, b)
    return g


def chain_graph() -> Graph:
    """x [4] -> a Linear(8) -> b Tanh -> c Linear(2), cards in a row."""
    return graph_of(
        [("x", "Input", {"shape": [4]}, (0, 0)), ("a", "Linear", {"out_features": 8}, (330, 0)),
         ("b", "Tanh", {}, (660, 0)), ("c", "Linear", {"out_features": 2}, (990, 0))],
        [("x", "a"), ("a", "b"), ("b", "c")],
    )


def make_view(qtbot, graph: Graph, name: str = "test") -> CanvasView:
    doc = Document(Project(graph, name=name))
    view = CanvasView(doc)
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)  # keys and shortcuts reach it as they would a person's
    view.fit()
    view.canvas_scene.flush_routes()
    return view


def vp(view, scene_point) -> QPoint:
    """A scene point as a viewport position."""
    if isinstance(scene_point, tuple):
        scene_point = QPointF(*scene_point)
    return view.mapFromScene(scene_point)


def drag(view, start: QPoint, end: QPoint, button=Qt.MouseButton.LeftButton, steps: int = 6, release: bool = True) -> None:
    w = view.viewport()
    QTest.mousePress(w, button, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(w, start + (end - start) * i / steps)
    if release:
        QTest.mouseRelease(w, button, Qt.KeyboardModifier.NoModifier, end)


def port_pos(view, node_id: str, kind: str) -> QPoint:
    item = view.node_item(node_id)
    port = item.out_port if kind == "out" else item.in_port
    return vp(view, port.anchor())


def card_center(view, node_id: str) -> QPoint:
    return vp(view, view.node_item(node_id).card_rect().center())


def key(view, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(view, k, mods)


def move(view, start: QPoint, end: QPoint, steps: int = 4) -> None:
    """Mouse moves (with the button still held from an earlier press)."""
    for i in range(1, steps + 1):
        QTest.mouseMove(view.viewport(), start + (end - start) * i / steps)


def release(view, pos: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    QTest.mouseRelease(view.viewport(), button, Qt.KeyboardModifier.NoModifier, pos)
