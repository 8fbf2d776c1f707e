"""Presenting to a room: full screen (F11), presentation mode (Ctrl+Shift+P: the lesson, the
canvas and one large live view, nothing else), and the UI scale (100-250 %: text, cards,
plots and lines), remembered between sessions."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from visualnn.gui import style, theme

SCALES = (100, 125, 150, 175, 200, 250)
DEFAULT_VIEW = "curves"


def set_ui_scale(percent: int, window=None) -> int:
    """Scale the application's text (and with theme.ui_scale the plots' fonts and the lines)
    to `percent` of its normal size; the canvas zooms by the same ratio."""
    percent = max(SCALES[0], min(SCALES[-1], int(percent)))
    app = QApplication.instance()
    base = app.property("visualnnBasePointSize")
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty("visualnnBasePointSize", base)
    old = theme.ui_scale()
    theme.set_ui_scale(percent / 100)
    style.set_font_points(None if percent == 100 else float(base) * percent / 100)
    rescale_plots((percent / 100) / old)
    if window is not None:
        window.canvas.set_zoom(window.canvas.zoom() * (percent / 100) / old)
        window.training.controller.refresh()
    return percent


def rescale_plots(ratio: float) -> None:
    """The plots already made follow a new UI scale: tick fonts and the width of every line."""
    import sys

    if ratio == 1 or "pyqtgraph" not in sys.modules:  # no plot made yet: new ones read theme.ui_scale
        return
    import pyqtgraph as pg

    for widget in QApplication.allWidgets():
        if not isinstance(widget, pg.PlotWidget):
            continue
        plot = widget.getPlotItem()
        for name in ("left", "bottom"):
            plot.getAxis(name).setTickFont(theme.font(10 * theme.ui_scale()))
        for item in plot.listDataItems():
            pen = pg.mkPen(item.opts["pen"])
            pen.setWidthF(max(pen.widthF(), 1.0) * ratio)
            item.setPen(pen)


class Presenter(QObject):
    """Full screen and presentation mode for one window."""

    def __init__(self, window, runner):
        super().__init__(window)
        self.window, self.runner = window, runner
        self.presenting = False
        self._saved_state = None

    # -- full screen ------------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        w = self.window
        w.showNormal() if w.isFullScreen() else w.showFullScreen()

    # -- presentation mode -----------------------------------------------------------------------
    def toggle(self) -> None:
        self.stop() if self.presenting else self.start()

    def start(self, lesson_dock=None) -> None:
        if self.presenting:
            return
        w = self.window
        self.presenting = True
        self._saved_state = w.saveState()
        lesson_dock = lesson_dock or w.docks.get("lesson")
        views_dock = w.training.views_dock
        for name, dock in w.docks.items():
            if dock is not lesson_dock and dock is not views_dock:
                dock.hide()
        if lesson_dock is not None and self.runner.lesson is not None:
            lesson_dock.show()
        views_dock.show()
        self.large_view(self.runner.front_view or DEFAULT_VIEW)
        w.statusBar().hide()
        if lesson_dock is not None and lesson_dock.isVisible():
            w.resizeDocks([lesson_dock], [int(w.width() * 0.32)], Qt.Orientation.Horizontal)
        w.resizeDocks([views_dock], [int(w.height() * 0.56)], Qt.Orientation.Vertical)
        QTimer.singleShot(0, w.canvas.fit)

    def large_view(self, name: str) -> None:
        """In presentation mode, the live views show only the pane holding `name`, at full width."""
        views = self.window.training.views
        if name not in views.ensure_views():
            name = DEFAULT_VIEW
        views.solo = name
        views.show_view(name)
        views.apply_hidden()

    def stop(self) -> None:
        if not self.presenting:
            return
        w = self.window
        self.presenting = False
        w.training.views.solo = None
        w.training.views.apply_hidden()
        w.statusBar().show()
        if self._saved_state is not None:
            w.restoreState(self._saved_state)
        self._saved_state = None
