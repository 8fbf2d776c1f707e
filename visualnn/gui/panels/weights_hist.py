"""Weights per layer: the histogram now, and its spread over time (min-max, 10-90 % and
25-75 % bands with the median), like TensorBoard's distributions."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from visualnn.gui.live import plot_style as ps
from visualnn.gui.live.series import BinnedSeries
from visualnn.gui.live.throttle import Throttle
from visualnn.gui.panels.curves import REDRAW_S
from visualnn.gui.workers.frames import QUANTILES, weight_values
from visualnn.gui.i18n import translate


BINS = 40


class WeightsHistView(QWidget):
    title = QT_TRANSLATE_NOOP("live_views", "Weights")

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        self.layer_label = QLabel()
        head.addWidget(self.layer_label)
        self.layer = QComboBox()
        head.addWidget(self.layer, 1)
        self.info = QLabel()
        head.addWidget(self.info, 2)
        lay.addLayout(head)
        self.hist = ps.plot_widget()
        self.time = ps.plot_widget()
        lay.addWidget(self.hist, 1)
        lay.addWidget(self.time, 1)
        c = ps.colors()
        self.hist_item = self.hist.plot(stepMode="center", fillLevel=0, pen=ps.pen(c["train"], 1.5),
                                        brush=pg.mkBrush(ps.pen(c["train"], 1, 0.35).color()))
        self.curves = [self.time.plot(pen=ps.pen(c["train"], 1.0, 0.5)) for _ in QUANTILES]
        self.curves[3].setPen(ps.pen(c["train"], 1.0))
        self.fills = []
        for (a, b), alpha in (((0, 6), 0.12), ((1, 5), 0.22), ((2, 4), 0.35)):
            fill = pg.FillBetweenItem(self.curves[a], self.curves[b], brush=pg.mkBrush(ps.pen(c["train"], 1, alpha).color()))
            self.time.addItem(fill)
            self.fills.append(fill)
        self.series: dict[str, list[BinnedSeries]] = {}
        self.frame = None
        self._live = True
        for plot in (self.hist, self.time):
            plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.throttle = Throttle(self._draw_if_visible, REDRAW_S, self, phase=2 / 3)
        self.hist_range = ps.StableRange(self.hist)
        self.time_range = ps.StableRange(self.time)
        self.layer.currentIndexChanged.connect(lambda _: self._draw())
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language (at start and on LanguageChange)."""
        self.layer_label.setText(translate("live_views", "Layer"))
        self.layer.setToolTip(translate("live_views", "Whose weights to show"))
        ps.style_plot(self.hist.getPlotItem(), translate("live_views", "count"), translate("live_views", "weight value"))
        ps.style_plot(self.time.getPlotItem(), translate("live_views", "weight value"), translate("live_views", "step"))
        if self.frame is not None:
            self._draw()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_session(self, session) -> None:
        self.series.clear()
        current = self.layer.currentText()
        self.layer.blockSignals(True)
        self.layer.clear()
        for nid in session.order:
            if session.params_per_node.get(nid):
                self.layer.addItem(nid)
                self.series[nid] = [BinnedSeries(1024) for _ in QUANTILES]
        i = self.layer.findText(current)
        self.layer.setCurrentIndex(max(i, 0))
        self.layer.blockSignals(False)

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        if live:
            x = float(frame.step)
            for nid, q in frame.stats.weight_q.items():
                for s, v in zip(self.series.get(nid, ()), q.tolist()):
                    s.add_one(x, v)
        self.frame, self._live = frame, live
        if live:
            self.throttle.request()
        else:
            self.throttle.now()

    def _draw_if_visible(self) -> None:
        if self.isVisible():
            self._draw()

    def _draw(self) -> None:
        nid = self.layer.currentText()
        frame = self.frame
        if frame is None or not nid:
            return
        w = weight_values(frame.params.get(nid, {}))
        if w is not None:
            finite = w[np.isfinite(w)]
            if finite.size:
                lim = ps.nice_ceiling(float(np.abs(finite).max()) or 1.0)
                counts, edges = np.histogram(finite, bins=BINS, range=(-lim, lim))
                self.hist_item.setData(edges, counts)
                self.hist_range.set(-lim, lim, 0, ps.nice_ceiling(float(counts.max()) * 1.05))
                self.info.setText(translate("live_views", "{size:,} weights · mean {value:+.3f} · std {value2:.3f}").format(
                    size=w.size, value=finite.mean(), value2=finite.std()))
        upto = None if self._live else frame.step
        top = 0.0
        for curve, s in zip(self.curves, self.series.get(nid, ())):
            x, y = s.arrays(upto)
            curve.setData(x, y)
            if len(y):
                top = max(top, float(np.abs(y).max()))
        lim = ps.nice_ceiling(top or 1.0)
        self.time_range.set(0, ps.nice_ceiling(max(frame.step, 1) * 1.02), -lim, lim)

    def showEvent(self, event):
        super().showEvent(event)
        self._draw()
