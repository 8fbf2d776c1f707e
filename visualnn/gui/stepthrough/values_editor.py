"""Typing exact numbers: every weight, bias, input and target as an editable table.

Pick what to edit (a layer's parameter, or the current sample's input / target); each
cell shows the value the trace starts from (before the update) and accepts a new one.
Edits go through the undo stack (SetStateValue / ChangeData), so Ctrl+Z takes them
back, and the trace recomputes. A click on a neuron or an edge of the canvas calls
`show_value(node, param, index)` to jump to that number.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from visualnn.gui.stepthrough.commands import EditError, SetStateValue, node_state, table_value_command
from visualnn.gui.i18n import relabel, translate


DATA = "__data__"
MAX_CELLS = 4096  # a bigger parameter is shown only in part (its first rows)


def _matrix_view(value):
    """(2-D array of the values, function giving the nested index of cell (r, c))."""
    a = np.asarray(value, dtype=np.float64)
    if a.ndim == 0:
        return a.reshape(1, 1), lambda r, c: ()
    if a.ndim == 1:
        return a.reshape(-1, 1), lambda r, c: (r,)
    shape = a.shape
    flat = a.reshape(-1, shape[-1])

    def index(r, c):
        return tuple(int(i) for i in np.unravel_index(r, shape[:-1])) + (c,)
    return flat, index


class ValuesEditor(QWidget):
    message = Signal(str)   # a refused edit, one line

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.document = session.document
        self.target = QComboBox(objectName="valuesTarget")
        self.table = QTableWidget(objectName="valuesTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.note = QLabel(objectName="valuesNote")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        edit_label = QLabel()
        relabel(edit_label, lambda: edit_label.setText(translate("values_editor", "Edit")))
        row.addWidget(edit_label)
        row.addWidget(self.target, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.note)
        self._index_of = lambda r, c: ()
        self._filling = False
        self.target.currentIndexChanged.connect(self._fill)
        self.table.itemChanged.connect(self._on_item_changed)
        session.traceChanged.connect(self._refresh_targets)
        session.stageChanged.connect(self._follow_stage)
        session.digitsChanged.connect(lambda d: self._fill())
        self._refresh_targets()

    # -- what can be edited ----------------------------------------------------------
    def _choices(self) -> list[tuple[str, tuple]]:
        out = [(translate("values_editor", "Sample input"), (DATA, "inputs")), (translate("values_editor", "Sample target"), (DATA, "targets"))]
        trace = self.session.trace or {}
        for nid, params in ((trace.get("update") or {}).get("params") or {}).items():
            for pname in params:
                out.append((f"{nid}.{pname}", (nid, pname)))
        return out

    @Slot()
    def _refresh_targets(self) -> None:
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        for label, key in self._choices():
            self.target.addItem(label, key)
        keys = [self.target.itemData(i) for i in range(self.target.count())]
        self.target.setCurrentIndex(keys.index(current) if current in keys else (2 if len(keys) > 2 else 0))
        self.target.blockSignals(False)
        self._fill()

    @Slot(int)
    def _follow_stage(self, _index: int) -> None:
        """Show the parameters of the stage's layer (not while the user is typing here)."""
        stage = self.session.stage
        if stage is None or self.table.state() == QAbstractItemView.State.EditingState:
            return
        params = ((self.session.trace or {}).get("update") or {}).get("params", {}).get(stage.node)
        if not params:
            return
        name = "weight" if "weight" in params else next(iter(params))
        self.select(stage.node, name)
        if stage.neuron is not None and name == "weight":
            self.table.setCurrentCell(int(stage.neuron[-1]), 0)

    def select(self, node: str, param: str) -> bool:
        for i in range(self.target.count()):
            if self.target.itemData(i) == (node, param):
                self.target.setCurrentIndex(i)
                return True
        return False

    def show_value(self, node: str, param: str, index=()) -> None:
        """Jump to one number (a click on an edge: the weight; on a neuron: its bias)."""
        if not self.select(node, param):
            return
        index = tuple(index)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                if self._index_of(r, c) == index:
                    self.table.setCurrentCell(r, c)
                    self.table.scrollToItem(self.table.item(r, c))
                    return

    # -- the table -------------------------------------------------------------------
    def _current_values(self):
        key = self.target.currentData()
        if not key:
            return None, ""
        node, part = key
        project = self.document.project
        if node == DATA:
            data = project.data or {}
            s = self.session.sample
            if data.get("kind") != "table":
                trace = self.session.trace or {}
                value = (trace.get("forward") or [{}])[0].get("input") if part == "inputs" else \
                    (trace.get("loss") or {}).get("target")
                return value, translate("values_editor", "The data is '{kind}': only table data can be typed in.").format(
                    kind=data.get('kind', 'none'))
            rows = data.get(part) or []
            if s >= len(rows):
                return None, translate("values_editor", "Sample {s} is not in the table.").format(s=s)
            return rows[s], (translate("values_editor", "Row {s} of the table's inputs.") if part == "inputs"
                             else translate("values_editor", "Row {s} of the table's targets.")).format(s=s)
        try:
            return node_state(project, node).get(part), translate("values_editor", "{name} before the update.").format(
                name=f"{node}.{part}")
        except EditError as e:
            return None, str(e)

    @Slot()
    def _fill(self) -> None:
        value, note = self._current_values()
        self._filling = True
        self.table.clear()
        self.note.setText(note)
        if value is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self._filling = False
            return
        m, self._index_of = _matrix_view(value)
        if isinstance(value, list) and value and not isinstance(value[0], list) and len(value) <= 16:
            m = m.reshape(1, -1)          # a short vector reads best as one row
            self._index_of = lambda r, c: (c,)
        rows = min(m.shape[0], max(1, MAX_CELLS // max(1, m.shape[1])))
        self.table.setRowCount(rows)
        self.table.setColumnCount(m.shape[1])
        editable = not (self.target.currentData()[0] == DATA and (self.document.project.data or {}).get("kind") != "table")
        d = self.session.digits
        for r in range(rows):
            for c in range(m.shape[1]):
                item = QTableWidgetItem(f"{m[r, c]:.{d}f}".rstrip("0").rstrip(".") if m[r, c] != 0 else "0")
                item.setData(Qt.ItemDataRole.UserRole, float(m[r, c]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(repr(float(m[r, c])))
                if not editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setForeground(QColor("#6b7280"))
                self.table.setItem(r, c, item)
        self.table.setVerticalHeaderLabels([str(r) for r in range(rows)])
        self.table.setHorizontalHeaderLabels([str(c) for c in range(m.shape[1])])
        self.table.resizeColumnsToContents()
        self._filling = False

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        node, part = self.target.currentData()
        index = self._index_of(item.row(), item.column())
        text = item.text().strip()
        try:
            if node == DATA:
                cmd = table_value_command(self.document, part, self.session.sample, index, text)
            else:
                cmd = SetStateValue(self.document, node, part, index, text)
        except EditError as e:
            self.message.emit(str(e))
            self._fill()
            return
        self.document.undo_stack.push(cmd)
        self.set_value(node, part, index)

    def set_value(self, node, part, index) -> None:
        """Refill after an edit, keeping the edited cell current."""
        self._fill()
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                if self._index_of(r, c) == tuple(index):
                    self.table.setCurrentCell(r, c)
                    return
