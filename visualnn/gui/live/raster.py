"""Small numpy rasterising helpers for the canvas overlays.

A frame's overlay picture is composed with a few numpy operations on a BGRA array (the
layout of QImage.Format_ARGB32_Premultiplied on little-endian machines) instead of dozens
of QPainter calls, so the UI thread spends little time holding the interpreter lock that
the training thread needs. Shapes with soft edges (circles, the "+N" pill, its text) are
drawn once with QPainter into alpha masks and then only tinted.
"""

from __future__ import annotations

import sys

import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

_BGRA = sys.byteorder == "little"


def image_to_array(img: QImage) -> np.ndarray:
    """A (h, w, 4) uint8 copy of a premultiplied ARGB32 image, channels as in memory."""
    img = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    h, w = img.height(), img.width()
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine() // 4, 4)[:, :w]
    return np.array(arr, copy=True)


def array_to_image(arr: np.ndarray) -> QImage:
    """A QImage copy of a (h, w, 4) pixel array."""
    arr = np.ascontiguousarray(arr)
    h, w, _ = arr.shape
    return QImage(arr.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()


def array_to_pixmap(arr: np.ndarray, scale: float) -> QPixmap:
    """A QPixmap of the array (copied), drawn at `scale` pixels per scene unit."""
    arr = np.ascontiguousarray(arr)
    h, w, _ = arr.shape
    img = QImage(arr.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied)
    pm = QPixmap.fromImage(img)
    pm.setDevicePixelRatio(scale)
    return pm


def pixel(color: QColor) -> np.ndarray:
    """An opaque colour as the 4 bytes of one pixel."""
    r, g, b = color.red(), color.green(), color.blue()
    return np.array([b, g, r, 255] if _BGRA else [255, r, g, b], np.uint8)


def pixels_from_rgb(rgb: np.ndarray) -> np.ndarray:
    """(n, 3) uint8 RGB -> (n, 4) opaque pixels."""
    n = len(rgb)
    a = np.full((n, 1), 255, np.uint8)
    return np.concatenate([rgb[:, ::-1], a], axis=1) if _BGRA else np.concatenate([a, rgb], axis=1)


def alpha_mask(w: int, h: int, draw) -> np.ndarray:
    """(h, w) float32 coverage 0..1 of what `draw(painter)` paints in opaque white."""
    img = QImage(max(w, 1), max(h, 1), QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(0)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    draw(p)
    p.end()
    a = image_to_array(img)
    return a[..., 3 if _BGRA else 0].astype(np.float32) / 255.0


def row_fill(arr: np.ndarray, tops: np.ndarray, height: int, x0: int, x1: int, colors: np.ndarray) -> None:
    """Fill rectangles stacked in a column: rows tops[i]..tops[i]+height, columns x0..x1,
    with colors[i] (n, 4), in one assignment."""
    h = arr.shape[0]
    if len(tops) <= 64:  # a few slices are cheaper than one fancy-indexed assignment
        for top, color in zip(tops.tolist(), colors):
            arr[max(top, 0):min(top + height, h), x0:x1] = color
        return
    rows = (tops[:, None] + np.arange(height)[None, :]).ravel()
    which = np.repeat(np.arange(len(tops)), height)
    ok = (rows >= 0) & (rows < h)
    arr[rows[ok], x0:x1, :] = colors[which[ok]][:, None, :]


def blend(region: np.ndarray, mask: np.ndarray, color: np.ndarray) -> None:
    """region (h, w, 4) <- color over region with coverage mask (h, w)."""
    m = mask[..., None]
    region[:] = (region * (1.0 - m) + color[None, None, :].astype(np.float32) * m).astype(np.uint8)


def stamp_terms(under: np.ndarray, fill: np.ndarray, ring: np.ndarray, edge: np.ndarray):
    """For stamping a filled, outlined shape on a uniform background: the parts (A, B) of
    pixel = A + colour * B (the background `under` (s, s, 4), the shape's coverage
    `fill`, its outline's coverage `ring` in the colour `edge`)."""
    f, r = fill[..., None], ring[..., None]
    a = (under.astype(np.float32) * (1.0 - f)) * (1.0 - r) + edge.astype(np.float32) * r
    return a, f * (1.0 - r)


def stamp(arr: np.ndarray, tops: np.ndarray, x0: int, terms, colors: np.ndarray) -> None:
    """Draw the shape of `terms` in colors[i] at each stacked place (one numpy expression
    for all of them, then a slice each)."""
    a, b = terms
    tiles = (a[None] + colors[:, None, None, :].astype(np.float32) * b[None]).astype(np.uint8)
    s_h, s_w = b.shape[:2]
    rows = (tops[:, None] + np.arange(s_h)[None, :]).ravel()
    arr[rows, x0:x0 + s_w] = tiles.reshape(-1, s_w, 4)


def nearest(values: np.ndarray, h: int, w: int) -> np.ndarray:
    """values (n, a, b, ...) resized to (n, h, w, ...) by nearest pixel (crisp cells)."""
    a, b = values.shape[1:3]
    rows = np.minimum((np.arange(h) + 0.5) * a / h, a - 1).astype(np.int64)
    cols = np.minimum((np.arange(w) + 0.5) * b / w, b - 1).astype(np.int64)
    return values[:, rows][:, :, cols]
