"""The inspector's page for the whole project (nothing or several layers selected): the
project's name (editable, undoable) and its totals; and the helpers both pages share."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from visualnn.core.graph import check_graph, param_count
from visualnn.core.i18n import with_text


def fmt_shape(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else "?"


class RenameProject(QUndoCommand):
    """Change the project's display name (emits doc.settingsChanged)."""

    def __init__(self, doc, name: str):
        super().__init__(f"Rename project to {name}")
        self.doc, self.old, self.new = doc, doc.project.name, with_text(doc.project.name, name)

    def redo(self):
        self.doc.project.name = self.new
        self.doc.settingsChanged.emit()

    def undo(self):
        self.doc.project.name = self.old
        self.doc.settingsChanged.emit()


def current_report(doc):
    """The document's report, or a fresh one while an edit is half way through its events
    (a selection change can arrive between a node's removal and the revalidation)."""
    report = doc.report
    if set(report.order) != set(doc.graph.nodes) and not report.problems:
        return check_graph(doc.graph)
    if any(nid not in doc.graph.nodes for nid in report.order) or any(
            p.node not in doc.graph.nodes and p.node != "graph" for p in report.problems):
        return check_graph(doc.graph)
    return report


def info_label(text="", name=None, wrap=True) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(wrap)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        lab.setObjectName(name)
    return lab


def section_label(title: str) -> QLabel:
    lab = QLabel(title.upper())
    lab.setObjectName("sectionTitle")
    return lab


class ProjectPage(QWidget):
    """Nothing (or several layers) selected: the project's name and totals."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip("The project's name (shown in the title bar and the example gallery)")
        self.summary = info_label()
        self.selection = info_label("", "muted")
        self.problems = info_label("", "error")
        self.hint = info_label("Select a layer on the canvas to edit its parameters.", "muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        lay.addWidget(info_label("Project", "nodeTitle", wrap=False))
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        lay.addLayout(form)
        lay.addWidget(section_label("Network"))
        lay.addWidget(self.summary)
        lay.addWidget(self.selection)
        lay.addWidget(self.problems)
        lay.addWidget(self.hint)
        lay.addStretch(1)
        self.name_edit.editingFinished.connect(self._on_name)
        self.selected: list[str] = []

    def refresh(self) -> None:
        doc = self.doc
        if not self.name_edit.hasFocus():
            self.name_edit.setText(doc.project.title)
        report = current_report(doc)
        counts = param_count(doc.graph, report)
        inputs = doc.graph.input_ids()
        out = doc.graph.output_id()
        rows = [("Layers", f"{len(doc.graph.nodes)}"), ("Parameters", f"{sum(counts.values()):,}")]
        if inputs:
            rows.append(("Input", fmt_shape(report.shapes.get(inputs[0]))))
        if out:
            rows.append(("Output", fmt_shape(report.shapes.get(out))))
        data = doc.project.data or {}
        if data:
            rows.append(("Data", str(data.get("name") or data.get("kind", ""))))
        self.summary.setText("<table cellspacing=3>" + "".join(
            f"<tr><td style='color:gray; padding-right:12px'>{k}</td><td><b>{html.escape(v)}</b></td></tr>"
            for k, v in rows) + "</table>")
        self.selection.setText(f"{len(self.selected)} layers selected: {', '.join(self.selected)}"
                               if len(self.selected) > 1 else "")
        self.selection.setVisible(len(self.selected) > 1)
        n = len(report.problems)
        self.problems.setText(f"{n} problem{'s' if n != 1 else ''}: " + "; ".join(str(p) for p in report.problems[:3])
                              + (" …" if n > 3 else "") if n else "")
        self.problems.setVisible(bool(n))

    def _on_name(self) -> None:
        name = self.name_edit.text().strip()
        if name and name != self.doc.project.title:
            self.doc.undo_stack.push(RenameProject(self.doc, name))
        elif not name:
            self.name_edit.setText(self.doc.project.title)
