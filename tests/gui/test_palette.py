"""The layer palette: every type grouped, search, tooltips, drag onto the canvas,
double-click to append after the selection."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from visualnn.core.graph import GROUPS, REGISTRY
from visualnn.gui.canvas import LAYER_MIME
from visualnn.gui.panels.palette import MIME_TYPE, PalettePanel


def test_every_layer_type_is_listed_in_its_group(qtbot):
    palette = PalettePanel()
    qtbot.addWidget(palette)
    assert set(palette.visible_types()) == set(REGISTRY)
    heads = [palette.tree.topLevelItem(i).text(0) for i in range(palette.tree.topLevelItemCount())]
    assert heads == [g.upper() for g in GROUPS]
    item = palette.item("Conv2d")
    assert item.parent().text(0) == "CONVOLUTION"
    assert not item.icon(0).isNull()
    tip = item.toolTip(0)
    assert REGISTRY["Conv2d"].help in tip and "sum_c,u,v" in tip and "Shapes:" in tip


def test_search_filters_by_name_and_help(qtbot):
    palette = PalettePanel()
    qtbot.addWidget(palette)
    qtbot.keyClicks(palette.search, "pool")
    assert sorted(palette.visible_types()) == ["AvgPool2d", "MaxPool2d"]
    palette.search.clear()
    qtbot.keyClicks(palette.search, "probabilities")  # in Softmax's help text only
    assert palette.visible_types() == ["Softmax"]
    assert palette._groups["Core"].isHidden() and not palette._groups["Activation"].isHidden()
    palette.search.clear()
    assert len(palette.visible_types()) == len(REGISTRY)


def _drop_on_canvas(view, mime, pos: QPoint):
    """The drag-enter / move / drop a QDrag delivers to the canvas viewport."""
    vp = view.viewport()
    actions = Qt.DropAction.CopyAction
    for event in (QDragEnterEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(vp, event)
        assert event.isAccepted()
    drop = QDropEvent(QPointF(pos), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, drop)
    return drop


def test_drag_from_the_palette_onto_the_canvas_adds_the_layer(main_window, qtbot):
    w = main_window
    assert MIME_TYPE == LAYER_MIME
    item = w.palette.item("Dropout")
    mime = w.palette.tree.mimeData([item])  # what the palette's QDrag carries
    assert bytes(mime.data(MIME_TYPE).data()) == b"Dropout"
    before = set(w.document.graph.nodes)
    target = QPoint(w.canvas.viewport().width() // 2, w.canvas.viewport().height() - 60)
    drop = _drop_on_canvas(w.canvas, mime, target)
    assert drop.isAccepted()
    (new,) = set(w.document.graph.nodes) - before
    node = w.document.graph.nodes[new]
    assert node.type == "Dropout"
    dropped_at = w.canvas.mapToScene(target)
    assert w.canvas.node_item(new).sceneBoundingRect().adjusted(-80, -80, 80, 80).contains(dropped_at)
    assert w.canvas.selected_ids() == [new]
    assert w.inspector.node_id == new  # the new layer is in the inspector
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert new not in w.document.graph.nodes


def test_double_click_appends_after_the_selected_layer(main_window, qtbot):
    w = main_window
    w.canvas.select_ids(["t1"])
    item = w.palette.item("ReLU")
    w.palette.tree.scrollToItem(item)
    rect = w.palette.tree.visualItemRect(item)
    # a double click as the mouse sends it: a click, then the double-click event
    qtbot.mouseClick(w.palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(w.palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    graph = w.document.graph
    new = [n for n in graph.nodes if graph.nodes[n].type == "ReLU"]
    assert len(new) == 1
    assert graph.inputs_of(new[0]) == ["t1"] and graph.outputs_of(new[0]) == ["out"]
    assert w.status_text().endswith("valid: output [2]")
    assert w.document.undo_stack.count() == 1  # one undo step


def test_enter_in_the_search_box_appends_the_best_hit(main_window, qtbot):
    w = main_window
    w.canvas.select_ids(["out"])
    qtbot.keyClicks(w.palette.search, "softmax")
    qtbot.keyClick(w.palette.search, Qt.Key.Key_Return)
    graph = w.document.graph
    (sm,) = [n for n in graph.nodes if graph.nodes[n].type == "Softmax"]
    assert graph.inputs_of(sm) == ["out"]
