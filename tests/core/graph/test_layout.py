"""The layered layout: columns left to right, straight chains, free lanes for skip edges."""

from __future__ import annotations

import subprocess
import sys

from visualnn.core.graph import Graph
from visualnn.core.graph.layout import GAP, NODE_SIZE, choose_bands, layout_detail, layout_graph

W, H = NODE_SIZE


def build(edges, types=None, input_id="x"):
    types = types or {}
    g = Graph()
    g.add_node("Input", input_id, {"shape": [4]})
    for a, b in edges:
        for n in (a, b):
            if n not in g:
                g.add_node(types.get(n, "Linear"), n)
        g.connect(a, b)
    return g


def rects(pos):
    return {n: (x, y, x + W, y + H) for n, (x, y) in pos.items()}


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_no_overlap(pos):
    r = rects(pos)
    names = list(r)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not overlaps(r[a], r[b]), (a, b, pos[a], pos[b])


def test_chain_is_one_straight_row_left_to_right():
    g = build([("x", "a"), ("a", "b"), ("b", "c")])
    pos = layout_graph(g)
    assert [pos[n][0] for n in "xabc"[:1]] == [0]
    xs = [pos[n][0] for n in ("x", "a", "b", "c")]
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert xs[1] - xs[0] == W + GAP[0]
    assert {pos[n][1] for n in ("x", "a", "b", "c")} == {0}


def test_input_leftmost_output_rightmost_whatever_the_file_order():
    g = Graph()
    g.add_node("Linear", "out")
    g.add_node("Tanh", "mid")
    g.add_node("Input", "x", {"shape": [2]})
    g.connect("mid", "out")
    g.connect("x", "mid")
    pos = layout_graph(g)
    assert pos["x"][0] < pos["mid"][0] < pos["out"][0]
    assert min(p[0] for p in pos.values()) == pos["x"][0] == 0


def test_skip_connection_gets_a_free_lane_and_the_chain_stays_straight():
    g = build([("x", "fc1"), ("fc1", "r1"), ("r1", "fc2"), ("fc2", "add"), ("x", "add"), ("add", "out")],
              {"add": "Add", "r1": "ReLU"})
    lay = layout_detail(g)
    pos = lay.positions
    assert_no_overlap(pos)
    assert {pos[n][1] for n in ("x", "fc1", "r1", "fc2", "add", "out")} == {0}
    lane = lay.lanes[("x", "add")]
    assert len(lane) == 3  # one point per column the skip edge crosses
    cards = rects(pos)
    for (lx, ly) in lane:
        for n, (x0, y0, x1, y1) in cards.items():
            assert not (x0 - 1 <= lx <= x1 + 1 and y0 - 8 <= ly <= y1 + 8), (n, lx, ly)
    assert lay.lanes[("x", "fc1")] == []


def test_barycentre_ordering_removes_crossings():
    # x feeds a, b; a feeds d2 and b feeds d1, with d1 listed first: a naive order crosses
    g = build([("x", "a"), ("x", "b"), ("b", "d1"), ("a", "d2"), ("d1", "cat"), ("d2", "cat")],
              {"cat": "Concat"})
    pos = layout_graph(g)
    assert_no_overlap(pos)
    above = lambda u, v: pos[u][1] < pos[v][1]  # noqa: E731
    assert above("a", "b") == above("d2", "d1")


def test_branches_are_spread_and_merge_is_centred():
    g = build([("x", "a"), ("x", "b"), ("x", "c"), ("a", "cat"), ("b", "cat"), ("c", "cat")], {"cat": "Concat"})
    pos = layout_graph(g)
    assert_no_overlap(pos)
    ys = sorted(pos[n][1] for n in "abc")
    assert ys[1] - ys[0] == ys[2] - ys[1] >= H + GAP[1] - 1
    assert abs(pos["cat"][1] - ys[1]) <= 1 and abs(pos["x"][1] - ys[1]) <= 1


def test_cycles_and_loose_nodes_do_not_hang_or_overlap():
    g = build([("x", "a"), ("a", "b"), ("b", "c")], {"c": "Concat"})
    g.connect("c", "a")  # a cycle: invalid, but the canvas must still draw it
    g.add_node("Linear", "loose")
    g.add_node("Tanh", "dangling")
    g.connect("dangling", "c")
    pos = layout_graph(g)
    assert set(pos) == set(g.nodes)
    assert_no_overlap(pos)
    assert pos["x"][0] < pos["a"][0] < pos["b"][0] < pos["c"][0]
    assert pos["dangling"][0] == pos["b"][0]  # pulled next to what it feeds


def test_custom_sizes_and_empty_graph():
    assert layout_graph(Graph()) == {}
    g = build([("x", "a")])
    pos = layout_graph(g, node_size=(100, 40), gap=(20, 10), sizes={"x": (60, 40)})
    assert pos["x"] == (0, 0) and pos["a"] == (80, 0)  # a column is as wide as its widest card


def test_layout_imports_no_qt():
    code = "import sys, visualnn.core.graph.layout; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def long_chain(n):
    return build([(("x" if i == 0 else f"l{i}"), f"l{i + 1}") for i in range(n - 1)])


def test_a_long_graph_folds_into_bands_read_like_text():
    g = long_chain(9)
    lay = layout_detail(g, bands=3)
    pos = lay.positions
    assert lay.bands == 3
    assert_no_overlap(pos)
    rows = [[("x" if i == 0 else f"l{i}") for i in range(r * 3, r * 3 + 3)] for r in range(3)]
    for r, row in enumerate(rows):
        assert [pos[n][0] for n in row] == [0, W + GAP[0], 2 * (W + GAP[0])]  # each band starts at the left
        assert len({pos[n][1] for n in row}) == 1
        if r:
            assert pos[row[0]][1] >= pos[rows[r - 1][0]][1] + H + GAP[1]  # below the band before
    assert pos["x"] == (0, 0)


def test_choose_bands_folds_only_when_the_cards_would_be_too_small():
    assert choose_bands(long_chain(4), (1400, 700)) == 1
    assert choose_bands(long_chain(9), (1000, 560)) == 3
    assert choose_bands(long_chain(9), (3200, 700)) == 1
    assert choose_bands(Graph(), (800, 600)) == 1
