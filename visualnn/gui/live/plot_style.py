"""pyqtgraph plots in the app's colours, with fonts readable from the back of a room."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor

from visualnn.gui import theme

pg.setConfigOptions(antialias=True, foreground="#344054", background="w")

TRAIN = "#2f6fed"
TEST = "#f79009"
BATCH = "#98b6f5"
WARN = "#e5484d"
FADED = "#98a2b3"


def colors() -> dict:
    t = theme.current()
    dark = t["name"] == "dark"
    if t["name"] == "projector":
        o = theme.OKABE_ITO
        return {"bg": t["card"], "fg": t["text"], "muted": t["text_muted"], "grid": t["divider"],
                "train": o["blue"], "test": o["orange"], "batch": o["sky"], "warn": t["error"], "faded": "#888888"}
    return {"bg": t["card"], "fg": t["text_params"], "muted": t["text_muted"], "grid": t["divider"],
            "train": "#5b8def" if dark else TRAIN, "test": "#fdb022" if dark else TEST,
            "batch": "#3d5a99" if dark else BATCH, "warn": t["error"], "faded": t["text_muted"]}


def style_plot(plot: pg.PlotItem, left: str = "", bottom: str = "") -> None:
    """Axis colours, fonts and labels of the current theme on a PlotItem."""
    c = colors()
    tick_font = theme.font(10 * theme.ui_scale())
    for name in ("left", "bottom"):
        ax = plot.getAxis(name)
        ax.setPen(pg.mkPen(c["grid"]))
        ax.setTextPen(pg.mkPen(c["fg"]))
        ax.setTickFont(tick_font)
    if left:
        plot.setLabel("left", left, color=c["fg"], **{"font-size": "11pt"})
    if bottom:
        plot.setLabel("bottom", bottom, color=c["fg"], **{"font-size": "11pt"})
    plot.showGrid(x=True, y=True, alpha=0.25)


def plot_widget(left: str = "", bottom: str = "") -> pg.PlotWidget:
    from PySide6.QtWidgets import QGraphicsItem

    w = pg.PlotWidget()
    w.setBackground(QColor(colors()["bg"]))
    style_plot(w.getPlotItem(), left, bottom)
    w.getPlotItem().setMenuEnabled(False)
    w.getPlotItem().hideButtons()
    # axes change only with the range: Qt replays them from a pixmap instead of calling
    # pyqtgraph's Python paint() at every redraw of the curves
    for name in ("left", "bottom", "right", "top"):
        w.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return w


def pen(color: str, width: float = 2.0, alpha: float = 1.0, dash: bool = False):
    c = QColor(color)
    c.setAlphaF(alpha)
    p = pg.mkPen(c, width=theme.line_width(width))
    if dash:
        from PySide6.QtCore import Qt
        p.setStyle(Qt.PenStyle.DashLine)
    return p


def nice_ceiling(v: float) -> float:
    """The smallest of 1, 2, 5 x 10^k that is >= v."""
    import math

    if not math.isfinite(v) or v <= 0:
        return 1.0
    e = 10.0 ** math.floor(math.log10(v))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * e >= v * (1 - 1e-12):
            return m * e
    return 10.0 * e


class StableRange:
    """Sets a plot's range only when its rounded ends change, so pyqtgraph does not lay
    out its axes again at every redraw (the costly part of drawing a plot)."""

    def __init__(self, plot):
        self.plot = plot
        self.last = None
        plot.getPlotItem().disableAutoRange()

    def set(self, x0, x1, y0, y1) -> None:
        r = (x0, x1, y0, y1)
        if r != self.last:
            self.last = r
            self.plot.setXRange(x0, x1, padding=0)
            self.plot.setYRange(y0, y1, padding=0)
