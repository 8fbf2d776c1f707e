"""Pictures hung under a card: a conv layer's feature maps as small images, a recurrent
layer's hidden state over time, an attention layer's weight matrix, any 2-D output as a
heatmap. The pictures come from numpy arrays of the frame (no torch).

Like the neuron columns it is a QGraphicsPixmapItem: each frame composes one picture in
numpy (the maps enlarged by nearest pixel, so every cell stays a crisp square), and Qt
paints it in C++ from then on.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsPixmapItem

from visualnn.gui import theme
from visualnn.gui.live import raster

MAX_MAPS = 8
TILE = 52.0         # side of a feature map tile (one map alone is drawn larger)
GAP = 5.0
PAD = 7.0
CAPTION = 18.0
GLOW = 5.0
SCALE = 1.0


class MapsOverlay(QGraphicsPixmapItem):
    """kind 'maps': up to MAX_MAPS tiles in two columns; kind 'heat': one picture."""

    def __init__(self, node_id: str, kind: str, count: int = 1, caption: str = "", aspect: float = 1.0,
                 max_height: float | None = None):
        """`max_height`: the room under the card (another card below): the maps then go
        in rows of four, as many rows as fit."""
        super().__init__()
        self.node_id, self.kind, self.count, self.caption = node_id, kind, int(count), caption
        self.pictures: list[np.ndarray] = []   # (h, w, 4) pixels at the data's own size
        self.glow: tuple[str | None, float] = (None, 0.0)
        self.more = 0
        room = max_height if max_height is not None else 1e9
        if kind == "maps":
            shown = min(self.count, MAX_MAPS)
            self.cols = 2 if shown > 1 else 1
            self.tile = TILE if shown > 1 else 2 * TILE
            self.rows = -(-shown // self.cols)
            if PAD * 2 + self.rows * (self.tile + GAP) - GAP + CAPTION > room:
                self.cols = min(4, shown)
                self.tile = max(18.0, min(40.0, room - 2 * PAD - CAPTION))
                fit = max(1, int((room - 2 * PAD - CAPTION + GAP) // (self.tile + GAP)))
                self.rows = min(fit, -(-shown // self.cols))
                shown = min(shown, self.rows * self.cols)
            self.more = self.count - shown
            self.width = PAD * 2 + self.cols * self.tile + (self.cols - 1) * GAP
            self.height = PAD * 2 + self.rows * (self.tile + GAP) - GAP + CAPTION
        else:
            self.cols = self.rows = 1
            self.width = 150.0
            self.pic_h = max(24.0, min(150.0, (self.width - 2 * PAD) * aspect, room - 2 * PAD - CAPTION))
            self.height = PAD * 2 + self.pic_h + CAPTION
        self.render_scale = SCALE
        self._base = None
        self._base_key = None
        self.setOffset(-GLOW, -GLOW)
        self.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.render()

    def set_pictures(self, pictures, caption: str | None = None) -> None:
        """The maps as pixel arrays: (n, h, w, 4), or a list of (h, w, 4) of one size
        (see colormaps.diverging_pixels)."""
        self.pictures = np.asarray(pictures) if len(pictures) else []
        if caption is not None:
            self.caption = caption
        self.render()

    def set_glow(self, kind: str | None, strength: float) -> None:
        if (kind, round(strength, 2)) != (self.glow[0], round(self.glow[1], 2)):
            self.glow = (kind, strength)
            self.render()

    def set_render_scale(self, scale: float) -> None:
        if abs(scale - self.render_scale) > 1e-3:
            self.render_scale = scale
            self.render()

    def tile_rect(self, i: int) -> QRectF:
        if self.kind != "maps":
            return QRectF(PAD, PAD, self.width - 2 * PAD, self.pic_h)
        r, c = divmod(i, self.cols)
        return QRectF(PAD + c * (self.tile + GAP), PAD + r * (self.tile + GAP), self.tile, self.tile)

    # -- drawing ----------------------------------------------------------------------------
    def _placement(self, shape, arr_shape):
        """Flat pixel indices: where each tile pixel goes in the picture, and which map
        cell (nearest) it shows; made once per shape and scale."""
        key = (shape, arr_shape, self.render_scale)
        if getattr(self, "_place_key", None) == key:
            return self._place
        n, a, b = shape
        S, width = self.render_scale, arr_shape[1]
        r0 = self.tile_rect(0)
        w, h = int(round(r0.width() * S)), int(round(r0.height() * S))
        rows = np.minimum((np.arange(h) + 0.5) * a / h, a - 1).astype(np.int64)
        cols = np.minimum((np.arange(w) + 0.5) * b / w, b - 1).astype(np.int64)
        dst, src = [], []
        for i in range(n):
            r = self.tile_rect(i)
            x0, y0 = int(round((GLOW + r.left()) * S)), int(round((GLOW + r.top()) * S))
            if y0 + h > arr_shape[0] or x0 + w > width:
                continue
            dst.append(((y0 + np.arange(h))[:, None] * width + (x0 + np.arange(w))[None, :]).ravel())
            src.append((i * a * b + rows[:, None] * b + cols[None, :]).ravel())
        self._place = (np.concatenate(dst), np.concatenate(src)) if dst else (np.zeros(0, int), np.zeros(0, int))
        self._place_key = key
        return self._place

    def _background(self) -> np.ndarray:
        """The card, the empty tiles and the caption, drawn once per theme, scale, caption."""
        t, S = theme.current(), self.render_scale
        key = (t["name"], S, self.caption, self.more)
        if self._base is not None and self._base_key == key:
            return self._base
        img = QImage(int((self.width + 2 * GLOW) * S), int((self.height + 2 * GLOW) * S),
                     QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(S, S)
        p.translate(GLOW, GLOW)
        bg = QColor(t["card"])
        bg.setAlphaF(0.9)
        p.setPen(QPen(QColor(t["card_border"]), 1.0))
        p.setBrush(bg)
        p.drawRoundedRect(QRectF(0, 0, self.width, self.height), 9, 9)
        p.setBrush(Qt.BrushStyle.NoBrush)
        n = self.count - self.more if self.kind == "maps" else 1
        for i in range(n):
            p.drawRect(self.tile_rect(i).adjusted(-0.5, -0.5, 0.5, 0.5))
        cap_y = self.height - PAD - CAPTION + 4
        text = self.caption + (f"  +{self.more}" if self.more else "")
        p.setPen(QColor(t["text_muted"]))
        font = theme.font(9)
        p.setFont(font)
        text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, self.width - 6)
        p.drawText(QRectF(2, cap_y, self.width - 4, CAPTION), int(Qt.AlignmentFlag.AlignCenter), text)
        p.end()
        self._base, self._base_key = raster.image_to_array(img), key
        return self._base

    def render(self) -> None:
        S = self.render_scale
        arr = self._background().copy()
        pics = self.pictures[: self.count - self.more if self.kind == "maps" else 1]
        if len(pics) and pics.ndim == 4 and pics.shape[1] and pics.shape[2]:
            dst, src = self._placement(pics.shape[:3], arr.shape)
            # every map enlarged and placed at once, one 4-byte pixel per index
            arr.view(np.uint32).reshape(-1)[dst] = np.ascontiguousarray(pics).view(np.uint32).reshape(-1)[src]
        kind, strength = self.glow
        if kind and strength > 0.02:
            t = theme.current()
            halo = raster.pixel(QColor(t["forward" if kind == "forward" else "backward"]))
            g = max(1, int(round(GLOW * S * 0.8)))
            a = min(0.6, 0.6 * strength)
            for part in (arr[:g], arr[-g:], arr[:, :g], arr[:, -g:]):
                part[:] = (part * (1 - a) + halo * a).astype(np.uint8)
        self.setPixmap(raster.array_to_pixmap(arr, S))
