"""The 2-D input plane: the decision boundary (classification) or the fitted surface
(regression) as a heatmap, with the training points on top, refreshed live. As in
TensorFlow Playground, "Test data" adds the test points (rings) and "Discretize"
colours each pixel by its predicted class (or the sign of the output) alone.

The worker computes the network over a grid of the plane (numpy, in its own thread);
this view only turns that array into an image and draws it: no torch here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm
from visualnn.gui.i18n import translate

POINT_R = 3.6


def discretized(value, confidence, classification: bool):
    """The grid's colouring without shades: two classes -> 0 or 1; more -> each pixel's
    class at full confidence; regression -> the sign of the output (-1, 0, 1)."""
    import numpy as np

    if not classification:
        return np.sign(value), None
    if confidence is not None:
        return value, np.ones_like(confidence)
    return (value > 0.5).astype(np.float32), None


class BoundaryView(QWidget):
    @property
    def title(self) -> str:
        return self.tr("Boundary")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.test_box = QCheckBox()
        self.discrete_box = QCheckBox()
        for box in (self.test_box, self.discrete_box):
            box.setProperty("figure_hide", True)  # controls, not part of an exported figure
        self._retranslate()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 0, 8, 2)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.test_box)
        row.addWidget(self.discrete_box)
        row.addStretch(1)
        lay.addLayout(row)
        self.test_box.toggled.connect(self._on_toggles)
        self.discrete_box.toggled.connect(self._on_toggles)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(180, 180)
        self.session = None
        self.grid = None
        self.image: QImage | None = None
        self._points: QPixmap | None = None
        self._points_key = None
        self.caption = ""

    def _retranslate(self) -> None:
        self.test_box.setText(self.tr("Test data"))
        self.discrete_box.setText(self.tr("Discretize"))
        self.test_box.setToolTip(self.tr("Show test data: draw the test points too (rings)"))
        self.discrete_box.setToolTip(self.tr("Discretize output: colour each point of the plane by its predicted "
                                             "class only, without the shading of the network's certainty"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    @property
    def show_test(self) -> bool:
        return self.test_box.isChecked()

    @property
    def discrete(self) -> bool:
        return self.discrete_box.isChecked()

    @Slot()
    def _on_toggles(self) -> None:
        self.image = None
        self._points = None
        self.update()

    def set_session(self, session) -> None:
        self.session = session
        self.grid = self.image = None
        self._points = None
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        grid = frame.grid
        ev = frame.evaluation
        if ev is not None:
            self.caption = (translate("live_views", "test accuracy {value} %") if ev.split == "test" else
                            translate("live_views", "accuracy {value} %")).format(value=f"{100 * ev.accuracy:.1f}")
        elif self.session is not None and self.session.task == "regression" and frame.snapshot is not None:
            self.caption = translate("live_views", "batch loss {value}").format(value=f"{frame.snapshot.loss:.4g}")
        if grid is not None and grid is not self.grid:
            self.grid = grid
            self.image = None
            if self.isVisible():
                self.update()

    # -- geometry ---------------------------------------------------------------------------
    def plot_rect(self) -> QRectF:
        m_left, m_top, m_right, m_bottom = 34.0, 44.0, 12.0, 46.0
        w = self.width() - m_left - m_right
        h = self.height() - m_top - m_bottom
        side = max(10.0, min(w, h))
        return QRectF(m_left + (w - side) / 2, m_top + (h - side) / 2, side, side)

    def _make_image(self) -> QImage | None:
        g, s = self.grid, self.session
        if g is None or s is None:
            return None
        value, confidence = g.value, g.confidence
        if self.discrete:
            value, confidence = discretized(value, confidence, s.task == "classification")
        if s.task == "classification":
            if confidence is not None:
                return cm.classes_image(value, confidence, s.num_classes, flip=True)
            return cm.diverging_image((value - 0.5) * 2.0, 1.0, flip=True)
        if self.discrete:
            return cm.diverging_image(value, 1.0, flip=True)
        scale = cm.symmetric_scale(s.labels) if s.labels is not None else cm.symmetric_scale(value)
        return cm.diverging_image(value, scale, flip=True)

    def _point_layer(self, rect: QRectF) -> QPixmap | None:
        s = self.session
        if s is None or s.points is None:
            return None
        key = (rect.width(), rect.height(), s.run, self.devicePixelRatioF(), self.show_test)
        if self._points is not None and self._points_key == key:
            return self._points
        dpr = self.devicePixelRatioF()
        pm = QPixmap(int(rect.width() * dpr) + 1, int(rect.height() * dpr) + 1)
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_points(p, rect, s.points, s.labels, test=False)
        if self.show_test and s.test_points is not None:
            self._draw_points(p, rect, s.test_points, s.test_labels, test=True)
        p.end()
        self._points, self._points_key = pm, key
        return pm

    def _draw_points(self, p: QPainter, rect: QRectF, points, labels, test: bool) -> None:
        """Training points filled with a white edge; test points as thick rings."""
        s = self.session
        x0, x1, y0, y1 = s.extent
        xs = (points[:, 0] - x0) / (x1 - x0) * rect.width()
        ys = (1.0 - (points[:, 1] - y0) / (y1 - y0)) * rect.height()
        if s.task == "classification":
            colors = [cm.class_color(i) for i in range(max(s.num_classes, 2))]
            pick = [colors[int(c) % len(colors)] for c in labels]
        else:
            scale = cm.symmetric_scale(s.labels)
            pick = [cm.color_for(float(v), scale) for v in labels]
        edge = QPen(QColor(255, 255, 255, 230), 1.1)
        for x, y, col in zip(xs, ys, pick):
            if test:
                p.setPen(QPen(QColor(30, 30, 30, 200), 3.4))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(QPointF(x, y), POINT_R + 0.5, POINT_R + 0.5)
                p.setPen(QPen(col, 2.0))
            else:
                p.setPen(edge)
                p.setBrush(col)
            p.drawEllipse(QPointF(x, y), POINT_R + (0.5 if test else 0.0), POINT_R + (0.5 if test else 0.0))

    # -- drawing ----------------------------------------------------------------------------
    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        s = self.session
        p.setFont(theme.font(11, bold=True))
        p.setPen(QColor(t["text"]))
        title = self.tr("Decision boundary") if s is None or s.task == "classification" else self.tr("Fitted surface")
        p.drawText(QRectF(8, 2, self.width() - 16, 20), int(Qt.AlignmentFlag.AlignVCenter), title)
        p.setFont(theme.font(10))
        p.setPen(QColor(t["text_muted"]))
        p.drawText(QRectF(8, 21, self.width() - 16, 18), int(Qt.AlignmentFlag.AlignVCenter), self.caption)
        if s is None or not s.is_2d:
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.tr("For data of two inputs"))
            p.end()
            return
        rect = self.plot_rect()
        if self.image is None:
            self.image = self._make_image()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.image is not None:
            p.drawImage(rect, self.image)
        else:
            p.fillRect(rect, QColor(*cm.middle()))
        layer = self._point_layer(rect)
        if layer is not None:
            p.drawPixmap(rect.topLeft(), layer)
        p.setPen(QPen(QColor(t["card_border"]), 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)
        x0, x1, y0, y1 = s.extent
        p.setPen(QColor(t["text_muted"]))
        p.setFont(theme.font(9))
        p.drawText(QRectF(rect.left() - 4, rect.bottom() + 2, 60, 16), int(Qt.AlignmentFlag.AlignLeft), f"{x0:.3g}")
        p.drawText(QRectF(rect.right() - 56, rect.bottom() + 2, 60, 16), int(Qt.AlignmentFlag.AlignRight), f"{x1:.3g}")
        p.drawText(QRectF(0, rect.bottom() - 14, rect.left() - 3, 16), int(Qt.AlignmentFlag.AlignRight), f"{y0:.3g}")
        p.drawText(QRectF(0, rect.top() - 2, rect.left() - 3, 16), int(Qt.AlignmentFlag.AlignRight), f"{y1:.3g}")
        p.end()
