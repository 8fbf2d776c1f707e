"""The dialog that offers, at start, every project a crashed visualnn left unsaved.

One row per recovery copy: the project's file name (or "Untitled"), where it lives (or
its own name when it was never saved) and when it was autosaved, in local time; and a
choice per row: Restore (the default), Discard (delete the copy) or Later (keep it for
the next start). "Decide Later" keeps every copy.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QRadioButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from visualnn.gui import theme
from visualnn.gui.elided_label import ElidedLabel
from visualnn.gui.i18n import relabel

CHOICES = ("restore", "discard", "later")
PROJECT, AUTOSAVED = 0, 1
FIRST_CHOICE = 2  # the columns of the three choices follow


def saved_time(entry) -> str:
    """When the copy was autosaved, in local time (year-month-day hours:minutes)."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.saved_at))


class _Row:
    """The widgets of one recovery copy: its name labels and its three choices."""

    def __init__(self, entry):
        self.entry = entry
        self.cell = QWidget()
        lay = QVBoxLayout(self.cell)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(0)
        self.name = ElidedLabel()
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.detail = ElidedLabel()
        self.detail.setStyleSheet(f"color: {theme.current()['text_muted']};")
        lay.addWidget(self.name)
        lay.addWidget(self.detail)
        self.group = QButtonGroup(self.cell)
        self.buttons: dict[str, QRadioButton] = {}
        for key in CHOICES:
            button = QRadioButton()
            self.group.addButton(button)
            self.buttons[key] = button
        self.buttons["restore"].setChecked(True)

    def choice(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())


def _centred(widget: QWidget) -> QWidget:
    holder = QWidget()
    lay = QHBoxLayout(holder)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return holder


class RecoveryDialog(QDialog):
    """Every entry of `entries` (recovery.RecoveryEntry) with its own Restore / Discard /
    Later choice. Accepted ("Apply"): `choices()` says what to do with each; rejected
    ("Decide Later", Esc, closing it): nothing changes."""

    def __init__(self, entries, parent=None):
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.rows = [_Row(e) for e in entries]
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), FIRST_CHOICE + len(CHOICES))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PROJECT, QHeaderView.ResizeMode.Stretch)
        for col in range(AUTOSAVED, self.table.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for i, row in enumerate(self.rows):
            self.table.setCellWidget(i, PROJECT, row.cell)
            when = QTableWidgetItem(saved_time(row.entry))
            when.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(i, AUTOSAVED, when)
            for j, key in enumerate(CHOICES):
                self.table.setCellWidget(i, FIRST_CHOICE + j, _centred(row.buttons[key]))
        self.table.resizeRowsToContents()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {theme.current()['text_muted']};")
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.note)
        lay.addWidget(self.buttons)
        relabel(self, self.retranslate)
        header.setMinimumSectionSize(72)
        shown = sum(self.table.rowHeight(i) for i in range(min(len(self.rows), 6)))  # more scroll
        self.table.setFixedHeight(header.sizeHint().height() + shown + 2 * self.table.frameWidth())
        self.resize(680, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recover Unsaved Work"))
        self.heading.setText(self.tr("visualnn closed without saving the projects below. Their changes were "
                                     "autosaved; choose what to do with each."))
        self.table.setHorizontalHeaderLabels([self.tr("Project"), self.tr("Autosaved"), self.tr("Restore"),
                                              self.tr("Discard"), self.tr("Later")])
        tips = {"restore": self.tr("Open it as autosaved, unsaved, in a window of its own"),
                "discard": self.tr("Delete the autosaved copy"),
                "later": self.tr("Keep the autosaved copy and ask again at the next start")}
        for row in self.rows:
            entry = row.entry
            if entry.path is not None:
                row.name.setText(entry.path.name)
                row.detail.setText(str(entry.path.parent))
                row.cell.setToolTip(str(entry.path))
            else:
                row.name.setText(self.tr("Untitled"))
                row.detail.setText(self.tr("“{name}”, never saved").format(name=entry.name) if entry.name
                                   else self.tr("never saved"))
                row.cell.setToolTip("")
            for key, button in row.buttons.items():
                button.setToolTip(tips[key])
                button.setAccessibleName(f"{tips[key]}: {row.name.text()}")
        self.note.setText(self.tr("Restored projects open unsaved, each in a window of its own. Save them to keep "
                                  "them; “Later” keeps a copy for the next start."))
        self.apply_button.setText(self.tr("Apply"))
        self.later_button.setText(self.tr("Decide Later"))

    def choices(self) -> list[tuple]:
        """(entry, "restore" | "discard" | "later") for every row, in the order shown."""
        return [(row.entry, row.choice()) for row in self.rows]

    def choose(self, index: int, choice: str) -> None:
        """Set row `index` to `choice` (as a click on its radio button does)."""
        self.rows[index].buttons[choice].setChecked(True)
