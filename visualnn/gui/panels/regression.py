"""Regression on one input: the training points (filled), the test points (rings) and
the network's curve over the input's range, live; a network that is one Linear layer has
its line's equation y = w x + b written on the plot.

The curve is computed next to the model (core.views.regression) and arrives in frames;
this view only draws it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import theme
from visualnn.gui.live import plot_style as ps
from visualnn.gui.panels.painter_plot import PlotFrame, draw_message, draw_title, plot_rect

POINT_R = 3.4


def equation_text(w: float, b: float) -> str:
    sign = "−" if b < 0 else "+"
    return f"y = {w:.3g} · x {sign} {abs(b):.3g}"


class RegressionView(QWidget):
    @property
    def title(self) -> str:
        return self.tr("Regression")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(180, 160)
        self.session = None
        self.curve = None

    def set_session(self, session) -> None:
        self.session = session
        self.curve = None
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        if frame.curve is not self.curve:
            self.curve = frame.curve
            if self.isVisible():
                self.update()

    def equation(self) -> str | None:
        """The fitted line as written on the plot (a single Linear layer), else None."""
        if self.curve is None or self.curve.line is None:
            return None
        return equation_text(*self.curve.line)

    def to_csv(self) -> str:
        """The points and the network's curve, one row each: `set` (train, test or network),
        x and y (the network's output over the input's range for its rows)."""
        import csv
        import io

        s = self.session
        if s is None or not s.is_1d:
            return ""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["set", s.feature_names[0] if s.feature_names else "x",
                    s.target_names[0] if s.target_names else "y"])
        parts = [("train", s.points, s.labels)]
        if s.test_points is not None:
            parts.append(("test", s.test_points, s.test_labels))
        for name, xs, ys in parts:
            for x, y in zip(np.asarray(xs)[:, 0], np.asarray(ys, float).reshape(len(xs), -1)[:, 0]):
                w.writerow([name, repr(float(x)), repr(float(y))])
        if self.curve is not None:
            for x, y in zip(self.curve.xs, self.curve.ys[:, 0]):
                w.writerow(["network", repr(float(x)), repr(float(y))])
        return out.getvalue()

    def y_limits(self) -> tuple[float, float]:
        s = self.session
        parts = [s.labels] + ([s.test_labels] if s.test_labels is not None else [])
        ys = np.concatenate([np.asarray(v, float).ravel() for v in parts])
        lo, hi = float(np.nanmin(ys)), float(np.nanmax(ys))
        span = max(hi - lo, 1e-6)
        if self.curve is not None:  # the curve may go beyond the points, within reason
            c = self.curve.ys[:, 0]
            c = c[np.isfinite(c)]
            if c.size:
                lo, hi = max(min(lo, float(c.min())), lo - span), min(max(hi, float(c.max())), hi + span)
        pad = 0.08 * max(hi - lo, 1e-6)
        return lo - pad, hi + pad

    def frame_of(self) -> PlotFrame | None:
        s = self.session
        if s is None or not s.is_1d:
            return None
        return PlotFrame(plot_rect(self.width(), self.height()), *s.x_range, *self.y_limits())

    def paintEvent(self, event):
        t = theme.current()
        c = ps.colors()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self.session
        eq = self.equation()
        caption = self.tr("Points: training (filled), test (rings); line: the network's output")
        draw_title(p, self.width(), self.tr("Regression: the network's curve over the data"), caption)
        f = self.frame_of()
        if f is None:
            draw_message(p, QRectF(self.rect()), self.tr("For regression on one input"))
            p.end()
            return
        xname = s.feature_names[0] if s.feature_names else "x"
        yname = s.target_names[0] if s.target_names else "y"
        f.draw_axes(p, xname, yname)
        p.save()
        p.setClipRect(f.rect)
        p.setPen(QPen(QColor(255, 255, 255, 200), 1.0))
        p.setBrush(QColor(c["train"]))
        for x, y in zip(s.points[:, 0], s.labels):
            p.drawEllipse(f.px(float(x), float(y)), POINT_R, POINT_R)
        if s.test_points is not None:
            p.setPen(QPen(QColor(c["test"]), 1.8))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for x, y in zip(s.test_points[:, 0], s.test_labels):
                p.drawEllipse(f.px(float(x), float(y)), POINT_R + 0.6, POINT_R + 0.6)
        if self.curve is not None:
            path = QPainterPath()
            first = True
            for x, y in zip(self.curve.xs, self.curve.ys[:, 0]):
                if not np.isfinite(y):
                    first = True
                    continue
                pt = f.px(float(x), float(y))
                path.moveTo(pt) if first else path.lineTo(pt)
                first = False
            p.setPen(QPen(QColor(t["error"]), 3.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        p.restore()
        if eq:
            size = 14  # large for the back row, smaller until it fits a narrow pane (never cut)
            while True:
                p.setFont(theme.font(size, bold=True))
                fm = p.fontMetrics()
                if fm.horizontalAdvance(eq) + 16 <= f.rect.width() - 12 or size <= 8:
                    break
                size -= 1
            box = QRectF(f.rect.left() + 6, f.rect.top() + 6, min(fm.horizontalAdvance(eq) + 16, f.rect.width() - 12),
                         fm.height() + 8)
            bg = QColor(t["card"])
            bg.setAlphaF(0.85)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bg)
            p.drawRoundedRect(box, 4, 4)
            p.setPen(QColor(t["error"]))
            p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), eq)
        p.end()
