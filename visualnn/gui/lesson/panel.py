"""The lesson panel: the lesson's title, the open step's text, its goal (ticked when met),
a row of step dots, Back and Next. The teacher's editing bar sits under it (editor.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from visualnn.core.i18n import pick
from visualnn.core.lesson import goal_text
from visualnn.gui import style
from visualnn.gui.lesson.text_view import LessonText

MAX_DOTS = 12


class StepDots(QWidget):
    """One round button per step: the open one filled, the ones whose goal is met ticked."""

    picked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lay = QHBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(4)
        self.buttons: list[QToolButton] = []

    def set_steps(self, count: int, current: int, met: set, goals: set) -> None:
        while len(self.buttons) > count:
            self.buttons.pop().deleteLater()
        while len(self.buttons) < count:
            b = QToolButton(self)
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setObjectName("stepDot")
            i = len(self.buttons)
            b.clicked.connect(lambda _=False, i=i: self.picked.emit(i))
            self.lay.insertWidget(i, b)
            self.buttons.append(b)
        for i, b in enumerate(self.buttons):
            b.setText("✓" if i in met else ("●" if i == current else ("◆" if i in goals else "○")))
            b.setChecked(i == current)
            b.setToolTip(self.tr("Step {0}").format(i + 1))
            b.setAccessibleName(self.tr("Step {0}").format(i + 1))


class LessonPanel(QWidget):
    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("lessonPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(6)
        self.title = QLabel()
        self.title.setObjectName("lessonTitle")
        self.title.setStyleSheet("font-weight: 700;")
        self.title.setWordWrap(True)
        self.counter = QLabel()
        self.counter.setObjectName("muted")
        lay.addWidget(self.title)
        lay.addWidget(self.counter)
        self.text = LessonText()
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        lay.addWidget(self.text, 1)
        self.goal_box = QFrame()
        self.goal_box.setObjectName("card")
        gl = QHBoxLayout(self.goal_box)
        gl.setContentsMargins(8, 6, 8, 6)
        self.goal_mark = QLabel()
        self.goal_mark.setObjectName("goalMark")
        self.goal_label = QLabel()
        self.goal_label.setWordWrap(True)
        gl.addWidget(self.goal_mark)
        gl.addWidget(self.goal_label, 1)
        lay.addWidget(self.goal_box)
        self.dots = StepDots()
        lay.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignHCenter)
        nav = QHBoxLayout()
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.back_button.setObjectName("lessonBack")
        self.next_button.setObjectName("lessonNext")
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        lay.addLayout(nav)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.message)
        self.back_button.clicked.connect(runner.back)
        self.next_button.clicked.connect(runner.next)
        self.dots.picked.connect(runner.go)
        runner.lessonChanged.connect(self.refresh)
        runner.stepChanged.connect(self.refresh)
        runner.goalMet.connect(self.refresh)
        runner.progressed.connect(self._show_goal)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("◀ Back"))
        self.next_button.setText(self.tr("Next ▶"))
        self.back_button.setToolTip(self.tr("The previous step (Page Up)"))
        self.next_button.setToolTip(self.tr("The next step (Page Down)"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)

    @Slot()
    def refresh(self, *_):
        r = self.runner
        if r.lesson is None:
            self.title.setText(self.tr("No lesson"))
            self.counter.setText("")
            self.text.show_markdown(r.error and self.tr("This lesson cannot be shown: {0}").format(r.error) or "")
            self.goal_box.hide()
            self.dots.set_steps(0, 0, set(), set())
            self.back_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        step = r.step
        self.title.setText(pick(r.lesson.title))
        self.counter.setText(self.tr("Step {0} of {1}").format(r.index + 1, r.count))
        self.text.show_markdown(pick(step.text))
        goals = {i for i, s in enumerate(r.lesson.steps) if s.goal is not None}
        self.dots.set_steps(r.count, r.index, r.met, goals)
        self.dots.setVisible(r.count <= MAX_DOTS * 3)
        self.back_button.setEnabled(r.index > 0)
        self.next_button.setEnabled(r.index < r.count - 1)
        self.goal_box.setVisible(step.goal is not None)
        self._show_goal()

    @Slot()
    def _show_goal(self, *_):
        """The goal, ticked when met, with the metric's value at the last epoch; Next stands
        out once it is met."""
        r = self.runner
        goal = r.step.goal if r.lesson else None
        if goal is None:
            self.next_button.setDefault(False)
            return
        met = r.index in r.met
        self.goal_mark.setText("✓" if met else "○")
        colour = style.hex_color("ok") if met else style.hex_color("muted")
        self.goal_mark.setStyleSheet(f"color: {colour}; font-size: 18pt; font-weight: 700;")
        words = goal_text(goal)
        text = self.tr("Goal met: {0}").format(words) if met else self.tr("Goal: {0}").format(words)
        if r.last_value is not None:
            text += "  " + self.tr("(now {0})").format(f"{r.last_value:.4g}")
        self.goal_label.setText(text)
        self.next_button.setDefault(met and r.index < r.count - 1)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
