"""Layered left-to-right layout of a layer graph (pure: no Qt).

The classic Sugiyama recipe, small enough for graphs of a few hundred layers:

1. cycles (an invalid graph can have them) are broken by ignoring DFS back edges;
2. layers by longest path from the sources, so the Input is in the first column and the
   output in the last; a source that is not an Input is pulled next to what it feeds;
3. an edge spanning several columns gets a chain of dummy nodes, one per column it
   crosses, so skip connections reserve a free lane instead of running through cards;
4. the order within each column is improved by barycentre sweeps (fewer crossings);
5. vertical positions: each node is pulled towards the mean of its neighbours, with the
   column's order and spacing kept (weighted isotonic regression, pool adjacent violators);
6. optionally, a long graph is folded into bands (rows of columns, read like text) so a
   deep network fits a wide screen at a readable size: `choose_bands` picks how many.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from visualnn.core.graph.model import Graph

NODE_SIZE = (200.0, 100.0)  # the canvas card: width, height in scene units (pixels at 100 %)
GAP = (130.0, 44.0)  # space between columns (room for an edge's shape label) and between cards
LANE = 24.0  # height reserved for a long edge passing through a column
BAND_GAP = 2 * GAP[1] + LANE  # between two bands: room for the edges turning back to the left


@dataclass
class Layout:
    """positions: node id -> top-left (x, y) of its card; layers: node id -> column index;
    lanes: (src, dst) -> the centre points (x, y) a long edge passes through, one per column
    it crosses (empty for edges between neighbouring columns)."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    layers: dict[str, int] = field(default_factory=dict)
    lanes: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    bands: int = 1


def layout_graph(graph: Graph, node_size=NODE_SIZE, gap=GAP, sizes: dict | None = None,
                 bands: int = 1) -> dict[str, tuple[float, float]]:
    """Top-left (x, y) of every node's card, in scene units; the smallest x and y are 0.

    node_size: (width, height) of a card; gap: (between columns, between cards in a column);
    sizes: optional per-node (width, height) overriding node_size; bands: how many rows of
    columns to fold the graph into (1: one left-to-right row)."""
    return layout_detail(graph, node_size, gap, sizes, bands).positions


