"""No red banner while building a network: problems are the cards' badges and the status
bar's until Play cannot start; then the banner says it, above the cards, not over them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visualnn.gui.commands import AddNode

from .conftest import WAIT_MS


def test_new_project_shows_no_banner_until_play(thread_window, qtbot):
    w = thread_window
    ui, ctl = w.training, w.training.controller
    assert w.files.new_blank()  # one Input alone: nothing to train
    qtbot.waitUntil(lambda: ctl.problem is not None, timeout=WAIT_MS)
    assert not ui.banner.isVisible()
    assert "no learnable parameters" in w.statusBar().currentMessage()
    assert w.canvas.canvas_scene.node_item(ctl.problem.node) is not None  # a card that can take the advice

    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.banner.isVisible(), timeout=WAIT_MS)
    assert "after x" in ui.banner.text()
    # the cards start below the banner: it covers none of them
    viewport_top = w.canvas.viewport().geometry().top()
    assert ui.banner.geometry().bottom() < viewport_top

    w.document.undo_stack.push(AddNode(w.document, "Linear", "fc", {"out_features": 2}, (260.0, 0.0)))
    assert not ui.banner.isVisible()  # editing again: the banner steps aside
    assert w.canvas.viewport().geometry().top() < viewport_top


def test_every_intermediate_edit_raises_no_banner(thread_window, qtbot):
    from visualnn.gui.commands import Disconnect

    w = thread_window
    ui, ctl, doc = w.training, w.training.controller, w.document
    doc.undo_stack.push(Disconnect(doc, "t1", "out"))  # half-built: 'out' has no input
    qtbot.waitUntil(lambda: ctl.problem is not None, timeout=WAIT_MS)
    assert not ui.banner.isVisible()
    assert w.canvas.canvas_scene.node_item(ctl.problem.node).highlight_state() == "error"  # the card says it
