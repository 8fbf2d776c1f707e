"""The canvas scene: mirrors the Document's graph as cards and edges (id -> item maps).

It subscribes to the Document: rebuilt on `projectReplaced`, updated item by item from
`graphChanged`, labels and badges from `validated`. Items never hold the truth: a move
by the mouse is pushed as a MoveNodes command when the drag ends, and the graph's event
puts the card where the graph says.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF, QTimer, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsScene

from visualnn.core.graph import GraphEvent, Report, param_count
from visualnn.core.graph.layout import GAP, layout_graph
from visualnn.gui import theme
from visualnn.gui.canvas.card_index import CardIndex, meets, merge_ranges
from visualnn.gui.canvas.edge_item import EdgeItem
from visualnn.gui.canvas.labels import shape_text
from visualnn.gui.canvas.node_item import H, W, NodeItem
from visualnn.gui.canvas.routing import controls
from visualnn.gui.commands import MoveNodes

_drag_ids = itertools.count(1)


class CanvasScene(QGraphicsScene):
    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self._shown: dict[str, tuple[float, float]] = {}  # where each card was put from the graph
        self._rects: dict[str, tuple] = {}        # each card's full rectangle, as its edges were routed around
        self._cards: CardIndex | None = None      # the same, sorted (None: to be made anew)
        self._edges_at: dict[str, set] = {}       # node id -> keys of its edges
        self._spans: dict[tuple[str, str], tuple[float, float]] = {}  # the x-range each edge's route looked at
        self._to_route: set | None = set()        # edges to route at the next flush (None: all)
        self._moved: list[tuple[float, float]] = []  # x-ranges cards left or entered since the last flush
        self._report = None                       # the report the cards show
        self._deferred = 0                        # open deferred_routes blocks
        self._reroute = QTimer(self)
        self._reroute.setSingleShot(True)
        self._reroute.setInterval(0)
        self._reroute.timeout.connect(self.flush_routes)
        doc.graphChanged.connect(self._on_graph_event)
        doc.validated.connect(self._on_validated)
        doc.projectReplaced.connect(self.rebuild)
        theme.on_change(self.apply_theme)
        self.apply_theme()
        self.rebuild()

    # -- lookups ----------------------------------------------------------------------------
    def node_item(self, node_id: str) -> NodeItem | None:
        return self.nodes.get(node_id)

    def edge_item(self, src: str, dst: str) -> EdgeItem | None:
        return self.edges.get((src, dst))

    def selected_ids(self) -> list[str]:
        """Selected cards, in the graph's node order."""
        return [n for n, item in self.nodes.items() if item.isSelected()]

    def selected_edges(self) -> list[tuple[str, str]]:
        return [k for k, item in self.edges.items() if item.isSelected()]

    def select_ids(self, ids) -> None:
        ids = set(ids)
        self.blockSignals(True)
        self.clearSelection()
        for n in ids:
            if n in self.nodes:
                self.nodes[n].setSelected(True)
        self.blockSignals(False)
        self.selectionChanged.emit()

    def graph_rect(self) -> QRectF:
        """The cards, overlays, edges and labels: what a picture or 'fit' must show."""
        rect = QRectF()
        for item in self.nodes.values():
            rect = rect.united(item.full_rect().adjusted(-10, -10, 10, 10))
        for item in self.edges.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def display_pos(self, node_id: str) -> tuple[float, float]:
        return self._shown[node_id]

    def clear_highlights(self) -> None:
        for item in itertools.chain(self.nodes.values(), self.edges.values()):
            item.highlight(None)

    # -- building from the document ---------------------------------------------------------
    @Slot()
    def rebuild(self) -> None:
        for item in list(self.nodes.values()) + list(self.edges.values()):
            self.removeItem(item)
        self.nodes.clear()
        self.edges.clear()
        self._shown.clear()
        self._rects.clear()
        self._edges_at.clear()
        self._spans.clear()
        self._cards, self._to_route, self._report = None, None, None
        self._moved.clear()
        graph = self.doc.graph
        unplaced = [n for n, node in graph.nodes.items() if node.pos is None]
        fallback = self._fallback_positions(unplaced) if unplaced else {}
        for nid, node in graph.nodes.items():
            self._add_node(nid, node.pos if node.pos is not None else fallback[nid])
        for e in graph.edges:
            self._add_edge(e.src, e.dst, count_ports=False)
        ins, outs = graph.adjacency()  # every port's count in one pass over the edges
        for nid, item in self.nodes.items():
            if item.in_port is not None:
                item.in_port.set_count(len(ins[nid]))
            item.out_port.set_count(len(outs[nid]))
        self._on_validated(self.doc.report)
        self.flush_routes()

    def _fallback_positions(self, unplaced: list[str]) -> dict[str, tuple[float, float]]:
        """Where cards without a saved position are shown: the auto layout, below any placed ones."""
        graph = self.doc.graph
        lay = layout_graph(graph)
        placed = [graph.nodes[n].pos for n in graph.nodes if graph.nodes[n].pos is not None]
        if not placed:
            return {n: lay[n] for n in unplaced}
        left = min(p[0] for p in placed)
        below = max(p[1] for p in placed) + H + 2 * GAP[1]
        top = min(lay[n][1] for n in unplaced)
        return {n: (left + lay[n][0], below + lay[n][1] - top) for n in unplaced}

    def _add_node(self, nid: str, pos) -> NodeItem:
        node = self.doc.graph.nodes[nid]
        item = NodeItem(nid, node.type, node.params)
        self.addItem(item)
        self.nodes[nid] = item
        self._place(nid, pos)
        self.node_geometry_changed(item)  # (placed at 0, 0, the card did not move)
        return item

    def _place(self, nid: str, pos) -> None:
        self._shown[nid] = (float(pos[0]), float(pos[1]))
        self.nodes[nid].setPos(QPointF(*self._shown[nid]))

    def _add_edge(self, src: str, dst: str, count_ports: bool = True) -> EdgeItem:
        item = EdgeItem(src, dst)
        self.addItem(item)
        self.edges[(src, dst)] = item
        self._edges_at.setdefault(src, set()).add((src, dst))
        self._edges_at.setdefault(dst, set()).add((src, dst))
        rep = self.doc.report
        item.set_label(shape_text(rep.shapes.get(src)) if rep and src in rep.shapes else "")
        if count_ports:
            self._update_port_counts(src, dst)
        self._route_later([(src, dst)])
        return item

    def _drop_edge(self, key: tuple[str, str]) -> None:
        item = self.edges.pop(key, None)
        if item is not None:
            self.removeItem(item)
        self._spans.pop(key, None)
        for n in key:
            self._edges_at.get(n, set()).discard(key)

    def _update_port_counts(self, *ids) -> None:
        graph = self.doc.graph
        for n in ids:
            item = self.nodes.get(n)
            if item is None:
                continue
            if item.in_port is not None:
                item.in_port.set_count(len(graph.inputs_of(n)))
            item.out_port.set_count(len(graph.outputs_of(n)))
            self._route_later(self._edges_at.get(n, ()))  # the anchors of a port spread with its count

    # -- graph events -----------------------------------------------------------------------
    @Slot(object)
    def _on_graph_event(self, ev: GraphEvent) -> None:
        graph = self.doc.graph
        if ev.kind == "reset":
            self.rebuild()
            return
        if ev.kind == "node_added":
            node = graph.nodes[ev.node]
            self._add_node(ev.node, node.pos if node.pos is not None else self._free_spot())
        elif ev.kind == "node_removed":
            item = self.nodes.pop(ev.node, None)
            self._shown.pop(ev.node, None)
            if item is not None:
                self.removeItem(item)
            for key in list(self._edges_at.pop(ev.node, ())):
                self._drop_edge(key)  # (the graph removed them first; a stray one goes too)
            old = self._rects.pop(ev.node, None)
            if old is not None:
                self._cards = None
                self._route_across(old)  # edges that went around it may go straight now
        elif ev.kind == "node_changed":
            node = graph.nodes[ev.node]
            self.nodes[ev.node].set_node(node.type, node.params)
            self._update_port_counts(ev.node)
            self._report = None  # its card shows the next report afresh
        elif ev.kind == "node_moved":
            node = graph.nodes[ev.node]
            self._place(ev.node, node.pos if node.pos is not None else self._free_spot(exclude=ev.node))
        elif ev.kind == "node_renamed":
            self._rename(ev.old, ev.node)
        elif ev.kind == "edge_added":
            self._add_edge(ev.edge.src, ev.edge.dst)
        elif ev.kind == "edge_removed":
            self._drop_edge((ev.edge.src, ev.edge.dst))
            self._update_port_counts(ev.edge.src, ev.edge.dst)

    def _rename(self, old: str, new: str) -> None:
        item = self.nodes[old]
        item.node_id = new
        item.set_node(item.type_name, item.params)
        self.nodes = {(new if k == old else k): v for k, v in self.nodes.items()}
        self._shown[new] = self._shown.pop(old)
        if old in self._rects:
            self._rects[new] = self._rects.pop(old)
            self._cards = None
        keys = self._edges_at.pop(old, set())
        self._edges_at[new] = set()
        for s, d in keys:
            e = self.edges.pop((s, d))
            span = self._spans.pop((s, d), None)
            e.src, e.dst = (new if s == old else s), (new if d == old else d)
            self.edges[e.key] = e
            if span is not None:
                self._spans[e.key] = span
            other = e.dst if e.src == new else e.src
            if other != new:
                self._edges_at[other].discard((s, d))
                self._edges_at[other].add(e.key)
            self._edges_at[new].add(e.key)
        if self._to_route:
            self._to_route = {(new if s == old else s, new if d == old else d) for s, d in self._to_route}
        item.update()

    def _free_spot(self, exclude: str | None = None) -> tuple[float, float]:
        others = [p for n, p in self._shown.items() if n != exclude]
        if not others:
            return (0.0, 0.0)
        return (max(p[0] for p in others) + W + GAP[0], min(p[1] for p in others))

    @Slot(object)
    def _on_validated(self, rep: Report) -> None:
        """The report on the cards and the edges' shape labels; only what changed is
        touched, so one edit in a big graph does not redraw every card."""
        if rep is None or rep is self._report:
            return
        self._report = rep
        graph = self.doc.graph
        try:
            counts = param_count(graph, rep)
        except Exception:  # a count is a nicety: never let it break the canvas
            counts = {}
        for nid, item in self.nodes.items():
            if nid not in graph.nodes:
                continue
            node = graph.nodes[nid]
            if item.show(node.type, node.params, rep.shapes.get(nid), rep.for_node(nid), counts.get(nid),
                         rep.params.get(nid)):
                self._route_later(self._edges_at.get(nid, ()))  # an input port may have come or gone
        for (src, _), item in self.edges.items():
            item.set_label(shape_text(rep.shapes[src]) if src in rep.shapes else "?")

    # -- edge routes ------------------------------------------------------------------------
    # Each edge is routed around the cards across its horizontal run. A card that moves (or
    # gets an overlay) reroutes its own edges at once and, at the next flush, the edges whose
    # run it left or entered; the others keep their routes. So a drag, an overlay on each of
    # 1,000 cards or an edit in a big graph costs what it touches, not the whole graph.
    def node_geometry_changed(self, item: NodeItem) -> None:
        """A card moved (while dragged) or got an overlay: its edges follow at once."""
        nid = item.node_id
        if self.nodes.get(nid) is not item:
            return
        r = item.full_rect()
        rect = (r.left(), r.top(), r.right(), r.bottom())
        old = self._rects.get(nid)
        if rect == old:
            return
        self._rects[nid] = rect
        if self._to_route is None:  # everything is routed at the next flush anyway
            self._cards = None
            self._reroute.start()
            return
        if self._cards is not None:
            self._cards.move(nid, rect)
        if self._deferred:
            self._to_route.update(self._edges_at.get(nid, ()))
        else:
            for key in self._edges_at.get(nid, ()):
                self._route(self.edges[key], self._card_index())
        self._moved.append((rect[0], rect[2]))
        if old is not None:
            self._moved.append((old[0], old[2]))
        self._reroute.start()

    @contextmanager
    def deferred_routes(self):
        """Cards that move or get an overlay inside the block route their edges once, at its
        end (overlays hung on 1,000 cards: each edge routed once, not once per card)."""
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1
            if not self._deferred:
                self.flush_routes()

    def _route_later(self, keys) -> None:
        if self._to_route is not None:
            self._to_route.update(keys)
        self._reroute.start()

    def _route_across(self, rect) -> None:
        """Route again, at the next flush, every edge whose run crosses `rect`."""
        self._moved.append((rect[0], rect[2]))
        self._reroute.start()

    @Slot()
    def flush_routes(self) -> None:
        """Route now the edges a change left to route (normally done once after a burst of
        changes): every edge after a rebuild, else those the changes touched."""
        self._reroute.stop()
        pending, moved = self._to_route, self._moved
        self._to_route, self._moved = set(), []
        if pending is None:
            self._rects = self._card_rects()
            self._cards = None
            keys = list(self.edges)
        else:
            if moved:
                starts, ends = merge_ranges(moved)
                pending.update(key for key, (lo, hi) in self._spans.items() if meets(starts, ends, lo, hi))
            keys = [k for k in pending if k in self.edges]
        if not keys:
            return
        cards, ins = self._card_index(), self.doc.graph.adjacency()[0]
        for key in keys:
            self._route(self.edges[key], cards, ins)

    def _card_rects(self) -> dict[str, tuple]:
        out = {}
        for n, item in self.nodes.items():
            r = item.full_rect()
            out[n] = (r.left(), r.top(), r.right(), r.bottom())
        return out

    def _card_index(self) -> CardIndex:
        if self._cards is None:
            self._cards = CardIndex(self._rects)
        return self._cards

    def _route(self, edge: EdgeItem, cards: CardIndex, ins_of: dict | None = None) -> None:
        src, dst = self.nodes.get(edge.src), self.nodes.get(edge.dst)
        if src is None or dst is None:
            return
        p0 = src.out_port.anchor()
        if dst.in_port is None:
            p1 = dst.mapToScene(QPointF(0, H / 2))
        elif dst.in_port.multi and dst.in_port.count > 1:  # edges arrive in connection order
            ins = ins_of[edge.dst] if ins_of is not None else self.doc.graph.inputs_of(edge.dst)
            p1 = dst.in_port.anchor(ins.index(edge.src) if edge.src in ins else 0)
        else:
            p1 = dst.in_port.anchor(0)
        # only cards across the edge's horizontal run can be in its way (keeps a big graph fast)
        c0, c1 = controls((p0.x(), p0.y()), (p1.x(), p1.y()))
        lo = min(p0.x(), p1.x(), c0[0], c1[0]) - 4
        hi = max(p0.x(), p1.x(), c0[0], c1[0]) + 4
        obstacles = cards.across(lo, hi, skip=(edge.src, edge.dst))
        edge.set_ends(p0, p1, obstacles, [self._rects[edge.src], self._rects[edge.dst]])
        self._spans[edge.key] = (lo, hi)

    # -- moves by the mouse -----------------------------------------------------------------
    def mouseReleaseEvent(self, event):
        super().mouseReleaseEvent(event)
        self.commit_moves()

    def commit_moves(self, drag_id=None) -> None:
        """Push one MoveNodes for the cards the mouse moved away from where the graph has them."""
        moved = {}
        for nid, item in self.nodes.items():
            p = (round(item.pos().x()), round(item.pos().y()))
            if abs(p[0] - self._shown[nid][0]) > 0.01 or abs(p[1] - self._shown[nid][1]) > 0.01:
                moved[nid] = p
        if moved:
            self.doc.undo_stack.push(MoveNodes(self.doc, moved, drag_id or next(_drag_ids)))

    # -- theme ------------------------------------------------------------------------------
    def apply_theme(self) -> None:
        self.setBackgroundBrush(QBrush(QColor(theme.current()["canvas"])))
        for item in self.nodes.values():
            item._update_tooltip()
        self.update()