def layout_detail(graph: Graph, node_size=NODE_SIZE, gap=GAP, sizes: dict | None = None, bands: int = 1) -> Layout:
    """The layout with its columns and the lanes of long edges (see `Layout`)."""
    nodes = list(graph.nodes)
    if not nodes:
        return Layout()
    sizes = {n: tuple((sizes or {}).get(n, node_size)) for n in nodes}
    edges = _acyclic_edges(graph)
    layer = _layers(graph, nodes, edges)

    # dummy chains for long edges
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    pred: dict[str, list[str]] = {n: [] for n in nodes}
    chains: dict[tuple[str, str], list[str]] = {}
    for s, d in edges:
        prev = s
        chain = []
        for k in range(layer[s] + 1, layer[d]):
            dummy = f"\0{s}\0{d}\0{k}"
            layer[dummy] = k
            succ[dummy], pred[dummy] = [], []
            chain.append(dummy)
            succ[prev].append(dummy)
            pred[dummy].append(prev)
            prev = dummy
        succ[prev].append(d)
        pred[d].append(prev)
        chains[(s, d)] = chain
    for (s, d), chain in chains.items():
        sizes.update({c: (0.0, LANE) for c in chain})

    columns = _initial_order(nodes, layer, succ, graph)
    columns = _reduce_crossings(columns, pred, succ)
    ys = _vertical_positions(columns, pred, succ, sizes, gap[1], dummy=lambda n: n.startswith("\0"))

    # x: columns as wide as their widest card
    xs, x, col_x = {}, 0.0, []
    for col in columns:
        col_x.append(x)
        width = max((sizes[n][0] for n in col), default=0.0) or node_size[0]
        for n in col:
            xs[n] = x + (width - sizes[n][0]) / 2
        x += width + gap[0]

    # fold into bands: band b holds columns [b * per, (b + 1) * per), stacked downwards
    per = math.ceil(len(columns) / max(1, min(bands, len(columns))))
    band_of = {n: layer[n] // per for n in ys}
    extent: dict[int, list[float]] = {}
    for n, y in ys.items():
        lo, hi = y - sizes[n][1] / 2, y + sizes[n][1] / 2
        e = extent.setdefault(band_of[n], [lo, hi])
        e[0], e[1] = min(e[0], lo), max(e[1], hi)
    shift, y0 = {}, 0.0
    for b in sorted(extent):
        shift[b] = y0 - extent[b][0]
        y0 += extent[b][1] - extent[b][0] + BAND_GAP
    fx = lambda n: xs[n] - col_x[band_of[n] * per]  # noqa: E731
    fy = lambda n: ys[n] + shift[band_of[n]]  # noqa: E731

    out = Layout(bands=len(extent))
    for n in nodes:
        out.positions[n] = (round(fx(n)), round(fy(n) - sizes[n][1] / 2))
        out.layers[n] = layer[n]
    for key, chain in chains.items():
        out.lanes[key] = [(fx(c), fy(c)) for c in chain]
    return out


def choose_bands(graph: Graph, view_size: tuple[float, float], node_size=NODE_SIZE, gap=GAP,
                 sizes: dict | None = None, max_zoom: float = 1.25, readable: float = 0.75) -> int:
    """How many bands show the graph largest in a view of view_size (width, height) pixels.

    One band (a single left-to-right row) unless that would show the cards below `readable`
    (their size on screen relative to 100 %) and folding makes them at least 1.3 times
    larger; the zoom counted never exceeds `max_zoom`."""
    def zoom(lay: Layout) -> float:
        if not lay.positions:
            return max_zoom
        w = max(x + (sizes or {}).get(n, node_size)[0] for n, (x, _) in lay.positions.items())
        h = max(y + (sizes or {}).get(n, node_size)[1] for n, (_, y) in lay.positions.items())
        return min(max_zoom, (view_size[0] - 80) / max(w, 1.0), (view_size[1] - 80) / max(h, 1.0))

    one = layout_detail(graph, node_size, gap, sizes)
    z1 = zoom(one)
    if z1 >= readable or not one.layers:
        return 1
    n_cols = max(one.layers.values()) + 1
    best, best_z, seen = 1, z1, set()
    for b in range(2, min(n_cols, 8) + 1):
        per = math.ceil(n_cols / b)
        if per in seen:
            continue
        seen.add(per)
        z = zoom(layout_detail(graph, node_size, gap, sizes, b))
        if z > best_z * 1.05:
            best, best_z = b, z
    return best if best_z >= 1.3 * z1 else 1


def _acyclic_edges(graph: Graph) -> list[tuple[str, str]]:
    """The edges without DFS back edges (those would close a cycle), self loops and duplicates."""
    out_edges: dict[str, list[str]] = {n: [] for n in graph.nodes}
    seen_pairs = set()
    for e in graph.edges:
        if e.src != e.dst and (e.src, e.dst) not in seen_pairs and e.src in out_edges and e.dst in out_edges:
            seen_pairs.add((e.src, e.dst))
            out_edges[e.src].append(e.dst)
    state: dict[str, int] = {}  # 1 on the DFS stack, 2 done
    back = set()
    starts = [n for n in graph.nodes if graph.nodes[n].type == "Input"] + list(graph.nodes)
    for root in starts:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out_edges[root]))]
        while stack:
            n, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[n] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((n, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(out_edges[nxt])))
    return [(s, d) for s in out_edges for d in out_edges[s] if (s, d) not in back]


