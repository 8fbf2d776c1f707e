"""Colour maps for the live views: numpy arrays in, QImages and QColors out.

The diverging map follows TensorFlow Playground: orange for negative values (class 0),
blue for positive ones (class 1), a neutral middle near zero. Images are built as
8-bit indexed QImages with a 256-entry colour table, so a frame costs one numpy clip and
one copy, never a Python loop over pixels.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtGui import QColor, QImage

NEGATIVE = (245, 147, 34)    # orange
POSITIVE = (8, 119, 189)     # blue
MIDDLE_LIGHT = (246, 246, 246)
MIDDLE_DARK = (46, 50, 58)
CLASS_COLORS = ("#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                "#bcbd22", "#17becf")

_dark = False


def set_dark(dark: bool) -> None:
    """Use the dark theme's neutral middle."""
    global _dark
    _dark = bool(dark)


def middle() -> tuple:
    return MIDDLE_DARK if _dark else MIDDLE_LIGHT


def _ramp(a, b, n):
    t = np.linspace(0.0, 1.0, n)[:, None]
    return np.asarray(a, float)[None, :] * (1 - t) + np.asarray(b, float)[None, :] * t


@lru_cache(maxsize=4)
def diverging_lut(dark: bool | None = None) -> np.ndarray:
    """(256, 3) uint8: index 0 = most negative, 128 = zero, 255 = most positive."""
    mid = MIDDLE_DARK if (_dark if dark is None else dark) else MIDDLE_LIGHT
    lut = np.concatenate([_ramp(NEGATIVE, mid, 128), _ramp(mid, POSITIVE, 129)[1:]])
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)


@lru_cache(maxsize=4)
def _color_table(dark: bool, alpha: int = 255) -> tuple:
    lut = diverging_lut(dark)
    return tuple((alpha << 24) | (int(r) << 16) | (int(g) << 8) | int(b) for r, g, b in lut)


@lru_cache(maxsize=4)
def diverging_colors(dark: bool) -> tuple:
    """256 QColors of the diverging map (for neuron fills)."""
    return tuple(QColor(int(r), int(g), int(b)) for r, g, b in diverging_lut(dark))


def color_for(value: float, scale: float) -> QColor:
    """The diverging colour of `value` with `scale` mapped to the full positive colour."""
    return diverging_colors(_dark)[index_of(value, scale)]


def index_of(value: float, scale: float) -> int:
    if not np.isfinite(value):
        return 128
    t = value / scale if scale > 0 else 0.0
    return int(min(255, max(0, round(128 + 127.5 * t))))


def indices(values: np.ndarray, scale: float) -> np.ndarray:
    """uint8 LUT indices of values in [-scale, scale] (NaN -> the middle)."""
    v = np.asarray(values, dtype=np.float32)
    s = scale if scale > 0 and np.isfinite(scale) else 1.0
    with np.errstate(all="ignore"):
        t = np.clip(v / s, -1.0, 1.0)  # +-inf -> +-1
    t[np.isnan(t)] = 0.0
    return (t * 127.5 + 128.0).astype(np.uint8)


def indexed_image(idx: np.ndarray, flip: bool = False) -> QImage:
    """An 8-bit indexed QImage of (h, w) LUT indices with the diverging colour table; row 0
    of the array is the top row of the image unless `flip`."""
    a = np.ascontiguousarray(idx[::-1] if flip else idx, dtype=np.uint8)
    h, w = a.shape
    img = QImage(a.data, w, h, w, QImage.Format.Format_Indexed8)
    img.setColorTable(list(_color_table(_dark)))
    return img.copy()  # own the pixels: the numpy buffer goes away


def diverging_image(values: np.ndarray, scale: float, flip: bool = False) -> QImage:
    """values (h, w) -> QImage in the diverging map, +-scale at the ends."""
    return indexed_image(indices(values, scale), flip)


