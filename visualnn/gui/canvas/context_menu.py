"""The canvas's right-click menu: the edits of the keyboard shortcuts, where the mouse is."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from visualnn.gui.canvas.edge_item import EdgeItem
from visualnn.gui.canvas.node_item import NodeItem
from visualnn.gui.i18n import translate


def build_menu(view, scene_item) -> QMenu:
    """A menu for a right-click on `scene_item` (a card, an edge or None for empty canvas).
    A click on an unselected card or edge selects it first, as file managers do."""
    node = scene_item
    while node is not None and not isinstance(node, (NodeItem, EdgeItem)):
        node = node.parentItem()
    if node is not None and not node.isSelected():
        view.canvas_scene.clearSelection()
        node.setSelected(True)
    menu = QMenu(view)
    sel = view.selected_ids()
    edges = view.canvas_scene.selected_edges()

    def add(text, slot, shortcut=None, enabled=True):
        act = menu.addAction(text)
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.setEnabled(enabled)
        return act

    if isinstance(node, NodeItem):
        add(translate("context_menu", "Rename…"), lambda: view.start_rename(node.node_id), "F2", len(sel) == 1)
        add(translate("context_menu", "Duplicate"), view.duplicate_selection, "Ctrl+D")
        add(translate("context_menu", "Copy"), view.copy_selection, QKeySequence.StandardKey.Copy)
        add(translate("context_menu", "Cut"), view.cut_selection, QKeySequence.StandardKey.Cut)
        menu.addSeparator()
        add(translate("context_menu", "Delete") if len(sel) < 2 else translate("context_menu", "Delete {n_sel} layers").format(
            n_sel=len(sel)), view.delete_selected, "Del")
    elif isinstance(node, EdgeItem):
        add(translate("context_menu", "Disconnect") if len(edges) < 2 else translate("context_menu", "Disconnect {n_edges} edges").format(
            n_edges=len(edges)), view.delete_selected, "Del")
    else:
        add(translate("context_menu", "Paste"), view.paste, QKeySequence.StandardKey.Paste)
        add(translate("context_menu", "Select all"), lambda: view.select_ids(list(view.canvas_scene.nodes)), QKeySequence.StandardKey.SelectAll)
        menu.addSeparator()
        add(translate("context_menu", "Auto-arrange"), view.auto_arrange, "L")
        add(translate("context_menu", "Fit to view"), view.fit, "F")
    return menu
