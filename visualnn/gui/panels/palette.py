"""The layer palette: every layer type, grouped, with an icon, a search box and tooltips.

Drag a layer onto the canvas (mime type `application/x-visualnn-layer`, the type name as
bytes), or double-click it (or press Enter) to append it after the selected node.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal, Slot
from PySide6.QtGui import QDrag, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from visualnn.core.graph import GROUPS, LayerSpec, by_group
from visualnn.gui.icons import layer_icon
from visualnn.gui.i18n import translate
from visualnn.core.i18n import tr as core_tr


MIME_TYPE = "application/x-visualnn-layer"
TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


def layer_mime_data(type_name: str) -> QMimeData:
    """What a palette drag carries: the layer type name under MIME_TYPE."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, type_name.encode("utf-8"))
    mime.setText(type_name)
    return mime


def layer_tooltip(spec: LayerSpec) -> str:
    """Rich text: name, help, formula and shapes of a layer type."""
    parts = [f"<b>{html.escape(spec.type)}</b> <span style='color:gray'>({html.escape(core_tr(spec.group))})</span>",
             f"<p style='margin:4px 0'>{html.escape(core_tr(spec.help))}</p>"]
    if spec.formula:
        parts.append(f"<p style='margin:4px 0'><code>{html.escape(core_tr(spec.formula))}</code></p>")
    if spec.shapes:
        shapes = translate("palette", "Shapes: {shapes}").format(shapes=html.escape(core_tr(spec.shapes)))
        parts.append(f"<p style='margin:4px 0'>{shapes}</p>")
    hint = translate("palette", "Drag onto the canvas, or double-click to append after the selection.")
    parts.append(f"<p style='margin:4px 0; color:gray'>{hint}</p>")
    return "<qt>" + "".join(parts) + "</qt>"


class LayerTree(QTreeWidget):
    """The grouped list; drags carry the layer type, group headers do not drag.
    Double-click or Enter on a layer emits `chosen(item)`."""

    chosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(24, 24))
        self.setIndentation(10)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setExpandsOnDoubleClick(False)
        self.setAnimated(False)
        # names elide in a narrow dock (the full name is the tooltip): no sideways scrolling
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.chosen.emit(self.currentItem())
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event):
        item = self.itemAt(event.position().toPoint())
        if item is not None and item.data(0, TYPE_ROLE):
            self.chosen.emit(item)
            return
        super().mouseDoubleClickEvent(event)

    def mimeTypes(self):
        return [MIME_TYPE]

    def mimeData(self, items):
        types = [it.data(0, TYPE_ROLE) for it in items if it.data(0, TYPE_ROLE)]
        return layer_mime_data(types[0]) if types else QMimeData()

    def startDrag(self, supported_actions):
        item = self.currentItem()
        type_name = item.data(0, TYPE_ROLE) if item else None
        if not type_name:
            return
        drag = QDrag(self)
        drag.setMimeData(layer_mime_data(type_name))
        drag.setPixmap(layer_icon(type_name).pixmap(QSize(40, 40), self.devicePixelRatioF()))
        drag.exec(Qt.DropAction.CopyAction)


class PalettePanel(QWidget):
    """Signal layerActivated(type name): double-click or Enter on a layer."""

    layerActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.tree = LayerTree(self)
        self.tree.setToolTip("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        self._groups: dict[str, QTreeWidgetItem] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._fill()
        self.retranslate()
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._on_search_return)
        self.tree.chosen.connect(self._on_activated)

    def _fill(self) -> None:
        header_font = QFont(self.font())
        header_font.setBold(True)
        groups = by_group()
        for group in list(GROUPS) + [g for g in groups if g not in GROUPS]:
            specs = groups.get(group) or []
            if not specs:
                continue
            head = QTreeWidgetItem(self.tree, [core_tr(group).upper()])
            head.setFont(0, header_font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setForeground(0, self.palette().placeholderText())
            head.setToolTip(0, translate("palette", "{group} layers: {n}").format(group=core_tr(group), n=len(specs)))
            self._groups[group] = head
            for spec in specs:
                item = QTreeWidgetItem(head, [spec.type])
                item.setIcon(0, layer_icon(spec.type))
                item.setData(0, TYPE_ROLE, spec.type)
                item.setToolTip(0, layer_tooltip(spec))
                item.setSizeHint(0, QSize(0, 30))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setData(0, Qt.ItemDataRole.UserRole + 2, f"{spec.type} {spec.help} {spec.group}".lower())
                self._items[spec.type] = item
        self.tree.expandAll()

    def retranslate(self) -> None:
        """The texts in the current language: search box, group headers, tooltips."""
        self.search.setPlaceholderText(translate("palette", "Search layers…"))
        self.search.setToolTip(translate("palette", "Filter the layers by name or description"))
        groups = by_group()
        for group, head in self._groups.items():
            head.setText(0, core_tr(group).upper())
            head.setToolTip(0, translate("palette", "{group} layers: {n}").format(
                group=core_tr(group), n=len(groups.get(group) or [])))
            for spec in groups.get(group) or []:
                item = self._items[spec.type]
                item.setToolTip(0, layer_tooltip(spec))
                # the search finds a layer by its English and its translated words
                words = f"{spec.type} {spec.help} {spec.group} {core_tr(spec.help)} {core_tr(spec.group)}"
                item.setData(0, Qt.ItemDataRole.UserRole + 2, words.lower())

    def changeEvent(self, event):
        if event.type() == QEvent.Type.PaletteChange:  # theme switched: group headers follow
            for head in self._groups.values():
                head.setForeground(0, self.palette().placeholderText())
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def item(self, type_name: str) -> QTreeWidgetItem:
        return self._items[type_name]

    def visible_types(self) -> list[str]:
        return [t for t, it in self._items.items() if not it.isHidden()]

    @Slot(str)
    def filter(self, text: str) -> None:
        words = text.lower().split()
        for group, head in self._groups.items():
            shown = 0
            for i in range(head.childCount()):
                child = head.child(i)
                haystack = child.data(0, Qt.ItemDataRole.UserRole + 2)
                hit = all(w in haystack for w in words)
                child.setHidden(not hit)
                shown += hit
            head.setHidden(shown == 0)
        if words:  # the best hit is one Enter away
            first = next((it for it in self._items.values() if not it.isHidden()), None)
            if first is not None:
                self.tree.setCurrentItem(first)

    def _on_activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        type_name = item.data(0, TYPE_ROLE)
        if type_name:
            self.layerActivated.emit(type_name)

    @Slot()
    def _on_search_return(self) -> None:
        item = self.tree.currentItem()
        if item is not None and not item.isHidden():
            self._on_activated(item)
