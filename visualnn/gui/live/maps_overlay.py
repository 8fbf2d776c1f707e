"""Pictures hung under a card: a conv layer's feature maps as small images, a recurrent
layer's hidden state over time, an attention layer's weight matrix, any 2-D output as a
heatmap. The images are made from numpy arrays of the frame (QImage, no torch).

Like the neuron columns it is a QGraphicsPixmapItem rendered once per frame and then
painted by Qt in C++."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem

from visualnn.gui import theme

MAX_MAPS = 8
TILE = 52.0         # side of a feature map tile (one map alone is drawn larger)
GAP = 5.0
PAD = 7.0
CAPTION = 18.0
GLOW = 5.0
SCALE = 1.0


class MapsOverlay(QGraphicsPixmapItem):
    """kind 'maps': up to MAX_MAPS tiles in two columns; kind 'heat': one image."""

    def __init__(self, node_id: str, kind: str, count: int = 1, caption: str = "", aspect: float = 1.0):
        super().__init__()
        self.node_id, self.kind, self.count, self.caption = node_id, kind, int(count), caption
        self.images: list[QImage] = []
        self.glow: tuple[str | None, float] = (None, 0.0)
        self.more = 0
        self.tooltip_lines = ""
        if kind == "maps":
            shown = min(self.count, MAX_MAPS)
            self.cols = 2 if shown > 1 else 1
            self.rows = -(-shown // self.cols)
            self.more = self.count - shown
            self.tile = TILE if shown > 1 else 2 * TILE
            self.width = PAD * 2 + self.cols * self.tile + (self.cols - 1) * GAP
            self.height = PAD * 2 + self.rows * (self.tile + GAP) - GAP + CAPTION
        else:
            self.cols = self.rows = 1
            self.width = 150.0
            self.pic_h = max(30.0, min(150.0, (self.width - 2 * PAD) * aspect))
            self.height = PAD * 2 + self.pic_h + CAPTION
        self.render_scale = SCALE
        self.setOffset(-GLOW, -GLOW)
        self.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.render()

    def set_images(self, images: list[QImage], caption: str | None = None) -> None:
        self.images = list(images)
        if caption is not None:
            self.caption = caption
        self.render()

    def set_glow(self, kind: str | None, strength: float) -> None:
        if (kind, round(strength, 2)) != (self.glow[0], round(self.glow[1], 2)):
            self.glow = (kind, strength)
            self.render()

    def tile_rect(self, i: int) -> QRectF:
        r, c = divmod(i, self.cols)
        return QRectF(PAD + c * (self.tile + GAP), PAD + r * (self.tile + GAP), self.tile, self.tile)

    def set_render_scale(self, scale: float) -> None:
        if abs(scale - self.render_scale) > 1e-3:
            self.render_scale = scale
            self.render()

    def render(self) -> None:
        S = self.render_scale
        img = QImage(int((self.width + 2 * GLOW) * S), int((self.height + 2 * GLOW) * S),
                     QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        painter = QPainter(img)
        painter.scale(S, S)
        painter.translate(GLOW, GLOW)
        self._paint(painter)
        painter.end()
        pm = QPixmap.fromImage(img)
        pm.setDevicePixelRatio(S)
        self.setPixmap(pm)

    def _paint(self, painter: QPainter) -> None:
        t = theme.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        kind, strength = self.glow
        if kind and strength > 0.02:
            halo = QColor(t["forward" if kind == "forward" else "backward"])
            halo.setAlphaF(min(0.5, 0.5 * strength))
            painter.setPen(QPen(halo, 2.0 * GLOW))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(-GLOW / 2, -GLOW / 2, self.width + GLOW, self.height + GLOW), 11, 11)
        bg = QColor(t["card"])
        bg.setAlphaF(0.9)
        painter.setPen(QPen(QColor(t["card_border"]), 1.0))
        painter.setBrush(bg)
        painter.drawRoundedRect(QRectF(0, 0, self.width, self.height), 9, 9)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        edge = QPen(QColor(t["card_border"]), 1.0)
        if self.kind == "maps":
            for i, img in enumerate(self.images[:MAX_MAPS]):
                r = self.tile_rect(i)
                painter.drawImage(r, img)
                painter.setPen(edge)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(r)
            cap_y = PAD + self.rows * (self.tile + GAP) - GAP
        else:
            r = QRectF(PAD, PAD, self.width - 2 * PAD, self.pic_h)
            if self.images:
                painter.drawImage(r, self.images[0])
            painter.setPen(edge)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(r)
            cap_y = PAD + self.pic_h
        text = self.caption + (f"  +{self.more}" if self.more else "")
        painter.setPen(QColor(t["text_muted"]))
        painter.setFont(theme.font(9))
        painter.drawText(QRectF(2, cap_y + 1, self.width - 4, CAPTION), int(Qt.AlignmentFlag.AlignCenter), text)
