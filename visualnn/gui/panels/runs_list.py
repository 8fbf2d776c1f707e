"""The kept runs as a list: a tick shows or hides a run, a double-click (or F2) renames
it, Delete removes it; each row wears its run's colour and names what differs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QMenu

from visualnn.gui.live.runs_model import run_color

LIST_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)  # the list's own, before the window's shortcuts


def swatch(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(color))
    return QIcon(pix)


class RunsList(QListWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setMaximumHeight(52)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self._filling = False
        self.itemChanged.connect(self._on_item_changed)
        model.changed.connect(self.fill)
        self.fill()

    def set_model(self, model) -> None:
        self.model.changed.disconnect(self.fill)
        self.model = model
        model.changed.connect(self.fill)
        self.fill()

    @Slot()
    def fill(self) -> None:
        self._filling = True
        self.clear()
        for run, label in zip(self.model.runs, self.model.log.labels()):
            item = QListWidgetItem(swatch(run_color(run)), label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if run.visible else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, run.uid)
            item.setToolTip(label)
            self.addItem(item)
        self._filling = False

    def run_of(self, item):
        uid = item.data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.model.runs if r.uid == uid), None)

    @Slot(QListWidgetItem)
    def _on_item_changed(self, item) -> None:
        if self._filling:
            return
        run = self.run_of(item)
        if run is None:
            return
        on = item.checkState() == Qt.CheckState.Checked
        if on != run.visible:
            self.model.set_visible(run, on)
        elif item.text() != self.model.label(run):
            self.model.rename(run, item.text())

    @Slot()
    def delete_selected(self) -> None:
        for item in self.selectedItems():
            run = self.run_of(item)
            if run is not None:
                self.model.delete(run)

    def event(self, e):
        # in the main window Space is Play and Delete deletes layers: here they show/hide and delete runs
        if e.type() == QEvent.Type.ShortcutOverride and not e.modifiers() and e.key() in LIST_KEYS:
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.delete_selected()
            return
        super().keyPressEvent(event)

    def _menu(self, pos) -> None:
        item = self.itemAt(pos)
        menu = QMenu(self)
        if item is not None:
            menu.addAction(self.tr("Rename"), lambda: self.editItem(item))
            menu.addAction(self.tr("Delete run"), lambda: self.model.delete(self.run_of(item)))
        menu.addAction(self.tr("Delete all runs"), self.model.clear)
        menu.exec(self.mapToGlobal(pos))
