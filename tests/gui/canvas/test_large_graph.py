"""A big graph stays cheap to edit: moving a card reroutes its edges and those whose run it
crosses, a changed parameter redraws the cards whose values changed, overlays hung on every
card route each edge once, and the routes are those a full rebuild would draw."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsRectItem

from tests.gui.canvas.helpers import drag, make_view, vp
from visualnn.bench.open_bench import _chain_project
from visualnn.gui.canvas.edge_item import EdgeItem
from visualnn.gui.canvas.node_item import NodeItem
from visualnn.gui.commands import set_param

LAYERS = 300


def _spy(monkeypatch, cls, name):
    calls = []
    original = getattr(cls, name)

    def spy(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, spy)
    return calls


def _routes(scene) -> dict:
    return {key: edge.path() for key, edge in scene.edges.items()}


def test_edits_in_a_300_layer_chain_touch_only_what_they_change(qtbot, monkeypatch):
    view = make_view(qtbot, _chain_project(LAYERS).graph)
    scene, doc = view.canvas_scene, view.doc
    view.auto_arrange()   # folded into bands: edges turn back between them and run past other cards
    routed = _spy(monkeypatch, EdgeItem, "set_ends")
    redrawn = _spy(monkeypatch, NodeItem, "_update_tooltip")

    card = view.node_item("l150")   # dragged down by the mouse, as a person would
    view.ensureVisible(card.card_rect())
    start = vp(view, card.card_rect().center())
    drag(view, start, start + type(start)(0, 60))
    scene.flush_routes()
    assert doc.graph.nodes["l150"].pos is not None
    moved = {e.key for e in routed}
    assert {("l149", "l150"), ("l150", "l151")} <= moved and len(moved) < LAYERS // 5
    assert not redrawn   # a move redraws no card's text

    routed.clear()
    doc.undo_stack.push(set_param(doc, "l150", "out_features", 9))
    scene.flush_routes()
    # l150 (its size), l151 (its shape), l152 (its count of parameters): not the other 298
    assert {c.node_id for c in redrawn} == {"l150", "l151", "l152"}
    assert view.node_item("l151").out_shape == (9,) and view.node_item("l152").n_params == 9 * 8 + 8
    assert len(routed) < 10

    edited = _routes(scene)
    scene.rebuild()   # every edge routed from scratch: the same routes
    assert _routes(scene) == edited


def test_overlays_on_every_card_route_each_edge_once(qtbot, monkeypatch):
    view = make_view(qtbot, _chain_project(LAYERS).graph)
    scene = view.canvas_scene
    view.auto_arrange()
    routed = _spy(monkeypatch, EdgeItem, "set_ends")
    with scene.deferred_routes():
        for nid, card in scene.nodes.items():
            card.set_overlay(QGraphicsRectItem(0, 0, 60, 150))
    assert sorted(e.key for e in routed) == sorted(scene.edges)
    hung = _routes(scene)
    scene.rebuild()   # (the overlays go with the old cards: hang them again on the new ones)
    with scene.deferred_routes():
        for card in scene.nodes.values():
            card.set_overlay(QGraphicsRectItem(0, 0, 60, 150))
    assert _routes(scene) == hung
