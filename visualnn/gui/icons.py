"""Icons drawn with QPainter: one per layer type, tinted by its palette group, and the app icon.

Every layer icon is a rounded tile tinted with its group's colour (as the canvas cards draw
it) and a glyph in that colour that hints at
what the layer does (a curve for activations, a grid for convolutions, a loop for
recurrent layers), so the set stays consistent without image files.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

GROUP_COLORS = {
    "Core": "#3b82f6",
    "Convolution": "#8b5cf6",
    "Recurrent": "#0d9488",
    "Attention": "#db2777",
    "Activation": "#d97706",
    "Merge": "#059669",
    "Normalisation": "#64748b",
}
FALLBACK_COLOR = "#6b7280"
SIZES = (32,)  # drawn at twice the size: sharp from 16 to 40 px, cheap at start-up


def group_color(group: str) -> QColor:
    """The group's colour as the canvas draws it (the light theme's: it reads on both)."""
    try:
        from visualnn.gui.theme import LIGHT

        return QColor(LIGHT.get(group, LIGHT.get("Other", FALLBACK_COLOR)))
    except ImportError:
        return QColor(GROUP_COLORS.get(group, FALLBACK_COLOR))


def _curve(p: QPainter, fn, x0=-3.0, x1=3.0, y0=-1.2, y1=1.2) -> None:
    path = QPainterPath()
    for i in range(41):
        x = x0 + (x1 - x0) * i / 40
        y = fn(x)
        pt = QPointF(0.18 + 0.64 * (x - x0) / (x1 - x0), 0.82 - 0.64 * (y - y0) / (y1 - y0))
        path.moveTo(pt) if i == 0 else path.lineTo(pt)
    p.drawPath(path)


def _ink(p: QPainter, alpha: float = 1.0) -> QColor:
    c = QColor(p.pen().color())
    c.setAlphaF(alpha)
    return c


def _axes(p: QPainter) -> None:
    pen = QPen(p.pen())
    faint = QPen(_ink(p, 0.35), pen.widthF() * 0.6)
    p.setPen(faint)
    p.drawLine(QPointF(0.16, 0.5), QPointF(0.84, 0.5))
    p.drawLine(QPointF(0.5, 0.16), QPointF(0.5, 0.84))
    p.setPen(pen)


def _dots(p: QPainter, points, r=0.06) -> None:
    p.save()
    p.setBrush(_ink(p))
    p.setPen(Qt.PenStyle.NoPen)
    for x, y in points:
        p.drawEllipse(QPointF(x, y), r, r)
    p.restore()


def _grid(p: QPainter, x, y, w, h, n, m) -> None:
    for i in range(n + 1):
        p.drawLine(QPointF(x, y + h * i / n), QPointF(x + w, y + h * i / n))
    for j in range(m + 1):
        p.drawLine(QPointF(x + w * j / m, y), QPointF(x + w * j / m, y + h))


def _glyph(p: QPainter, type_name: str) -> None:  # noqa: C901 - one branch per layer type
    t = type_name
    if t == "Input":
        p.drawLine(QPointF(0.2, 0.5), QPointF(0.62, 0.5))
        p.drawPolyline([QPointF(0.48, 0.36), QPointF(0.62, 0.5), QPointF(0.48, 0.64)])
        p.drawLine(QPointF(0.76, 0.24), QPointF(0.76, 0.76))
    elif t == "Linear":
        left, right = [(0.26, 0.3), (0.26, 0.5), (0.26, 0.7)], [(0.74, 0.38), (0.74, 0.62)]
        for a in left:
            for b in right:
                p.drawLine(QPointF(*a), QPointF(*b))
        _dots(p, left + right)
    elif t == "Flatten":
        _grid(p, 0.18, 0.3, 0.26, 0.4, 2, 2)
        p.drawLine(QPointF(0.5, 0.5), QPointF(0.58, 0.5))
        p.drawLine(QPointF(0.7, 0.2), QPointF(0.7, 0.8))
        _dots(p, [(0.7, 0.2 + 0.15 * i) for i in range(5)], 0.04)
    elif t == "Reshape":
        p.drawRect(QRectF(0.18, 0.3, 0.24, 0.4))
        p.drawRect(QRectF(0.56, 0.38, 0.28, 0.24))
        p.drawLine(QPointF(0.44, 0.5), QPointF(0.54, 0.5))
    elif t == "Dropout":
        pts = [(0.3 + 0.2 * i, 0.3 + 0.2 * j) for i in range(3) for j in range(3)]
        _dots(p, [q for k, q in enumerate(pts) if k % 3 != 1])
        for k, (x, y) in enumerate(pts):
            if k % 3 == 1:
                p.drawEllipse(QPointF(x, y), 0.06, 0.06)
    elif t == "Identity":
        p.drawLine(QPointF(0.2, 0.5), QPointF(0.8, 0.5))
        _dots(p, [(0.2, 0.5), (0.8, 0.5)])
    elif t == "Embedding":
        p.drawRect(QRectF(0.3, 0.2, 0.5, 0.6))
        for i in range(1, 4):
            p.drawLine(QPointF(0.3, 0.2 + 0.15 * i), QPointF(0.8, 0.2 + 0.15 * i))
        p.drawLine(QPointF(0.14, 0.425), QPointF(0.26, 0.425))
    elif t == "Conv2d":
        _grid(p, 0.18, 0.18, 0.64, 0.64, 4, 4)
        p.save()
        p.setBrush(_ink(p, 0.45))
        p.drawRect(QRectF(0.18, 0.18, 0.32, 0.32))
        p.restore()
    elif t in ("MaxPool2d", "AvgPool2d"):
        _grid(p, 0.14, 0.26, 0.4, 0.4, 2, 2)
        p.drawLine(QPointF(0.58, 0.46), QPointF(0.66, 0.46))
        p.save()
        p.setBrush(_ink(p) if t == "MaxPool2d" else _ink(p, 0.35))
        p.drawRect(QRectF(0.68, 0.36, 0.2, 0.2))
        p.restore()
    elif t in ("RNN", "LSTM", "GRU"):
        p.drawArc(QRectF(0.24, 0.2, 0.52, 0.52), 60 * 16, 300 * 16)
        p.drawPolyline([QPointF(0.62, 0.16), QPointF(0.64, 0.26), QPointF(0.54, 0.28)])
        letters = {"RNN": 1, "LSTM": 3, "GRU": 2}[t]
        _dots(p, [(0.5 - 0.1 * (letters - 1) + 0.2 * i / 1, 0.84) for i in range(letters)], 0.05)
    elif t == "SelfAttention":
        xs = (0.22, 0.41, 0.59, 0.78)
        for a in xs:
            for b in xs:
                p.drawLine(QPointF(a, 0.28), QPointF(b, 0.72))
        _dots(p, [(x, 0.28) for x in xs] + [(x, 0.72) for x in xs], 0.05)
    elif t in ("ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU"):
        _axes(p)
        fns = {
            "ReLU": lambda x: max(0.0, x) / 2.5,
            "LeakyReLU": lambda x: (x if x > 0 else 0.25 * x) / 2.5,
            "Sigmoid": lambda x: 2 / (1 + math.exp(-2 * x)) - 1,
            "Tanh": lambda x: math.tanh(1.4 * x),
            "GELU": lambda x: x * 0.5 * (1 + math.erf(x / math.sqrt(2))) / 2.5 - 0.05,
        }
        _curve(p, fns[t])
    elif t == "Softmax":
        p.save()
        p.setBrush(_ink(p))
        p.setPen(Qt.PenStyle.NoPen)
        for i, h in enumerate((0.12, 0.44, 0.22, 0.08)):
            p.drawRect(QRectF(0.2 + 0.16 * i, 0.8 - h, 0.11, h))
        p.restore()
        p.drawLine(QPointF(0.16, 0.8), QPointF(0.84, 0.8))
    elif t == "Add":
        p.drawLine(QPointF(0.5, 0.24), QPointF(0.5, 0.76))
        p.drawLine(QPointF(0.24, 0.5), QPointF(0.76, 0.5))
    elif t == "Concat":
        p.drawRect(QRectF(0.2, 0.28, 0.26, 0.44))
        p.save()
        p.setBrush(_ink(p, 0.4))
        p.drawRect(QRectF(0.46, 0.28, 0.34, 0.44))
        p.restore()
    elif t in ("BatchNorm1d", "BatchNorm2d", "LayerNorm"):
        _curve(p, lambda x: 2.0 * math.exp(-x * x / 1.2) - 1.0, y0=-1.3, y1=1.3)
        p.drawLine(QPointF(0.5, 0.2), QPointF(0.5, 0.82))
        if t == "LayerNorm":
            p.drawLine(QPointF(0.16, 0.82), QPointF(0.84, 0.82))
    else:
        font = p.font()
        font.setPixelSize(1)
        p.save()
        p.scale(0.02, 0.02)
        f = p.font()
        f.setPixelSize(22)
        f.setBold(True)
        p.setFont(f)
        p.drawText(QRectF(0, 0, 50, 50), Qt.AlignmentFlag.AlignCenter, t[:2])
        p.restore()


def paint_layer_icon(p: QPainter, rect: QRectF, type_name: str, group: str) -> None:
    """Draw the icon of `type_name` into `rect` (used for the palette and the canvas)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(rect.topLeft())
    p.scale(rect.width(), rect.height())
    ink = group_color(group)
    tint = QColor(ink)
    tint.setAlphaF(0.14)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(tint))
    p.drawRoundedRect(QRectF(0.0, 0.0, 1.0, 1.0), 0.26, 0.26)
    pen = QPen(ink, 0.075 if rect.width() < 24 else 0.06)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    _glyph(p, type_name)
    p.restore()


