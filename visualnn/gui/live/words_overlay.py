"""Words on the canvas for text models: the Input's column lists the sentence's tokens,
an Embedding's output is a heatmap with a row per token (labelled with its word), and an
attention matrix has the tokens along both axes. Painted with QPainter into a pixmap at
each frame (sentences are short: at most MAX_TOKENS rows are drawn)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm

MAX_TOKENS = 32
ROW = 15.0
PAD = 7.0
CAPTION = 18.0
GLOW = 5.0
PADDING_WORDS = ("<pad>",)


def _glow_color(kind: str) -> QColor:
    return QColor(theme.current()["forward" if kind == "forward" else "backward"])


class _Painted(QGraphicsPixmapItem):
    """A card painted by `_draw(painter)` at the render scale, with the pulse's glow."""

    width = 150.0
    height = 60.0

    def __init__(self, node_id: str):
        super().__init__()
        self.node_id = node_id
        self.render_scale = 1.0
        self.glow: tuple[str | None, float] = (None, 0.0)
        self.setOffset(-GLOW, -GLOW)
        self.setTransformationMode(Qt.TransformationMode.SmoothTransformation)

    def set_glow(self, kind: str | None, strength: float) -> None:
        if (kind, round(strength, 2)) != (self.glow[0], round(self.glow[1], 2)):
            self.glow = (kind, strength)
            self.render()

    def set_render_scale(self, scale: float) -> None:
        if abs(scale - self.render_scale) > 1e-3:
            self.render_scale = scale
            self.render()

    def render(self) -> None:
        t, S = theme.current(), self.render_scale
        img = QImage(int((self.width + 2 * GLOW) * S), int((self.height + 2 * GLOW) * S),
                     QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(S, S)
        p.translate(GLOW, GLOW)
        kind, strength = self.glow
        if kind and strength > 0.02:
            halo = _glow_color(kind)
            halo.setAlphaF(min(0.6, 0.6 * strength))
            p.setPen(QPen(halo, GLOW))
            p.drawRoundedRect(QRectF(-GLOW / 2, -GLOW / 2, self.width + GLOW, self.height + GLOW), 11, 11)
        bg = QColor(t["card"])
        bg.setAlphaF(0.92)
        p.setPen(QPen(QColor(t["card_border"]), 1.0))
        p.setBrush(bg)
        p.drawRoundedRect(QRectF(0, 0, self.width, self.height), 9, 9)
        self._draw(p, t)
        p.end()
        pm = QPixmap.fromImage(img)
        pm.setDevicePixelRatio(S)
        self.setPixmap(pm)

    def _caption(self, p: QPainter, t: dict, text: str) -> None:
        font = theme.font(9)
        p.setFont(font)
        p.setPen(QColor(t["text_muted"]))
        text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, self.width - 6)
        p.drawText(QRectF(2, self.height - PAD - CAPTION + 4, self.width - 4, CAPTION),
                   int(Qt.AlignmentFlag.AlignCenter), text)

    def _draw(self, p: QPainter, t: dict) -> None:  # pragma: no cover - each kind draws itself
        raise NotImplementedError


class TokenColumn(_Painted):
    """The sentence the Input holds: one chip per token, its word and id."""

    def __init__(self, node_id: str, length: int):
        super().__init__(node_id)
        self.length = int(length)
        self.shown = min(self.length, MAX_TOKENS)
        self.height = PAD * 2 + self.shown * ROW + CAPTION
        self.words: list[str] = []
        self.ids: list[int] = []
        self.render()

    def set_tokens(self, words, ids) -> None:
        words, ids = list(words), [int(i) for i in ids]
        if (words, ids) != (self.words, self.ids):
            self.words, self.ids = words, ids
            self.render()

    def _draw(self, p: QPainter, t: dict) -> None:
        p.setFont(theme.font(10))
        fm = p.fontMetrics()
        for k, (w, i) in enumerate(zip(self.words[:self.shown], self.ids[:self.shown])):
            r = QRectF(PAD, PAD + k * ROW, self.width - 2 * PAD, ROW - 2)
            pad = w in PADDING_WORDS
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(t["shape_bg"]))
            p.drawRoundedRect(r, 4, 4)
            p.setPen(QColor(t["text_muted"] if pad else t["text"]))
            p.drawText(r.adjusted(5, 0, -40, 0), int(Qt.AlignmentFlag.AlignVCenter),
                       fm.elidedText(w, Qt.TextElideMode.ElideRight, int(r.width() - 45)))
            p.setPen(QColor(t["text_muted"]))
            p.drawText(r.adjusted(0, 0, -5, 0), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(i))
        more = self.length - self.shown
        self._caption(p, t, f"{self.length} tokens" + (f"  +{more}" if more > 0 else ""))


class LabelledHeat(_Painted):
    """A matrix as a heatmap with words on its rows (an Embedding's output: a row per
    token) or on both axes (attention: row = the query token, column = the key token)."""

    LABEL_W = 66.0

    def __init__(self, node_id: str, rows: int, cols: int, both_axes: bool, caption: str):
        super().__init__(node_id)
        self.rows = min(int(rows), MAX_TOKENS)
        self.cols = int(cols) if not both_axes else self.rows
        self.both = both_axes
        self.caption = caption
        self.cell = ROW - 3 if both_axes else min(ROW - 3, 90.0 / max(self.cols, 1))
        self.top = self.LABEL_W if both_axes else 0.0
        self.width = PAD * 2 + self.LABEL_W + max(self.cols * self.cell, 60.0)
        self.height = PAD * 2 + self.top + self.rows * (ROW - 3) + CAPTION
        self.values = None
        self.row_words: list[str] = []
        self.render()

    def set_matrix(self, values: np.ndarray, words) -> None:
        self.values = np.asarray(values, dtype=np.float32)[: self.rows, : self.cols]
        self.row_words = list(words)[: self.rows]
        self.render()

    def _draw(self, p: QPainter, t: dict) -> None:
        v = self.values
        x0, y0 = PAD + self.LABEL_W, PAD + self.top
        p.setFont(theme.font(9))
        fm = p.fontMetrics()
        h = ROW - 3
        if v is not None and v.size:
            rgb = cm.diverging_pixels(v, cm.symmetric_scale(v))  # (r, c, 4)
            img = QImage(np.ascontiguousarray(rgb).data, rgb.shape[1], rgb.shape[0], 4 * rgb.shape[1],
                         QImage.Format.Format_ARGB32_Premultiplied).copy()
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            p.drawImage(QRectF(x0, y0, v.shape[1] * self.cell, v.shape[0] * h), img)
        for k, w in enumerate(self.row_words):
            p.setPen(QColor(t["text_muted"] if w in PADDING_WORDS else t["text_params"]))
            p.drawText(QRectF(PAD, y0 + k * h, self.LABEL_W - 4, h),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       fm.elidedText(w, Qt.TextElideMode.ElideRight, int(self.LABEL_W - 4)))
            if self.both:  # the same word over its column
                p.save()
                p.translate(x0 + (k + 0.5) * self.cell, y0 - 3)
                p.rotate(-90)
                p.drawText(QRectF(0, -h / 2, self.LABEL_W - 4, h), int(Qt.AlignmentFlag.AlignVCenter),
                           fm.elidedText(w, Qt.TextElideMode.ElideRight, int(self.LABEL_W - 4)))
                p.restore()
        self._caption(p, t, self.caption)
