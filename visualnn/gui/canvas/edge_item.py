"""An edge on the canvas: a curve from an output port to an input port with the shape of
the tensor flowing along it written at its middle. Selectable (Delete removes it) and
highlighted under the mouse; `highlight(state)` and `set_note(text)` serve live views."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from visualnn.gui import theme
from visualnn.gui.canvas import routing

LABEL_FONT = (9.5, False, True)
HIGHLIGHTS = ("forward", "backward", "current", "done", "dim")


@lru_cache(maxsize=1)
def _label_font():
    return theme.font(*LABEL_FONT)


class EdgeItem(QGraphicsItem):
    def __init__(self, src: str, dst: str):
        super().__init__()
        self.src, self.dst = src, dst
        self.label = ""
        self.note = ""
        self._highlight: str | None = None
        self._hover = False
        self._path = QPainterPath()
        self._label_at = QPointF()
        self._p0 = self._p1 = QPointF()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(-1)

    @property
    def key(self) -> tuple[str, str]:
        return (self.src, self.dst)

    def set_label(self, text: str) -> None:
        if text != self.label:
            self.prepareGeometryChange()
            self.label = text
            self.setToolTip(f"{self.src} → {self.dst}: {text}" if text else f"{self.src} → {self.dst}")
            self.update()

    def set_note(self, text: str | None) -> None:
        """A second line under the shape (e.g. a value during a step-through); None clears it."""
        self.prepareGeometryChange()
        self.note = text or ""
        self.update()

    def highlight(self, state: str | None) -> None:
        """None, 'forward', 'backward', 'current', 'done' or 'dim' (as NodeItem.highlight)."""
        if state is not None and state not in HIGHLIGHTS:
            raise ValueError(f"unknown highlight {state!r} (one of {', '.join(HIGHLIGHTS)})")
        self._highlight = state
        self.setOpacity(0.3 if state == "dim" else 1.0)
        self.update()

    def set_ends(self, p0: QPointF, p1: QPointF, obstacles=(), ends=()) -> None:
        """Run from p0 (output port) to p1 (input port), around the card rectangles
        `obstacles`; `ends` are the rectangles of its own two cards."""
        self.prepareGeometryChange()
        a, b = (p0.x(), p0.y()), (p1.x(), p1.y())
        path = QPainterPath(p0)
        pts = None
        y = routing.lane(a, b, obstacles)
        if y is not None:
            pts = routing.lane_points(a, b, y)
        else:
            y = routing.return_lane(a, b, list(obstacles) + list(ends))
            if y is not None:
                pts = routing.return_points(a, b, y)
        if pts is None:
            c0, c1 = routing.controls(a, b)
            path.cubicTo(QPointF(*c0), QPointF(*c1), p1)
            self._label_at = path.pointAtPercent(0.5)
        else:
            pts = [QPointF(*p) for p in pts]
            path.cubicTo(pts[1], pts[2], pts[3])
            path.lineTo(pts[4])
            path.cubicTo(pts[5], pts[6], pts[7])
            self._label_at = (pts[3] + pts[4]) / 2
        self._p0, self._p1 = p0, p1
        self._path = path
        self.update()

    def path(self) -> QPainterPath:
        return self._path

    def label_rect(self) -> QRectF:
        if not self.label and not self.note:
            return QRectF()
        fm = QFontMetricsF(_label_font())
        w = max(fm.horizontalAdvance(self.label), fm.horizontalAdvance(self.note)) + 14
        h = fm.height() * (2 if self.note else 1) + 6
        return QRectF(self._label_at.x() - w / 2, self._label_at.y() - h / 2, w, h)

    def boundingRect(self) -> QRectF:
        return self._path.controlPointRect().adjusted(-6, -6, 6, 6).united(self.label_rect().adjusted(-2, -2, 2, 2))

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        s = stroker.createStroke(self._path)
        s.addRect(self.label_rect())
        return s

    def hoverEnterEvent(self, event):
        self._hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = theme.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color, width = QColor(t["edge"]), 2.0
        if self._highlight in ("forward", "backward", "current", "done"):
            color, width = QColor(t[self._highlight]), 3.0
        if self._hover or self.isSelected():
            color, width = QColor(t["edge_hover"]), 3.0
        pen = QPen(color, theme.line_width(width) / theme.ui_scale())  # the canvas zooms for the UI scale
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        self._paint_label(painter, t, color if (self._hover or self.isSelected()) else None)

    def _paint_label(self, painter: QPainter, t: dict, accent) -> None:
        rect = self.label_rect()
        if rect.isEmpty():
            return
        painter.setPen(QPen(accent or QColor(t["edge_label_border"]), 1.0))
        painter.setBrush(QColor(t["edge_label_bg"]))
        painter.drawRoundedRect(rect, rect.height() / 2 if not self.note else 8, rect.height() / 2 if not self.note else 8)
        painter.setFont(_label_font())
        painter.setPen(QColor(t["edge_label_text"]))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.label + ("\n" + self.note if self.note else ""))
