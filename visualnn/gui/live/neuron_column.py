"""A dense layer on the canvas: a column of neurons hung under its card.

Each neuron is coloured by its activation (for the shown sample, or the batch mean) in
the diverging map; with 2-D data each one is a small heatmap of what it computes over the
input plane (as in TensorFlow Playground), framed in its activation colour. Large layers
show their first `shown` neurons and a "+N" tile for the rest. During the backward pulse
a magenta ring (the theme's gradient colour) shows the gradient's magnitude at each neuron.

The column is a QGraphicsPixmapItem: a new frame renders one picture (a few QPainter
calls), and Qt paints it in C++ from then on, so redraws around it cost no Python.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPixmapItem

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm
from visualnn.gui.live import raster
from visualnn.gui.i18n import translate

THUMB = 36.0       # thumbnail side (2-D data)
PAD = 7.0
GLOW = 5.0         # room around the column for the pulse's glow
SCALE = 1.0        # default pixels per scene unit of the picture; raised when zoomed in
SMALL = 10.0       # neurons smaller than this are drawn as squares in one numpy step


def geometry(shown: int, thumbs: bool) -> tuple[float, float]:
    """(neuron size, pitch) for a column of `shown` neurons."""
    if thumbs:
        return THUMB, THUMB + 8.0
    if shown <= 16:
        return 24.0, 32.0
    d = max(5.0, min(24.0, 420.0 / shown))
    return d, d + max(2.0, d * 0.35)


def fit_count(shown: int, thumbs: bool, room: float) -> int:
    """How many of `shown` neurons fit in `room` scene units of height (at least 2)."""
    n = shown
    while n > 2:
        size, pitch = geometry(n, thumbs)
        more = 22.0 if n < shown else 0.0
        if PAD * 2 + pitch * n - (pitch - size) + more + 2 * GLOW <= room:
            break
        n -= 1
    return n


_SHARED: dict[tuple, object] = {}  # backgrounds and geometries by (kind,) + NeuronColumn._key()


def _share(key: tuple, value) -> None:
    if len(_SHARED) > 256:  # many shapes, scales and themes over a long session: start again
        _SHARED.clear()
    _SHARED[key] = value


class NeuronColumn(QGraphicsPixmapItem):
    def __init__(self, node_id: str, units: int, shown: int, thumbs: bool = False):
        super().__init__()
        self.node_id = node_id
        self.units = int(units)
        self.shown = max(1, min(int(shown), self.units))
        self.thumbs = bool(thumbs)
        self.size, self.pitch = geometry(self.shown, self.thumbs)
        self.more = self.units - self.shown
        self.width = self.size + 2 * PAD
        self.height = PAD * 2 + self.pitch * self.shown + (22.0 if self.more else 0.0) - (self.pitch - self.size)
        self.values = np.zeros(self.shown, np.float32)
        self.rest_mean = 0.0
        self.scale = 1.0
        self.grads: np.ndarray | None = None      # |gradient| per neuron, 0..1 within the layer
        self.raw_grads: np.ndarray | None = None  # mean |d loss / d activation| over the batch rows
        self.show_grads = False
        self.glow: tuple[str | None, float] = (None, 0.0)
        self.on_probe = None  # callback(text, screen pos) when a neuron is clicked
        self.moved = None     # callback when the column moves in the scene (edges follow)
        self._idx = np.full(self.shown, 128, np.uint8)
        self._stale = True      # the picture lags behind (thumbnails, pill, glow changed)
        self._geo = None
        self._thumb_px = None   # (k, side, side, 4) thumbnails at the rendered scale
        self._base: QImage | None = None
        self._theme = None
        self.render_scale = SCALE
        self.setOffset(-GLOW, -GLOW)
        self.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsScenePositionChanges)
        self.render()

    # -- geometry -------------------------------------------------------------------------
    def local_anchors(self) -> tuple[np.ndarray, tuple[float, float]]:
        """(ys, (x_in, x_out)) of each shown neuron in item coordinates."""
        ys = PAD + self.size / 2 + np.arange(self.shown) * self.pitch
        return ys, (PAD, PAD + self.size)

    def scene_anchors(self) -> tuple[np.ndarray, np.ndarray]:
        """(in points (k, 2), out points (k, 2)) in scene coordinates."""
        ys, (x0, x1) = self.local_anchors()
        origin = self.mapToScene(QPointF(0, 0))
        ox, oy = origin.x(), origin.y()
        pin = np.stack([np.full(self.shown, ox + x0), oy + ys], axis=1)
        pout = np.stack([np.full(self.shown, ox + x1), oy + ys], axis=1)
        return pin, pout

    def index_at(self, pos: QPointF) -> int | None:
        i = int((pos.y() - PAD) // self.pitch)
        if 0 <= i < self.shown and PAD - 3 <= pos.x() <= PAD + self.size + 3:
            if pos.y() - (PAD + i * self.pitch) <= self.size + 3:
                return i
        return None

    def neuron_rect(self, i: int) -> QRectF:
        return QRectF(PAD, PAD + i * self.pitch, self.size, self.size)

    # -- data -----------------------------------------------------------------------------
    def set_values(self, values: np.ndarray, scale: float, rest_mean: float = 0.0, grads=None,
                   render: bool = True) -> None:
        """Activations of the shown neurons, the value drawn in full colour, the mean
        activation of the neurons not shown, and mean |gradient| per neuron (or None)."""
        v = np.asarray(values, np.float32)[: self.shown]
        self.values[: len(v)] = v
        self.scale = float(scale) if scale > 0 else 1.0
        if abs(float(rest_mean) - self.rest_mean) > 1e-3 * self.scale:
            self._stale = True
        self.rest_mean = float(rest_mean)
        if grads is None:
            self.grads = self.raw_grads = None
        else:
            g = np.nan_to_num(np.abs(np.asarray(grads, np.float32)[: self.shown]))
            self.raw_grads = g
            top = float(g.max()) if g.size else 0.0
            self.grads = g / top if top > 0 else g
        idx = cm.indices(self.values, self.scale)
        changed = not np.array_equal(idx, self._idx) or self._stale or grads is not None and self.show_grads
        self._idx = idx
        if render and changed:  # the same colours: keep the picture (no repaint at all)
            self.render()

    def set_thumbs(self, maps: np.ndarray | None, scale: float) -> None:
        """Heatmaps (k, res, res) of the neurons over the input plane (row 0 = lowest y);
        drawn at the next render (coloured and resized in numpy, nearest pixel)."""
        if maps is None or not len(maps):
            self._thumb_px = None
            return
        k, res, _ = maps.shape
        n = min(k, self.shown)
        side = max(1, int(round(self.size * self.render_scale)))
        pick = np.minimum((np.arange(side) + 0.5) * res / side, res - 1).astype(np.int64)
        self._stale = True
        small = np.asarray(maps[:n, ::-1, :], np.float32)[:, pick][:, :, pick]  # (n, side, side)
        idx = cm.indices(small, scale)
        self._thumb_px = raster.pixels_from_rgb(cm.diverging_lut()[idx.ravel()]).reshape(n, side, side, 4)

    def set_glow(self, kind: str | None, strength: float) -> None:
        if (kind, round(strength, 2)) != (self.glow[0], round(self.glow[1], 2)):
            self.glow = (kind, strength)
            self.show_grads = kind == "backward" and strength > 0.05
            self.render()

    def describe(self, i: int) -> str:
        if self.raw_grads is not None and i < len(self.raw_grads):
            return translate("canvas_live", "{node} neuron {i}: activation {value}, mean |gradient| {grad}").format(
                node=self.node_id, i=i, value=f"{self.values[i]:.4g}", grad=f"{self.raw_grads[i]:.3g}")
        return translate("canvas_live", "{node} neuron {i}: activation {value}").format(
            node=self.node_id, i=i, value=f"{self.values[i]:.4g}")

    # -- drawing --------------------------------------------------------------------------
    def _key(self) -> tuple:
        """What the column's background and fast-path geometry depend on: columns of one
        shape share them (a 1,000-layer chain draws them once, not once per layer)."""
        return (theme.current()["name"], theme.ui_scale(), self.render_scale, self.shown, self.thumbs, self.size, self.pitch,
                self.more, self.width, self.height)

    def _background(self) -> QImage:
        t = theme.current()
        S = self.render_scale
        if self._base is not None and self._theme == (t["name"], S):
            return self._base
        shared = _SHARED.get(("background",) + self._key())
        if shared is not None:
            self._base, self._theme, self._geo = shared, (t["name"], S), None
            return shared
        w, h = self.width + 2 * GLOW, self.height + 2 * GLOW
        img = QImage(int(w * S), int(h * S), QImage.Format.Format_ARGB32_Premultiplied)
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
        p.end()
        self._base, self._theme = img, (t["name"], S)
        self._geo = None
        _share(("background",) + self._key(), img)
        return img

    def _geometry(self) -> dict:
        """Pixel positions and masks of the fast path, made once per theme, scale and
        column shape (read only: render copies the base)."""
        base = self._background()
        if self._geo is not None:
            return self._geo
        shared = _SHARED.get(("geometry",) + self._key())
        if shared is not None:
            self._geo = shared
            return shared
        t, S = theme.current(), self.render_scale
        tops = np.round((GLOW + PAD + np.arange(self.shown) * self.pitch) * S).astype(np.int64)
        x0 = int(round((GLOW + PAD) * S))
        size = max(1, int(round(self.size * S)))
        geo = {"base": raster.image_to_array(base), "tops": tops, "x0": x0, "x1": x0 + size, "size": size}
        white = QColor("white")
        if not self.thumbs and self.size >= SMALL:
            box = QRectF(0.5, 0.5, size - 1, size - 1)

            def disc(p):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(white)
                p.drawEllipse(box)

            def ring(p):
                p.setPen(QPen(white, S))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(box)

            under = geo["base"][int(tops[0]):int(tops[0]) + size, x0:x0 + size]
            geo["circle"] = raster.stamp_terms(under, raster.alpha_mask(size, size, disc),
                                               raster.alpha_mask(size, size, ring),
                                               raster.pixel(QColor(t["card_border"]).darker(115)))
        if self.more:
            y = GLOW + PAD + self.shown * self.pitch - (self.pitch - self.size) + 4
            px, py = int(round((GLOW + 2) * S)), int(round(y * S))
            pw, ph = int(round((self.width - 4) * S)), int(round(16 * S))
            font = theme.font((8 if self.width < 34 else 8.5) * S, bold=True)
            label = f"+{self.more}"

            def pill(p):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(white)
                p.drawRoundedRect(QRectF(0, 0, pw, ph), ph / 2, ph / 2)

            def text(p):
                p.setPen(white)
                p.setFont(font)
                p.drawText(QRectF(0, 0, pw, ph), int(Qt.AlignmentFlag.AlignCenter), label)

            geo["pill_at"] = (py, px)
            geo["pill"] = raster.alpha_mask(pw, ph, pill)
            geo["text"] = raster.alpha_mask(pw, ph, text)
            geo["text_color"] = raster.pixel(QColor(t["text"]))
        self._geo = geo
        _share(("geometry",) + self._key(), geo)
        return geo

    def render(self) -> None:
        """Draw the column's picture for the current values (once per frame): numpy at
        full speed, QPainter while a pulse glows."""
        self._stale = False
        if (self.glow[0] and self.glow[1] > 0.02) or self.show_grads:
            self._render_painter()
            return
        g = self._geometry()
        arr = g["base"].copy()
        colors = raster.pixels_from_rgb(cm.diverging_lut()[self._idx])
        tops, x0, x1, size = g["tops"], g["x0"], g["x1"], g["size"]
        if self.thumbs:
            b = max(1, int(round(3 * self.render_scale)))
            k, side = self.shown, size + 2 * b
            # every neuron's tile at once: its activation colour as a frame, its heatmap inside
            tiles = np.empty((k, side, side, 4), np.uint8)
            tiles[:] = colors[:, None, None, :]
            if self._thumb_px is not None and self._thumb_px.shape[1] == size:
                n = len(self._thumb_px)
                tiles[:n, b:b + size, b:b + size] = self._thumb_px
            rows = (tops[:, None] - b + np.arange(side)[None, :]).ravel()
            arr[rows, x0 - b:x1 + b] = tiles.reshape(k * side, side, 4)
        elif "circle" in g:
            raster.stamp(arr, tops, x0, g["circle"], colors)
        else:
            raster.row_fill(arr, tops, size, x0, x1, colors)
        if self.more:
            py, px = g["pill_at"]
            ph, pw = g["pill"].shape
            region = arr[py:py + ph, px:px + pw]
            if region.shape[:2] == (ph, pw):
                raster.blend(region, g["pill"], raster.pixel(cm.color_for(self.rest_mean, self.scale)))
                raster.blend(region, g["text"], g["text_color"])
        self.setPixmap(raster.array_to_pixmap(arr, self.render_scale))

    def _render_painter(self) -> None:
        t = theme.current()
        S = self.render_scale
        img = self._background().copy()
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(S, S)
        p.translate(GLOW, GLOW)
        kind, strength = self.glow
        if kind and strength > 0.02:
            halo = QColor(t["forward" if kind == "forward" else "backward"])
            halo.setAlphaF(min(0.6, 0.6 * strength))
            for r in (QRectF(-GLOW, -GLOW, self.width + 2 * GLOW, GLOW),
                      QRectF(-GLOW, self.height, self.width + 2 * GLOW, GLOW),
                      QRectF(-GLOW, 0, GLOW, self.height), QRectF(self.width, 0, GLOW, self.height)):
                p.fillRect(r, halo)
        colors = cm.diverging_colors(cm._dark)
        if self.thumbs:
            p.setPen(Qt.PenStyle.NoPen)
            for i in range(self.shown):
                p.fillRect(self.neuron_rect(i).adjusted(-3, -3, 3, 3), colors[self._idx[i]])
            if self._thumb_px is not None:
                p.save()
                p.resetTransform()
                k = len(self._thumb_px)
                for i in range(k):
                    top = (GLOW + PAD + i * self.pitch) * S
                    p.drawImage(QPointF((GLOW + PAD) * S, top), raster.array_to_image(self._thumb_px[i]))
                p.restore()
        else:
            small = self.size < SMALL
            p.setPen(Qt.PenStyle.NoPen if small else QPen(QColor(t["card_border"]).darker(115), 1.0))
            for i in range(self.shown):
                p.setBrush(colors[self._idx[i]])
                p.drawRect(self.neuron_rect(i)) if small else p.drawEllipse(self.neuron_rect(i))
        if self.show_grads and self.grads is not None:
            ring = QColor(t["gradient"])
            p.setBrush(Qt.BrushStyle.NoBrush)
            for i, g in enumerate(self.grads[: self.shown]):
                if g > 0.02:
                    ring.setAlphaF(min(1.0, 0.35 + 0.65 * float(g)) * min(1.0, self.glow[1] * 1.5))
                    p.setPen(QPen(ring, 1.0 + 4.0 * float(g)))
                    grow = 2.0 + 2.0 * float(g)
                    r = self.neuron_rect(i).adjusted(-grow, -grow, grow, grow)
                    p.drawRoundedRect(r, 5, 5) if self.thumbs else p.drawEllipse(r)
        if self.more:
            y = PAD + self.shown * self.pitch - (self.pitch - self.size) + 4
            pill = QRectF(2, y, self.width - 4, 16)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(cm.color_for(self.rest_mean, self.scale))
            p.drawRoundedRect(pill, 8, 8)
            p.setPen(QColor(t["text"]))
            p.setFont(theme.font(8 if self.width < 34 else 8.5, bold=True))
            p.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), f"+{self.more}")
        p.end()
        pm = QPixmap.fromImage(img)
        pm.setDevicePixelRatio(S)
        self.setPixmap(pm)

    def set_render_scale(self, scale: float) -> None:
        """Pixels per scene unit of the picture (the view's zoom times the screen's ratio)."""
        if abs(scale - self.render_scale) > 1e-3:
            self.render_scale = scale
            self._thumb_px = None  # remade with the next grid, at this scale
            self.render()

    # -- events ---------------------------------------------------------------------------
    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemScenePositionHasChanged and self.moved is not None:
            self.moved()
        return super().itemChange(change, value)

    def hoverMoveEvent(self, event):
        i = self.index_at(event.pos())
        self.setToolTip(self.describe(i) if i is not None else "")
        super().hoverMoveEvent(event)

    def mousePressEvent(self, event):
        i = self.index_at(event.pos())
        if i is None or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        if self.on_probe is not None:
            self.on_probe(self.describe(i), event.screenPos())
        event.accept()
