"""The canvas scene: mirrors the Document's graph as cards and edges (id -> item maps).

It subscribes to the Document: rebuilt on `projectReplaced`, updated item by item from
`graphChanged`, labels and badges from `validated`. Items never hold the truth: a move
by the mouse is pushed as a MoveNodes command when the drag ends, and the graph's event
puts the card where the graph says.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, QTimer, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsScene

from visualnn.core.graph import GraphEvent, Report, param_count
from visualnn.core.graph.layout import GAP, layout_graph
from visualnn.gui import theme
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
        graph = self.doc.graph
        unplaced = [n for n, node in graph.nodes.items() if node.pos is None]
        fallback = self._fallback_positions(unplaced) if unplaced else {}
        for nid, node in graph.nodes.items():
            self._add_node(nid, node.pos if node.pos is not None else fallback[nid])
        for e in graph.edges:
            self._add_edge(e.src, e.dst)
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
        return item

    def _place(self, nid: str, pos) -> None:
        self._shown[nid] = (float(pos[0]), float(pos[1]))
        self.nodes[nid].setPos(QPointF(*self._shown[nid]))

    def _add_edge(self, src: str, dst: str) -> EdgeItem:
        item = EdgeItem(src, dst)
        self.addItem(item)
        self.edges[(src, dst)] = item
        rep = self.doc.report
        item.set_label(shape_text(rep.shapes.get(src)) if rep and src in rep.shapes else "")
        self._update_port_counts(src, dst)
        return item

    def _update_port_counts(self, *ids) -> None:
        graph = self.doc.graph
        for n in ids:
            item = self.nodes.get(n)
            if item is None:
                continue
            if item.in_port is not None:
                item.in_port.set_count(len(graph.inputs_of(n)))
            item.out_port.set_count(len(graph.outputs_of(n)))

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
        elif ev.kind == "node_changed":
            node = graph.nodes[ev.node]
            self.nodes[ev.node].set_node(node.type, node.params)
            self._update_port_counts(ev.node)
        elif ev.kind == "node_moved":
            node = graph.nodes[ev.node]
            self._place(ev.node, node.pos if node.pos is not None else self._free_spot(exclude=ev.node))
        elif ev.kind == "node_renamed":
            self._rename(ev.old, ev.node)
        elif ev.kind == "edge_added":
            self._add_edge(ev.edge.src, ev.edge.dst)
        elif ev.kind == "edge_removed":
            item = self.edges.pop((ev.edge.src, ev.edge.dst), None)
            if item is not None:
                self.removeItem(item)
            self._update_port_counts(ev.edge.src, ev.edge.dst)
        self._reroute.start()

    def _rename(self, old: str, new: str) -> None:
        item = self.nodes[old]
        item.node_id = new
        item.set_node(item.type_name, item.params)
        self.nodes = {(new if k == old else k): v for k, v in self.nodes.items()}
        self._shown[new] = self._shown.pop(old)
        for (s, d) in list(self.edges):
            if old in (s, d):
                e = self.edges.pop((s, d))
                e.src, e.dst = (new if s == old else s), (new if d == old else d)
                self.edges[e.key] = e
        item.update()

    def _free_spot(self, exclude: str | None = None) -> tuple[float, float]:
        others = [p for n, p in self._shown.items() if n != exclude]
        if not others:
            return (0.0, 0.0)
        return (max(p[0] for p in others) + W + GAP[0], min(p[1] for p in others))

    @Slot(object)
    def _on_validated(self, rep: Report) -> None:
        if rep is None:
            return
        graph = self.doc.graph
        try:
            counts = param_count(graph, rep)
        except Exception:  # a count is a nicety: never let it break the canvas
            counts = {}
        for nid, item in self.nodes.items():
            if nid not in graph.nodes:
                continue
            node = graph.nodes[nid]
            item.set_node(node.type, node.params, rep.params.get(nid))
            item.set_report(rep.shapes.get(nid), rep.for_node(nid), counts.get(nid), rep.params.get(nid))
        for (src, _), item in self.edges.items():
            item.set_label(shape_text(rep.shapes[src]) if src in rep.shapes else "?")
        self._reroute.start()

    # -- edge routes ------------------------------------------------------------------------
    def node_geometry_changed(self, item: NodeItem) -> None:
        """A card moved (while dragged) or got an overlay: its edges follow at once."""
        nid = item.node_id
        if self.nodes.get(nid) is not item:
            return
        mine = [edge for (s, d), edge in self.edges.items() if nid in (s, d)]
        if mine:  # a card placed before its edges exist (a rebuild) has nothing to route
            rects = self._rects()
            for edge in mine:
                self._route(edge, rects)
        self._reroute.start()

    @Slot()
    def flush_routes(self) -> None:
        """Route every edge now (normally done once after a burst of changes)."""
        self._reroute.stop()
        rects = self._rects()
        ins, _ = self.doc.graph.adjacency()
        for edge in self.edges.values():
            self._route(edge, rects, ins)

    def _rects(self) -> dict[str, tuple]:
        out = {}
        for n, item in self.nodes.items():
            r = item.full_rect()
            out[n] = (r.left(), r.top(), r.right(), r.bottom())
        return out

    def _route(self, edge: EdgeItem, rects: dict, ins_of: dict | None = None) -> None:
        src, dst = self.nodes.get(edge.src), self.nodes.get(edge.dst)
        if src is None or dst is None:
            return
        p0 = src.out_port.anchor()
        if dst.in_port is not None:
            ins = ins_of[edge.dst] if ins_of is not None else self.doc.graph.inputs_of(edge.dst)
            p1 = dst.in_port.anchor(ins.index(edge.src) if edge.src in ins else 0)
        else:
            p1 = dst.mapToScene(QPointF(0, H / 2))
        # only cards across the edge's horizontal run can be in its way (keeps a big graph fast)
        c0, c1 = controls((p0.x(), p0.y()), (p1.x(), p1.y()))
        lo = min(p0.x(), p1.x(), c0[0], c1[0]) - 4
        hi = max(p0.x(), p1.x(), c0[0], c1[0]) + 4
        obstacles = [r for n, r in rects.items() if r[2] >= lo and r[0] <= hi and n not in (edge.src, edge.dst)]
        edge.set_ends(p0, p1, obstacles, [rects[edge.src], rects[edge.dst]])

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
