"""A strip of test images with the network's prediction under each; wrong ones marked."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm
from visualnn.gui.i18n import translate


class SamplesStrip(QWidget):
    title = QT_TRANSLATE_NOOP("live_views", "Samples")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 100)
        self.session = None
        self.images = []
        self.pred = None

    def set_session(self, session) -> None:
        self.session = session
        self.pred = None
        imgs = session.strip_images
        self.images = [] if imgs is None else [cm.gray_image(1.0 - im) for im in imgs]  # dark ink on white
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        ev = frame.evaluation
        pred = None if ev is None else ev.strip_pred
        if pred is not self.pred:
            self.pred = pred
            if self.isVisible():
                self.update()

    def wrong(self) -> list[int]:
        """Indices of the strip samples predicted wrong."""
        if self.pred is None or self.session is None:
            return []
        return [i for i, (p, y) in enumerate(zip(self.pred, self.session.strip_labels)) if int(p) != int(y)]

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(theme.font(11, bold=True))
        p.setPen(QColor(t["text"]))
        n_wrong = len(self.wrong())
        head = (translate("live_views", "Test samples — {wrong} of {n} wrong").format(wrong=n_wrong, n=len(self.images))
                if self.pred is not None else translate("live_views", "Test samples"))
        p.drawText(QRectF(8, 2, self.width() - 16, 22), int(Qt.AlignmentFlag.AlignVCenter), head)
        if not self.images:
            p.setFont(theme.font(10))
            p.setPen(QColor(t["text_muted"]))
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), translate("live_views", "For image data sets"))
            p.end()
            return
        n = len(self.images)
        avail_w, avail_h = self.width() - 12.0, self.height() - 30.0
        best = (1, 10.0)
        for cols in range(1, n + 1):
            rows = -(-n // cols)
            cell = min(avail_w / cols, avail_h / rows)
            if cell > best[1]:
                best = (cols, cell)
        cols, cell = best
        names = list(self.session.class_names)
        wrong = set(self.wrong())
        for i, img in enumerate(self.images):
            r, c = divmod(i, cols)
            box = QRectF(6 + c * cell, 28 + r * cell, cell - 6, cell - 6)
            label_h = max(12.0, min(18.0, cell * 0.22))
            pic = QRectF(box.left(), box.top(), box.width(), box.height() - label_h)
            side = min(pic.width(), pic.height())
            pic = QRectF(pic.center().x() - side / 2, pic.top(), side, side)
            p.drawImage(pic, img)
            bad = i in wrong
            if bad:
                p.setPen(QPen(QColor(t["error"]), 2.5))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(pic.adjusted(-1, -1, 1, 1))
            if self.pred is not None:
                pr = int(self.pred[i])
                text = names[pr] if pr < len(names) else str(pr)
                if bad:
                    y = int(self.session.strip_labels[i])
                    text = f"{text} ✗ ({names[y] if y < len(names) else y})"
                p.setFont(theme.font(max(7.0, label_h * 0.55), bold=bad))
                p.setPen(QColor(t["error"] if bad else t["text_params"]))
                p.drawText(QRectF(box.left() - 4, pic.bottom(), box.width() + 8, label_h),
                           int(Qt.AlignmentFlag.AlignCenter), text)
        p.end()
