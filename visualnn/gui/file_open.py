"""Projects handed to the running app by the system: on macOS, double-clicking a `.vnn`
file in Finder (or dropping it on the Dock icon) sends a QFileOpenEvent instead of a
command-line argument."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class FileOpenFilter(QObject):
    """Opens the file of every QFileOpenEvent in the window `window_for()` returns (the
    window asks to save unsaved changes first, as File > Open does)."""

    def __init__(self, window_for, parent=None):
        super().__init__(parent)
        self._window_for = window_for
        self.opened: list[str] = []

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            path = event.file() or event.url().toLocalFile()
            window = self._window_for()
            if path and window is not None:
                self.opened.append(path)
                window.files.open(path)
                window.raise_()
                window.activateWindow()
            return True
        return False


def install(app, window_for) -> FileOpenFilter:
    """Route the application's file-open events to `window_for()`."""
    handler = FileOpenFilter(window_for, app)
    app.installEventFilter(handler)
    return handler