@lru_cache(maxsize=None)
def layer_icon(type_name: str) -> QIcon:
    from visualnn.core.graph import get_spec

    spec = get_spec(type_name)
    group = spec.group if spec else ""
    icon = QIcon()
    for size in SIZES:
        pix = QPixmap(size * 2, size * 2)
        pix.setDevicePixelRatio(2.0)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        paint_layer_icon(painter, QRectF(0, 0, size, size), type_name, group)
        painter.end()
        icon.addPixmap(pix)
    return icon


def _drawn_app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(size, size)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#1e293b"))
        p.drawRoundedRect(QRectF(0.04, 0.04, 0.92, 0.92), 0.22, 0.22)
        layers = [(0.24, (0.35, 0.65)), (0.5, (0.25, 0.5, 0.75)), (0.76, (0.5,))]
        p.setPen(QPen(QColor(148, 163, 184), 0.025))
        for (xa, ya), (xb, yb) in zip(layers, layers[1:]):
            for a in ya:
                for b in yb:
                    p.drawLine(QPointF(xa, a), QPointF(xb, b))
        p.setPen(Qt.PenStyle.NoPen)
        for (x, ys), color in zip(layers, ("#3b82f6", "#d97706", "#059669")):
            p.setBrush(QColor(color))
            for y in ys:
                p.drawEllipse(QPointF(x, y), 0.075, 0.075)
        p.end()
        icon.addPixmap(pix)
    return icon


