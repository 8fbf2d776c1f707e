"""The inspector: the selected layer's id, help, formula and parameters (editable), its
output shape, parameter count and problems; with nothing selected, the project summary.

Edits go through commands (SetParams merges consecutive edits of one parameter; RenameNode);
the panel refreshes from the document's events, and editors are updated with signals
blocked, so the two-way binding cannot loop.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QStackedWidget, QVBoxLayout, QWidget,
)

from visualnn.core.graph import get_spec, param_count
from visualnn.core.graph.init import takes_init
from visualnn.gui.commands import RenameNode, SetInit, rename_problem, set_param
from visualnn.gui.icons import layer_icon
from visualnn.gui.panels.activation_plot import ActivationPlot
from visualnn.gui.panels.init_editor import InitEditor
from visualnn.gui.panels.param_widgets import editor_for_spec
from visualnn.gui.panels.project_page import (
    ProjectPage, RenameProject, info_label, section_label, current_report, fmt_shape,
)

__all__ = ["InspectorPanel", "NodePage", "ProjectPage", "RenameProject", "current_report", "fmt_shape"]


def _plain(value):
    return [_plain(v) for v in value] if isinstance(value, (list, tuple)) else value


class NodePage(QWidget):
    """One layer: header, id, parameters, shape and problems."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.node_id: str | None = None
        self.editors: dict = {}
        self.icon = QLabel()
        self.title = info_label("", "nodeTitle", wrap=False)
        self.group = info_label("", "muted", wrap=False)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.icon)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.group)
        head.addLayout(titles, 1)

        self.id_edit = QLineEdit()
        self.id_edit.setToolTip("The layer's id: its name in the project file, the exported code and the trained state")
        self.id_error = info_label("", "error")
        self.help = info_label()
        self.formula = info_label("", "formula")
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(6)
        self.shape = info_label()
        self.shape.setToolTip("The tensor shape this layer outputs, per sample (the batch dimension is left out)")
        self.count = info_label()
        self.count.setToolTip("Learnable values (weights and biases) of this layer")
        self.problems = info_label("", "error")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        lay.addLayout(head)
        idrow = QFormLayout()
        idrow.addRow("Id", self.id_edit)
        lay.addLayout(idrow)
        lay.addWidget(self.id_error)
        lay.addWidget(self.help)
        lay.addWidget(self.formula)
        self.activation_plot = ActivationPlot()  # f and f' of activation layers
        lay.addWidget(self.activation_plot)
        self.params_title = section_label("Parameters")
        lay.addWidget(self.params_title)
        lay.addLayout(self.form)
        self.init_title = section_label(self.tr("Initialisation"))
        self.init_editor = InitEditor()
        self.init_note = info_label("", "muted")
        lay.addWidget(self.init_title)
        lay.addWidget(self.init_editor)
        lay.addWidget(self.init_note)
        self.init_editor.edited.connect(self._on_init_edited)
        lay.addWidget(section_label("Output"))
        lay.addWidget(self.shape)
        lay.addWidget(self.count)
        lay.addWidget(self.problems)
        lay.addStretch(1)
        self.id_edit.editingFinished.connect(self._on_rename)
        self.id_edit.textEdited.connect(self._on_id_typed)

    def show_node(self, node_id: str) -> None:
        node = self.doc.graph.node(node_id)
        if node_id != self.node_id or self._built_type != node.type:
            self._build(node_id)
        self.node_id = node_id
        self.refresh()

    _built_type = None

    def _build(self, node_id: str) -> None:
        node = self.doc.graph.node(node_id)
        spec = get_spec(node.type)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        self._built_type = node.type
        self.icon.setPixmap(layer_icon(node.type).pixmap(40, 40))
        self.title.setText(node.type)
        self.group.setText(f"{spec.group} layer" if spec else "unknown layer type")
        self.help.setText(spec.help if spec else "")
        self.formula.setText(spec.formula if spec else "")
        self.formula.setVisible(bool(spec and spec.formula))
        from visualnn.core.views.activation import plots

        self.activation_plot.setVisible(plots(node.type))
        self.formula.setToolTip("What the layer computes")
        for p in spec.params if spec else ():
            ed = editor_for_spec(p)
            ed.setObjectName(f"param_{p.name}")
            ed.edited.connect(lambda value, name=p.name: self._on_edited(name, value))
            label = QLabel(p.name.replace("_", " "))
            label.setToolTip(p.help)
            self.form.addRow(label, ed)
            self.editors[p.name] = ed
        self.params_title.setVisible(bool(self.editors))
        with_init = takes_init(node.type)
        self.init_title.setVisible(with_init)
        self.init_editor.setVisible(with_init)

    def refresh(self) -> None:
        nid = self.node_id
        if nid is None or nid not in self.doc.graph.nodes:
            return
        node = self.doc.graph.node(nid)
        if node.type != self._built_type:
            self._build(nid)
        spec = get_spec(node.type)
        if not self.id_edit.hasFocus():
            self.id_edit.setText(nid)
            self.id_error.hide()
        for p in spec.params if spec else ():
            self.editors[p.name].set_value(node.params.get(p.name, p.default))
        self.init_editor.set_init(node.extra.get("init"))
        if self.activation_plot.isVisibleTo(self):
            srcs = self.doc.graph.inputs_of(nid)
            self.activation_plot.set_layer(node.type, node.params, srcs[0] if srcs else None)
        trained = takes_init(node.type) and nid in (self.doc.project.state or {})
        self.init_note.setText(self.tr("This layer's weights are saved in the project: they are used instead "
                                       "of the initialisation.") if trained else "")
        self.init_note.setVisible(trained)
        report = current_report(self.doc)
        shape = report.shapes.get(nid)
        self.shape.setText(f"Output shape <b>{html.escape(fmt_shape(shape))}</b>" if shape is not None
                           else "Output shape unknown (fix the problems upstream)")
        counts = param_count(self.doc.graph, report)
        n = counts.get(nid)
        self.count.setText(f"{n:,} learnable parameters" if n else ("No learnable parameters" if n == 0 else ""))
        msgs = report.for_node(nid)
        self.problems.setText("\n".join(f"• {m}" for m in msgs))
        self.problems.setVisible(bool(msgs))

    def _on_edited(self, name: str, value) -> None:
        if self.node_id in self.doc.graph.nodes:
            node = self.doc.graph.node(self.node_id)
            spec = get_spec(node.type)
            p = spec.param(name) if spec else None
            if value is None and p is not None and p.default is not None:
                value = p.default
            if _plain(node.params.get(name, p.default if p else None)) == _plain(value):
                return
            self.doc.undo_stack.push(set_param(self.doc, self.node_id, name, value))

    def _on_init_edited(self, init, merge_key) -> None:
        if self.node_id in self.doc.graph.nodes and self.doc.graph.node(self.node_id).extra.get("init") != init:
            self.doc.undo_stack.push(SetInit(self.doc, self.node_id, init, merge_key))

    def _on_id_typed(self, text: str) -> None:
        problem = rename_problem(self.doc, self.node_id, text.strip()) if self.node_id else None
        self.id_error.setText(problem or "")
        self.id_error.setVisible(bool(problem))

    def _on_rename(self) -> None:
        new = self.id_edit.text().strip()
        old = self.node_id
        if old is None or new == old:
            return
        problem = rename_problem(self.doc, old, new)
        if problem:
            self.id_error.setText(problem)
            self.id_error.show()
            return
        self.node_id = new  # before the push: the rename event finds us on the new id
        self.doc.undo_stack.push(RenameNode(self.doc, old, new))


