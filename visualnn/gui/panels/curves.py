"""Loss and accuracy curves: every step's loss (binned, flat memory), train and test
per epoch, a log-scale switch, and earlier runs kept faded after Reset for comparison."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from visualnn.gui import theme
from visualnn.gui.elided_label import ElidedLabel
from visualnn.gui.live import plot_style as ps
from visualnn.gui.live.series import BinnedSeries
from visualnn.gui.live.throttle import Throttle

KEEP_RUNS = 2  # earlier runs shown faded
REDRAW_S = 0.5  # plots redraw at most twice a second (pyqtgraph paints in Python, under the GIL)


# Axis ends snap to 1, 2, 5 x 10^k so they change rarely and the axes are not laid out
# again at every redraw.
nice_ceiling = ps.nice_ceiling


def nice_floor(v: float) -> float:
    if not math.isfinite(v) or v <= 0:
        return 1e-6
    e = 10.0 ** math.floor(math.log10(v))
    for m in (5.0, 2.0, 1.0):
        if m * e <= v * (1 + 1e-12):
            return m * e
    return e


class _Run:
    """One run's data and its plot items."""

    def __init__(self, loss_plot, acc_plot, c: dict):
        self.batch = BinnedSeries(600)
        self.epochs: list[dict] = []
        self.items = {
            "batch": loss_plot.plot(pen=ps.pen(c["batch"], 1.0), name="batch loss", antialias=False),  # 1 px: the fast path
            "train": loss_plot.plot(pen=ps.pen(c["train"], 2.6), symbol="o", symbolSize=5,
                                    symbolBrush=c["train"], symbolPen=None, name="train loss (epoch)"),
            "test": loss_plot.plot(pen=ps.pen(c["test"], 2.6), symbol="s", symbolSize=5,
                                   symbolBrush=c["test"], symbolPen=None, name="test loss (epoch)"),
            "train_acc": acc_plot.plot(pen=ps.pen(c["train"], 2.6), symbol="o", symbolSize=5,
                                       symbolBrush=c["train"], symbolPen=None, name="train"),
            "test_acc": acc_plot.plot(pen=ps.pen(c["test"], 2.6), symbol="s", symbolSize=5,
                                      symbolBrush=c["test"], symbolPen=None, name="test"),
        }

    def epoch_arrays(self, key: str, upto=None):
        rows = [e for e in self.epochs if e.get(key) is not None and (upto is None or e["step"] <= upto)]
        return (np.array([e["step"] for e in rows], float), np.array([e[key] for e in rows], float))

    def draw(self, upto=None, log: bool = False) -> None:
        x, y = self.batch.arrays(upto)
        if log:
            keep = y > 0
            x, y = x[keep], y[keep]
        self.items["batch"].setData(x, y)
        for key, name in (("train", "train_loss"), ("test", "test_loss"), ("train_acc", "train_accuracy"),
                          ("test_acc", "test_accuracy")):
            ex, ey = self.epoch_arrays(name, upto)
            if log and key in ("train", "test"):
                keep = ey > 0
                ex, ey = ex[keep], ey[keep]
            self.items[key].setData(ex, ey)

    def fade(self, c: dict) -> None:
        for key, item in self.items.items():
            item.setPen(ps.pen(c["faded"], 1.0, 0.55, dash=key.startswith("test")))
            item.setSymbol(None)
            item.setZValue(-10)

    def remove(self, loss_plot, acc_plot) -> None:
        for key, item in self.items.items():
            (acc_plot if key.endswith("_acc") else loss_plot).removeItem(item)