def _layers(graph: Graph, nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    preds = {n: [] for n in nodes}
    succs = {n: [] for n in nodes}
    for s, d in edges:
        preds[d].append(s)
        succs[s].append(d)
    order = _topo(nodes, preds, succs)
    layer = {}
    for n in order:
        layer[n] = max((layer[p] + 1 for p in preds[n]), default=0)
    # pull sources that are not Inputs (a dangling branch) next to what they feed
    for n in reversed(order):
        if not preds[n] and succs[n] and graph.nodes[n].type != "Input":
            layer[n] = max(0, min(layer[d] for d in succs[n]) - 1)
    return layer


def _topo(nodes, preds, succs) -> list[str]:
    indeg = {n: len(preds[n]) for n in nodes}
    ready = [n for n in nodes if indeg[n] == 0]
    order = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for d in succs[n]:
            indeg[d] -= 1
            if indeg[d] == 0:
                ready.append(d)
    return order


def _initial_order(nodes, layer, succ, graph: Graph) -> list[list[str]]:
    """Columns in depth-first order from the Inputs: chains stay together from the start."""
    n_cols = max(layer.values()) + 1
    columns: list[list[str]] = [[] for _ in range(n_cols)]
    seen = set()
    roots = [n for n in nodes if graph.nodes[n].type == "Input"] + nodes
    for root in roots:
        stack = [root]
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            columns[layer[n]].append(n)
            stack.extend(reversed(succ[n]))
    return columns


def _crossings(columns, succ) -> int:
    total = 0
    for a, b in zip(columns, columns[1:]):
        pos_b = {n: i for i, n in enumerate(b)}
        pairs = [(i, pos_b[d]) for i, n in enumerate(a) for d in succ[n] if d in pos_b]
        for k, (i1, j1) in enumerate(pairs):
            for i2, j2 in pairs[k + 1:]:
                if (i1 - i2) * (j1 - j2) < 0:
                    total += 1
    return total


def _reduce_crossings(columns, pred, succ, sweeps: int = 8) -> list[list[str]]:
    best, best_count = [list(c) for c in columns], _crossings(columns, succ)
    cols = [list(c) for c in columns]
    for sweep in range(sweeps):
        if best_count == 0:
            break
        down = sweep % 2 == 0
        rng = range(1, len(cols)) if down else range(len(cols) - 2, -1, -1)
        for k in rng:
            ref = cols[k - 1] if down else cols[k + 1]
            pos = {n: i for i, n in enumerate(ref)}
            nbrs = pred if down else succ

            def key(item):
                i, n = item
                ps = [pos[m] for m in nbrs[n] if m in pos]
                return (sum(ps) / len(ps) if ps else i, i)

            cols[k] = [n for _, n in sorted(enumerate(cols[k]), key=key)]
        count = _crossings(cols, succ)
        if count < best_count:
            best, best_count = [list(c) for c in cols], count
    return best


def _vertical_positions(columns, pred, succ, sizes, gap_y, dummy) -> dict[str, float]:
    def sep(a, b):
        g = gap_y / 3 if dummy(a) or dummy(b) else gap_y
        return (sizes[a][1] + sizes[b][1]) / 2 + g

    ys: dict[str, float] = {}
    for col in columns:
        y = 0.0
        for i, n in enumerate(col):
            if i:
                y += sep(col[i - 1], n)
            ys[n] = y
        shift = y / 2
        for n in col:
            ys[n] -= shift

    def place(col, nbrs_of):
        targets, weights = [], []
        for n in col:
            # a card follows cards more than lanes, so chains stay straight beside a skip lane
            nb = [(ys[m], 0.1 if dummy(m) and not dummy(n) else 1.0) for m in nbrs_of(n)]
            total = sum(w for _, w in nb)
            targets.append(sum(y * w for y, w in nb) / total if nb else ys[n])
            weights.append(0.02 if dummy(n) else 1.0)
        offsets = [0.0]
        for a, b in zip(col, col[1:]):
            offsets.append(offsets[-1] + sep(a, b))
        z = _isotonic([t - o for t, o in zip(targets, offsets)], weights)
        for n, zi, o in zip(col, z, offsets):
            ys[n] = zi + o

    for _ in range(6):
        for col in columns[1:]:
            place(col, lambda n: pred[n])
        for col in reversed(columns[:-1]):
            place(col, lambda n: succ[n])
    for col in columns:
        place(col, lambda n: pred[n] + succ[n])
    _straighten(columns, pred, succ, ys, sep, dummy)
    return ys


def _straighten(columns, pred, succ, ys, sep, dummy) -> None:
    """Put a card exactly level with its one card neighbour on the left (a chain link)
    where the column's spacing allows: the last few pixels of wiggle read as sloppiness."""
    for col in columns[1:]:
        for i, n in enumerate(col):
            if dummy(n):
                continue
            real_pred = [m for m in pred[n] if not dummy(m)]
            if len(real_pred) != 1 or [d for d in succ[real_pred[0]] if not dummy(d)] != [n]:
                continue
            trial = {m: ys[m] for m in col}
            trial[n] = ys[real_pred[0]]
            for j in range(i + 1, len(col)):  # push later ones down
                trial[col[j]] = max(trial[col[j]], trial[col[j - 1]] + sep(col[j - 1], col[j]))
            for j in range(i - 1, -1, -1):  # and earlier ones up
                trial[col[j]] = min(trial[col[j]], trial[col[j + 1]] - sep(col[j], col[j + 1]))
            # only lanes may make way: moving another card would break its own alignment
            if all(dummy(m) or abs(trial[m] - ys[m]) < 1e-6 for m in col if m != n):
                ys.update(trial)


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, w in zip(values, weights):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out = []
    for m, _, c in blocks:
        out.extend([m] * c)
    return out
