"""The loss landscape, live: the training loss over a plane of weights through the
current ones, in bands of equal loss (a contour map), with the optimizer's path drawn on
it and the weights now marked. Axes: two chosen parameters, two random filter-normalised
directions, or the two principal directions of the path so far.

The map is computed in the training process (landscape_job, core.train.landscape) only
while this view is shown; it asks for it through its `requested` signal. The earlier runs
of the same network come with each map, projected on its plane: with the project's runs
(use_runs) each shown run's path is drawn in its colour, the run in progress on top, and
a legend names them."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm
from visualnn.gui.live.runs_model import run_color
from visualnn.gui.panels.painter_plot import PlotFrame, draw_message, draw_title
from visualnn.gui.panels.run_paths import LEGEND_ROW, draw_legend, draw_now, draw_path, legend_rows

BANDS = 14
# low loss dark blue, high loss pale yellow (viridis' ends, readable in both themes)
ANCHORS = np.array([(38, 16, 90), (52, 94, 141), (33, 145, 140), (94, 201, 98), (253, 231, 37)], float)


def band_rgb(loss: np.ndarray) -> np.ndarray:
    """(ny, nx) losses -> (ny, nx, 3) uint8 in BANDS bands of log-loss (contour-like);
    non-finite losses are the theme's neutral middle."""
    v = np.asarray(loss, float)
    ok = np.isfinite(v)
    out = np.empty(v.shape + (3,), np.uint8)
    out[...] = cm.middle()
    if not ok.any():
        return out
    lv = np.log10(np.maximum(v[ok], 1e-12))
    lo, hi = float(lv.min()), float(lv.max())
    t = (lv - lo) / max(hi - lo, 1e-9)
    t = np.floor(t * BANDS).clip(0, BANDS - 1) / (BANDS - 1)
    pos = t * (len(ANCHORS) - 1)
    i = np.minimum(pos.astype(int), len(ANCHORS) - 2)
    f = (pos - i)[:, None]
    out[ok] = np.round(ANCHORS[i] * (1 - f) + ANCHORS[i + 1] * f).astype(np.uint8)
    return out


def upsampled(loss: np.ndarray, factor: int = 8) -> np.ndarray:
    """The grid bilinearly interpolated `factor` times finer in log-loss, so the bands
    of equal loss have smooth edges (NaN where a corner is not finite)."""
    v = np.log10(np.maximum(np.asarray(loss, float), 1e-12))
    ny, nx = v.shape
    if ny < 2 or nx < 2:
        return np.asarray(loss, float)
    yi = np.linspace(0, ny - 1, (ny - 1) * factor + 1)
    xi = np.linspace(0, nx - 1, (nx - 1) * factor + 1)
    y0 = np.minimum(yi.astype(int), ny - 2)
    x0 = np.minimum(xi.astype(int), nx - 2)
    fy, fx = (yi - y0)[:, None], (xi - x0)[None, :]
    a, b = v[y0][:, x0], v[y0][:, x0 + 1]
    c, d = v[y0 + 1][:, x0], v[y0 + 1][:, x0 + 1]
    return 10.0 ** (a * (1 - fy) * (1 - fx) + b * (1 - fy) * fx + c * fy * (1 - fx) + d * fy * fx)


