"""Connecting layers by dragging between ports, as a person does."""

from __future__ import annotations

from PySide6.QtWidgets import QToolTip

from tests.gui.canvas.helpers import drag, graph_of, make_view, move, port_pos, release


def loose_graph():
    return graph_of(
        [("x", "Input", {"shape": [4]}, (0, 0)), ("fc", "Linear", {"out_features": 8}, (330, 0)),
         ("t", "Tanh", {}, (660, 140))],
        [("x", "fc")],
    )


def test_drag_from_output_port_to_input_port_creates_the_edge(qtbot):
    view = make_view(qtbot, loose_graph())
    doc = view.doc
    drag(view, port_pos(view, "fc", "out"), port_pos(view, "t", "in"))
    assert doc.graph.has_edge("fc", "t")
    edge = view.canvas_scene.edge_item("fc", "t")
    assert edge is not None and edge.label == "[8]"  # the shape flowing along it
    assert doc.report.ok
    doc.undo_stack.undo()
    assert not doc.graph.has_edge("fc", "t") and view.canvas_scene.edge_item("fc", "t") is None


def test_drag_from_an_input_port_back_to_an_output_port_also_connects(qtbot):
    view = make_view(qtbot, loose_graph())
    drag(view, port_pos(view, "t", "in"), port_pos(view, "fc", "out"))
    assert view.doc.graph.has_edge("fc", "t")


def test_valid_targets_light_up_and_an_invalid_one_shows_red_with_the_reason(qtbot):
    view = make_view(qtbot, loose_graph())
    drag(view, port_pos(view, "fc", "out"), port_pos(view, "x", "out"), release=False)
    scene = view.canvas_scene
    assert scene.node_item("t").in_port.state == "valid"
    assert scene.node_item("fc").out_port is not None
    with qtbot.waitSignal(view.connectionRefused) as refused:
        release(view, port_pos(view, "x", "out"))
    assert "Input takes no incoming" in refused.args[0]
    assert "Input takes no incoming" in QToolTip.text()
    assert view.doc.graph.edges and [(e.src, e.dst) for e in view.doc.graph.edges] == [("x", "fc")]
    assert scene.node_item("t").in_port.state is None  # the lights go off after the drop
    assert view.doc.undo_stack.count() == 0


def test_a_drag_that_would_make_a_cycle_is_refused(qtbot):
    g = graph_of(
        [("x", "Input", {"shape": [4]}, (0, 0)), ("a", "Linear", {"out_features": 4}, (330, -140)),
         ("cat", "Concat", {}, (660, 0)), ("b", "Linear", {"out_features": 4}, (990, 0))],
        [("x", "a"), ("a", "cat"), ("x", "cat"), ("cat", "b")],
    )
    view = make_view(qtbot, g)
    before = list(view.doc.graph.edges)
    drag(view, port_pos(view, "b", "out"), port_pos(view, "cat", "in"))
    assert view.doc.graph.edges == before
    assert "cycle" in view.last_refusal
    assert view.canvas_scene.node_item("cat").in_port.state is None


def test_dragging_onto_a_card_connects_to_its_input_and_the_hovered_invalid_port_turns_red(qtbot):
    g = graph_of(
        [("x", "Input", {"shape": [4]}, (0, 0)), ("fc", "Linear", {"out_features": 8}, (330, 0)),
         ("fc2", "Linear", {}, (660, 0)), ("t", "Tanh", {}, (660, 160))],
        [("x", "fc"), ("x", "fc2")],
    )
    view = make_view(qtbot, g)
    center = view.mapFromScene(view.node_item("fc2").card_rect().center())
    drag(view, port_pos(view, "fc", "out"), center, release=False)
    assert view.node_item("fc2").in_port.state == "invalid"  # takes one input and has one
    assert "takes one input" in QToolTip.text()
    t_center = view.mapFromScene(view.node_item("t").card_rect().center())
    move(view, center, t_center)
    assert view.node_item("t").in_port.state == "valid"
    release(view, t_center)
    assert view.doc.graph.has_edge("fc", "t") and not view.doc.graph.has_edge("fc", "fc2")
