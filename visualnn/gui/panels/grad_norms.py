"""Gradient norms per layer: bars on a log scale now, lines over time, and warnings when
a layer's gradient vanishes (< 1e-6) or explodes (> 1e3); dead ReLU units counted."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from visualnn.gui import theme
from visualnn.gui.live import plot_style as ps
from visualnn.gui.live.series import BinnedSeries
from visualnn.gui.live.throttle import Throttle
from visualnn.gui.panels.curves import REDRAW_S
from visualnn.gui.i18n import translate


LOW, HIGH = 1e-6, 1e3
LOW_TEXT, HIGH_TEXT = "1e-6", "1e3"
AXIS = (-8.0, 4.0)  # log10 range of the bars


def warnings_for(stats) -> list[str]:
    """One line per layer whose gradient norm is out of the healthy range, and per ReLU
    layer with dead units."""
    out = []
    for nid, n in stats.grad_norm.items():
        if not math.isfinite(n) or n > HIGH:
            out.append(translate("live_views", "⚠ {node}: gradient norm {norm} > {high} (exploding): try a smaller "
                                               "learning rate").format(
                node=nid, norm=f"{n:.3g}", high=HIGH_TEXT))
        elif n < LOW:
            out.append(translate("live_views", "⚠ {node}: gradient norm {norm} < {low} (vanishing): try ReLU or a "
                                               "better initialisation")
                       .format(node=nid, norm=f"{n:.3g}", low=LOW_TEXT))
    for nid, (dead, total) in stats.dead.items():
        if dead:
            out.append(translate("live_views", "☠ {node}: {dead} of {total} ReLU units dead (zero for each of the "
                                               "{rows} samples checked)")
                       .format(node=nid, dead=dead, total=total, rows=stats.dead_rows))
    return out


def health_text(stats) -> str:
    """The warnings, or what is healthy: the gradient norms' range and, for a network with
    ReLU layers, that none of their units is dead."""
    warn = warnings_for(stats)
    if warn:
        return "\n".join(warn)
    lines = [translate("live_views", "✓ every layer's gradient norm is between {low} and {high}").format(
        low=LOW_TEXT, high=HIGH_TEXT)]
    if stats.dead:
        units = sum(total for _, total in stats.dead.values())
        lines.append(translate("live_views", "✓ no dead ReLU units ({units} in {layers}, {rows} samples checked)").format(
            units=units, layers=', '.join(stats.dead), rows=stats.dead_rows))
    return "\n".join(lines)


class GradBars(QWidget):
    """One horizontal bar per layer, length = log10 of its gradient norm."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.setMinimumHeight(60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows) -> None:
        self.rows = list(rows)
        self.setMinimumHeight(24 + 22 * max(1, len(self.rows)))
        self.update()

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(t["card"]))
        font = theme.font(10)
        p.setFont(font)
        name_w = 64.0
        left, right = name_w + 8, self.width() - 12.0
        lo, hi = AXIS
        span = right - left

        def xof(v):
            return left + span * (min(max(v, lo), hi) - lo) / (hi - lo)

        row_h = 22.0
        top = 6.0
        bottom = top + row_h * max(1, len(self.rows))
        for val, label in ((math.log10(LOW), "1e-6"), (math.log10(HIGH), "1e3")):
            pen = QPen(QColor(t["error"]), 1.2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(int(xof(val)), int(top), int(xof(val)), int(bottom))
        p.setPen(QColor(t["text_muted"]))
        every = 2 if span > 260 else (4 if span > 130 else 6)
        for e in range(int(lo), int(hi) + 1, every):
            x = xof(e)
            p.drawText(QRectF(x - 22, bottom + 2, 44, 16), int(Qt.AlignmentFlag.AlignCenter), f"1e{e}")
        for i, (name, norm) in enumerate(self.rows):
            y = top + i * row_h
            p.setPen(QColor(t["text"]))
            p.drawText(QRectF(4, y, name_w, row_h), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), name)
            bad = not math.isfinite(norm) or norm > HIGH or norm < LOW
            v = math.log10(norm) if norm > 0 and math.isfinite(norm) else (hi if not math.isfinite(norm) else lo)
            color = QColor(t["error"] if bad else ps.colors()["train"])
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(left, y + 4, max(2.0, xof(v) - left), row_h - 8), 3, 3)
            p.setPen(QColor(t["text_muted"]))
            txt = f"{norm:.2g}"
            p.drawText(QRectF(xof(v) + 4, y, 70, row_h), int(Qt.AlignmentFlag.AlignVCenter), txt)
        p.end()


