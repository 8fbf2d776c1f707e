"""Inline editor for a node's id, over the card (F2 or a double-click on the id).

Enter renames through a RenameNode command; an id the graph cannot take keeps the editor
open with the reason in red and changes nothing; Escape or clicking elsewhere cancels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QToolTip

from visualnn.gui import theme
from visualnn.gui.commands import RenameNode, rename_problem


class RenameEditor(QLineEdit):
    refused = Signal(str)  # the reason a typed id was not taken
    done = Signal()

    def __init__(self, view, node_item):
        super().__init__(view.viewport())
        self.view, self.doc = view, view.doc
        self.node_id = node_item.node_id
        self.setObjectName("renameEditor")
        self.setText(self.node_id)
        self.selectAll()
        rect = view.mapFromScene(node_item.mapRectToScene(node_item.id_rect())).boundingRect()
        self.setGeometry(rect.x() - 4, rect.y() - 4, max(rect.width() + 8, 120), rect.height() + 8)
        self._style(ok=True)
        self.returnPressed.connect(self.commit)
        self.textEdited.connect(lambda _: self._style(ok=True))
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _style(self, ok: bool) -> None:
        t = theme.current()
        border = t["accent"] if ok else t["error"]
        self.setStyleSheet(f"QLineEdit#renameEditor {{ border: 2px solid {border}; border-radius: 5px; "
                           f"background: {t['card']}; color: {t['text']}; padding: 1px 4px; }}")

    def commit(self) -> bool:
        """Rename to the typed id; False (and the reason shown) when it cannot be taken."""
        new = self.text().strip()
        if self.node_id not in self.doc.graph.nodes:
            self.close_editor()
            return False
        problem = rename_problem(self.doc, self.node_id, new)
        if problem:
            self._style(ok=False)
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), problem, self)
            self.refused.emit(problem)
            return False
        if new != self.node_id:
            self.doc.undo_stack.push(RenameNode(self.doc, self.node_id, new))
        self.close_editor()
        return True

    def close_editor(self) -> None:
        if self.isVisible():
            self.hide()
            self.deleteLater()
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.done.emit()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride:  # typing wins over the window's shortcuts
            event.accept()
            return True
        return super().event(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.close_editor()