def app_icon() -> QIcon:
    """assets/icons/visualnn.svg (or .png) when present, else a drawn network glyph."""
    from visualnn.examples import assets_dir

    for name in ("visualnn.svg", "visualnn.png"):
        path = assets_dir() / "icons" / name
        if path.is_file():
            icon = QIcon(str(path))
            if not icon.isNull() and icon.availableSizes() or name.endswith(".svg") and not icon.isNull():
                return icon
    return _drawn_app_icon()


def _tool_glyph(p: QPainter, name: str) -> None:  # noqa: C901 - one branch per tool
    if name == "new":
        p.drawPolyline([QPointF(0.62, 0.14), QPointF(0.26, 0.14), QPointF(0.26, 0.86), QPointF(0.74, 0.86),
                        QPointF(0.74, 0.26), QPointF(0.62, 0.14), QPointF(0.62, 0.26), QPointF(0.74, 0.26)])
        p.drawLine(QPointF(0.5, 0.42), QPointF(0.5, 0.7))
        p.drawLine(QPointF(0.36, 0.56), QPointF(0.64, 0.56))
    elif name == "open":
        p.drawPolyline([QPointF(0.14, 0.78), QPointF(0.14, 0.22), QPointF(0.38, 0.22), QPointF(0.46, 0.32),
                        QPointF(0.8, 0.32), QPointF(0.8, 0.44)])
        p.drawPolygon([QPointF(0.14, 0.78), QPointF(0.26, 0.46), QPointF(0.9, 0.46), QPointF(0.78, 0.78)])
    elif name == "save":
        p.drawLine(QPointF(0.5, 0.14), QPointF(0.5, 0.6))
        p.drawPolyline([QPointF(0.34, 0.45), QPointF(0.5, 0.61), QPointF(0.66, 0.45)])
        p.drawPolyline([QPointF(0.18, 0.6), QPointF(0.18, 0.84), QPointF(0.82, 0.84), QPointF(0.82, 0.6)])
    elif name in ("undo", "redo"):
        p.save()
        if name == "redo":
            p.translate(1, 0)
            p.scale(-1, 1)
        path = QPainterPath(QPointF(0.24, 0.4))
        path.lineTo(QPointF(0.6, 0.4))
        path.cubicTo(QPointF(0.92, 0.4), QPointF(0.92, 0.8), QPointF(0.6, 0.8))
        path.lineTo(QPointF(0.4, 0.8))
        p.drawPath(path)
        p.drawPolyline([QPointF(0.38, 0.24), QPointF(0.22, 0.4), QPointF(0.38, 0.56)])
        p.restore()
    elif name == "fit":
        for x, y, dx, dy in ((0.16, 0.16, 1, 1), (0.84, 0.16, -1, 1), (0.16, 0.84, 1, -1), (0.84, 0.84, -1, -1)):
            p.drawPolyline([QPointF(x + 0.2 * dx, y), QPointF(x, y), QPointF(x, y + 0.2 * dy)])
        p.drawRect(QRectF(0.36, 0.36, 0.28, 0.28))
    elif name == "arrange":
        for x, y in ((0.12, 0.42), (0.42, 0.2), (0.42, 0.64), (0.72, 0.42)):
            p.drawRoundedRect(QRectF(x, y, 0.16, 0.16), 0.03, 0.03)
        for a, b in (((0.28, 0.5), (0.42, 0.28)), ((0.28, 0.5), (0.42, 0.72)), ((0.58, 0.28), (0.72, 0.5)),
                     ((0.58, 0.72), (0.72, 0.5))):
            p.drawLine(QPointF(*a), QPointF(*b))
    elif name in ("play", "epoch"):
        p.setBrush(p.pen().color())
        w = 0.46 if name == "play" else 0.36
        for x in ((0.3,) if name == "play" else (0.14, 0.44)):
            p.drawPolygon([QPointF(x, 0.2), QPointF(x + w, 0.5), QPointF(x, 0.8)])
    elif name in ("step", "last", "first"):  # a triangle to a bar; 'first' mirrored
        p.save()
        if name == "first":
            p.translate(1, 0)
            p.scale(-1, 1)
        p.setBrush(p.pen().color())
        p.drawPolygon([QPointF(0.24, 0.2), QPointF(0.6, 0.5), QPointF(0.24, 0.8)])
        p.drawLine(QPointF(0.76, 0.22), QPointF(0.76, 0.78))
        p.restore()
    elif name in ("back", "next"):
        p.save()
        if name == "back":
            p.translate(1, 0)
            p.scale(-1, 1)
        p.drawLine(QPointF(0.18, 0.5), QPointF(0.8, 0.5))
        p.drawPolyline([QPointF(0.56, 0.26), QPointF(0.8, 0.5), QPointF(0.56, 0.74)])
        p.restore()
    elif name == "pause":
        p.setBrush(p.pen().color())
        for x in (0.28, 0.58):
            p.drawRoundedRect(QRectF(x, 0.2, 0.14, 0.6), 0.03, 0.03)
    elif name == "reset":
        path = QPainterPath()
        path.arcMoveTo(QRectF(0.2, 0.2, 0.6, 0.6), 60)
        path.arcTo(QRectF(0.2, 0.2, 0.6, 0.6), 60, 270)
        p.drawPath(path)
        p.drawPolyline([QPointF(0.5, 0.12), QPointF(0.66, 0.24), QPointF(0.52, 0.38)])
    elif name == "keep":
        p.drawPolyline([QPointF(0.2, 0.16), QPointF(0.8, 0.16), QPointF(0.8, 0.84), QPointF(0.2, 0.84),
                        QPointF(0.2, 0.16)])
        p.drawRect(QRectF(0.34, 0.16, 0.32, 0.22))
        p.drawRect(QRectF(0.32, 0.56, 0.36, 0.28))
    elif name in ("zoom_in", "zoom_out"):
        p.drawEllipse(QPointF(0.44, 0.44), 0.24, 0.24)
        p.drawLine(QPointF(0.62, 0.62), QPointF(0.84, 0.84))
        p.drawLine(QPointF(0.33, 0.44), QPointF(0.55, 0.44))
        if name == "zoom_in":
            p.drawLine(QPointF(0.44, 0.33), QPointF(0.44, 0.55))


@lru_cache(maxsize=None)
def _tool_icon(name: str, color: str) -> QIcon:
    icon = QIcon()
    for size in (16, 20, 24, 32):
        pix = QPixmap(size * 2, size * 2)
        pix.setDevicePixelRatio(2.0)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(size, size)
        pen = QPen(QColor(color), 0.085 if size < 24 else 0.07)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        _tool_glyph(p, name)
        p.end()
        icon.addPixmap(pix)
    return icon


def tool_icon(name: str, color: QColor | str) -> QIcon:
    """A line icon for a toolbar action (new, open, save, undo, redo, fit, arrange, zoom_in,
    zoom_out; play, pause, step, epoch, reset, keep for training; first, back, next, last for
    step-through), stroked in `color` (the theme's text colour)."""
    return _tool_icon(name, QColor(color).name())
