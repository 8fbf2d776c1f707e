"""The canvas background: the theme's colour with a subtle dot grid that thins out when zoomed out."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from visualnn.gui import theme

GRID = 24.0  # scene units between dots at 100 %


def paint_dot_grid(painter: QPainter, rect: QRectF, zoom: float) -> None:
    t = theme.current()
    painter.fillRect(rect, QColor(t["canvas"]))
    step = GRID
    while step * zoom < 14:  # never denser than one dot per 14 pixels
        step *= 2
    pen = QPen(QColor(t["grid_dot"]), 1.6 if zoom > 0.5 else 1.2)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    x0, y0 = math.floor(rect.left() / step) * step, math.floor(rect.top() / step) * step
    nx, ny = int(rect.width() / step) + 2, int(rect.height() / step) + 2
    if nx * ny <= 40000:
        painter.drawPoints([QPointF(x0 + i * step, y0 + j * step) for i in range(nx) for j in range(ny)])
