"""The race's loss landscape: the training loss over the plane of the variants' paths
(core race_landscape), in bands of equal log-loss, with each variant's path in its
colour from the shared start (a ring) to its end (a dot)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from visualnn.gui import theme
from visualnn.gui.live import plot_style as ps
from visualnn.gui.panels.run_paths import halo_color

LEVELS = 12


def banded(loss: np.ndarray, levels: int = LEVELS) -> np.ndarray:
    """log10 of the loss quantised into `levels` bands (0 = lowest), NaN where not finite."""
    with np.errstate(all="ignore"):
        z = np.log10(np.maximum(loss, 1e-12))
    ok = np.isfinite(z)
    if not ok.any():
        return np.full(loss.shape, np.nan)
    lo, hi = float(z[ok].min()), float(z[ok].max())
    out = np.full(loss.shape, np.nan)
    out[ok] = np.floor((z[ok] - lo) / max(hi - lo, 1e-12) * (levels - 1e-9))
    return out


class RaceLandscapeView(QWidget):
    title = "Loss landscape"

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.caption = QLabel(self.tr("The variants' paths appear here when the race ends."))
        self.caption.setWordWrap(True)
        self.caption.setFont(theme.font(10))
        lay.addWidget(self.caption)
        self.plot = ps.plot_widget("", "")
        self.plot.setAspectLocked(False)
        lay.addWidget(self.plot, 1)
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        lut = pg.ColorMap([0.0, 0.5, 1.0], [(24, 64, 140), (120, 180, 220), (250, 245, 230)]).getLookupTable(
            0.0, 1.0, LEVELS)
        self.image.setLookupTable(lut)
        self.paths: list = []   # per run: its line, start and end markers
        self.halos: list = []   # per run: the outline under its line
        self.result = None

    def show_result(self, result: dict | None, colors: list[str], labels: list[str]) -> None:
        """Draw a race_landscape() result; None says the paths do not span a plane."""
        for item in self.paths + self.halos:
            self.plot.removeItem(item)
        self.paths, self.halos = [], []
        self.result = result
        if result is None:
            self.caption.setText(self.tr("No landscape: the paths together do not span a plane."))
            self.image.clear()
            return
        loss = np.array([[np.nan if v is None else v for v in row] for row in result["loss"]], float)
        x, y = np.array(result["x"]), np.array(result["y"])
        self.image.setImage(banded(loss).T, levels=(0, LEVELS - 1), autoLevels=False)
        self.image.setRect(float(x[0]), float(y[0]), float(x[-1] - x[0]), float(y[-1] - y[0]))
        for path, color, label in zip(result["paths"], colors, labels):
            pts = np.array([[p[0], p[1]] for p in path if p[0] is not None and p[1] is not None], float)
            if not len(pts):
                continue
            # a halo under the line (as on the live landscape): a run's colour stays apart from
            # the map's bands of the same hue
            halo = self.plot.plot(pts[:, 0], pts[:, 1], pen=pg.mkPen(halo_color(QColor(color)), width=5.0))
            line = self.plot.plot(pts[:, 0], pts[:, 1], pen=ps.pen(color, 2.4), name=label)
            start = pg.ScatterPlotItem([pts[0, 0]], [pts[0, 1]], size=11, pen=pg.mkPen(color, width=2), brush=None)
            end = pg.ScatterPlotItem([pts[-1, 0]], [pts[-1, 1]], size=10, pen=pg.mkPen("w", width=1.2),
                                     brush=pg.mkBrush(color))
            for item in (start, end):
                self.plot.addItem(item)
            self.paths += [line, start, end]
            self.halos.append(halo)
        self.plot.setLabel("bottom", result["axes"]["x"])
        self.plot.setLabel("left", result["axes"]["y"])
        self.plot.setXRange(float(x[0]), float(x[-1]), padding=0)
        self.plot.setYRange(float(y[0]), float(y[-1]), padding=0)
        self.caption.setText(self.tr("Training loss over the plane the paths move in most (darker: lower); "
                                     "each variant from the shared start (ring) to its end (dot)."))
