"""The ports of a card (where edges attach) and its problem badge."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from visualnn.gui import theme

PORT_R = 6.0  # radius of a port's circle
SLOT = 14.0  # spacing of the edges arriving at a port that takes several


class PortItem(QGraphicsItem):
    """kind 'in' (left side) or 'out' (right side). An input that takes several edges
    (Add, Concat) is drawn as a pill, with the edges arriving in connection order from top
    to bottom. state: None, 'hover', 'valid' (a connection may end here) or 'invalid'."""

    def __init__(self, parent, kind: str, multi: bool = False):
        super().__init__(parent)
        self.kind, self.multi = kind, multi
        self.count = 0  # edges attached
        self.state: str | None = None
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setZValue(2)

    @property
    def node_item(self):
        return self.parentItem()

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.prepareGeometryChange()
            self.count = count
            self.update()

    def set_state(self, state: str | None) -> None:
        if state != self.state:
            self.state = state
            self.update()

    def _pill_height(self) -> float:
        return 2 * PORT_R + (SLOT * (max(self.count, 2) - 1) if self.multi else 0.0)

    def boundingRect(self) -> QRectF:
        h = self._pill_height() + 14
        return QRectF(-12, -h / 2, 24, h)

    def anchor(self, index: int = 0) -> QPointF:
        """Scene point where the index-th attached edge ends."""
        dy = 0.0
        if self.multi and self.count > 1:
            dy = (index - (self.count - 1) / 2) * SLOT
        return self.mapToScene(QPointF(0, dy))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = theme.current()
        ring = QColor(t["port_border"])
        fill = QColor(t["port"])
        width = 2.0
        if self.count:
            fill = QColor(t["edge"])
            ring = QColor(t["edge"])
        if self.state == "hover":
            ring = QColor(t["accent"])
        elif self.state == "valid":
            ring, fill, width = QColor(t["port_valid"]), QColor(t["port_valid"]), 3.0
            halo = QColor(t["port_valid"])
            halo.setAlphaF(0.25)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo)
            painter.drawRoundedRect(self._body().adjusted(-6, -6, 6, 6), PORT_R + 6, PORT_R + 6)
        elif self.state == "invalid":
            ring, width = QColor(t["port_invalid"]), 2.5
            fill = QColor(t["card"])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ring, width))
        painter.setBrush(fill)
        painter.drawRoundedRect(self._body(), PORT_R, PORT_R)

    def _body(self) -> QRectF:
        h = self._pill_height()
        return QRectF(-PORT_R, -h / 2, 2 * PORT_R, h)

    def hoverEnterEvent(self, event):
        if self.state is None:
            self.set_state("hover")
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        if self.state == "hover":
            self.set_state(None)
        super().hoverLeaveEvent(event)


class BadgeItem(QGraphicsItem):
    """A red dot with '!' at the card's corner; its tooltip holds the problems."""

    R = 11.0

    def __init__(self, parent):
        super().__init__(parent)
        self.messages: list[str] = []
        self.setZValue(3)
        self.setVisible(False)

    def set_messages(self, messages: list[str]) -> None:
        self.messages = list(messages)
        self.setToolTip("\n".join(messages))
        self.setVisible(bool(messages))
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-self.R - 2, -self.R - 2, 2 * self.R + 4, 2 * self.R + 4)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = theme.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(t["card"]), 2.0))
        painter.setBrush(QColor(t["error"]))
        painter.drawEllipse(QPointF(0, 0), self.R, self.R)
        pen = QPen(QColor(t["error_text"]), 2.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(0, -5.5), QPointF(0, 1.5))
        painter.drawPoint(QPointF(0, 5.5))
