"""The 2-D input plane: the decision boundary (classification) or the fitted surface
(regression) as a heatmap, with the training points on top, refreshed live.

The worker computes the network over a grid of the plane (numpy, in its own thread);
this view only turns that array into an image and draws it: no torch here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm
from visualnn.gui.i18n import translate

POINT_R = 3.6


class BoundaryView(QWidget):
    title = QT_TRANSLATE_NOOP("live_views", "Boundary")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(180, 180)
        self.session = None
        self.grid = None
        self.image: QImage | None = None
        self._points: QPixmap | None = None
        self._points_key = None
        self.caption = ""
        self.show_test = False

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
        m_left, m_top, m_right, m_bottom = 34.0, 44.0, 12.0, 22.0
        w = self.width() - m_left - m_right
        h = self.height() - m_top - m_bottom
        side = max(10.0, min(w, h))
        return QRectF(m_left + (w - side) / 2, m_top + (h - side) / 2, side, side)

    def _make_image(self) -> QImage | None:
        g, s = self.grid, self.session
        if g is None or s is None:
            return None
        if s.task == "classification":
            if g.confidence is not None:
                return cm.classes_image(g.value, g.confidence, s.num_classes, flip=True)
            return cm.diverging_image((g.value - 0.5) * 2.0, 1.0, flip=True)
        scale = cm.symmetric_scale(s.labels) if s.labels is not None else cm.symmetric_scale(g.value)
        return cm.diverging_image(g.value, scale, flip=True)

    def _point_layer(self, rect: QRectF) -> QPixmap | None:
        s = self.session
        if s is None or s.points is None:
            return None
        key = (rect.width(), rect.height(), s.run, self.devicePixelRatioF())
        if self._points is not None and self._points_key == key:
            return self._points
        dpr = self.devicePixelRatioF()
        pm = QPixmap(int(rect.width() * dpr) + 1, int(rect.height() * dpr) + 1)
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        x0, x1, y0, y1 = s.extent
        xs = (s.points[:, 0] - x0) / (x1 - x0) * rect.width()
        ys = (1.0 - (s.points[:, 1] - y0) / (y1 - y0)) * rect.height()
        edge = QPen(QColor(255, 255, 255, 230), 1.1)
        p.setPen(edge)
        if s.task == "classification":
            brushes = [cm.class_color(i) for i in range(max(s.num_classes, 2))]
            for x, y, c in zip(xs, ys, s.labels.astype(int)):
                p.setBrush(brushes[c % len(brushes)])
                p.drawEllipse(QPointF(x, y), POINT_R, POINT_R)
        else:
            scale = cm.symmetric_scale(s.labels)
            for x, y, v in zip(xs, ys, s.labels):
                p.setBrush(cm.color_for(float(v), scale))
                p.drawEllipse(QPointF(x, y), POINT_R, POINT_R)
        p.end()
        self._points, self._points_key = pm, key
        return pm

    # -- drawing ----------------------------------------------------------------------------
    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        s = self.session
        p.setFont(theme.font(11, bold=True))
        p.setPen(QColor(t["text"]))
        title = translate("live_views", "Decision boundary") if s is None or s.task == "classification" else translate("live_views", "Fitted surface")
        p.drawText(QRectF(8, 2, self.width() - 16, 20), int(Qt.AlignmentFlag.AlignVCenter), title)
        p.setFont(theme.font(10))
        p.setPen(QColor(t["text_muted"]))
        p.drawText(QRectF(8, 21, self.width() - 16, 18), int(Qt.AlignmentFlag.AlignVCenter), self.caption)
        if s is None or not s.is_2d:
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), translate("live_views", "For data sets of 2-D points"))
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