PALETTE = ["#2f6fed", "#f79009", "#12b76a", "#7a5af8", "#dd2590", "#0ba5c8", "#8a6b2e", "#667085"]


class GradNormsView(QWidget):
    title = QT_TRANSLATE_NOOP("live_views", "Gradients")

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.bars = GradBars()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("gradWarnings")
        self.history = ps.plot_widget()
        self.history.setLogMode(y=True)
        lay.addWidget(self.bars)
        lay.addWidget(self.warnings)
        lay.addWidget(self.history, 1)
        self.series: dict[str, BinnedSeries] = {}
        self.items: dict = {}
        self.order: list[str] = []
        self.frame = None
        self._live = True
        self.history.getAxis("bottom").enableAutoSIPrefix(False)
        self.range = ps.StableRange(self.history)
        self.range.set(0, 1, -7.0, 1.0)  # the healthy band in sight before any data (log10 units)
        self.throttle = Throttle(self._draw_if_visible, REDRAW_S, self, phase=1 / 3)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language (at start and on LanguageChange)."""
        ps.style_plot(self.history.getPlotItem(), translate("live_views", "grad norm"), translate("live_views", "step"))
        if self.frame is None:
            self.warnings.setText(translate("live_views", "Gradient norms appear when training runs"))
        else:
            self._draw()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_session(self, session) -> None:
        for item in self.items.values():
            self.history.removeItem(item)
        self.items.clear()
        self.series.clear()
        self.order = [n for n in session.order if session.params_per_node.get(n)]
        for nid in self.order:
            self.series[nid] = BinnedSeries(1024)
        self.bars.set_rows([])  # the curves are made when first drawn: a hidden tab of 500 layers costs none

    def _curve(self, colour: int):
        """The history curve of every layer drawn in PALETTE[colour] (made on first use):
        one plot item per colour, however many layers, so 500 layers draw as 8 items."""
        item = self.items.get(colour)
        if item is None:
            item = self.items[colour] = self.history.plot(pen=ps.pen(PALETTE[colour], 1.0), connect="finite")
        return item

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        stats = frame.stats
        if live and stats.grad_norm:
            for nid, n in stats.grad_norm.items():
                s = self.series.get(nid)
                if s is not None and n > 0 and math.isfinite(n):
                    s.add_one(float(frame.step), math.log10(n))
        self.frame, self._live = frame, live
        if live:
            self.throttle.request()
        else:
            self.throttle.now()

    def _draw_if_visible(self) -> None:
        if self.isVisible() and self.frame is not None:
            self._draw()

    def _draw(self) -> None:
        frame, live, stats = self.frame, self._live, self.frame.stats
        self.bars.set_rows([(nid, stats.grad_norm[nid]) for nid in self.order if nid in stats.grad_norm])
        if stats.grad_norm:
            self.warnings.setText(health_text(stats))
        upto = None if live else frame.step
        lo, hi = -7.0, 1.0
        parts: dict[int, list] = {}
        for i, s in enumerate(self.series.values()):  # the i-th layer with parameters in the i-th colour
            x, y = s.arrays(upto)
            parts.setdefault(i % len(PALETTE), []).append((x, y))
            if len(y):
                lo, hi = min(lo, math.floor(float(y.min()))), max(hi, math.ceil(float(y.max())))
        for colour, runs in parts.items():  # one layer's run after another, a break between them
            gap = np.array([np.nan])
            x = np.concatenate([a for xs, _ in runs for a in (xs, gap)])
            y = np.concatenate([a for _, ys in runs for a in (ys, gap)])
            self._curve(colour).setData(x, np.power(10.0, y))
        self.range.set(0, ps.nice_ceiling(max(frame.step, 1) * 1.02), lo, hi)

    def showEvent(self, event):
        super().showEvent(event)
        if self.frame is not None:
            self._draw()