class LandscapeView(QWidget):
    @property
    def title(self) -> str:
        return self.tr("Landscape")

    requested = Signal(object)  # LandscapeSettings as a dict, or None when hidden
    request_kind = "landscape"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.session = None
        self.map = None
        self.model = None         # the project's runs (RunsModel), once given
        self.run_number = None    # the training process's number of the run shown
        self.drawn: list[tuple] = []  # (run or None, colour, (T, 2) points) of the last paint, the current last
        self.kind = QComboBox()
        for key in ("params", "random", "pca"):
            self.kind.addItem("", key)
        self.px_box, self.py_box = QComboBox(), QComboBox()
        for box in (self.px_box, self.py_box):
            box.setMinimumContentsLength(8)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        row = QHBoxLayout()
        row.setContentsMargins(8, 0, 8, 0)
        self.axes_label = QLabel()
        for control in (self.axes_label, self.kind, self.px_box, self.py_box):
            control.setProperty("figure_hide", True)  # the plot's own axis titles name the axes in a figure
        row.addWidget(self.axes_label)
        row.addWidget(self.kind, 1)
        row.addWidget(self.px_box, 1)
        row.addWidget(self.py_box, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 26, 0, 0)
        lay.addLayout(row)
        lay.addStretch(1)
        self.kind.currentIndexChanged.connect(self._on_axes)
        self.px_box.currentIndexChanged.connect(self._on_axes)
        self.py_box.currentIndexChanged.connect(self._on_axes)
        self._shown = False
        self._filling = False
        self._image = None  # (the loss grid, its picture)
        self._retranslate()

    def _retranslate(self) -> None:
        self.axes_label.setText(self.tr("Axes:"))
        for i, text in enumerate((self.tr("two parameters"), self.tr("random directions"),
                                  self.tr("principal directions of the path"))):
            self.kind.setItemText(i, text)
        self.kind.setToolTip(self.tr("The plane of weights the loss is drawn over"))
        self.px_box.setToolTip(self.tr("The parameter along the x axis"))
        self.py_box.setToolTip(self.tr("The parameter along the y axis"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def use_runs(self, runs) -> None:
        """Draw the paths of `runs` (a RunsModel) in their colours from now on."""
        self.model = runs
        runs.changed.connect(self.update)

    # -- what to compute ------------------------------------------------------------------
    def settings(self) -> dict:
        kind = self.kind.currentData()
        params = None
        if kind == "params" and self.px_box.count() >= 2:
            params = (self.px_box.currentText(), self.py_box.currentText())
        return {"kind": kind, "params": params}

    @Slot()
    def _on_axes(self) -> None:
        self.px_box.setVisible(self.kind.currentData() == "params")
        self.py_box.setVisible(self.kind.currentData() == "params")
        if self._shown and not self._filling:
            self.map = None
            self.update()
            self.requested.emit(self.settings())

    def showEvent(self, event):
        super().showEvent(event)
        self._shown = True
        self.requested.emit(self.settings())

    def hideEvent(self, event):
        super().hideEvent(event)
        self._shown = False
        self.requested.emit(None)

    def set_session(self, session) -> None:
        keep = (self.px_box.currentText(), self.py_box.currentText())
        self.session = session
        self.map = None
        labels = list(session.param_labels)
        self._filling = True
        for box, i in ((self.px_box, 0), (self.py_box, 1)):
            box.clear()
            box.addItems(labels)
            old = box.findText(keep[i])
            box.setCurrentIndex(old if old >= 0 and keep[0] != keep[1] else min(i, len(labels) - 1))
        self._filling = False
        self._on_axes()
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        self.run_number = frame.run
        if frame.landscape is not self.map:
            want = self.settings()["kind"]
            if frame.landscape is not None and frame.landscape.kind != want:
                return  # computed for the axes chosen before
            self.map = frame.landscape
            if self.isVisible():
                self.update()

    # -- drawing ------------------------------------------------------------------------------
    def plot_frame(self) -> PlotFrame | None:
        m = self.map
        if m is None or m.error or not m.x.size:
            return None
        top = 64.0
        legend = LEGEND_ROW * len(self.legend(self.paths())) + 4.0
        side = max(20.0, min(self.width() - 100.0, self.height() - top - 62.0 - legend))
        rect = QRectF(70.0, top, side, side)
        return PlotFrame(rect, float(m.x[0]), float(m.x[-1]), float(m.y[0]), float(m.y[-1]))

    def paths(self) -> list[tuple]:
        """What to draw of the map's paths: (run or None, colour, (T, 2) points), each shown
        earlier run of this network in its colour, then the run in progress (None for its
        run and the default colours without the project's runs; left out when hidden)."""
        m = self.map
        if m is None or m.error:
            return []
        out = []
        if self.model is not None:
            for number, coords in m.others:
                run = self.model.run_numbered(number)
                if run is not None and run.visible and number != self.run_number:
                    out.append((run, run_color(run), np.asarray(coords)[:, :2]))
        run = self.current_run()
        if run is None or run.visible:
            out.append((run, run_color(run) if run is not None else None, m.path[:, :2]))
        return out

    def current_run(self):
        """The project's run of the map shown (None: no runs given, or not fed yet)."""
        if self.model is None or self.run_number is None:
            return None
        return self.model.run_numbered(self.run_number)

    def legend(self, paths: list[tuple]) -> list[list[tuple[str, str, bool]]]:
        """The legend's rows: each drawn run's label in its colour, the run in progress in bold."""
        if self.model is None:
            return []
        labels = dict(zip((r.uid for r in self.model.runs), self.model.log.labels()))
        current = self.current_run()
        items = [(self.tr("{run} (now)").format(run=labels[run.uid]) if run is current else labels[run.uid], color,
                  run is current) for run, color, _ in paths if run is not None]
        return legend_rows(items, self.width() - 16.0)

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self.map
        caption = ""
        if m is not None and not m.error and len(m.path):
            caption = self.tr("loss now {loss} · path of {n} points · bands of equal loss (log scale)").format(
                loss=f"{m.path[-1, 2]:.4g}", n=len(m.path))
        draw_title(p, self.width(), self.tr("Loss landscape"), "")
        f = self.plot_frame()
        if f is None:
            if m is not None and m.error:
                msg = m.error
            elif self.session is not None and not self.session.param_labels:
                msg = self.tr("The live landscape maps small networks; use the command line for this one")
            else:
                msg = self.tr("Appears when training runs")
            draw_message(p, QRectF(20, 60, self.width() - 40, self.height() - 70), msg)
            p.end()
            return
        if self._image is None or self._image[0] is not m.loss:  # the grid changes once a second at most
            self._image = (m.loss, cm.rgb_image(band_rgb(upsampled(m.loss)), flip=True))
        img = self._image[1]
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(f.rect, img)
        f.draw_axes(p, m.x_label, m.y_label, grid=False)
        p.setFont(theme.font(10))
        p.setPen(QColor(t["text_muted"]))
        p.drawText(QRectF(8, f.rect.bottom() + 36, self.width() - 16, 18), int(Qt.AlignmentFlag.AlignLeft),
                   caption)
        paths = self.paths()
        self.drawn = paths
        current = self.current_run()
        for i, (run, color, points) in enumerate(paths):
            draw_path(p, f, points, color, current=i == len(paths) - 1 and run is current)
        if not paths or paths[-1][0] is not current:  # the run in progress hidden: its weights still marked
            now = self.current_point()
            if now is not None:
                draw_now(p, now, None)
        draw_legend(p, 8.0, f.rect.bottom() + 56.0, self.width() - 16.0, self.legend(paths))
        p.end()

    def current_point(self) -> QPointF | None:
        """Where the weights now are marked (the path's last point), in widget pixels."""
        f = self.plot_frame()
        if f is None or not len(self.map.path):
            return None
        a, b, _ = self.map.path[-1]
        return f.px(float(a), float(b))
