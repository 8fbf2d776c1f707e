"""Small heatmap pictures of matrices for the equation panel.

A diverging map (orange for negative, white for zero, blue for positive, scaled by the
largest magnitude) so the sign of every weight, delta or gradient reads at a glance;
small matrices also get their numbers written in the cells, and chosen cells (a receptive
field, a pooling winner) get a dark frame.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

NEG = (245, 147, 34)    # orange, as the live views (TF Playground colours)
POS = (8, 119, 189)     # blue
MAX_CELLS = 64          # larger matrices are shown as a picture only, without numbers
MAX_SIDE_CELLS = 110    # rows or columns beyond this are thinned out


def diverging(value: float, scale: float) -> QColor:
    """White at 0, full orange at -scale, full blue at +scale."""
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
    """A QImage of the matrix. `marks` are (row, col) cells to frame; `digits` the significant
    digits written into cells when the matrix is small enough to label (at most MAX_CELLS)."""
    from visualnn.core.backprop.numfmt import num

    m = as_matrix(values)
    sr, sc = max(1, math.ceil(m.shape[0] / MAX_SIDE_CELLS)), max(1, math.ceil(m.shape[1] / MAX_SIDE_CELLS))
    if sr > 1 or sc > 1:  # a big matrix is shown by every sr-th row and sc-th column
        m = m[::sr, ::sc]
        marks = sorted({(r // sr, c // sc) for r, c in marks})
    rows, cols = m.shape
    if label_cells is None:
        label_cells = rows * cols <= MAX_CELLS and cols <= 10
    cell = 58 if label_cells else max(min_cell, min(28, max_side // max(rows, cols, 1)))
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
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, num(v, digits))
        p.setPen(QPen(QColor(17, 24, 39), 3 if cell >= 10 else 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for r, c in marks:
            if 0 <= r < rows and 0 <= c < cols:
                p.drawRect(QRectF(c * cell + 1, r * cell + 1, cell - 2, cell - 2))
    finally:
        p.end()
    return img
