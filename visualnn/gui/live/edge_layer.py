"""The connections between neuron columns: one line per weight, coloured by its sign
(blue positive, orange negative) and drawn thicker and stronger the larger |weight|.

Lines are sorted into a few buckets (sign x strength); each bucket is one QPainterPath
built from numpy arrays, and one item (`_LinesItem`) strokes them all into Qt's device
cache, so the neuron columns repainting 30 times a second over the lines blit that
picture instead of stroking hundreds of antialiased lines again (the lines themselves
change about 10 times a second). When neighbouring neurons are closer on screen than a
few pixels, the lines of `group` x `group` neuron blocks are drawn as one (their mean
weight): what the eye can tell apart stays, and the frame rate holds with tens of
thousands of weights. During the backward pulse, a second picture draws each glowing
layer's weight gradients over its lines (`set_backward`), in the gradient colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPixmapCache
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from visualnn.gui import theme
from visualnn.gui.live import colormaps as cm
from visualnn.gui.i18n import translate

LEVELS = 5
THIN_ABOVE = 600    # with more lines than this, 1-pixel lines (thick ones cost ~3x to draw)
LINE_BUDGET = 3000  # lines drawn at most: beyond, neighbouring neurons' lines are bundled
Z = -5.0
GRAD_LEVELS = 3     # strength buckets of the gradient lines shown by the backward pulse
GRAD_FLOOR = 0.2    # gradients under this fraction of the layer's largest are not drawn
CACHE_KB = 96 * 1024  # Qt's pixmap cache (10 MB by default): the live canvas caches its cards and lines


class _PathItem(QGraphicsPathItem):
    """Painted by Qt in C++; never in the way of the mouse."""

    def shape(self):
        return QPainterPath()

    def contains(self, point) -> bool:
        return False


class _LinesItem(QGraphicsItem):
    """All the weight lines: a few (path, pen) layers stroked into one device-cached
    picture, redrawn only when the lines change. Never in the way of the mouse."""

    def __init__(self):
        super().__init__()
        self.layers: list[tuple[QPainterPath, QPen]] = []
        self._rect = QRectF()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def set_layers(self, layers: list) -> None:
        rect = QRectF()
        for path, pen in layers:
            m = max(pen.widthF(), 1.0)
            rect = rect.united(path.controlPointRect().adjusted(-m, -m, m, m))
        self.prepareGeometryChange()
        self.layers, self._rect = layers, rect
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self):
        return QPainterPath()

    def contains(self, point) -> bool:
        return False

    def paint(self, painter, option, widget=None) -> None:
        if self.layers and self.layers[0][1].widthF() == 0.0:  # many hair lines: unsmoothed is 3x faster
            painter.setRenderHint(painter.RenderHint.Antialiasing, False)
        for path, pen in self.layers:
            painter.strokePath(path, pen)


@dataclass
class Link:
    """Lines from column `src` to column `dst`: 'dense' (a Linear node's weight, node_id)
    or 'one2one' (an elementwise layer: neuron i to neuron i)."""

    node_id: str
    src: object
    dst: object
    kind: str = "dense"
    p0: np.ndarray | None = None   # (m, 2) scene points (source side), after grouping
    p1: np.ndarray | None = None   # (k, 2)
    group: int = 1
    weights: np.ndarray | None = None  # (k, m) after grouping
    grads: np.ndarray | None = None
    at: tuple | None = None  # where the two columns were, and the grouping, when p0 and p1 were made


def _path(x0, y0, x1, y1) -> QPainterPath:
    from pyqtgraph.functions import arrayToQPath

    n = len(x0)
    if n == 0:
        return QPainterPath()
    x = np.empty(2 * n)
    y = np.empty(2 * n)
    x[0::2], x[1::2], y[0::2], y[1::2] = x0, x1, y0, y1
    return arrayToQPath(x, y, connect="pairs", finiteCheck=False)


def _group_points(p: np.ndarray, g: int) -> np.ndarray:
    if g <= 1:
        return p
    n = (len(p) // g) * g
    head = p[:n].reshape(-1, g, 2).mean(axis=1)
    return np.concatenate([head, p[n:].mean(axis=0, keepdims=True)]) if n < len(p) else head


def _group_matrix(w: np.ndarray, g: int) -> np.ndarray:
    if g <= 1:
        return w
    k, m = w.shape
    rk, rm = -(-k // g), -(-m // g)
    pad = np.full((rk * g, rm * g), np.nan, np.float32)
    pad[:k, :m] = w
    return np.nanmean(pad.reshape(rk, g, rm, g), axis=(1, 3))


class EdgeLayer:
    def __init__(self, scene):
        self.scene = scene
        self.links: list[Link] = []
        self.group = 1
        self.frame = None
        self._plain_key = None
        self.lines = 0
        self.pens: dict = {}
        if QPixmapCache.cacheLimit() < CACHE_KB:
            QPixmapCache.setCacheLimit(CACHE_KB)
        self.picture = _LinesItem()
        self.picture.setZValue(Z)
        scene.addItem(self.picture)
        # the backward pulse: each weight's gradient as a line over it, in the gradient colour
        self.grad_picture = _LinesItem()
        self.grad_picture.setZValue(Z + 0.5)
        scene.addItem(self.grad_picture)
        self.glow: dict[str, float] = {}   # node id -> strength of the backward pulse on its lines
        self.grad_lines: dict[str, int] = {}  # node id -> gradient lines drawn now
        self.items = {"lines": self.picture, "grads": self.grad_picture}
        self.plain = _PathItem()
        self.plain.setZValue(Z - 0.1)
        self.plain.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        scene.addItem(self.plain)

    def remove(self) -> None:
        for item in list(self.items.values()) + [self.plain]:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self.items.clear()
        self.links = []

    def set_links(self, links: list[Link]) -> None:
        self.links = list(links)
        self.update_geometry()

    def lines_for(self, g: int) -> int:
        """How many lines the dense links need when grouped by g."""
        return sum(-(-link.dst.shown // g) * -(-link.src.shown // g) for link in self.links if link.kind == "dense")

    def set_group(self, g: int) -> None:
        g = max(1, int(g))
        if g != self.group:
            self.group = g
            self.update_geometry()

    def update_geometry(self) -> None:
        """The lines' ends after columns moved (or the grouping changed): only the links of
        a column that moved are measured again (one card dragged in a 1,000-layer graph
        touches two), and the weights are grouped again only when the grouping changed."""
        self._plain_key = None
        regroup = False
        for link in self.links:
            g = self.group if link.kind == "dense" else 1
            a, b = link.src.scenePos(), link.dst.scenePos()
            at = (a.x(), a.y(), b.x(), b.y(), g)
            if at == link.at:
                continue
            regroup = regroup or link.at is None or link.group != g
            link.at, link.group = at, g
            out_pts = link.src.scene_anchors()[1]
            in_pts = link.dst.scene_anchors()[0]
            link.p0, link.p1 = _group_points(out_pts, g), _group_points(in_pts, g)
        if self.frame is not None and regroup:
            self.set_frame(self.frame)  # the weights, grouped the new way
        else:
            self.redraw()
        if self.glow:
            self.redraw_grads()

    def set_frame(self, frame, snapshot=None) -> None:
        """Take the weights (and gradients) of the frame's dense layers."""
        self.frame = frame
        for link in self.links:
            if link.kind != "dense":
                continue
            w = frame.params.get(link.node_id, {}).get("weight")
            k, m = link.dst.shown, link.src.shown
            link.weights = None if w is None else _group_matrix(np.asarray(w[:k, :m], np.float32), link.group)
            g = None
            if frame.snapshot is not None:
                g = frame.snapshot.param_grads.get(link.node_id, {}).get("weight")
            link.grads = None if g is None else np.asarray(g[:k, :m], np.float32)
        self.redraw()
        if self.glow:
            self.redraw_grads()

    def set_backward(self, strengths: dict) -> None:
        """Show the gradients of the dense links named in `strengths` (node id -> 0..1, how
        strongly the backward pulse is on them); {} hides them."""
        glow = {nid: q for nid, s in strengths.items() if (q := round(float(s) * 4) / 4) > 0}
        if glow != self.glow:
            self.glow = glow
            self.redraw_grads()

    def redraw_grads(self) -> None:
        """Lines for the glowing links' weight gradients: wider and stronger the larger
        |gradient| is next to the link's largest (grouped as the weight lines are)."""
        color = QColor(theme.current()["gradient"])
        layers, self.grad_lines = [], {}
        for link in self.links:
            s = self.glow.get(link.node_id)
            if not s or link.kind != "dense" or link.grads is None or link.p0 is None:
                continue
            g = _group_matrix(np.abs(link.grads), link.group)
            if g.shape != (len(link.p1), len(link.p0)):
                continue
            g = np.nan_to_num(g, nan=0.0, posinf=0.0).ravel()
            top = float(g.max()) if g.size else 0.0
            if not top > 0:
                continue
            level = np.minimum((g / top * GRAD_LEVELS).astype(np.int64), GRAD_LEVELS - 1)
            drawn = 0
            for lv in range(GRAD_LEVELS):
                idx = np.flatnonzero((level == lv) & (g > GRAD_FLOOR * top))
                if not idx.size:
                    continue
                i, j = np.divmod(idx, len(link.p0))
                frac = (lv + 1) / GRAD_LEVELS
                pen_color = QColor(color)
                pen_color.setAlphaF(min(1.0, s * (0.2 + 0.8 * frac)))
                pen = QPen(pen_color, 0.5 + 3.0 * frac)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                layers.append((_path(link.p0[j, 0], link.p0[j, 1], link.p1[i, 0], link.p1[i, 1]), pen))
                drawn += idx.size
            self.grad_lines[link.node_id] = drawn
        self.grad_picture.set_layers(layers)

    def redraw(self) -> None:
        t = theme.current()
        bg = QColor(t["canvas"])
        parts_x0, parts_y0, parts_x1, parts_y1, parts_key = [], [], [], [], []
        plain = ([], [], [], [])
        for link in self.links:
            if link.p0 is None:
                continue
            if link.kind == "one2one":
                n = min(len(link.p0), len(link.p1))
                for arr, src in zip(plain, (link.p0[:n, 0], link.p0[:n, 1], link.p1[:n, 0], link.p1[:n, 1])):
                    arr.append(src)
                continue
            w = link.weights
            if w is None or w.shape != (len(link.p1), len(link.p0)):
                continue
            a = np.abs(np.nan_to_num(w)).ravel()
            top = float(a.max()) if a.size else 0.0
            strength = a / top if top > 0 else a
            key = np.minimum((strength * LEVELS).astype(np.int64), LEVELS - 1) + np.where(w.ravel() >= 0, 0, LEVELS)
            keep = strength > (0.08 if w.size > 400 else 0.0)
            idx = np.flatnonzero(keep)
            i, j = np.divmod(idx, w.shape[1])
            parts_x0.append(link.p0[j, 0])
            parts_y0.append(link.p0[j, 1])
            parts_x1.append(link.p1[i, 0])
            parts_y1.append(link.p1[i, 1])
            parts_key.append(key[idx])
        total = int(sum(len(k) for k in parts_key))
        self.lines = total
        thin = total > THIN_ABOVE
        if total:
            key = np.concatenate(parts_key)
            order = np.argsort(key, kind="stable")
            cols = [np.concatenate(p)[order] for p in (parts_x0, parts_y0, parts_x1, parts_y1)]
            bounds = np.searchsorted(key[order], np.arange(2 * LEVELS + 1))
        layers = []  # weak lines first, strong ones over them
        for lv in range(LEVELS):
            for s in (1, -1):
                b = lv + (0 if s > 0 else LEVELS)
                lo, hi = (int(bounds[b]), int(bounds[b + 1])) if total else (0, 0)
                if hi > lo:
                    layers.append((_path(*(c[lo:hi] for c in cols)), self._pen(s, lv, thin, bg)))
        self.picture.set_layers(layers)
        if plain[0]:
            if self._plain_key != len(plain[0]) or self.plain.path().isEmpty():
                self.plain.setPath(_path(*(np.concatenate(p) for p in plain)))
                self.plain.setPen(QPen(QColor(t["edge"]), 1.0, Qt.PenStyle.DotLine))
                self._plain_key = len(plain[0])
        else:
            self.plain.setPath(QPainterPath())

    def _pen(self, s: int, lv: int, thin: bool, bg: QColor) -> QPen:
        """The pen of one bucket: the sign's colour, stronger and wider with |weight|."""
        key = (s, lv, thin, bg.rgb())
        pen = self.pens.get(key)
        if pen is None:
            frac = (lv + 1) / LEVELS
            base = QColor(*(cm.POSITIVE if s > 0 else cm.NEGATIVE))
            mix = 0.25 + 0.75 * frac
            color = QColor(round(bg.red() + (base.red() - bg.red()) * mix),
                           round(bg.green() + (base.green() - bg.green()) * mix),
                           round(bg.blue() + (base.blue() - bg.blue()) * mix))
            pen = QPen(color, 0.0 if thin else 0.6 + 3.0 * frac * frac)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # round caps make Qt stroke 5x slower
            self.pens[key] = pen
        return pen

    def pick(self, x: float, y: float, tolerance: float) -> str | None:
        """The weight nearest to the scene point (x, y) within `tolerance`, described."""
        best = None
        for link in self.links:
            if link.kind != "dense" or link.weights is None or link.p0 is None:
                continue
            p0 = link.p0[None, :, :]
            p1 = link.p1[:, None, :]
            d = p1 - p0
            L2 = np.maximum((d ** 2).sum(-1), 1e-9)
            tt = np.clip(((x - p0[..., 0]) * d[..., 0] + (y - p0[..., 1]) * d[..., 1]) / L2, 0, 1)
            dist = np.hypot(p0[..., 0] + tt * d[..., 0] - x, p0[..., 1] + tt * d[..., 1] - y)
            i, j = np.unravel_index(int(np.argmin(dist)), dist.shape)
            if dist[i, j] <= tolerance and (best is None or dist[i, j] < best[0]):
                best = (dist[i, j], link, i, j)
        if best is None:
            return None
        _, link, i, j = best
        g = link.group
        if g > 1:
            return translate("canvas_live", "{node}: block of weights [{rows}, {cols}], mean {value}").format(
                node=link.node_id, rows=f"{i * g}..{i * g + g - 1}", cols=f"{j * g}..{j * g + g - 1}",
                value=f"{link.weights[i, j]:.4g}")
        text = f"{link.node_id}.weight[{i}, {j}] = {link.weights[i, j]:.4g}"
        if link.grads is not None:
            text = translate("canvas_live", "{weight}, gradient {grad}").format(
                weight=text, grad=f"{link.grads[i, j]:.3g}")
        return text
