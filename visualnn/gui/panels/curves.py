"""Loss and accuracy curves: every step's loss (binned, flat memory), train and test
per epoch, a log-scale switch, and every kept run of the project in its own colour."""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Slot
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from visualnn.gui import theme
from visualnn.gui.elided_label import ElidedLabel
from visualnn.gui.live import plot_style as ps
from visualnn.gui.live.runs_model import RunsModel, run_color
from visualnn.gui.panels.runs_list import RunsList
from visualnn.gui.live.throttle import Throttle


NARROW = 380  # px: a pane narrower than this stacks the two plots
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
    """One run's plot items, in the run's colour: train loss solid, test loss dashed, the
    every-step loss thin and light; the run in progress drawn bold with markers."""

    def __init__(self, loss_plot, acc_plot, color: str):
        self.color = color
        self.items = {
            "batch": loss_plot.plot(pen=ps.pen(color, 1.0, 0.35), name="batch loss", antialias=False),  # 1 px: the fast path
            "train": loss_plot.plot(name="train loss (epoch)"),
            "test": loss_plot.plot(name="test loss (epoch)"),
            "train_acc": acc_plot.plot(name="train"),
            "test_acc": acc_plot.plot(name="test"),
        }
        self.style(True)

    def style(self, bold: bool) -> None:
        c = self.color
        for key, item in self.items.items():
            if key == "batch":
                item.setZValue(-10 if not bold else 0)
                continue
            test = key.startswith("test")
            item.setPen(ps.pen(c, 2.6 if bold else 1.6, 1.0 if bold else 0.8, dash=test))
            if bold:
                item.setSymbol("s" if test else "o")
                item.setSymbolSize(5)
                item.setSymbolBrush(c)
                item.setSymbolPen(None)
            else:
                item.setSymbol(None)
            item.setZValue(0 if bold else -5)

    def draw(self, batch, epochs: list, upto=None, log: bool = False) -> None:
        if batch is not None:
            x, y = batch.arrays(upto)
            if log:
                keep = y > 0
                x, y = x[keep], y[keep]
            self.items["batch"].setData(x, y)
        else:
            self.items["batch"].setData([], [])
        for key, name in (("train", "train_loss"), ("test", "test_loss"), ("train_acc", "train_accuracy"),
                          ("test_acc", "test_accuracy")):
            ex, ey = epoch_arrays(epochs, name, upto)
            if log and key in ("train", "test"):
                keep = ey > 0
                ex, ey = ex[keep], ey[keep]
            self.items[key].setData(ex, ey)

    def remove(self, loss_plot, acc_plot) -> None:
        for key, item in self.items.items():
            (acc_plot if key.endswith("_acc") else loss_plot).removeItem(item)


def epoch_arrays(epochs: list, key: str, upto=None):
    """x: the step each epoch ended on (its epoch number for rows saved without one)."""
    rows = [e for e in epochs if e.get(key) is not None and (upto is None or e.get("step", e["epoch"]) <= upto)]
    return (np.array([e.get("step", e["epoch"]) for e in rows], float), np.array([e[key] for e in rows], float))


