"""Sequences: a test window of the wave (blue), its true next value (blue ring), the
network's prediction of it (red dot) and its prediction many steps ahead, each step fed
its own earlier predictions (red dashes). The forecast is computed next to the model
(core.views.sequence) and arrives in frames."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSpinBox, QVBoxLayout, QWidget

from visualnn.gui import theme
from visualnn.gui.live import plot_style as ps
from visualnn.gui.panels.painter_plot import PlotFrame, draw_message, draw_title, plot_rect


class SequenceView(QWidget):
    @property
    def title(self) -> str:
        return self.tr("Sequence")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 160)
        self.session = None
        self.forecast = None
        self.pick = QSpinBox()
        self.pick.setRange(1, 1)
        self.pick.valueChanged.connect(self.update)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.pick)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 8, 0)
        lay.addLayout(row)
        lay.addStretch(1)
        self._retranslate()

    def _retranslate(self) -> None:
        self.pick.setPrefix(self.tr("test window "))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def set_session(self, session) -> None:
        self.session = session
        self.forecast = None
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        if frame.forecast is not self.forecast:
            self.forecast = frame.forecast
            if self.forecast is not None:
                self.pick.setMaximum(max(1, len(self.forecast.windows)))
            if self.isVisible():
                self.update()

    def paintEvent(self, event):
        t = theme.current()
        c = ps.colors()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        f = self.forecast
        cap = ""
        if f is not None:
            cap = self.tr("mean error of the next value over {n} test windows: {e}").format(n=f.count, e=f"{f.error:.3g}")
        draw_title(p, self.width() - self.pick.width() - 12, self.tr("What comes next: the network against the true wave"),
                   cap)
        if f is None or not len(f.windows):
            draw_message(p, QRectF(self.rect()), self.tr("For sequences whose target is the next value"))
            p.end()
            return
        i = min(self.pick.value(), len(f.windows)) - 1
        win, truth, nxt, roll = f.windows[i][:, 0], float(f.truth[i, 0]), float(f.next[i, 0]), f.rollout[i][:, 0]
        T, R = len(win), len(roll)
        ys = np.concatenate([win, [truth, nxt], roll])
        ys = ys[np.isfinite(ys)]
        lo, hi = float(ys.min()), float(ys.max())
        lo, hi = max(lo, -10 * max(abs(win).max(), 1)), min(hi, 10 * max(abs(win).max(), 1))
        pad = 0.1 * max(hi - lo, 1e-6)
        fr = PlotFrame(plot_rect(self.width(), self.height(), top=56.0, bottom=78.0), 0, T + R, lo - pad, hi + pad)
        fr.draw_axes(p, self.tr("time step"), self.tr("value"))
        p.save()
        p.setClipRect(fr.rect)
        p.setPen(QPen(QColor(t["divider"]), 1.5, Qt.PenStyle.DashLine))
        x_now = fr.px(T - 0.5, lo).x()
        p.drawLine(QPointF(x_now, fr.rect.top()), QPointF(x_now, fr.rect.bottom()))
        line = QPainterPath(fr.px(0, float(win[0])))
        for k in range(1, T):
            line.lineTo(fr.px(k, float(win[k])))
        p.setPen(QPen(QColor(c["train"]), 2.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(line)
        p.setBrush(QColor(c["train"]))
        for k in range(T):
            p.drawEllipse(fr.px(k, float(win[k])), 2.6, 2.6)
        dash = QPainterPath(fr.px(T - 1, float(win[-1])))
        for k in range(R):
            dash.lineTo(fr.px(T + k, float(roll[k])))
        p.setPen(QPen(QColor(t["error"]), 2.4, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(dash)
        p.setPen(QPen(QColor(c["train"]), 2.6))
        p.drawEllipse(fr.px(T, truth), 7.0, 7.0)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(t["error"]))
        p.drawEllipse(fr.px(T, nxt), 4.5, 4.5)
        p.restore()
        p.setFont(theme.font(10))
        legend = [(c["train"], self.tr("the window and its true next value (ring)")),
                  (t["error"], self.tr("predicted next value (dot) and {r} steps ahead (dashes)").format(r=R))]
        y = fr.rect.bottom() + 40
        for color, text in legend:
            p.setPen(QColor(color))
            p.drawText(QRectF(8, y, self.width() - 16, 18), int(Qt.AlignmentFlag.AlignLeft),
                       p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.width() - 16))
            y += 18
        p.end()