class InspectorPanel(QScrollArea):
    """show_selection(ids): one id shows that layer; none or several show the project."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.doc = document
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.stack = QStackedWidget()
        self.node_page = NodePage(document)
        self.project_page = ProjectPage(document)
        self.stack.addWidget(self.project_page)
        self.stack.addWidget(self.node_page)
        self.setWidget(self.stack)
        document.validated.connect(self._on_validated)
        document.graphChanged.connect(self._on_graph_event)
        document.projectReplaced.connect(lambda: self.show_selection([]))
        document.settingsChanged.connect(self._refresh)
        self.show_selection([])

    @property
    def node_id(self) -> str | None:
        return self.node_page.node_id if self.stack.currentWidget() is self.node_page else None

    @Slot(list)
    def show_selection(self, ids) -> None:
        ids = [i for i in ids if i in self.doc.graph.nodes]
        if len(ids) == 1:
            self.node_page.show_node(ids[0])
            self.stack.setCurrentWidget(self.node_page)
        else:
            self.node_page.node_id = None
            self.project_page.selected = list(ids)
            self.project_page.refresh()
            self.stack.setCurrentWidget(self.project_page)

    def _refresh(self) -> None:
        if self.stack.currentWidget() is self.node_page:
            self.node_page.refresh()
        else:
            self.project_page.refresh()

    @Slot(object)
    def _on_validated(self, report) -> None:
        self._refresh()

    @Slot(object)
    def _on_graph_event(self, event) -> None:
        page = self.node_page
        if event.kind == "node_renamed" and event.old == page.node_id:
            page.node_id = event.node
        elif event.kind in ("node_removed", "reset") and page.node_id is not None and page.node_id not in self.doc.graph.nodes:
            self.show_selection([])
