"""The canvas editor widget: shows a CanvasScene and turns mouse and keys into commands.

Mouse: drag a card to move it; drag from a port to another card's port to connect; left
drag on empty space selects with a rubber band; middle drag or space + drag pans; the
wheel zooms around the cursor; double-click a card (nodeActivated) or its id (rename).
Keys: Delete/Backspace, Ctrl+C / Ctrl+X / Ctrl+V, Ctrl+D duplicate, Ctrl+A, F2 rename,
F fit, L auto-arrange, arrows nudge. Palette items dropped on it become layers.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView, QToolTip

from visualnn.core.graph import get_spec
from visualnn.gui import theme
from visualnn.gui.canvas import clipboard, editing, keys
from visualnn.gui.canvas.connect_drag import ConnectDrag
from visualnn.gui.canvas.context_menu import build_menu
from visualnn.gui.canvas.node_item import NodeItem
from visualnn.gui.canvas.port_item import PortItem
from visualnn.gui.canvas.grid import paint_dot_grid
from visualnn.gui.canvas.rename_editor import RenameEditor
from visualnn.gui.canvas.scene import CanvasScene
from visualnn.gui.commands import Connect, MoveNodes, remove_selection

MIN_ZOOM, MAX_ZOOM = 0.15, 4.0


def readable_zoom() -> float:
    """The zoom at which a card's parameter line is as large as the UI's normal text."""
    from PySide6.QtWidgets import QApplication

    from visualnn.gui.canvas.node_item import PARAM_FONT

    ui = QApplication.font().pointSizeF()
    return min(1.25, max(MIN_ZOOM, (ui if ui > 0 else 10.0) / PARAM_FONT[0]))


class CanvasView(QGraphicsView):
    selectionChangedIds = Signal(list)  # the selected node ids, in graph order
    nodeActivated = Signal(str)  # a card was double-clicked
    connectionRefused = Signal(str)  # a connection was dropped on a target that refuses it: why
    statusMessage = Signal(str)  # a one-line note for the status bar
    zoomChanged = Signal(float)  # the view's scale (1.0 = 100 %)
    spaceTapped = Signal()  # Space pressed and released without panning (plays / pauses training)

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.canvas_scene = CanvasScene(doc, self)
        self.setScene(self.canvas_scene)
        self.setSceneRect(QRectF(-50000, -50000, 100000, 100000))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # the dot grid is costly to redraw at every live frame
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self._drag: ConnectDrag | None = None
        self._pan_from: QPointF | None = None
        self._space = False
        self._paste_repeat = 0
        self._nudge_id = object()
        self.rename_editor: RenameEditor | None = None
        self.last_refusal = ""
        # the graph stays fitted to the view as the window and its panels settle or resize,
        # until the user zooms or pans (F fits again and keeps it so)
        self.keep_fitted = True
        self._fit_readable = True  # the opening fit: never below a readable zoom (F shows all)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._refit_now)
        self.canvas_scene.selectionChanged.connect(self._on_selection)
        doc.projectReplaced.connect(self._on_project_replaced)
        theme.on_change(self._on_theme)

    # -- public API -------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return self.canvas_scene.selected_ids()

    def select_ids(self, ids) -> None:
        self.canvas_scene.select_ids(ids)

    def node_item(self, node_id: str) -> NodeItem | None:
        return self.canvas_scene.node_item(node_id)

    def zoom(self) -> float:
        return self.transform().m11()

    def _scale_to(self, z: float) -> None:
        """Scale to zoom `z` (clamped); a broken transform (zero, NaN) is reset first, so a
        zoom never divides by zero."""
        z = min(MAX_ZOOM, max(MIN_ZOOM, z)) if math.isfinite(z) else 1.0
        if not math.isfinite(self.zoom()) or self.zoom() <= 0:
            self.resetTransform()
        self.scale(z / self.zoom(), z / self.zoom())

    def set_zoom(self, z: float) -> None:
        self.keep_fitted = False
        self._scale_to(z)
        self.zoomChanged.emit(self.zoom())

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom() * factor)

    def fit(self, readable: bool = False) -> None:
        """Show the whole graph, at most at 125 %, and keep it fitted when the view resizes
        (until the user zooms or pans). `readable` (a project opening): never below the zoom
        at which the cards' text is as large as the UI's; a graph too big for that opens on
        its Input, and the rest is a pan away."""
        self.keep_fitted = True
        self._fit_readable = readable
        rect = self.canvas_scene.graph_rect()
        corners = (rect.left(), rect.top(), rect.width(), rect.height())
        if rect.isEmpty() or not all(math.isfinite(v) for v in corners):
            self.resetTransform()
            self.centerOn(0, 0)
        else:
            self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
            z = min(1.25, max(MIN_ZOOM, self.zoom())) if math.isfinite(self.zoom()) else 1.0
            floor = readable_zoom() if readable else MIN_ZOOM
            self._scale_to(max(z, floor))
            if z >= floor:
                self.centerOn(rect.center())
            else:
                self._show_input(rect)
        self.zoomChanged.emit(self.zoom())

    def _show_input(self, rect: QRectF) -> None:
        """The Input card at the view's left (or the graph's left end without one), the graph
        vertically centred where it fits, else from the Input's height."""
        inputs = self.doc.graph.input_ids()
        item = self.node_item(inputs[0]) if inputs else None
        card = item.sceneBoundingRect() if item is not None else QRectF(rect.topLeft(), rect.topLeft())
        z = self.zoom()
        half_w = self.viewport().width() / (2 * z)
        half_h = self.viewport().height() / (2 * z)
        x = card.left() - 40 + half_w
        y = rect.center().y() if rect.height() + 80 <= 2 * half_h else max(card.center().y(), rect.top() - 40 + half_h)
        self.centerOn(x, y)

    def auto_arrange(self) -> None:
        """Lay the graph out left to right (one undo step), folded into rows when it is too
        long to read in this view, and fit it in view."""
        self.canvas_scene.flush_routes()
        size = self.viewport().size()
        if editing.arrange(self.doc, self.canvas_scene, (size.width(), size.height())):
            self.canvas_scene.flush_routes()
        self.fit()

    def delete_selected(self) -> None:
        remove_selection(self.doc, self.selected_ids(), self.canvas_scene.selected_edges())

    def copy_selection(self) -> bool:
        """Put the selected layers (and the edges among them) on the clipboard."""
        ids = self.selected_ids()
        if not ids:
            return False
        clipboard.put(clipboard.records(self.doc.graph, ids))
        self._paste_repeat = 0
        return True

    def cut_selection(self) -> None:
        if self.copy_selection():
            self.delete_selected()

    def paste(self) -> list[str]:
        """Paste the clipboard's layers with fresh ids, selected; returns their ids."""
        try:
            payload = clipboard.from_mime(QGuiApplication.clipboard().mimeData())
        except ValueError as e:
            self.statusMessage.emit(self.tr("Nothing pasted: {message}").format(message=e))
            return []
        self._paste_repeat += 1
        return self._paste(payload, self._paste_repeat, self.tr("Paste"))

    def duplicate_selection(self) -> list[str]:
        ids = self.selected_ids()
        return self._paste(clipboard.records(self.doc.graph, ids), 1, self.tr("Duplicate")) if ids else []

    def _paste(self, payload, repeat: int, text: str) -> list[str]:
        ids = editing.paste(self.doc, self.canvas_scene, payload, self._visible_rect(), repeat, text=text)
        self.select_ids(ids)
        return ids

    def start_rename(self, node_id: str | None = None) -> RenameEditor | None:
        """Open the inline id editor on the node (default: the one selected node)."""
        if node_id is None:
            sel = self.selected_ids()
            if len(sel) != 1:
                return None
            node_id = sel[0]
        item = self.node_item(node_id)
        if item is None:
            return None
        self.ensureVisible(item.card_rect(), 40, 40)
        self._close_rename()
        self.rename_editor = RenameEditor(self, item)
        self.rename_editor.refused.connect(self.statusMessage)
        self.rename_editor.done.connect(self._rename_done)
        return self.rename_editor

    def append_after_selected(self, type_name: str) -> str:
        """Add a layer after the selected one (see editing.append_after); selects and shows it."""
        nid = editing.append_after(self.doc, self.canvas_scene, type_name, self.selected_ids(),
                                   self._visible_rect().center())
        self.select_ids([nid])
        self.canvas_scene.flush_routes()
        item = self.node_item(nid)
        if item is not None:
            self.ensureVisible(item.card_rect(), 60, 60)
        return nid

    def add_layer_at(self, type_name: str, scene_pos: QPointF) -> str:
        nid = editing.add_layer_at(self.doc, self.canvas_scene, type_name, scene_pos)
        self.select_ids([nid])
        return nid

    # -- internals ----------------------------------------------------------------------------
    def _visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _on_selection(self) -> None:
        self._nudge_id = object()
        self.selectionChangedIds.emit(self.selected_ids())

    def _on_project_replaced(self) -> None:
        self._close_rename()
        self.fit(readable=True)

    def refit(self) -> None:
        """Fit again soon if the graph is kept fitted (its drawn size changed: live overlays
        came or went)."""
        if self.keep_fitted:
            self._refit.start()

    def _refit_now(self) -> None:
        if self.keep_fitted:
            self.fit(readable=self._fit_readable)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.refit()

    def _on_theme(self) -> None:
        self.resetCachedContent()
        self.viewport().update()

    def _rename_done(self) -> None:
        self.rename_editor = None

    def _close_rename(self) -> None:
        if self.rename_editor is not None:
            self.rename_editor.close_editor()
            self.rename_editor = None

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        paint_dot_grid(painter, rect, self.zoom())

    # -- mouse ------------------------------------------------------------------------------
    def mousePressEvent(self, event):
        pos = event.position()
        if event.button() == Qt.MouseButton.MiddleButton or (event.button() == Qt.MouseButton.LeftButton and self._space):
            self._space_panned = self._space
            self._pan_from = pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.itemAt(pos.toPoint())
            if isinstance(item, PortItem):
                self._drag = ConnectDrag(self.canvas_scene, item)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        pos = event.position()
        if self._pan_from is not None:
            d = pos - self._pan_from
            self._pan_from = pos
            self.keep_fitted = False
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(d.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(d.y()))
            return
        if self._drag is not None:
            target, reason = self._drag.move(self.mapToScene(pos.toPoint()))
            if reason:
                QToolTip.showText(self.viewport().mapToGlobal(pos.toPoint()) + QPoint(14, 10), reason, self.viewport())
            else:
                QToolTip.hideText()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            return
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_connect(event.position().toPoint())
            return
        rubber = self.dragMode() == QGraphicsView.DragMode.RubberBandDrag and not self.rubberBandRect().isNull()
        super().mouseReleaseEvent(event)
        if rubber and self.selected_ids():  # a rubber band picks cards, not the edges it grazes
            for edge in self.canvas_scene.edges.values():
                edge.setSelected(False)

    def _finish_connect(self, pos: QPoint) -> None:
        drag, self._drag = self._drag, None
        target, reason = drag.move(self.mapToScene(pos))
        edge = drag.edge()
        drag.finish()
        if edge is not None:
            QToolTip.hideText()
            self.doc.undo_stack.push(Connect(self.doc, *edge))
        elif reason:
            self.last_refusal = reason
            QToolTip.showText(self.viewport().mapToGlobal(pos) + QPoint(14, 10), reason, self.viewport())
            self.connectionRefused.emit(reason)
            self.statusMessage.emit(self.tr("Not connected: {reason}").format(reason=reason))

    def mouseDoubleClickEvent(self, event):
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, NodeItem):
            item = item.parentItem()
        if isinstance(item, NodeItem):
            local = item.mapFromScene(self.mapToScene(event.position().toPoint()))
            if item.id_rect().adjusted(-4, -4, 4, 4).contains(local):
                self.start_rename(item.node_id)
            else:
                self.nodeActivated.emit(item.node_id)
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event):
        if self._drag is not None:
            return
        build_menu(self, self.itemAt(event.pos())).exec(event.globalPos())

    def wheelEvent(self, event):
        dy = event.angleDelta().y() or event.angleDelta().x()
        if not dy:
            return
        factor = math.pow(1.0015, dy)
        if not math.isfinite(self.zoom()) or self.zoom() <= 0:
            self.resetTransform()
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        if abs(target - self.zoom()) > 1e-9:
            self.keep_fitted = False
            self._close_rename()
            pos = event.position().toPoint()
            under = self.mapToScene(pos)
            f = target / self.zoom()
            self.scale(f, f)
            delta = self.mapFromScene(under) - pos  # keep the point under the cursor in place
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
            self.zoomChanged.emit(self.zoom())
        event.accept()

    # -- keys -------------------------------------------------------------------------------
    def event(self, event):
        # keys the canvas handles win over same-key shortcuts of the window while it has focus
        if event.type() == QEvent.Type.ShortcutOverride and keys.is_canvas_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        if not keys.press(self, event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event):
        if not keys.release(self, event):
            super().keyReleaseEvent(event)

    def set_space_pan(self, on: bool) -> None:
        """Space held: a left drag pans instead of selecting."""
        self._space = on
        if self._pan_from is None:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if on else Qt.CursorShape.ArrowCursor)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selected cards; consecutive nudges of one selection are one undo step."""
        ids = self.selected_ids()
        if ids:
            pos = self.canvas_scene.display_pos
            moves = {n: (pos(n)[0] + dx, pos(n)[1] + dy) for n in ids}
            self.doc.undo_stack.push(MoveNodes(self.doc, moves, drag_id=self._nudge_id))

    # -- drops from the palette ----------------------------------------------------------------
    def dragEnterEvent(self, event):
        if event.mimeData().hasFormat(clipboard.LAYER_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):
        if event.mimeData().hasFormat(clipboard.LAYER_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):
        mime = event.mimeData()
        if not mime.hasFormat(clipboard.LAYER_MIME):
            event.ignore()
            return
        type_name = bytes(mime.data(clipboard.LAYER_MIME).data()).decode("utf-8", "replace").strip()
        if get_spec(type_name) is None:
            self.statusMessage.emit(self.tr("Unknown layer type '{name}'").format(name=type_name))
            event.ignore()
            return
        self.add_layer_at(type_name, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.setFocus()
