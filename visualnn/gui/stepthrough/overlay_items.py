"""Graphics items step-through mode draws on the canvas.

`NeuronColumn` hangs under a layer's card (NodeItem.set_overlay): one circle per neuron,
filled by its value (orange negative, blue positive) with the number beside it; the
current neuron gets a ring; a click on a neuron emits the column's `picked(index)`.
Layers with many neurons show the first few, a '...' row and the picked one.
`WeightLines` draws the connections into the current neuron across the gap between two
columns, each labelled with its number (a weight, a gradient, old -> new).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from visualnn.gui import theme
from visualnn.gui.stepthrough.heatmap import diverging

R = 13.0             # neuron radius
ROW = 36.0           # vertical distance between neurons
SHOW_FIRST = 6       # a big layer shows this many neurons, then '...', then the picked one
TEXT_W = 78.0
LABEL_FONT = (10.0, False, True)
TITLE_FONT = (9.0, True, False)


class NeuronColumn(QGraphicsObject):
    picked = Signal(int)

    def __init__(self, node: str, title: str = ""):
        super().__init__()
        self.node = node
        self.title = title
        self.values: list[float | None] = []
        self.labels: list[str] = []
        self.current: int | None = None
        self.focus: int | None = None
        self.state = "forward"
        self.rows: list[int | None] = []   # neuron index per drawn row (None: the '...' row)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_values(self, values, labels, title: str, state: str, current: int | None, focus: int | None) -> None:
        self.prepareGeometryChange()
        self.values, self.labels, self.title = list(values), list(labels), title
        self.state, self.current, self.focus = state, current, focus
        n = len(self.values)
        if n <= SHOW_FIRST + 2:
            self.rows = list(range(n))
        else:
            self.rows = list(range(SHOW_FIRST)) + [None]
            extra = [i for i in (self.current, self.focus) if i is not None and i >= SHOW_FIRST]
            for i in sorted(set(extra)):
                self.rows.append(i)
            if n - 1 not in self.rows:
                self.rows.append(n - 1)
        self.update()

    # -- geometry --------------------------------------------------------------------------
    def width(self) -> float:
        return 2 * R + 8 + TEXT_W

    def neuron_center(self, index: int) -> QPointF | None:
        """Where neuron `index` is drawn, in item coordinates (None when not shown)."""
        if index not in self.rows:
            return None
        return QPointF(R + 2, 22 + R + self.rows.index(index) * ROW)

    def scene_anchor(self, index: int, side: str) -> QPointF | None:
        c = self.neuron_center(index)
        if c is None:
            return None
        if side == "left":
            return self.mapToScene(c + QPointF(-R, 0))
        return self.mapToScene(QPointF(self.width(), c.y()))

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -2, self.width() + 8, 22 + len(self.rows) * ROW + 4)

    # -- drawing ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = theme.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font(*TITLE_FONT))
        painter.setPen(QColor(t[self.state] if self.state in t else t["text_muted"]))
        painter.drawText(QRectF(0, 0, self.width(), 18), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.title)
        finite = [abs(v) for v in self.values if v is not None]
        scale = max(finite) if finite else 1.0
        font = theme.font(*LABEL_FONT)
        fm = QFontMetricsF(font)
        painter.setFont(font)
        for row, i in enumerate(self.rows):
            cy = 22 + R + row * ROW
            if i is None:
                painter.setPen(QColor(t["text_muted"]))
                painter.drawText(QRectF(0, cy - 10, 2 * R + 4, 20), int(Qt.AlignmentFlag.AlignCenter), "⋮")
                hidden = len(self.values) - (len(self.rows) - 1)
                painter.drawText(QRectF(2 * R + 8, cy - 10, TEXT_W, 20), int(Qt.AlignmentFlag.AlignVCenter),
                                 f"{hidden} more")
                continue
            v = self.values[i]
            centre = QPointF(R + 2, cy)
            fill = QColor(t["card"]) if v is None else diverging(v, scale)
            ring = QColor(t["card_border"])
            width = 1.2
            if i == self.focus:
                ring, width = QColor(t["accent"]), 2.2
            if i == self.current:
                ring, width = QColor(t["current"]), 3.2
                halo = QColor(t["current"])
                halo.setAlphaF(0.22)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(halo)
                painter.drawEllipse(centre, R + 7, R + 7)
            painter.setBrush(QBrush(fill))
            painter.setPen(QPen(ring, width))
            painter.drawEllipse(centre, R, R)
            dark_fill = fill.lightnessF() < 0.55
            painter.setPen(QColor("white") if dark_fill else QColor(t["text_muted"]))
            painter.drawText(QRectF(centre.x() - R, cy - R, 2 * R, 2 * R), int(Qt.AlignmentFlag.AlignCenter),
                             str(i + 1) if i < 99 else "")
            text = self.labels[i] if i < len(self.labels) else ""
            painter.setPen(QColor(t["text"]))
            shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, TEXT_W)
            painter.drawText(QRectF(2 * R + 8, cy - 10, TEXT_W, 20), int(Qt.AlignmentFlag.AlignVCenter), shown)

    def index_at(self, pos: QPointF) -> int | None:
        for i in self.rows:
            if i is None:
                continue
            c = self.neuron_center(i)
            if abs(pos.y() - c.y()) <= ROW / 2:
                return i
        return None

    def mousePressEvent(self, event):
        i = self.index_at(event.pos())
        if i is not None:
            self.picked.emit(i)
            event.accept()
        else:
            event.ignore()


class WeightLines(QGraphicsItem):
    """Lines from neurons of a source column into one neuron of a target column, each
    with a number; endpoints are re-read from the columns by `sync()`."""

    def __init__(self, state: str = "forward"):
        super().__init__()
        self.state = state
        self.lines: list[tuple[NeuronColumn, int, NeuronColumn, int, str]] = []
        self._geom: list[tuple[QPointF, QPointF, str]] = []
        self._rect = QRectF()
        self._labels: list[QRectF] = []
        self.on_click = None      # called with the line's position in `lines`
        self.setZValue(-0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_lines(self, lines, state: str) -> None:
        self.lines, self.state = list(lines), state
        self.sync(force=True)

    def sync(self, force: bool = False) -> None:
        geom = []
        for src, i, dst, j, text in self.lines:
            a, b = src.scene_anchor(i, "right"), dst.scene_anchor(j, "left")
            if a is not None and b is not None and src.scene() is not None and dst.scene() is not None:
                geom.append((a, b, text))
        if not force and [(a.x(), a.y(), b.x(), b.y(), s) for a, b, s in geom] == \
                [(a.x(), a.y(), b.x(), b.y(), s) for a, b, s in self._geom]:
            return
        self.prepareGeometryChange()
        self._geom = geom
        rect = QRectF()
        for a, b, _ in geom:
            rect = rect.united(QRectF(a, b).normalized())
        self._rect = rect.adjusted(-80, -30, 80, 30)
        fm = QFontMetricsF(theme.font(*LABEL_FONT))
        self._labels = []
        # labels where the lines are apart: near the sources when they fan in to one
        # neuron, near the destinations when they fan out from one
        same_src = len({(a.x(), a.y()) for a, _, _ in geom}) == 1 and len(geom) > 1
        t_label = 0.78 if same_src else 0.22
        for k, (a, b, text) in enumerate(geom):
            at = self._path(a, b).pointAtPercent(t_label)
            w = fm.horizontalAdvance(text) + 10 if text else 0
            self._labels.append(QRectF(at.x() - w / 2, at.y() - 9, w, 18))
        self.update()

    @staticmethod
    def _path(a: QPointF, b: QPointF) -> QPainterPath:
        path = QPainterPath(a)
        dx = (b.x() - a.x()) * 0.45
        path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b)
        return path

    def shape(self) -> QPainterPath:
        p = QPainterPath()
        for r in self._labels:
            if r.width() > 0:
                p.addRect(r)
        return p

    def mousePressEvent(self, event):
        for k, r in enumerate(self._labels):
            if r.contains(event.pos()) and self.on_click is not None:
                self.on_click(k)
                event.accept()
                return
        event.ignore()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = theme.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(t.get(self.state, t["accent"]))
        painter.setFont(theme.font(*LABEL_FONT))
        painter.setPen(QPen(color, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for a, b, _ in self._geom:
            painter.drawPath(self._path(a, b))
        for (a, b, text), rect in zip(self._geom, self._labels):
            if not text:
                continue
            painter.setPen(QPen(color, 1.0))
            painter.setBrush(QColor(t["card"]))
            painter.drawRoundedRect(rect, 9, 9)
            painter.setPen(QColor(t["text"]))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
