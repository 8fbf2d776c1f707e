"""A small x-y frame for QPainter views: data -> pixel mapping, axes with round ticks,
and a title line, in the theme's colours and fonts readable from the back of a room."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from visualnn.gui import theme

TITLE_H = 24.0


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About `count` round values (1, 2, 5 x 10^k steps) between lo and hi."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else []
    raw = (hi - lo) / max(count, 1)
    e = 10.0 ** math.floor(math.log10(raw))
    step = next(m * e for m in (1.0, 2.0, 5.0, 10.0) if m * e >= raw)
    first = math.ceil(lo / step) * step
    out, v = [], first
    while v <= hi + step * 1e-9 and len(out) < 50:
        out.append(0.0 if abs(v) < step * 1e-9 else v)
        v += step
    return out


def tick_text(v: float) -> str:
    return f"{v:.3g}"


class PlotFrame:
    """Maps the data box (x0, x1, y0, y1) onto `rect` (y grows upwards)."""

    def __init__(self, rect: QRectF, x0: float, x1: float, y0: float, y1: float):
        self.rect = rect
        self.x0, self.x1 = x0, x1 if x1 > x0 else x0 + 1.0
        self.y0, self.y1 = y0, y1 if y1 > y0 else y0 + 1.0

    def px(self, x: float, y: float) -> QPointF:
        r = self.rect
        return QPointF(r.left() + (x - self.x0) / (self.x1 - self.x0) * r.width(),
                       r.bottom() - (y - self.y0) / (self.y1 - self.y0) * r.height())

    def data_at(self, pos: QPointF) -> tuple[float, float]:
        r = self.rect
        return (self.x0 + (pos.x() - r.left()) / max(r.width(), 1e-9) * (self.x1 - self.x0),
                self.y0 + (r.bottom() - pos.y()) / max(r.height(), 1e-9) * (self.y1 - self.y0))

    def draw_axes(self, p: QPainter, xlabel: str = "", ylabel: str = "", grid: bool = True) -> None:
        t = theme.current()
        r = self.rect
        p.setFont(theme.font(10))
        fm = p.fontMetrics()
        for v in nice_ticks(self.x0, self.x1):
            x = self.px(v, self.y0).x()
            if grid:
                p.setPen(QPen(QColor(t["divider"]), 1.0))
                p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            p.setPen(QColor(t["text_params"]))
            p.drawText(QRectF(x - 40, r.bottom() + 2, 80, fm.height()), int(Qt.AlignmentFlag.AlignHCenter),
                       tick_text(v))
        for v in nice_ticks(self.y0, self.y1, 4):
            y = self.px(self.x0, v).y()
            if grid:
                p.setPen(QPen(QColor(t["divider"]), 1.0))
                p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(QColor(t["text_params"]))
            p.drawText(QRectF(r.left() - 58, y - fm.height() / 2, 54, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), tick_text(v))
        p.setPen(QPen(QColor(t["card_border"]), 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        p.setPen(QColor(t["text_muted"]))
        if xlabel:
            p.drawText(QRectF(r.left(), r.bottom() + fm.height(), r.width(), fm.height() + 2),
                       int(Qt.AlignmentFlag.AlignHCenter), xlabel)
        if ylabel:
            p.save()
            p.translate(r.left() - 48, r.center().y())
            p.rotate(-90)
            p.drawText(QRectF(-r.height() / 2, -fm.height(), r.height(), fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter), ylabel)
            p.restore()


def plot_rect(width: float, height: float, top: float = TITLE_H + 22.0, left: float = 64.0,
              right: float = 12.0, bottom: float = 40.0) -> QRectF:
    return QRectF(left, top, max(10.0, width - left - right), max(10.0, height - top - bottom))


def draw_title(p: QPainter, width: float, title: str, caption: str = "") -> None:
    """The view's title (bold) and a muted caption line under it, elided to the width."""
    t = theme.current()
    p.setFont(theme.font(11, bold=True))
    p.setPen(QColor(t["text"]))
    fm = p.fontMetrics()
    p.drawText(QRectF(8, 2, width - 16, TITLE_H - 2), int(Qt.AlignmentFlag.AlignVCenter),
               fm.elidedText(title, Qt.TextElideMode.ElideRight, int(width - 16)))
    if caption:
        p.setFont(theme.font(10))
        p.setPen(QColor(t["text_muted"]))
        fm = p.fontMetrics()
        p.drawText(QRectF(8, TITLE_H - 2, width - 16, 20), int(Qt.AlignmentFlag.AlignVCenter),
                   fm.elidedText(caption, Qt.TextElideMode.ElideRight, int(width - 16)))


def draw_message(p: QPainter, rect: QRectF, text: str) -> None:
    p.setFont(theme.font(10))
    p.setPen(QColor(theme.current()["text_muted"]))
    p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
