"""The undo history list (Edit > Undo History): a click or a key that jumps several edits
back or forward validates the graph once, at the end of the jump."""

from __future__ import annotations

from PySide6.QtWidgets import QUndoView


class HistoryView(QUndoView):
    """A QUndoView whose jumps are one validation: Qt's model calls the stack's `setIndex`
    from C++ while the view handles a mouse or key event, so each such event is a batch."""

    def __init__(self, document, parent=None):
        super().__init__(document.undo_stack, parent)
        self._doc = document

    def mousePressEvent(self, event):
        with self._doc.batch():
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        with self._doc.batch():
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        with self._doc.batch():
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event):
        with self._doc.batch():
            super().keyPressEvent(event)
