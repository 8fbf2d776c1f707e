"""The teacher's dialogs: one step (texts in English and Chinese, the goal) and the lesson
(title, topics, the parts hidden or locked for students, from a checklist)."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from visualnn.core.lesson.model import METRICS, PANELS, TOPICS, TRAIN_KEYS, VIEWS


def _texts(value) -> dict:
    if isinstance(value, dict):
        return dict(value)
    return {"en": value or ""}


def all_parts() -> list[str]:
    return [*PANELS, "graph", *[f"train.{k}" for k in TRAIN_KEYS], *[f"views.{v}" for v in VIEWS]]


class StepDialog(QDialog):
    """Edit one step: its Markdown in each language and its goal."""

    def __init__(self, step: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lesson step"))
        self.step = copy.deepcopy(step)
        self.resize(720, 560)
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget()
        texts = _texts(step.get("text"))
        self.edits = {}
        for lang, label in (("en", self.tr("English")), ("zh", self.tr("Chinese"))):
            edit = QPlainTextEdit(texts.get(lang, ""))
            edit.setObjectName(f"stepText_{lang}")
            self.tabs.addTab(edit, label)
            self.edits[lang] = edit
        lay.addWidget(QLabel(self.tr("Markdown; formulas between $…$ or $$…$$")))
        lay.addWidget(self.tabs, 1)
        goal = step.get("goal") or {}
        box = QGroupBox(self.tr("Goal"))
        box.setCheckable(True)
        box.setChecked(bool(goal))
        self.goal_box = box
        form = QFormLayout(box)
        self.metric = QComboBox()
        self.metric.addItems(list(METRICS))
        self.metric.setCurrentText(goal.get("metric", "test_accuracy"))
        self.bound = QComboBox()
        self.bound.addItem(self.tr("at least"), "at_least")
        self.bound.addItem(self.tr("at most"), "at_most")
        self.bound.setCurrentIndex(1 if "at_most" in goal else 0)
        self.target = QDoubleSpinBox()
        self.target.setDecimals(4)
        self.target.setRange(-1e6, 1e6)
        self.target.setValue(float(goal.get("at_most", goal.get("at_least", 0.9))))
        row = QHBoxLayout()
        row.addWidget(self.metric)
        row.addWidget(self.bound)
        row.addWidget(self.target)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow(self.tr("Metric"), holder)
        self.max_hidden = QSpinBox()
        self.max_hidden.setRange(0, 100000)
        self.max_hidden.setSpecialValueText(self.tr("no limit"))
        self.max_hidden.setValue(goal.get("max_hidden_units", 0))
        self.max_params = QSpinBox()
        self.max_params.setRange(0, 10**9)
        self.max_params.setSpecialValueText(self.tr("no limit"))
        self.max_params.setValue(goal.get("max_params", 0))
        form.addRow(self.tr("At most hidden units"), self.max_hidden)
        form.addRow(self.tr("At most parameters"), self.max_params)
        gtexts = _texts(goal.get("text"))
        self.goal_texts = {lang: QLineEdit(gtexts.get(lang, "")) for lang in ("en", "zh")}
        form.addRow(self.tr("Goal (English)"), self.goal_texts["en"])
        form.addRow(self.tr("Goal (Chinese)"), self.goal_texts["zh"])
        lay.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def result_step(self) -> dict:
        step = copy.deepcopy(self.step)
        step["text"] = {lang: e.toPlainText() for lang, e in self.edits.items()}
        if not self.goal_box.isChecked():
            step.pop("goal", None)
            return step
        old = step.get("goal") or {}
        goal = {"metric": self.metric.currentText(), self.bound.currentData(): self.target.value()}
        for key, spin in (("max_hidden_units", self.max_hidden), ("max_params", self.max_params)):
            if spin.value():
                goal[key] = spin.value()
        texts = {lang: e.text() for lang, e in self.goal_texts.items() if e.text()}
        if texts:
            goal["text"] = texts
        if old.get("solution"):
            goal["solution"] = old["solution"]
        step["goal"] = goal
        return step


class LessonDialog(QDialog):
    """The lesson's title, topics, and what students do not see or cannot change."""

    def __init__(self, lesson: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lesson"))
        self.resize(640, 620)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        titles = _texts(lesson.get("title"))
        self.titles = {lang: QLineEdit(titles.get(lang, "")) for lang in ("en", "zh")}
        form.addRow(self.tr("Title (English)"), self.titles["en"])
        form.addRow(self.tr("Title (Chinese)"), self.titles["zh"])
        lay.addLayout(form)
        tabs = QTabWidget()
        self.parts = QTreeWidget()
        self.parts.setObjectName("lessonParts")
        self.parts.setHeaderLabels([self.tr("Part"), self.tr("Hide"), self.tr("Lock")])
        hide, lock = set(lesson.get("hide", [])), set(lesson.get("lock", []))
        for part in all_parts():
            item = QTreeWidgetItem([part, "", ""])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(1, Qt.CheckState.Checked if part in hide else Qt.CheckState.Unchecked)
            item.setCheckState(2, Qt.CheckState.Checked if part in lock else Qt.CheckState.Unchecked)
            self.parts.addTopLevelItem(item)
        self.parts.resizeColumnToContents(0)
        tabs.addTab(self.parts, self.tr("Hidden and locked"))
        topics = QWidget()
        grid = QVBoxLayout(topics)
        chosen = set(lesson.get("topics", []))
        self.topics = {}
        for t in TOPICS:
            box = QCheckBox(t)
            box.setChecked(t in chosen)
            grid.addWidget(box)
            self.topics[t] = box
        tabs.addTab(topics, self.tr("Topics"))
        lay.addWidget(tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def set_part(self, part: str, column: str, on: bool) -> None:
        """Tick a part's Hide or Lock box (for tests and scripts)."""
        col = {"hide": 1, "lock": 2}[column]
        for i in range(self.parts.topLevelItemCount()):
            item = self.parts.topLevelItem(i)
            if item.text(0) == part:
                item.setCheckState(col, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def result_fields(self) -> dict:
        hide, lock = [], []
        for i in range(self.parts.topLevelItemCount()):
            item = self.parts.topLevelItem(i)
            if item.checkState(1) == Qt.CheckState.Checked:
                hide.append(item.text(0))
            if item.checkState(2) == Qt.CheckState.Checked:
                lock.append(item.text(0))
        return {"title": {k: e.text() for k, e in self.titles.items() if e.text()} or {"en": ""},
                "topics": [t for t, box in self.topics.items() if box.isChecked()], "hide": hide, "lock": lock}