def rgb_image(rgb: np.ndarray, flip: bool = False) -> QImage:
    """(h, w, 3) uint8 -> RGB888 QImage (a copy)."""
    a = np.ascontiguousarray(rgb[::-1] if flip else rgb, dtype=np.uint8)
    h, w, _ = a.shape
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def gray_image(values: np.ndarray, lo: float | None = None, hi: float | None = None) -> QImage:
    """values (h, w) -> 8-bit grayscale QImage, lo..hi to black..white (default: min..max)."""
    v = np.asarray(values, dtype=np.float32)
    lo = float(np.nanmin(v)) if lo is None else lo
    hi = float(np.nanmax(v)) if hi is None else hi
    span = hi - lo if hi > lo else 1.0
    a = np.ascontiguousarray(np.clip(np.nan_to_num((v - lo) / span) * 255.0, 0, 255).astype(np.uint8))
    h, w = a.shape
    return QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def class_rgb(n: int) -> np.ndarray:
    """(n, 3) uint8 colours for n classes."""
    out = []
    for i in range(max(n, 1)):
        c = QColor(CLASS_COLORS[i % len(CLASS_COLORS)])
        out.append((c.red(), c.green(), c.blue()))
    return np.asarray(out, dtype=np.uint8)


def class_color(i: int) -> QColor:
    return QColor(CLASS_COLORS[int(i) % len(CLASS_COLORS)])


def classes_image(classes: np.ndarray, confidence: np.ndarray | None, n: int, flip: bool = False) -> QImage:
    """Winning class per pixel, faded toward the neutral middle where the network is unsure."""
    cols = class_rgb(n).astype(np.float32)
    rgb = cols[np.clip(classes.astype(np.int64), 0, len(cols) - 1)]
    if confidence is not None:
        lo = 1.0 / max(n, 2)
        t = np.clip((confidence - lo) / max(1.0 - lo, 1e-6), 0.0, 1.0)[..., None] * 0.85
        rgb = rgb * t + np.asarray(middle(), np.float32) * (1.0 - t)
    return rgb_image(rgb.astype(np.uint8), flip)


def symmetric_scale(values: np.ndarray, floor: float = 1e-6) -> float:
    """max |value| (finite ones), at least `floor`."""
    v = np.asarray(values)
    if v.size == 0:
        return 1.0
    finite = v[np.isfinite(v)]
    m = float(np.abs(finite).max()) if finite.size else 1.0
    return max(m, floor)


def diverging_pixels_each(values: np.ndarray) -> np.ndarray:
    """values (n, h, w) -> (n, h, w, 4) pixels, each map at its own symmetric scale."""
    from visualnn.gui.live.raster import pixels_from_rgb

    v = np.asarray(values, np.float32)
    with np.errstate(all="ignore"):
        m = np.nanmax(np.abs(np.where(np.isfinite(v), v, 0.0)).reshape(len(v), -1), axis=1)
    m = np.where(m > 1e-12, m, 1.0)
    idx = indices(v / m[:, None, None], 1.0)
    return pixels_from_rgb(diverging_lut(_dark)[idx.ravel()]).reshape(*v.shape, 4)


def diverging_pixels(values: np.ndarray, scale: float) -> np.ndarray:
    """values (h, w) -> (h, w, 4) opaque pixels (QImage ARGB32 layout) in the diverging map."""
    from visualnn.gui.live.raster import pixels_from_rgb

    v = np.asarray(values)
    return pixels_from_rgb(diverging_lut(_dark)[indices(v, scale).ravel()]).reshape(*v.shape, 4)


def gray_pixels(values: np.ndarray, lo: float | None = None, hi: float | None = None, ink: bool = True) -> np.ndarray:
    """values (h, w) -> (h, w, 4) gray pixels; with `ink`, high values are dark (digits on paper)."""
    from visualnn.gui.live.raster import pixels_from_rgb

    v = np.asarray(values, np.float32)
    lo = float(np.nanmin(v)) if lo is None else lo
    hi = float(np.nanmax(v)) if hi is None else hi
    t = np.clip(np.nan_to_num((v - lo) / (hi - lo if hi > lo else 1.0)), 0.0, 1.0)
    g = ((1.0 - t) if ink else t) * 255.0
    rgb = np.repeat(g.astype(np.uint8).reshape(-1, 1), 3, axis=1)
    return pixels_from_rgb(rgb).reshape(*v.shape, 4)
