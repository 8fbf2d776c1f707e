"""The live confusion matrix: rows are the true classes, columns the predicted ones,
each cell's colour its share of the row, its number the count (test split)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import theme
from visualnn.gui.i18n import translate


class ConfusionView(QWidget):
    title = QT_TRANSLATE_NOOP("live_views", "Confusion")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.session = None
        self.evaluation = None

    def set_session(self, session) -> None:
        self.session = session
        self.evaluation = None
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        if frame.evaluation is not self.evaluation:
            self.evaluation = frame.evaluation
            if self.isVisible():
                self.update()

    def matrix(self) -> np.ndarray | None:
        return None if self.evaluation is None else self.evaluation.confusion

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        ev, s = self.evaluation, self.session
        p.setFont(theme.font(11, bold=True))
        p.setPen(QColor(t["text"]))
        head = translate("live_views", "Confusion matrix")
        if ev is not None:
            split = translate("live_views", "test") if ev.split == "test" else translate("live_views", "train")
            value = f"{100 * ev.accuracy:.1f}"
            head = translate("live_views", "Confusion matrix — {split} accuracy {value} %").format(
                split=split, value=value)
            if p.fontMetrics().horizontalAdvance(head) > self.width() - 16:  # a narrow pane: the number first
                head = translate("live_views", "Confusion · {split} {value} %").format(split=split, value=value)
        p.drawText(QRectF(8, 2, self.width() - 16, 22), int(Qt.AlignmentFlag.AlignVCenter), head)
        if ev is None or s is None:
            p.setFont(theme.font(10))
            p.setPen(QColor(t["text_muted"]))
            msg = (translate("live_views", "For classification") if s is not None and s.task != "classification"
                   else translate("live_views", "Appears when training runs"))
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), msg)
            p.end()
            return
        m = ev.confusion
        c = m.shape[0]
        names = list(s.class_names) or [str(i) for i in range(c)]
        label_w = min(90.0, 12.0 + 7.0 * max(len(str(n)) for n in names))
        top, left = 60.0, label_w + 22.0
        side = max(8.0, min((self.width() - left - 10) / c, (self.height() - top - 10) / c))
        rows = m.sum(axis=1, keepdims=True).astype(float)
        share = np.divide(m, np.maximum(rows, 1.0))
        accent = QColor(t["accent"])
        wrong = QColor(t["error"])
        font_px = max(7.0, min(12.0, side * 0.32))
        cell_font = theme.font(font_px)
        p.setFont(theme.font(9))
        p.setPen(QColor(t["text_muted"]))
        p.drawText(QRectF(left, 24, c * side, 16), int(Qt.AlignmentFlag.AlignCenter), translate("live_views", "predicted class →"))
        p.save()
        p.translate(10, top + c * side / 2)
        p.rotate(-90)
        p.drawText(QRectF(-60, -8, 120, 16), int(Qt.AlignmentFlag.AlignCenter), translate("live_views", "true class →"))
        p.restore()
        for i in range(c):
            p.setPen(QColor(t["text_params"]))
            p.setFont(theme.font(9))
            p.drawText(QRectF(18, top + i * side, label_w, side), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       str(names[i])[:12] + " ")
            if side >= 14:
                p.drawText(QRectF(left + i * side, top - 16, side, 16), int(Qt.AlignmentFlag.AlignCenter), str(names[i])[:4])
            for j in range(c):
                col = QColor(accent if i == j else wrong)
                col.setAlphaF(0.08 + 0.85 * float(share[i, j]) if m[i, j] else 0.04)
                r = QRectF(left + j * side + 1, top + i * side + 1, side - 2, side - 2)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(col)
                p.drawRoundedRect(r, 3, 3)
                if side >= 16 and m[i, j]:
                    p.setFont(cell_font)
                    p.setPen(QColor("#ffffff") if share[i, j] > 0.5 else QColor(t["text"]))
                    p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), str(int(m[i, j])))
        p.end()
