"""Small heatmap pictures of matrices for the equation panel.

A diverging map (blue for negative, white for zero, red for positive, scaled by the
largest magnitude) so the sign of every weight, delta or gradient reads at a glance;
small matrices also get their numbers written in the cells, and chosen cells (a receptive
field, a pooling winner) get a dark frame.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

NEG = (37, 99, 235)     # blue
POS = (220, 38, 38)     # red
MAX_CELLS = 64          # larger matrices are shown as a picture only, without numbers


def diverging(value: float, scale: float) -> QColor:
    """White at 0, full blue at -scale, full red at +scale."""
    if not math.isfinite(value):
        return QColor(160, 160, 160)
    t = 0.0 if scale <= 0 else max(-1.0, min(1.0, value / scale))
    r, g, b = POS if t > 0 else NEG
    a = abs(t)
    return QColor(round(255 + (r - 255) * a), round(255 + (g - 255) * a), round(255 + (b - 255) * a))


def as_matrix(values) -> np.ndarray:
    """Any nested list as a 2-D float array: a vector becomes one row, higher ranks fold
    their leading dimensions into rows."""
    a = np.asarray(values, dtype=np.float64)
    if a.ndim == 0:
        return a.reshape(1, 1)
    if a.ndim == 1:
        return a.reshape(1, -1)
    return a.reshape(-1, a.shape[-1])


def heatmap_image(values, *, digits: int = 2, marks=(), max_side: int = 220, min_cell: int = 6,
                  label_cells: bool | None = None) -> QImage:
    """A QImage of the matrix. `marks` are (row, col) cells to frame; `digits` the decimals
    written into cells when the matrix is small enough to label (at most MAX_CELLS)."""
    m = as_matrix(values)
    rows, cols = m.shape
    if label_cells is None:
        label_cells = rows * cols <= MAX_CELLS and cols <= 10
    cell = 46 if label_cells else max(min_cell, min(28, max_side // max(rows, cols, 1)))
    w, h = cols * cell + 1, rows * cell + 1
    img = QImage(w, h, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    finite = m[np.isfinite(m)]
    scale = float(np.abs(finite).max()) if finite.size else 1.0
    p = QPainter(img)
    try:
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPixelSize(11)
        p.setFont(font)
        grid = QPen(QColor(200, 200, 200))
        for r in range(rows):
            for c in range(cols):
                v = float(m[r, c])
                rect = QRectF(c * cell, r * cell, cell, cell)
                p.fillRect(rect, diverging(v, scale))
                if cell >= 10:
                    p.setPen(grid)
                    p.drawRect(rect)
                if label_cells:
                    strong = scale > 0 and abs(v) / scale > 0.6
                    p.setPen(QColor("white") if strong else QColor(30, 30, 30))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{v:.{digits}f}")
        p.setPen(QPen(QColor(17, 24, 39), 3 if cell >= 10 else 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for r, c in marks:
            if 0 <= r < rows and 0 <= c < cols:
                p.drawRect(QRectF(c * cell + 1, r * cell + 1, cell - 2, cell - 2))
    finally:
        p.end()
    return img
