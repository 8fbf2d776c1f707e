"""A picture of a project's canvas (PNG or SVG), drawn headless by the same scene classes
as on screen: `visualnn export net.vnn --format png -o net.png`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

MARGIN = 28.0
SCALE = 2.0  # PNG pixels per scene unit: crisp on slides and high-density screens


class RenderError(RuntimeError):
    """The picture cannot be written (unknown format, unwritable path)."""


def ensure_app():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["visualnn"])
    return app


def render_project(project, path, fmt: str | None = None, theme_name: str | None = None) -> Path:
    """Draw the project's graph to `path` as 'png' or 'svg' (from the suffix when fmt is None).
    Cards without a saved position are auto-arranged for the picture; the project is not
    changed. Returns the path written."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in ("png", "svg"):
        raise RenderError(f"{path}: unknown picture format {fmt!r} (png or svg)")
    ensure_app()
    from visualnn.gui import theme

    before = theme.current_name()
    if theme_name:
        theme.set_theme(theme_name)
    from visualnn.core.io import atomic

    try:  # drawn into a temporary file renamed over the target: mode and links kept
        atomic.write_with(path, lambda tmp: _draw(project, tmp, fmt))
    finally:
        if theme_name:
            theme.set_theme(before)
    return path


def _draw(project, path: Path, fmt: str) -> None:
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QColor, QImage, QPainter

    from visualnn.gui import theme
    from visualnn.gui.canvas.scene import CanvasScene
    from visualnn.gui.document import Document

    doc = Document(project.copy())
    scene = CanvasScene(doc)
    scene.flush_routes()
    source = scene.graph_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    if source.isEmpty():
        source = QRectF(0, 0, 320, 160)
    background = QColor(theme.current()["picture"])
    scene.setBackgroundBrush(background)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "png":
        size = QSize(int(source.width() * SCALE + 0.5), int(source.height() * SCALE + 0.5))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(background)
        painter = QPainter(image)  # at 96 dpi, as on screen, so text has its screen size
        _render(painter, scene, QRectF(0, 0, size.width(), size.height()), source)
        image.setDotsPerMeterX(int(3780 * SCALE))  # then say so: prints at the screen's size
        image.setDotsPerMeterY(int(3780 * SCALE))
        if not image.save(str(path), "PNG"):
            raise RenderError(f"{path}: cannot write the picture")
    else:
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(QSize(int(source.width()), int(source.height())))
        gen.setViewBox(QRectF(0, 0, source.width(), source.height()))
        gen.setTitle(project.title)
        gen.setDescription("visualnn canvas")
        gen.setResolution(96)
        painter = QPainter()
        if not painter.begin(gen):
            raise RenderError(f"{path}: cannot write the picture")
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), background)
        _render(painter, scene, QRectF(0, 0, source.width(), source.height()), source)
        if not path.exists():
            raise RenderError(f"{path}: cannot write the picture")
    doc.deleteLater()


def _render(painter, scene, target, source) -> None:
    from PySide6.QtGui import QPainter

    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, target, source)
    painter.end()
