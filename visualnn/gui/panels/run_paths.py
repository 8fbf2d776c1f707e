"""Runs' paths over a map (the live landscape): each path from its start (a dot) to its
end, in its run's colour with an outline that stands out on every band of the map; the
weights now as a ringed dot; a legend of the runs in rows that fit the width."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from visualnn.gui import theme
from visualnn.gui.panels.painter_plot import PlotFrame

LEGEND_ROW = 18.0
LEGEND_ROWS = 3   # at most; the runs that do not fit are left out of the legend (their paths stay)
NOW = "#e5484d"   # the marker of the weights now when no run colours it


def halo_color(color: QColor) -> QColor:
    """What a line of `color` is outlined with to stand out on every band of the map:
    white round dark colours, dark round light ones."""
    light = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue() > 150
    return QColor(0, 0, 0, 170) if light else QColor(255, 255, 255, 210)


def draw_path(p: QPainter, f: PlotFrame, path: np.ndarray, color: str | None, current: bool) -> None:
    """`path` ((T, 2) data coordinates; non-finite points left out) from its start (a dot)
    to its end: the run in progress ends at the marker of the weights now, an earlier run
    at a dot of its colour. color None: a white path (no run to colour it)."""
    pts = [f.px(float(a), float(b)) for a, b in path[:, :2] if np.isfinite(a) and np.isfinite(b)]
    if not pts:
        return
    p.save()
    p.setClipRect(f.rect.adjusted(-8, -8, 8, 8))
    line = QPainterPath(pts[0])
    for q in pts[1:]:
        line.lineTo(q)
    fill = QColor(color or "#ffffff")
    halo = halo_color(fill)
    width = theme.line_width(2.6 if current else 2.0)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(halo, width + 2.5))
    p.drawPath(line)
    p.setPen(QPen(fill, width))
    p.drawPath(line)
    p.setPen(QPen(halo, 1.5))
    p.setBrush(fill)
    p.drawEllipse(pts[0], 4.0, 4.0)
    if current:
        draw_now(p, pts[-1], color)
    else:
        p.drawEllipse(pts[-1], 5.0, 5.0)
    p.restore()


def draw_now(p: QPainter, at: QPointF, color: str | None) -> None:
    """The marker of the weights now: a white ring round the run's colour (NOW without one)."""
    p.save()
    p.setPen(QPen(QColor("#ffffff"), 2.0))
    p.setBrush(QColor(color or NOW))
    p.drawEllipse(at, 7.5, 7.5)
    p.restore()


def legend_rows(items: list[tuple[str, str, bool]], width: float) -> list[list[tuple[str, str, bool]]]:
    """(text, colour, bold) items in rows that fit `width` pixels, LEGEND_ROWS at most."""
    if not items:
        return []
    fm = QFontMetricsF(theme.font(10, bold=True))
    rows, row, x = [], [], 0.0
    for item in items:
        w = 40.0 + fm.horizontalAdvance(item[0])
        if row and x + w > width:
            rows.append(row)
            row, x = [], 0.0
        row.append(item)
        x += w
    rows.append(row)
    return rows[:LEGEND_ROWS]


def draw_legend(p: QPainter, left: float, top: float, width: float, rows: list) -> None:
    """The legend_rows() rows from (left, top): a stroke of each colour and its text."""
    t = theme.current()
    fm = QFontMetricsF(theme.font(10, bold=True))
    for k, row in enumerate(rows):
        x, y = left, top + k * LEGEND_ROW
        for text, color, bold in row:
            p.setPen(QPen(QColor(color), theme.line_width(3.0)))
            p.drawLine(QPointF(x, y + LEGEND_ROW / 2), QPointF(x + 20, y + LEGEND_ROW / 2))
            p.setFont(theme.font(10, bold=bold))
            p.setPen(QColor(t["text"]))
            w = max(0.0, min(left + width - x - 26.0, fm.horizontalAdvance(text) + 2.0))
            p.drawText(QRectF(x + 26, y, w, LEGEND_ROW), int(Qt.AlignmentFlag.AlignVCenter),
                       p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(w)))
            x += 40.0 + fm.horizontalAdvance(text)
