"""A live view as a figure: PNG at a chosen size (painted at that size, so text and lines
stay sharp on a projector or in print), SVG (vector), or the numbers behind it as CSV
(the curves: every kept run's history rows).

The views are plain QWidgets (QPainter or pyqtgraph): `QWidget.render` paints them into
a QImage through a scaled painter or into a QSvgGenerator.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from visualnn.core.i18n import tr as core_tr

FORMATS = ("png", "svg", "csv")


class FigureError(RuntimeError):
    """The figure cannot be written (a format the view lacks, an unwritable path)."""


def can_csv(view: QWidget) -> bool:
    return callable(getattr(view, "to_csv", None))


class _Controls:
    """Hides the view's own controls (widgets with the `figure_hide` property: check
    boxes, buttons) while it is painted as a figure, and takes the keyboard focus off the
    view (a focused box would draw its text cursor into the figure)."""

    def __init__(self, view: QWidget):
        self.hidden = [w for w in view.findChildren(QWidget) if w.property("figure_hide") and w.isVisible()]
        focus = QApplication.focusWidget()
        self.focus = focus if focus is not None and (focus is view or view.isAncestorOf(focus)) else None

    def __enter__(self):
        for w in self.hidden:
            w.hide()
        if self.focus is not None:
            self.focus.clearFocus()

    def __exit__(self, *exc):
        for w in self.hidden:
            w.show()
        if self.focus is not None:
            self.focus.setFocus()


def png_image(view: QWidget, width: int | None = None, height: int | None = None) -> QImage:
    """The view painted at `width` x `height` pixels (None: its own size; one of them None:
    the view's aspect ratio). The painter is scaled, not the picture."""
    w, h = max(view.width(), 1), max(view.height(), 1)
    if width is None and height is None:
        width, height = w, h
    elif height is None:
        height = round(h * width / w)
    elif width is None:
        width = round(w * height / h)
    image = QImage(QSize(int(width), int(height)), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QWidget.palette(view).window().color())
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.scale(width / w, height / h)
    with _Controls(view):
        view.render(p, QPoint(), QRegion(0, 0, w, h), QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren)
    p.end()
    scale = width / w
    image.setDotsPerMeterX(int(3780 * scale))  # prints at the view's size on screen
    image.setDotsPerMeterY(int(3780 * scale))
    return image


def write_png(view: QWidget, path, width: int | None = None, height: int | None = None) -> Path:
    path = Path(path)
    if not png_image(view, width, height).save(str(path), "PNG"):
        raise FigureError(core_tr("{path}: cannot write the picture", path=path))
    return path


def write_svg(view: QWidget, path, title: str = "") -> Path:
    from PySide6.QtSvg import QSvgGenerator

    path = Path(path)
    w, h = max(view.width(), 1), max(view.height(), 1)
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setResolution(96)
    gen.setTitle(title or getattr(view, "title", "view"))
    gen.setDescription("visualnn live view")
    p = QPainter()
    if not p.begin(gen):
        raise FigureError(core_tr("{path}: cannot write the picture", path=path))
    p.fillRect(QRectF(0, 0, w, h), QColor(QWidget.palette(view).window().color()))
    with _Controls(view):
        view.render(p, QPoint(), QRegion(0, 0, w, h), QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren)
    p.end()
    if not path.exists():
        raise FigureError(core_tr("{path}: cannot write the picture", path=path))
    return path


def write_csv(view: QWidget, path) -> Path:
    path = Path(path)
    if not can_csv(view):
        raise FigureError(core_tr("this view has no numbers to save as CSV (the curves, the metrics and the regression have)"))
    text = view.to_csv()
    if not text:
        raise FigureError(core_tr("this view has no numbers yet"))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise FigureError(core_tr("{path}: cannot write ({reason})", path=path, reason=e.strerror)) from None
    return path


def write_figure(view: QWidget, path, fmt: str | None = None, width: int | None = None,
                 height: int | None = None) -> Path:
    """Write `view` to `path` as png, svg or csv (from the suffix when fmt is None)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise FigureError(core_tr("{path}: unknown figure format {fmt!r} (png, svg or csv)", path=path, fmt=fmt))
    if not path.parent.exists():
        raise FigureError(core_tr("{path}: the folder does not exist", path=path))
    if fmt == "png":
        return write_png(view, path, width, height)
    if fmt == "svg":
        return write_svg(view, path)
    return write_csv(view, path)