class CurvesView(QWidget):
    """The curves of every kept run (a RunsModel: shared with the app's other views, or
    its own when `runs` is None), each in its colour; the run in progress drawn bold."""

    title = QT_TRANSLATE_NOOP("live_views", "Curves")

    def __init__(self, parent=None, runs: RunsModel | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(2)
        head = QHBoxLayout()
        self.summary = ElidedLabel(self.tr("Press Play to train"))
        self.summary.setObjectName("curvesSummary")
        self.summary.setFont(theme.font(11, bold=True))
        self.log = QCheckBox(self.tr("Log scale"))
        self.log.setToolTip(self.tr("Show the loss on a logarithmic axis"))
        self.runs_button = QToolButton()
        self.runs_button.setText(self.tr("Runs"))
        self.runs_button.setCheckable(True)
        self.runs_button.setToolTip(self.tr("Show, hide, rename and delete the kept runs"))
        for control in (self.log, self.runs_button):
            control.setProperty("figure_hide", True)  # not in exported figures
        head.addWidget(self.summary, 1)
        self.head, self.controls_row = head, QHBoxLayout()  # the controls' own row when narrow
        self.controls_row.addStretch(1)
        lay.addLayout(head)
        lay.addLayout(self.controls_row)
        self.loss_plot = ps.plot_widget()
        self.acc_plot = ps.plot_widget()
        self.acc_plot.setYRange(0, 1.02, padding=0)
        self._label_axes()
        self.acc_plot.setXLink(self.loss_plot)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)  # a narrow pane folds the legend instead of widening the window
        lay.addWidget(self.legend)
        plots = self.plots = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        plots.setSpacing(4)
        plots.addWidget(self.loss_plot, 3)
        plots.addWidget(self.acc_plot, 2)
        self._owns_model = runs is None
        self.model = runs if runs is not None else RunsModel(parent=self)
        self.runs_list = RunsList(self.model)  # a strip over the plots: they keep the pane's width
        self.runs_list.hide()
        self.runs_button.toggled.connect(self.runs_list.setVisible)
        lay.addWidget(self.runs_list)
        lay.addLayout(plots, 1)
        self.marker = pg.InfiniteLine(angle=90, pen=ps.pen(ps.colors()["muted"], 1.2, dash=True))
        self.marker.hide()
        self.loss_plot.addItem(self.marker)
        self.runs: dict[int, _Run] = {}   # run uid -> its plot items
        self.emphasise_last = True        # the run in progress (else the newest) drawn bold
        self.upto = None
        self._dirty = False
        self._classification = True
        self.log.toggled.connect(self._on_log)
        for plot in (self.loss_plot, self.acc_plot):
            for name in ("left", "bottom"):
                plot.getAxis(name).enableAutoSIPrefix(False)
            plot.getPlotItem().disableAutoRange()
        self._ranges = None
        self._narrow = None
        self._fit_width(NARROW)
        self.throttle = Throttle(self._redraw_if_visible, REDRAW_S, self)
        self.model.changed.connect(self._on_runs_changed)
        self._on_runs_changed()

    def _fit_width(self, width: int) -> None:
        """A narrow pane (a 1024-pixel screen) stacks the loss over the accuracy and gives
        the summary its own line; a wide one puts them side by side."""
        narrow = width < NARROW
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self.plots.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        self.plots.setStretch(0, 1 if narrow else 3)
        self.plots.setStretch(1, 1 if narrow else 2)
        self.loss_plot.getAxis("bottom").showLabel(not narrow)  # stacked: the step axis is named once, below
        row = self.controls_row if narrow else self.head
        for control in (self.log, self.runs_button):
            self.head.removeWidget(control)
            self.controls_row.removeWidget(control)
            row.addWidget(control)

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        self._fit_width(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:  # re-label in the new language
            self.log.setText(self.tr("Log scale"))
            self.log.setToolTip(self.tr("Show the loss on a logarithmic axis"))
            self.runs_button.setText(self.tr("Runs"))
            self.runs_button.setToolTip(self.tr("Show, hide, rename and delete the kept runs"))
            self._label_axes()
            self._update_legend()
            self.redraw()
        super().changeEvent(event)

    def _label_axes(self) -> None:
        ps.style_plot(self.loss_plot.getPlotItem(), self.tr("loss"), self.tr("step"))
        ps.style_plot(self.acc_plot.getPlotItem(), self.tr("accuracy"), self.tr("step"))

    def use_runs(self, runs: RunsModel) -> None:
        """Draw the runs of `runs` (the app's, shared with its other views) from now on."""
        self.model.changed.disconnect(self._on_runs_changed)
        self._owns_model = False
        self.model = runs
        self.runs_list.set_model(runs)
        runs.changed.connect(self._on_runs_changed)
        self._on_runs_changed()

    @Slot()
    def new_run(self, *_):
        """A new run begins (after Reset): the current one stays, in its own colour."""
        if self._owns_model:
            self.model.begin_run()
        self.upto = None
        self.marker.hide()

    def set_session(self, session) -> None:
        self._classification = session.task == "classification"
        self.acc_plot.setVisible(self._classification)

    @Slot(object)
    def add_losses(self, drained) -> None:
        if self._owns_model:
            self.model.add_losses(drained)
        if any(uid not in self.runs for uid in self.model.batch):
            self._on_runs_changed()
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

    @Slot()
    def _on_runs_changed(self) -> None:
        """Plot items for each shown run, in its colour; gone or hidden runs lose theirs."""
        shown = {r.uid: r for r in self.model.runs if r.visible}
        for uid in [u for u in self.runs if u not in shown or self.runs[u].color != run_color(shown[u])]:
            self.runs.pop(uid).remove(self.loss_plot, self.acc_plot)
        for uid, run in shown.items():
            if uid not in self.runs:
                self.runs[uid] = _Run(self.loss_plot, self.acc_plot, run_color(run))
        self._ranges = None
        self._update_legend()
        if self.model.runs or self._dirty:
            self._dirty = True
            self.throttle.request()

    def _update_legend(self) -> None:
        labels = self.model.log.labels()
        parts = [f"<span style='color:{run_color(r)}'>━</span> {html.escape(label)}"
                 for r, label in zip(self.model.runs, labels) if r.visible]
        key = self.tr("solid: train, dashed: test, light: every step")
        self.legend.setText(" &nbsp; ".join(parts) + (" &nbsp; · &nbsp; " if parts else "") + key)

    def _redraw_if_visible(self) -> None:
        if self.isVisible():
            self.redraw()

    def redraw(self) -> None:
        self._dirty = False
        log = self.log.isChecked()
        current = self.model.current
        for run in self.model.runs:
            items = self.runs.get(run.uid)
            if items is None:
                continue
            items.style(self.emphasise_last and (run is current or (current is None and run is self.model.runs[-1])))
            items.draw(self.model.batch.get(run.uid), run.history, self.upto if run is current else None, log)
        self._fit_ranges(log)
        self.summary.setText(self._summary(current) or self.tr("Press Play to train"))

    def _summary(self, run) -> str:
        if run is None:
            return ""
        parts = []
        batch = self.model.batch.get(run.uid)
        y = batch.arrays(self.upto)[1] if batch is not None else ()
        last = run.history[-1] if run.history else None
        if len(y):
            parts.append(self.tr("batch loss {0:.4g}").format(y[-1]))
        if last:
            parts.append(self.tr("epoch {0}: train {1:.4g}").format(last["epoch"], last["train_loss"]))
            if last.get("test_loss") is not None:
                parts.append(self.tr("test {0:.4g}").format(last["test_loss"]))
            if last.get("test_accuracy") is not None:
                parts.append(self.tr("test accuracy {0:.1f} %").format(100 * last["test_accuracy"]))
            elif last.get("train_accuracy") is not None:
                parts.append(self.tr("train accuracy {0:.1f} %").format(100 * last["train_accuracy"]))
        return " · ".join(parts)

    def _fit_ranges(self, log: bool) -> None:
        xs, ys = [], []
        for run in self.model.runs:
            if not run.visible:
                continue
            batch = self.model.batch.get(run.uid)
            if batch is not None:
                bx, by = batch.arrays(self.upto if run is self.model.current else None)
                if len(bx):
                    xs.append(bx[-1])
                    ys.append(by)
            for key in ("train_loss", "test_loss"):
                ex, ey = epoch_arrays(run.history, key)
                if len(ey):
                    xs.append(ex[-1])
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

    def to_csv(self) -> str:
        """Every kept run's history rows, with a `run` column (their labels)."""
        from visualnn.core.train.history_csv import runs_to_csv

        return runs_to_csv([{"label": label, "history": run.history}
                            for run, label in zip(self.model.runs, self.model.log.labels())])

    def _on_log(self, on: bool) -> None:
        self._ranges = None
        self.loss_plot.setLogMode(y=on)
        self.redraw()

    def showEvent(self, event):
        super().showEvent(event)
        if self._dirty:
            self.redraw()
