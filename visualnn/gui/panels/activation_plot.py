"""The inspector's picture of an activation layer: f (solid) and f' (dashed) over a range
of inputs, with a histogram behind of the values reaching the layer in the shown
training step (the batch's pre-activations, from the live frames)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import theme
from visualnn.gui.panels.painter_plot import PlotFrame


class ActivationPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(220)
        self.type_name = None
        self.params: dict = {}
        self.source = None     # the node whose output the layer takes
        self.frame = None
        self.curve = None
        self.hist = None       # (counts, edges) of the pre-activations
        self.ctl = None

    def attach(self, controller) -> None:
        """Follow the frames the live views show (for the pre-activations)."""
        self.ctl = controller
        controller.frameShown.connect(self.show_frame)
        self.frame = controller.current

    def set_layer(self, type_name: str, params: dict, source: str | None) -> None:
        self.type_name, self.params, self.source = type_name, dict(params or {}), source
        self._recompute()

    @Slot(object)
    def show_frame(self, frame) -> None:
        self.frame = frame
        if self.isVisible() and self.type_name is not None:
            self._recompute()

    def pre_activations(self) -> np.ndarray | None:
        """The values reaching the layer: the batch rows of its input in the frame's
        captured step, else the shown sample's."""
        f = self.frame
        if f is None or self.source is None:
            return None
        if f.snapshot is not None and self.source in f.snapshot.activations:
            return np.asarray(f.snapshot.activations[self.source])
        a = f.probe.activations.get(self.source)
        return None if a is None else np.asarray(a)

    def _recompute(self) -> None:
        from visualnn.core.views.activation import activation_curve, histogram, input_range

        z = self.pre_activations()
        lo, hi = input_range(z if z is not None else [])
        try:
            self.curve = activation_curve(self.type_name, self.params, lo, hi)
        except Exception:  # parameters being typed (not valid yet): no picture until they are
            self.curve = None
        self.hist = histogram(z, lo, hi) if z is not None else None
        self.update()

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = self.curve
        if c is None:
            p.end()
            return
        ys = np.concatenate([c.f, c.df])
        ys = ys[np.isfinite(ys)]
        lo, hi = min(float(ys.min()), 0.0), max(float(ys.max()), 1.0)
        pad = 0.08 * (hi - lo)
        rect = QRectF(44, 26, max(20.0, self.width() - 54), max(20.0, self.height() - 60))
        f = PlotFrame(rect, float(c.x[0]), float(c.x[-1]), lo - pad, hi + pad)
        if self.hist is not None and self.hist[0].sum():
            counts, edges = self.hist
            top = float(counts.max())
            bar = QColor(t["edge"])
            bar.setAlphaF(0.35)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bar)
            for k, n in enumerate(counts):
                if n:
                    x0, x1 = f.px(float(edges[k]), 0).x(), f.px(float(edges[k + 1]), 0).x()
                    h = rect.height() * 0.9 * float(n) / top
                    p.drawRect(QRectF(x0, rect.bottom() - h, max(x1 - x0 - 1, 1), h))
        f.draw_axes(p, "z", "")
        for values, color, style in ((c.f, t["accent"], Qt.PenStyle.SolidLine),
                                     (c.df, t["backward"], Qt.PenStyle.DashLine)):
            path = QPainterPath(f.px(float(c.x[0]), float(values[0])))
            for x, y in zip(c.x[1:], values[1:]):
                path.lineTo(f.px(float(x), float(y)))
            p.setPen(QPen(QColor(color), 2.6, style))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.save()
            p.setClipRect(rect)
            p.drawPath(path)
            p.restore()
        p.setFont(theme.font(10))
        legend = ((t["accent"], self.tr("f(z)")), (t["backward"], self.tr("f′(z)")),
                  (t["text_muted"], self.tr("bars: z in this step") if self.hist is not None else ""))
        x = 8.0
        for color, text in legend:
            if not text:
                continue
            p.setPen(QColor(color))
            w = p.fontMetrics().horizontalAdvance(text) + 16
            p.drawText(QRectF(x, 2, w, 20), int(Qt.AlignmentFlag.AlignVCenter), text)
            x += w
        p.end()
