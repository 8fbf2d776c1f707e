"""Teacher mode: write the lesson in the app. Add, edit, reorder and delete steps, capture
the app as it is now as a step's actions, choose hidden and locked parts, preview as a
student. Every edit is a ChangeLesson command on the document's undo stack."""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from visualnn.gui.lesson.commands import ChangeLesson


def capture_actions(window) -> list:
    """The app as it is now, as actions: the training settings a student can change, the
    selected layers, the live view in front, and the step-through stage (or the edit mode)."""
    project = window.document.project
    actions = []
    for key in ("lr", "batch_size", "optimizer", "momentum", "weight_decay", "l1"):
        if key in project.train:
            actions.append({"do": "set", "key": f"train.{key}", "value": copy.deepcopy(project.train[key])})
    selected = window.canvas.selected_ids()
    if selected:
        actions.append({"do": "select", "nodes": list(selected)})
    if window.mode == "step":
        session = window.step_through.session
        actions.append({"do": "stepthrough", "stage": int(session.index), "sample": int(session.sample)})
    else:
        actions.append({"do": "edit"})
        ui = window.training
        if ui.views_dock.isVisible() and ui.views.views:
            for tabs in ui.views.tabs:
                if tabs.isVisible() and tabs.currentWidget() is not None:
                    key = next(k for k, v in ui.views.views.items() if v is tabs.currentWidget())
                    actions.append({"do": "show", "view": key})
                    break
    return actions


def new_lesson(project) -> dict:
    return {"title": {"en": project.name}, "topics": [], "hide": [], "lock": [],
            "steps": [{"text": {"en": "# " + project.name + "\n\nWrite the first step here.", "zh": ""}}]}


class LessonEditor(QWidget):
    """The teacher's buttons under the lesson panel."""

    previewToggled = Signal(bool)

    def __init__(self, window, runner, parent=None):
        super().__init__(parent)
        self.window, self.runner = window, runner
        self.doc = window.document
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.setSpacing(4)
        self.buttons = {}
        for i, (key, slot) in enumerate((
                ("add", self.add_step), ("edit", self.edit_step), ("delete", self.delete_step),
                ("up", lambda: self.move_step(-1)), ("down", lambda: self.move_step(1)),
                ("capture", self.capture), ("parts", self.edit_parts), ("preview", None))):
            b = QPushButton()
            b.setObjectName(f"lesson_{key}")
            if slot is not None:
                b.clicked.connect(slot)
            lay.addWidget(b, i // 4, i % 4)
            self.buttons[key] = b
        self.buttons["preview"].setCheckable(True)
        self.buttons["preview"].toggled.connect(self.previewToggled)
        runner.lessonChanged.connect(self._sync)
        runner.stepChanged.connect(self._sync)
        self.retranslate()
        self._sync()

    def retranslate(self) -> None:
        for key, text, tip in (
                ("add", self.tr("Add step"), self.tr("A new step after this one")),
                ("edit", self.tr("Edit…"), self.tr("This step's text (English and Chinese) and its goal")),
                ("delete", self.tr("Delete"), self.tr("Delete this step")),
                ("up", self.tr("Move up"), self.tr("Move this step one place earlier")),
                ("down", self.tr("Move down"), self.tr("Move this step one place later")),
                ("capture", self.tr("Capture"), self.tr("Make the app as it is now (settings, selection, view, "
                                                        "step-through stage) this step's actions")),
                ("parts", self.tr("Lesson…"), self.tr("Title, topics, and the parts hidden or locked for students")),
                ("preview", self.tr("Preview"), self.tr("See the lesson as a student does"))):
            self.buttons[key].setText(text)
            self.buttons[key].setToolTip(tip)

    def _sync(self, *_):
        r = self.runner
        has = r.lesson is not None
        for key in ("edit", "delete", "up", "down", "capture", "parts", "preview"):
            self.buttons[key].setEnabled(has)
        if has:
            self.buttons["delete"].setEnabled(r.count > 1)
            self.buttons["up"].setEnabled(r.index > 0)
            self.buttons["down"].setEnabled(r.index < r.count - 1)

    # -- edits -------------------------------------------------------------------------------
    def _doc(self) -> dict:
        return copy.deepcopy(self.doc.project.extra.get("lesson")) or new_lesson(self.doc.project)

    def _push(self, value, text: str, index: int | None = None) -> None:
        self.doc.undo_stack.push(ChangeLesson(self.doc, self.runner, value, text, index))

    def add_step(self) -> None:
        if self.runner.lesson is None:
            self._push(new_lesson(self.doc.project), self.tr("Make a lesson"), 0)
            return
        doc = self._doc()
        at = self.runner.index + 1
        doc["steps"].insert(at, {"text": {"en": self.tr("A new step."), "zh": ""}})
        self._push(doc, self.tr("Add a lesson step"), at)

    def delete_step(self) -> None:
        doc = self._doc()
        if len(doc["steps"]) <= 1:
            return
        del doc["steps"][self.runner.index]
        self._push(doc, self.tr("Delete a lesson step"), min(self.runner.index, len(doc["steps"]) - 1))

    def move_step(self, delta: int) -> None:
        doc = self._doc()
        i, j = self.runner.index, self.runner.index + delta
        if not 0 <= j < len(doc["steps"]):
            return
        doc["steps"][i], doc["steps"][j] = doc["steps"][j], doc["steps"][i]
        self._push(doc, self.tr("Move a lesson step"), j)

    def set_step(self, step: dict, text: str | None = None) -> None:
        doc = self._doc()
        doc["steps"][self.runner.index] = step
        self._push(doc, text or self.tr("Edit a lesson step"))

    def capture(self) -> None:
        doc = self._doc()
        doc["steps"][self.runner.index]["actions"] = capture_actions(self.window)
        self._push(doc, self.tr("Capture the app into a lesson step"))

    def set_lesson_fields(self, fields: dict) -> None:
        doc = self._doc()
        doc.update(copy.deepcopy(fields))
        self._push(doc, self.tr("Change the lesson's settings"))

    def edit_step(self) -> None:
        from visualnn.gui.lesson.dialogs import StepDialog

        doc = self._doc()
        dialog = StepDialog(doc["steps"][self.runner.index], self.window)
        if dialog.exec():
            self.set_step(dialog.result_step())

    def edit_parts(self) -> None:
        from visualnn.gui.lesson.dialogs import LessonDialog

        dialog = LessonDialog(self._doc(), self.window)
        if dialog.exec():
            self.set_lesson_fields(dialog.result_fields())
