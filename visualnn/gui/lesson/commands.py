"""Undoable edits of the project's lesson (teacher mode): each replaces the `lesson` section
as a whole, as ChangeData does for `data`, and tells the lesson runner."""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

LESSON_ID = 1101


class ChangeLesson(QUndoCommand):
    """Set the project's lesson to `value` (a dict in the file's form, or None: no lesson).
    `index`: the step to open after the change (and after undo, the one open before).
    Consecutive edits with the same `merge_key` (typing in one text) merge."""

    def __init__(self, doc, runner, value, text: str, index: int | None = None, merge_key=None):
        super().__init__(text)
        self.doc, self.runner = doc, runner
        self.old = copy.deepcopy(doc.project.extra.get("lesson"))
        self.new = copy.deepcopy(value)
        self.old_index = runner.index
        self.new_index = runner.index if index is None else index
        self.merge_key = merge_key

    def id(self):
        return LESSON_ID

    def mergeWith(self, other) -> bool:
        if self.merge_key is None or other.merge_key != self.merge_key:
            return False
        self.new, self.new_index = copy.deepcopy(other.new), other.new_index
        return True

    def _set(self, value, index: int) -> None:
        if value is None:
            self.doc.project.extra.pop("lesson", None)
        else:
            self.doc.project.extra["lesson"] = copy.deepcopy(value)
        self.runner.index = index
        self.runner.load()
        self.runner.stepChanged.emit(self.runner.index)

    def redo(self):
        self._set(self.new, self.new_index)

    def undo(self):
        self._set(self.old, self.old_index)
