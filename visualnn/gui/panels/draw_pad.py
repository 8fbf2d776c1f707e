"""Pads for an input of one's own: a grid of pixels to draw a digit on (at the data set's
resolution), and the plane of two inputs to click a point on."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm


class DrawPad(QWidget):
    """H x W pixels from 0 (paper) to 1 (ink). The left button draws with a soft brush
    (the pixel under the pointer full, its four neighbours half), the right one erases."""

    changed = Signal()

    def __init__(self, shape=(8, 8), parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(90, 90)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.pixels = np.zeros(shape, dtype=np.float32)

    def set_shape(self, shape) -> None:
        if tuple(shape) != self.pixels.shape:
            self.pixels = np.zeros(shape, dtype=np.float32)
            self.update()

    def clear(self) -> None:
        self.pixels[:] = 0.0
        self.update()
        self.changed.emit()

    def pad_rect(self) -> QRectF:
        h, w = self.pixels.shape
        cell = max(1.0, min(self.width() / w, self.height() / h))
        return QRectF((self.width() - cell * w) / 2, (self.height() - cell * h) / 2, cell * w, cell * h)

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        r = self.pad_rect()
        h, w = self.pixels.shape
        if not r.contains(pos):
            return None
        return (min(int((pos.y() - r.top()) / r.height() * h), h - 1),
                min(int((pos.x() - r.left()) / r.width() * w), w - 1))

    def _paint_at(self, pos: QPointF, erase: bool) -> None:
        cell = self.cell_at(pos)
        if cell is None:
            return
        i, j = cell
        h, w = self.pixels.shape
        before = self.pixels.copy()
        if erase:
            self.pixels[max(i - 1, 0):i + 2, max(j - 1, 0):j + 2] = 0.0
        else:
            self.pixels[i, j] = 1.0
            for di, dj in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                if 0 <= i + di < h and 0 <= j + dj < w:
                    self.pixels[i + di, j + dj] = max(self.pixels[i + di, j + dj], 0.5)
        if not np.array_equal(before, self.pixels):
            self.update()
            self.changed.emit()

    def mousePressEvent(self, event):
        self._paint_at(event.position(), event.button() == Qt.MouseButton.RightButton)

    def mouseMoveEvent(self, event):
        if event.buttons() & (Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton):
            self._paint_at(event.position(), bool(event.buttons() & Qt.MouseButton.RightButton))

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        r = self.pad_rect()
        img = cm.gray_image(1.0 - self.pixels, 0.0, 1.0)
        p.drawImage(r, img)
        h, w = self.pixels.shape
        p.setPen(QPen(QColor(t["divider"]), 1.0))
        if r.width() / w >= 6:
            for k in range(1, w):
                x = r.left() + k * r.width() / w
                p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            for k in range(1, h):
                y = r.top() + k * r.height() / h
                p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        p.setPen(QPen(QColor(t["card_border"]), 1.5))
        p.drawRect(r)
        p.end()


class PlanePad(QWidget):
    """The plane of two inputs with the network's regions (the boundary's grid) and the
    training points; a click picks a point (`picked`), or, while editing, adds a point of
    the chosen class (left) or removes the nearest one (right) (`edit`)."""

    picked = Signal(float, float)
    edit = Signal(float, float, bool)  # x, y, remove

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(90, 90)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.session = None
        self.grid = None
        self.point = None
        self.editing = False

    def plane_rect(self) -> QRectF:
        side = max(10.0, min(self.width(), self.height()) - 8)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_data(self, pos: QPointF) -> tuple[float, float]:
        x0, x1, y0, y1 = self.session.extent
        r = self.plane_rect()
        return (x0 + (pos.x() - r.left()) / r.width() * (x1 - x0), y1 - (pos.y() - r.top()) / r.height() * (y1 - y0))

    def to_pixel(self, x: float, y: float) -> QPointF:
        x0, x1, y0, y1 = self.session.extent
        r = self.plane_rect()
        return QPointF(r.left() + (x - x0) / (x1 - x0) * r.width(), r.top() + (y1 - y) / (y1 - y0) * r.height())

    def mousePressEvent(self, event):
        if self.session is None or not self.plane_rect().contains(event.position()):
            return
        x, y = self.to_data(event.position())
        if self.editing:
            self.edit.emit(x, y, event.button() == Qt.MouseButton.RightButton)
        else:
            self.point = (x, y)
            self.update()
            self.picked.emit(x, y)

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        s = self.session
        if s is None or s.extent is None:
            p.end()
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.plane_rect()
        g = self.grid
        if g is not None:
            if s.task == "classification" and g.confidence is not None:
                img = cm.classes_image(g.value, g.confidence, s.num_classes, flip=True)
            elif s.task == "classification":
                img = cm.diverging_image((g.value - 0.5) * 2.0, 1.0, flip=True)
            else:
                img = cm.diverging_image(g.value, cm.symmetric_scale(g.value), flip=True)
            p.drawImage(r, img)
        else:
            p.fillRect(r, QColor(*cm.middle()))
        if s.points is not None:
            p.setPen(QPen(QColor(255, 255, 255, 220), 1.0))
            for (x, y), c in zip(s.points, s.labels):
                col = cm.class_color(int(c)) if s.task == "classification" else QColor(t["text_muted"])
                p.setBrush(col)
                p.drawEllipse(self.to_pixel(float(x), float(y)), 3.0, 3.0)
        if self.point is not None and not self.editing:
            at = self.to_pixel(*self.point)
            p.setPen(QPen(QColor("#000000"), 3.0))
            p.drawLine(at + QPointF(-9, 0), at + QPointF(9, 0))
            p.drawLine(at + QPointF(0, -9), at + QPointF(0, 9))
            p.setPen(QPen(QColor("#ffffff"), 1.5))
            p.drawLine(at + QPointF(-8, 0), at + QPointF(8, 0))
            p.drawLine(at + QPointF(0, -8), at + QPointF(0, 8))
        p.setPen(QPen(QColor(t["card_border"]), 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        p.end()
