"""New from example: every bundled example with a picture of its network, name and description.

Pictures come from visualnn.gui.render (the same drawing as the canvas), cached for the
session; when rendering is not available a name card stands in.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout,
)

from visualnn.gui import style

CARD = QSize(320, 150)
_cache: dict[tuple, QPixmap] = {}


def _card(title: str, subtitle: str = "") -> QPixmap:
    pix = QPixmap(CARD)
    pix.fill(style.color("alt"))
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(style.color("border"), 1))
    p.drawRoundedRect(QRectF(0.5, 0.5, CARD.width() - 1, CARD.height() - 1), 8, 8)
    font = QFont(p.font())
    font.setPointSizeF(15)
    font.setBold(True)
    p.setFont(font)
    p.setPen(style.color("text"))
    p.drawText(QRectF(16, 16, CARD.width() - 32, CARD.height() - 60), Qt.AlignmentFlag.AlignCenter
               | Qt.TextFlag.TextWordWrap, title)
    font.setPointSizeF(9.5)
    font.setBold(False)
    p.setFont(font)
    p.setPen(style.color("muted"))
    p.drawText(QRectF(16, CARD.height() - 46, CARD.width() - 32, 32), Qt.AlignmentFlag.AlignCenter, subtitle)
    p.end()
    return pix


def _fit(pix: QPixmap) -> QPixmap:
    """The picture in a card-sized frame: whole when it fits at a readable size, else its
    left part (the input side) at a readable size, fading out to the right."""
    out = QPixmap(CARD)
    out.fill(QColor(0, 0, 0, 0))
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    bg = QColor("#ffffff") if style.current_theme() == "light" else style.color("base")
    frame = QRectF(0.5, 0.5, CARD.width() - 1, CARD.height() - 1)
    p.setBrush(bg)
    p.setPen(QPen(style.color("border"), 1))
    p.drawRoundedRect(frame, 8, 8)
    room_w, room_h = CARD.width() - 16, CARD.height() - 16
    w, h = max(pix.width(), 1), max(pix.height(), 1)
    scale = min(room_w / w, room_h / h)
    readable = min(1.0, 0.3 * room_h / h)  # about four columns shown, even if the net is cut
    cropped = scale < readable
    scale = max(scale, readable)
    scaled = pix.scaled(int(w * scale), int(h * scale), Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)
    x = 8 if cropped else (CARD.width() - scaled.width()) // 2
    p.setClipRect(QRectF(8, 8, room_w, room_h))
    p.drawPixmap(x, (CARD.height() - scaled.height()) // 2, scaled)
    if cropped:  # the rest of the network continues to the right
        from PySide6.QtGui import QLinearGradient

        fade = QLinearGradient(CARD.width() - 70, 0, CARD.width() - 8, 0)
        clear = QColor(bg)
        clear.setAlpha(0)
        fade.setColorAt(0, clear)
        fade.setColorAt(1, bg)
        p.fillRect(QRectF(CARD.width() - 70, 8, 62, room_h), fade)
    p.end()
    return out


def _key(path: Path):
    try:
        return (str(path), path.stat().st_mtime_ns, style.current_theme())
    except OSError:
        return None


def cached_preview(path: Path) -> QPixmap | None:
    return _cache.get(_key(Path(path)))


def preview_pixmap(path: Path, name: str) -> QPixmap:
    """A picture of the example's network (cached by file and modification time)."""
    path = Path(path)
    key = _key(path)
    if key is None:
        return _card(name, "cannot read the file")
    if key in _cache:
        return _cache[key]
    pix = None
    try:
        from visualnn.core.io import load_project
        from visualnn.gui.render import render_project

        project = load_project(path)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "preview.png"
            render_project(project, out, "png", theme_name=style.current_theme())
            loaded = QPixmap(str(out))
            if not loaded.isNull():
                pix = _fit(loaded)
    except Exception:  # no renderer (or a broken example): a name card instead
        pix = None
    if pix is None:
        from visualnn.core.io import ProjectError, load_project

        try:
            n = len(load_project(path).graph.nodes)
            sub = f"{n} layers"
        except ProjectError:
            sub = "cannot read the file"
        pix = _card(name, sub)
    _cache[key] = pix
    return pix


def _icon(pix: QPixmap) -> QIcon:
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pix, mode)  # no selection tint over the picture
    return icon


def lesson_entries() -> list:
    """The bundled lessons as gallery entries: "Lesson: <title>" with their topics."""
    from PySide6.QtCore import QCoreApplication

    from visualnn.core.i18n import pick
    from visualnn.core.lesson.check import list_lessons
    from visualnn.examples import Example

    label = QCoreApplication.translate("ExampleGallery", "Lesson: {0}")
    return [Example(x.path, label.format(pick(x.title)), ", ".join(x.topics)) for x in list_lessons()]


class ExampleGallery(QDialog):
    PATH_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        from visualnn.examples import list_examples

        self.setWindowTitle("New from an example")
        self.resize(1040, 700)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(CARD)
        self.list.setGridSize(QSize(CARD.width() + 24, CARD.height() + 48))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSpacing(6)
        self.list.setUniformItemSizes(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(48)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        head = QLabel("Start from a bundled example or lesson. It opens as a new, untitled project.")
        head.setObjectName("muted")
        lay.addWidget(head)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.details)
        lay.addWidget(self.buttons)
        self.examples = list_examples() + lesson_entries()
        self._pending = []
        for ex in self.examples:
            pix = cached_preview(ex.path)
            if pix is None:  # a name card now, the picture once drawn (one per event-loop turn)
                self._pending.append(self.list.count())
            item = QListWidgetItem(_icon(pix or _card(ex.name, "drawing…")), ex.name)
            item.setData(self.PATH_ROLE, str(ex.path))
            item.setToolTip(f"<b>{ex.name}</b><br>{ex.description}<br><i>{ex.path.name}</i>")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        if not self.examples:
            self.details.setText("No examples are installed.")
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(lambda _: self.accept())
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        if self.list.count():
            self.list.setCurrentRow(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(self.examples))
        if self._pending:
            QTimer.singleShot(0, self._draw_next)

    def _draw_next(self) -> None:
        if not self._pending or not self.isVisible() and self.result():
            return
        row = self._pending.pop(0)
        ex = self.examples[row]
        self.list.item(row).setIcon(_icon(preview_pixmap(ex.path, ex.name)))
        if self._pending:
            QTimer.singleShot(0, self._draw_next)

    @property
    def drawing(self) -> bool:
        """True while previews are still being drawn."""
        return bool(self._pending)

    def _on_current(self, item, _previous=None) -> None:
        if item is None:
            return
        ex = next(e for e in self.examples if str(e.path) == item.data(self.PATH_ROLE))
        self.details.setText(f"<b>{ex.name}</b> — {ex.description or 'no description'} "
                             f"<span style='color:gray'>({ex.path.name})</span>")

    def select(self, file_name: str) -> bool:
        for i in range(self.list.count()):
            if Path(self.list.item(i).data(self.PATH_ROLE)).name == file_name:
                self.list.setCurrentRow(i)
                return True
        return False

    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(self.PATH_ROLE)) if item is not None else None
