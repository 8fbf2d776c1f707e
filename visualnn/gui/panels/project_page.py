"""The inspector's page for the whole project (nothing or several layers selected): the
project's name (editable, undoable) and its totals; and the helpers both pages share."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from visualnn.core.graph import check_graph, param_count
from visualnn.core.i18n import with_text
from visualnn.gui.i18n import translate


def fmt_shape(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else "?"


class RenameProject(QUndoCommand):
    """Change the project's display name (emits doc.settingsChanged)."""

    def __init__(self, doc, name: str):
        super().__init__(translate("project_page", "Rename project to {name}").format(name=name))
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
        self.summary = info_label()
        self.selection = info_label("", "muted")
        self.problems = info_label("", "error")
        self.hint = info_label("", "muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        self.title = info_label("", "nodeTitle", wrap=False)
        lay.addWidget(self.title)
        form = QFormLayout()
        self.name_label = QLabel()
        form.addRow(self.name_label, self.name_edit)
        lay.addLayout(form)
        self.network_title = section_label("")
        lay.addWidget(self.network_title)
        lay.addWidget(self.summary)
        lay.addWidget(self.selection)
        lay.addWidget(self.problems)
        lay.addWidget(self.hint)
        lay.addStretch(1)
        self.name_edit.editingFinished.connect(self._on_name)
        self.selected: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language (at start and on LanguageChange)."""
        self.name_edit.setToolTip(translate("project_page", "The project's name (shown in the title bar and the "
                                                            "example gallery)"))
        self.hint.setText(translate("project_page", "Select a layer on the canvas to edit its parameters."))
        self.title.setText(translate("project_page", "Project"))
        self.name_label.setText(translate("project_page", "Name"))
        self.network_title.setText(translate("project_page", "Network"))
        self.refresh()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        doc = self.doc
        if not self.name_edit.hasFocus():
            self.name_edit.setText(doc.project.title)
        report = current_report(doc)
        counts = param_count(doc.graph, report)
        inputs = doc.graph.input_ids()
        out = doc.graph.output_id()
        rows = [(translate("project_page", "Layers"), f"{len(doc.graph.nodes)}"), (translate("project_page", "Parameters"), f"{sum(counts.values()):,}")]
        if inputs:
            rows.append((translate("project_page", "Input"), fmt_shape(report.shapes.get(inputs[0]))))
        if out:
            rows.append((translate("project_page", "Output"), fmt_shape(report.shapes.get(out))))
        data = doc.project.data or {}
        if data:
            rows.append((translate("project_page", "Data"), str(data.get("name") or data.get("kind", ""))))
        self.summary.setText("<table cellspacing=3>" + "".join(
            f"<tr><td style='color:gray; padding-right:12px'>{k}</td><td><b>{html.escape(v)}</b></td></tr>"
            for k, v in rows) + "</table>")
        self.selection.setText(translate("project_page", "{n} layers selected: {ids}").format(
            n=len(self.selected), ids=', '.join(self.selected))
                               if len(self.selected) > 1 else "")
        self.selection.setVisible(len(self.selected) > 1)
        n = len(report.problems)
        listed = "; ".join(str(p) for p in report.problems[:3]) + (" …" if n > 3 else "")
        self.problems.setText((translate("project_page", "{n} problems: {list}") if n != 1 else translate("project_page", "1 problem: {list}")).format(
            n=n, list=listed) if n else "")
        self.problems.setVisible(bool(n))

    def _on_name(self) -> None:
        name = self.name_edit.text().strip()
        if name and name != self.doc.project.title:
            self.doc.undo_stack.push(RenameProject(self.doc, name))
        elif not name:
            self.name_edit.setText(self.doc.project.title)
