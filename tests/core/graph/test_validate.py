"""Whole-graph validation: structure problems, fan-in, merges and connection checks."""

import pytest

from tests.conftest import chain
from visualnn.core.graph import ConnectError, Graph, can_connect, check_connect, check_graph, param_count


def messages(g):
    return [str(p) for p in check_graph(g).problems]


def test_valid_chain_has_shapes_and_counts():
    g = chain((2,), ("Linear", {"out_features": 8}), "Tanh", ("Linear", {"out_features": 1}))
    rep = check_graph(g)
    assert rep.ok and rep.order == ["x", "n0", "n1", "n2"]
    assert rep.shapes == {"x": (2,), "n0": (8,), "n1": (8,), "n2": (1,)}
    assert param_count(g, rep) == {"x": 0, "n0": 24, "n1": 0, "n2": 9}


def test_conv_after_flatten():
    g = chain((1, 8, 8), "Flatten", ("Conv2d", {}))
    assert any(m.startswith("node n1:") and "Flatten before it" in m for m in messages(g))


def test_add_of_two_shapes():
    g = chain((4,), ("Linear", {"out_features": 3}))
    g.add_node("Linear", "b", {"out_features": 5})
    g.connect("x", "b")
    g.add_node("Add", "sum")
    g.connect("n0", "sum")
    g.connect("b", "sum")
    assert any(m.startswith("node sum:") and "[3] and [5]" in m for m in messages(g))


def test_skip_connection_is_valid_and_concat_joins():
    g = chain((4,), ("Linear", {"out_features": 4}), "ReLU")
    g.add_node("Add", "res")
    g.connect("n1", "res")
    g.connect("x", "res")
    g.add_node("Concat", "cat")
    g.connect("res", "cat")
    g.connect("n0", "cat")
    rep = check_graph(g)
    assert rep.ok, rep.problems
    assert rep.shapes["cat"] == (8,)


def test_cycle_two_inputs_dangling_unknown_and_bad_id():
    g = chain((2,), ("Linear", {"out_features": 2}), ("Linear", {"out_features": 2}))
    g.connect("n1", "n0")  # n0 now has two inputs and a cycle
    assert any("cycle" in m for m in messages(g))

    g = chain((2,), ("Linear", {"out_features": 2}))
    g.add_node("Input", "x2", {"shape": [2]})
    g.connect("x2", "n0")
    ms = messages(g)
    assert any(m.startswith("node x2: a second Input") for m in ms)
    assert any(m.startswith("node n0:") and "takes one input but 2" in m for m in ms)

    g = chain((2,), ("Linear", {"out_features": 2}))
    g.add_node("Tanh", "lonely")
    assert "node lonely: has no input: connect a layer to it" in messages(g)

    g = chain((2,), ("Lenear", {}))
    assert messages(g) == ["node n0: unknown layer type 'Lenear'"]
    g = chain((2,), ("linear", {}))
    assert messages(g) == ["node n0: unknown layer type 'linear' (did you mean Linear?)"]

    g = chain((2,), ("Linear", {}))
    g.nodes["n0"].id = "2bad"
    g.nodes = {("2bad" if k == "n0" else k): v for k, v in g.nodes.items()}
    g.edges = [type(e)(e.src, "2bad") for e in g.edges]
    assert any(m.startswith("node 2bad: id '2bad' must start with a letter") for m in messages(g))


def test_two_outputs_and_no_input():
    g = chain((2,), ("Linear", {"out_features": 2}))
    g.add_node("Linear", "side", {"out_features": 2})
    g.connect("x", "side")
    assert any("its output is not used" in m for m in messages(g))
    g = Graph()
    g.add_node("Linear", "fc")
    assert "node fc: the graph has no Input layer" in messages(g)


def test_check_connect_reasons():
    g = chain((1, 8, 8), "Flatten")
    g.add_node("Conv2d", "conv")
    with pytest.raises(ConnectError, match="expects an image"):
        check_connect(g, "n0", "conv")
    assert can_connect(g, "x", "conv")
    with pytest.raises(ConnectError, match="Input takes no"):
        check_connect(g, "n0", "x")
    g.add_node("Identity", "idn")
    g.connect("n0", "idn")
    with pytest.raises(ConnectError, match="already has one"):
        check_connect(g, "idn", "n0")  # n0 is already fed by x
    g.add_node("Add", "m")
    g.connect("idn", "m")
    g.add_node("Identity", "after")
    g.connect("m", "after")
    with pytest.raises(ConnectError, match="cycle"):
        check_connect(g, "after", "m")
    with pytest.raises(ConnectError, match="feed itself"):
        check_connect(g, "n0", "n0")


def test_events_only_on_real_change():
    g = chain((2,), ("Linear", {"out_features": 2}))
    seen = []
    g.subscribe(seen.append)
    g.set_params("n0", {"out_features": 2})
    g.move_node("n0", (1, 2))
    g.move_node("n0", (1, 2))
    g.rename_node("n0", "n0")
    assert [e.kind for e in seen] == ["node_moved"]
    g.rename_node("n0", "fc")
    assert seen[-1].kind == "node_renamed" and seen[-1].old == "n0"
    assert g.inputs_of("fc") == ["x"]
