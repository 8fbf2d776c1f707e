"""A small picture of a data set: a scatter for 2-D points (coloured by class or value),
a grid of the first images, the first sequences as lines, or the first sentences as text.

Drawn with QPainter from numpy arrays (no plotting library at start-up).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import style

# class 0 orange and class 1 blue as in TF Playground, then a categorical set
CLASS_COLORS = ["#f59322", "#0877bd", "#12b76a", "#dd2590", "#7a5af8", "#e5484d", "#0ba5c8",
                "#8a6b2e", "#667085", "#a3b745"]
MAX_POINTS = 1500
MAX_IMAGES = 24


def class_color(i: int) -> QColor:
    return QColor(CLASS_COLORS[int(i) % len(CLASS_COLORS)])


def value_color(t: float) -> QColor:
    """-1 orange .. 0 white .. +1 blue (the regression colouring of TF Playground)."""
    t = max(-1.0, min(1.0, float(t)))
    a, b = (QColor("#f59322"), QColor("#ffffff")) if t < 0 else (QColor("#ffffff"), QColor("#0877bd"))
    f = t + 1 if t < 0 else t
    return QColor(int(a.red() + (b.red() - a.red()) * f), int(a.green() + (b.green() - a.green()) * f),
                  int(a.blue() + (b.blue() - a.blue()) * f))


def to_qimage(img: np.ndarray) -> QImage:
    """(1|3, H, W) floats in [0, 1] (or any range: scaled) -> QImage."""
    a = np.asarray(img, dtype=np.float32)
    lo, hi = float(a.min()), float(a.max())
    if lo < 0 or hi > 1:
        a = (a - lo) / (hi - lo) if hi > lo else a * 0
    a = (np.clip(a, 0, 1) * 255).astype(np.uint8)
    if a.shape[0] == 3:
        rgb = np.ascontiguousarray(np.transpose(a, (1, 2, 0)))
        h, w = rgb.shape[:2]
        return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    g = np.ascontiguousarray(a[0])
    h, w = g.shape
    return QImage(g.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class DataPreview(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode = "message"
        self.message = "No data"
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._data = {}

    def sizeHint(self):
        return QSize(260, 220)

    def heightForWidth(self, w):
        return max(140, min(int(w * 0.7), 220))

    def hasHeightForWidth(self):
        return True

    # -- what to show -------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.mode, self.message = "message", text
        self.update()

    def show_dataset(self, ds) -> None:
        """Pick the picture that fits the data set (a core Dataset)."""
        x = ds.x_train if ds.num_train else ds.x_test
        y = ds.y_train if ds.num_train else ds.y_test
        points = ds.points("train" if ds.num_train else "test")
        if points is not None:  # points of the plane, whatever features feed the network
            x = points
        elif x.ndim == 2 and x.shape[1] == 1 and ds.task == "regression" and ds.input_dtype == "float":
            x = np.concatenate([x, y.reshape(len(y), -1)[:, :1]], axis=1)  # one input: y against x
        self._data = {"x": x, "y": y, "task": ds.task, "classes": ds.class_names or [], "vocab": ds.vocab}
        if x.ndim == 4:
            self.mode = "images"
        elif ds.input_dtype == "long" and ds.vocab:
            self.mode = "tokens"
        elif x.ndim == 3:
            self.mode = "sequences"
        elif x.ndim == 2 and x.shape[1] >= 2:
            self.mode = "scatter"
        else:
            self.mode, self.message = "message", f"{ds.num_train} samples of shape {list(ds.input_shape)}"
        self.update()

    # -- drawing ------------------------------------------------------------------------------------
    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        p.setPen(QPen(style.color("border"), 1))
        p.setBrush(style.color("base"))
        p.drawRoundedRect(r, 6, 6)
        inner = r.adjusted(8, 8, -8, -8)
        try:
            getattr(self, f"_paint_{self.mode}")(p, inner)
        except Exception as exc:  # a picture must never take the panel down
            self._paint_text(p, inner, f"cannot draw this data: {exc}")
        p.end()

    def _paint_text(self, p, r, text):
        p.setPen(style.color("muted"))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _paint_message(self, p, r):
        self._paint_text(p, r, self.message)

    def _paint_scatter(self, p, r):
        x, y = self._data["x"][:MAX_POINTS], self._data["y"][:MAX_POINTS]
        pts = x[:, :2].astype(np.float64)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        span = np.where(hi - lo > 0, hi - lo, 1.0)
        side = min(r.width(), r.height())
        box = QRectF(r.center().x() - side / 2, r.center().y() - side / 2, side, side)
        p.setPen(QPen(style.color("border"), 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()))
        p.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()))
        u = (pts - lo) / span
        classify = self._data["task"] == "classification"
        yv = np.asarray(y).reshape(len(y), -1)[:, 0] if len(y) else y
        scale = float(np.abs(yv).max()) if not classify and len(yv) and np.abs(yv).max() > 0 else 1.0
        radius = 3.0 if len(pts) < 600 else 2.2
        p.setPen(QPen(QColor(255, 255, 255, 200), 0.8))
        for (ux, uy), label in zip(u, yv):
            p.setBrush(class_color(label) if classify else value_color(label / scale))
            p.drawEllipse(QPointF(box.left() + ux * box.width(), box.bottom() - uy * box.height()), radius, radius)

    def _paint_images(self, p, r):
        x, y = self._data["x"][:MAX_IMAGES], self._data["y"]
        n = len(x)
        cols = max(1, min(n, int(np.ceil(np.sqrt(n * r.width() / max(r.height(), 1))))))
        rows = int(np.ceil(n / cols))
        cell = min(r.width() / cols, r.height() / rows)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        for i, img in enumerate(x):
            cx, cy = r.left() + (i % cols) * cell, r.top() + (i // cols) * cell
            target = QRectF(cx + 2, cy + 2, cell - 4, cell - 4)
            p.drawImage(target, to_qimage(img))
            if self._data["task"] == "classification" and i < len(y) and cell >= 28:
                names = self._data["classes"]
                label = names[int(y[i])] if int(y[i]) < len(names) else str(int(y[i]))
                p.setPen(class_color(int(y[i])))
                p.drawText(QRectF(cx + 3, cy + 2, cell - 6, 14), Qt.AlignmentFlag.AlignRight, label)

    def _paint_sequences(self, p, r):
        x = self._data["x"][:6]
        vals = x[..., 0].astype(np.float64)
        lo, hi = float(vals.min()), float(vals.max())
        span = hi - lo if hi > lo else 1.0
        for k, seq in enumerate(vals):
            path = QPainterPath()
            for t, v in enumerate(seq):
                pt = QPointF(r.left() + r.width() * t / max(len(seq) - 1, 1), r.bottom() - r.height() * (v - lo) / span)
                path.moveTo(pt) if t == 0 else path.lineTo(pt)
            p.setPen(QPen(class_color(k), 1.6))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)

    def _paint_tokens(self, p, r):
        x, y, vocab, names = self._data["x"][:8], self._data["y"], self._data["vocab"], self._data["classes"]
        line_h = p.fontMetrics().height() + 4
        for i, row in enumerate(x):
            if (i + 1) * line_h > r.height():
                break
            words = " ".join(vocab[t] for t in row if 0 <= t < len(vocab) and not vocab[t].startswith("<"))
            label = names[int(y[i])] if i < len(y) and int(y[i]) < len(names) else ""
            p.setPen(class_color(int(y[i])) if i < len(y) else style.color("text"))
            p.drawText(QRectF(r.left(), r.top() + i * line_h, 70, line_h), Qt.AlignmentFlag.AlignLeft, label)
            p.setPen(style.color("text"))
            text = p.fontMetrics().elidedText(words, Qt.TextElideMode.ElideRight, int(r.width() - 76))
            p.drawText(QRectF(r.left() + 76, r.top() + i * line_h, r.width() - 76, line_h), Qt.AlignmentFlag.AlignLeft, text)