class CurvesView(QWidget):
    title = "Curves"

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(2)
        head = QHBoxLayout()
        self.summary = ElidedLabel("Press Play to train")
        self.summary.setObjectName("curvesSummary")
        self.summary.setFont(theme.font(11, bold=True))
        self.log = QCheckBox("Log scale")
        self.log.setToolTip("Show the loss on a logarithmic axis")
        head.addWidget(self.summary, 1)
        head.addWidget(self.log)
        lay.addLayout(head)
        self.loss_plot = ps.plot_widget("loss", "step")
        self.acc_plot = ps.plot_widget("accuracy", "step")
        self.acc_plot.setYRange(0, 1.02, padding=0)
        self.acc_plot.setXLink(self.loss_plot)
        c = ps.colors()
        self.legend = QLabel(
            f"<span style='color:{c['batch']}'>━</span> batch loss &nbsp; "
            f"<span style='color:{c['train']}'>━●</span> train (epoch) &nbsp; "
            f"<span style='color:{c['test']}'>━■</span> test (epoch) &nbsp; "
            f"<span style='color:{c['faded']}'>┅</span> earlier runs")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)  # a narrow pane folds the legend instead of widening the window
        lay.addWidget(self.legend)
        plots = QHBoxLayout()
        plots.setSpacing(4)
        plots.addWidget(self.loss_plot, 3)
        plots.addWidget(self.acc_plot, 2)
        lay.addLayout(plots, 1)
        self.marker = pg.InfiniteLine(angle=90, pen=ps.pen(ps.colors()["muted"], 1.2, dash=True))
        self.marker.hide()
        self.loss_plot.addItem(self.marker)
        self.runs: list[_Run] = []
        self.upto = None
        self._dirty = False
        self._classification = True
        self.log.toggled.connect(self._on_log)
        for plot in (self.loss_plot, self.acc_plot):
            for name in ("left", "bottom"):
                plot.getAxis(name).enableAutoSIPrefix(False)
            plot.getPlotItem().disableAutoRange()
        self._ranges = None
        self.throttle = Throttle(self._redraw_if_visible, REDRAW_S, self)
        self.new_run()

    @property
    def run(self) -> _Run:
        return self.runs[-1]

    @Slot()
    def new_run(self, *_):
        """Keep the current run, faded, and start a new one (after Reset)."""
        c = ps.colors()
        if self.runs and (self.run.batch.count or self.run.epochs):
            self.run.fade(c)
        elif self.runs:
            self.runs.pop().remove(self.loss_plot, self.acc_plot)
        while len(self.runs) > KEEP_RUNS:
            self.runs.pop(0).remove(self.loss_plot, self.acc_plot)
        self.runs.append(_Run(self.loss_plot, self.acc_plot, c))
        self.upto = None
        self.marker.hide()

    def set_session(self, session) -> None:
        self._classification = session.task == "classification"
        self.acc_plot.setVisible(self._classification)

    @Slot(object)
    def add_losses(self, drained) -> None:
        run = self.run
        run.batch.add(drained.steps, drained.losses)
        run.epochs.extend(drained.epochs)
        self._dirty = True
        if self.upto is None:
            self.throttle.request()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        """Scrubbing: show the curves up to the frame's step (live: all of them)."""
        upto = None if live else frame.step
        if upto != self.upto:
            self.upto = upto
            self.marker.setVisible(upto is not None)
            if upto is not None:
                self.marker.setValue(upto)
            self.redraw()

    def _redraw_if_visible(self) -> None:
        if self.isVisible():
            self.redraw()

    def redraw(self) -> None:
        self._dirty = False
        log = self.log.isChecked()
        for run in self.runs:
            run.draw(self.upto if run is self.run else None, log)
        run = self.run
        last = run.epochs[-1] if run.epochs else None
        x, y = run.batch.arrays(self.upto)
        self._fit_ranges(log)
        parts = []
        if len(y):
            parts.append(f"batch loss {y[-1]:.4g}")
        if last:
            parts.append(f"epoch {last['epoch']}: train {last['train_loss']:.4g}")
            if last.get("test_loss") is not None:
                parts.append(f"test {last['test_loss']:.4g}")
            if last.get("test_accuracy") is not None:
                parts.append(f"test accuracy {100 * last['test_accuracy']:.1f} %")
            elif last.get("train_accuracy") is not None:
                parts.append(f"train accuracy {100 * last['train_accuracy']:.1f} %")
        self.summary.setText(" · ".join(parts) or "Press Play to train")

    def _fit_ranges(self, log: bool) -> None:
        xs, ys = [], []
        for run in self.runs:
            bx, by = run.batch.arrays(self.upto if run is self.run else None)
            if len(bx):
                xs.append(bx[-1])
                ys.append(by)
            for key in ("train_loss", "test_loss"):
                ey = run.epoch_arrays(key)[1]
                if len(ey):
                    ys.append(ey)
        if not xs:
            return
        x_max = nice_ceiling(max(xs) * 1.02)
        y = np.concatenate(ys)
        y = y[np.isfinite(y)]
        if not y.size:
            return
        if log:
            pos = y[y > 0]
            lo = math.log10(nice_floor(float(pos.min()))) if pos.size else -3.0
            hi = math.log10(nice_ceiling(float(pos.max()))) if pos.size else 0.0
            ranges = (x_max, lo, max(hi, lo + 1))
        else:
            ranges = (x_max, 0.0 if y.min() >= 0 else -nice_ceiling(-float(y.min())), nice_ceiling(float(y.max()) * 1.05))
        if ranges != self._ranges:
            self._ranges = ranges
            self.loss_plot.setXRange(0, ranges[0], padding=0)
            self.loss_plot.setYRange(ranges[1], ranges[2], padding=0)
            self.acc_plot.setYRange(0, 1.02, padding=0)

    def _on_log(self, on: bool) -> None:
        self._ranges = None
        self.loss_plot.setLogMode(y=on)
        self.redraw()

    def showEvent(self, event):
        super().showEvent(event)
        if self._dirty:
            self.redraw()
