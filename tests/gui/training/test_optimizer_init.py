"""Momentum, Nesterov and Adam's betas in the Training panel (shown for their optimizers,
undoable); a layer's init reaches the training process at Reset."""

from __future__ import annotations

import torch
from PySide6.QtCore import QPoint, Qt

from visualnn.gui.commands import SetInit

from .conftest import WAIT_MS, paused, weights


def type_into(qtbot, editor, text):
    edit = editor.box.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def visible(panel, w):
    return w.isVisibleTo(panel)


def test_rows_follow_the_optimizer_and_edits_undo(main_window, qtbot):
    w = main_window
    panel = w.training.panel
    opt = panel.optimizer_settings
    train = lambda: w.document.project.train  # noqa: E731
    assert visible(panel, opt.momentum) and visible(panel, opt.nesterov) and not visible(panel, opt.betas)
    assert not opt.nesterov.isEnabled()  # Nesterov needs momentum
    type_into(qtbot, opt.momentum, "0.9")
    assert train()["momentum"] == 0.9 and opt.nesterov.isEnabled()
    box = opt.nesterov
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))  # on the box
    assert train()["nesterov"] is True
    panel.optimizer.setFocus()
    qtbot.keyClick(panel.optimizer, Qt.Key.Key_Down)  # SGD -> Adam
    assert train()["optimizer"] == "adam"
    assert visible(panel, opt.betas) and not visible(panel, opt.momentum) and not visible(panel, opt.nesterov)
    assert (opt.beta1.box.value(), opt.beta2.box.value()) == (0.9, 0.999)
    type_into(qtbot, opt.beta2, "0.99")
    assert train()["betas"] == [0.9, 0.99]
    stack = w.document.undo_stack
    stack.undo()
    assert "betas" not in train() and opt.beta2.box.value() == 0.999
    stack.undo()
    assert train()["optimizer"] == "sgd" and visible(panel, opt.momentum)
    stack.undo()
    assert not train().get("nesterov") and not opt.nesterov.isChecked()
    # momentum back to 0 ends Nesterov too (it needs momentum), in one step
    stack.redo()
    type_into(qtbot, opt.momentum, "0")
    assert train()["momentum"] == 0.0 and "nesterov" not in train()


def test_init_applies_in_the_training_process_at_reset(train_window, qtbot):
    w = train_window
    ctl = w.training.controller
    w.document.undo_stack.push(SetInit(w.document, "fc1", {"scheme": "constant", "value": 0.25}))
    qtbot.mouseClick(w.training.panel.buttons["reset"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step == 0 and paused(ctl), timeout=WAIT_MS)
    now = weights(ctl, qtbot)
    assert torch.all(now["fc1.weight"] == 0.25) and torch.all(now["fc1.bias"] == 0.25)
