"""Dragging a new edge out of a port: the rubber edge, the lit targets, the refusal reason.

Which targets are valid is asked once, when the drag starts, from the core's
`check_connect` (the same check the validator and the loader use)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from visualnn.core.graph import ConnectError, check_connect
from visualnn.gui import theme
from visualnn.gui.canvas import routing
from visualnn.gui.canvas.node_item import NodeItem
from visualnn.gui.canvas.port_item import PortItem


class ConnectDrag:
    def __init__(self, scene, port: PortItem):
        self.scene = scene
        self.from_output = port.kind == "out"
        self.anchor_id = port.node_item.node_id
        self.port = port
        graph = scene.doc.graph
        self.reasons: dict[str, str | None] = {}
        for nid in scene.nodes:
            src, dst = (self.anchor_id, nid) if self.from_output else (nid, self.anchor_id)
            try:
                check_connect(graph, src, dst)
                self.reasons[nid] = None
            except ConnectError as e:
                self.reasons[nid] = str(e)
        for nid, reason in self.reasons.items():
            p = self._target_port(nid)
            if p is not None and reason is None:
                p.set_state("valid")
        self.target: str | None = None
        self.rubber = QGraphicsPathItem()
        pen = QPen(QColor(theme.current()["accent"]), 2.4, Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.rubber.setPen(pen)
        self.rubber.setZValue(10)
        scene.addItem(self.rubber)
        self.move(port.anchor())

    def _target_port(self, nid: str) -> PortItem | None:
        item = self.scene.nodes.get(nid)
        if item is None:
            return None
        return item.in_port if self.from_output else item.out_port

    def target_at(self, scene_pos: QPointF) -> str | None:
        """The node under the point whose opposite port a drop would connect to."""
        for item in self.scene.items(scene_pos):
            if item is self.rubber:
                continue
            if isinstance(item, PortItem):  # either port of a card stands for the card
                return item.node_item.node_id if item.node_item.node_id != self.anchor_id else None
            node = item if isinstance(item, NodeItem) else (item.parentItem() if isinstance(item.parentItem(), NodeItem) else None)
            if node is not None:
                return node.node_id if node.node_id != self.anchor_id else None
        return None

    def move(self, scene_pos: QPointF) -> tuple[str | None, str | None]:
        """Follow the mouse; returns (target id or None, reason it is refused or None)."""
        target = self.target_at(scene_pos)
        if target != self.target:
            if self.target is not None:
                old = self._target_port(self.target)
                if old is not None:
                    old.set_state("valid" if self.reasons.get(self.target) is None else None)
            self.target = target
            if target is not None:
                p = self._target_port(target)
                if p is not None:
                    p.set_state("invalid" if self.reasons.get(target) else "valid")
        reason = self.reasons.get(target) if target is not None else None
        end = scene_pos
        if target is not None and reason is None:
            p = self._target_port(target)
            if p is not None:
                end = p.anchor(p.count if p.multi else 0)
        a = self.port.anchor()
        p0, p1 = (a, end) if self.from_output else (end, a)
        c0, c1 = routing.controls((p0.x(), p0.y()), (p1.x(), p1.y()))
        path = QPainterPath(p0)
        path.cubicTo(QPointF(*c0), QPointF(*c1), p1)
        self.rubber.setPath(path)
        return target, reason

    def edge(self) -> tuple[str, str] | None:
        """The edge a drop now would make (a valid target under the mouse), else None."""
        if self.target is None or self.reasons.get(self.target) is not None:
            return None
        return (self.anchor_id, self.target) if self.from_output else (self.target, self.anchor_id)

    def finish(self) -> None:
        for nid in self.reasons:
            p = self._target_port(nid)
            if p is not None:
                p.set_state(None)
        self.scene.removeItem(self.rubber)
