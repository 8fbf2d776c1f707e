"""The canvas's keyboard: which keys it takes from the window's shortcuts, and what they do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_F2, Qt.Key.Key_F, Qt.Key.Key_L, Qt.Key.Key_Space,
         Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Escape}
_STD = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
        QKeySequence.StandardKey.SelectAll)
_ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


def is_canvas_key(event) -> bool:
    """True for the keys the canvas handles itself (they beat a window shortcut on the same key)."""
    if any(event.matches(k) for k in _STD):
        return True
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_D and mods == Qt.KeyboardModifier.ControlModifier:
        return True
    return event.key() in _KEYS and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


def press(view, event) -> bool:
    """Handle a key press on the canvas; False when it is not a canvas key."""
    key, mods = event.key(), event.modifiers()
    if event.matches(QKeySequence.StandardKey.Copy):
        view.copy_selection()
    elif event.matches(QKeySequence.StandardKey.Cut):
        view.cut_selection()
    elif event.matches(QKeySequence.StandardKey.Paste):
        view.paste()
    elif event.matches(QKeySequence.StandardKey.SelectAll):
        view.select_ids(list(view.canvas_scene.nodes))
    elif key == Qt.Key.Key_D and mods & Qt.KeyboardModifier.ControlModifier:
        view.duplicate_selection()
    elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        view.delete_selected()
    elif key == Qt.Key.Key_F2:
        view.start_rename()
    elif key == Qt.Key.Key_F:
        view.fit()
    elif key == Qt.Key.Key_L:
        view.auto_arrange()
    elif key == Qt.Key.Key_Escape:
        view.select_ids([])
    elif key == Qt.Key.Key_Space:
        if not event.isAutoRepeat():
            view._space_panned = False
            view.set_space_pan(True)
    elif key in _ARROWS:
        step = 1 if mods & Qt.KeyboardModifier.ShiftModifier else 10
        view.nudge(_ARROWS[key][0] * step, _ARROWS[key][1] * step)
    else:
        return False
    return True


def release(view, event) -> bool:
    """Space released: back to selecting; a tap without a pan is `spaceTapped` (play / pause)."""
    if event.key() != Qt.Key.Key_Space:
        return False
    if not event.isAutoRepeat():
        view.set_space_pan(False)
        if not getattr(view, "_space_panned", True):
            view.spaceTapped.emit()
    return True
