"""The inspector: editing a parameter by keyboard changes the shapes downstream, undo and
redo with the shortcuts, rename, optional and pair parameters, the project summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from visualnn.core.graph import Graph
from visualnn.core.io import Project
from visualnn.gui.document import Document
from visualnn.gui.panels.inspector import InspectorPanel


def _select(w, node_id):
    w.canvas.select_ids([node_id])
    assert w.inspector.node_id == node_id
    return w.inspector.node_page


def _type_into(qtbot, box: QAbstractSpinBox, text: str):
    """Click into the box, select its text, type, press Enter: as a person does."""
    edit = box.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_editing_a_parameter_changes_the_shapes_downstream(main_window, qtbot):
    w = main_window
    page = _select(w, "fc1")
    assert page.title.text() == "Linear"
    assert "out_features" in page.editors and "bias" in page.editors
    assert "Output shape <b>[8]</b>" in page.shape.text() and "24 learnable" in page.count.text()
    box = page.editors["out_features"].box
    assert box.minimum() == 1 and box.value() == 8
    _type_into(qtbot, box, "16")
    graph = w.document.graph
    assert graph.nodes["fc1"].params["out_features"] == 16
    assert w.canvas.node_item("fc1").out_shape == (16,)
    assert w.canvas.node_item("t1").out_shape == (16,)  # downstream
    assert w.canvas.canvas_scene.edge_item("t1", "out").label.startswith("[16]")
    assert "Output shape <b>[16]</b>" in page.shape.text()
    assert w.params_status.text() == f"{2 * 16 + 16 + 16 * 2 + 2:,} parameters"
    assert w.isWindowModified()

    page = _select(w, "out")
    _type_into(qtbot, page.editors["out_features"].box, "3")
    assert w.status_text().endswith("valid: output [3]")

    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.status_text().endswith("valid: output [2]")
    assert w.inspector.node_page.editors["out_features"].box.value() == 2  # the widget follows the model
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.canvas.node_item("t1").out_shape == (8,)
    assert not w.isWindowModified()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.canvas.node_item("t1").out_shape == (16,)
    assert w.acts.undo.text() == "&Undo Set fc1.out_features"


def test_ctrl_z_in_a_parameter_field_undoes_the_edit(main_window, qtbot):
    w = main_window
    page = _select(w, "fc1")
    box = page.editors["out_features"].box
    _type_into(qtbot, box, "5")
    assert w.document.graph.nodes["fc1"].params["out_features"] == 5
    assert box.hasFocus()
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.document.graph.nodes["fc1"].params["out_features"] == 8
    assert box.value() == 8


def test_stepping_a_spin_box_merges_into_one_undo_step(main_window, qtbot):
    w = main_window
    box = _select(w, "fc1").editors["out_features"].box
    for _ in range(3):
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Up)
    assert w.document.graph.nodes["fc1"].params["out_features"] == 11
    assert w.document.undo_stack.count() == 1


def test_a_shape_problem_shows_in_red_on_the_layer(main_window, qtbot):
    w = main_window
    page = _select(w, "x")
    ints = page.editors["shape"]
    ints.line.setFocus()
    ints.line.selectAll()
    qtbot.keyClicks(ints.line, "1, 8, 8")
    qtbot.keyClick(ints.line, Qt.Key.Key_Return)
    assert w.document.graph.nodes["x"].params["shape"] == [1, 8, 8]
    page = _select(w, "fc1")
    assert page.problems.isVisible() and "add a Flatten" in page.problems.text()
    assert "problem" in w.status_text()
    ints = _select(w, "x").editors["shape"]
    ints.line.selectAll()
    qtbot.keyClicks(ints.line, "two")
    qtbot.keyClick(ints.line, Qt.Key.Key_Return)
    assert w.document.graph.nodes["x"].params["shape"] == [1, 8, 8]  # not applied
    assert "whole numbers" in ints.line.toolTip()


def test_rename_through_the_id_field(main_window, qtbot):
    w = main_window
    page = _select(w, "fc1")
    page.id_edit.setFocus()
    page.id_edit.selectAll()
    qtbot.keyClicks(page.id_edit, "out")
    assert page.id_error.isVisible() and "already exists" in page.id_error.text()
    page.id_edit.selectAll()
    qtbot.keyClicks(page.id_edit, "hidden")
    qtbot.keyClick(page.id_edit, Qt.Key.Key_Return)
    assert "hidden" in w.document.graph.nodes and "fc1" not in w.document.graph.nodes
    assert w.inspector.node_id == "hidden"
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "fc1" in w.document.graph.nodes


def _pool_inspector(qtbot):
    g = Graph()
    g.add_node("Input", "x", {"shape": [1, 8, 8]})
    g.add_node("MaxPool2d", "pool", {"kernel_size": 2})
    g.connect("x", "pool")
    doc = Document(Project(g))
    panel = InspectorPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_selection(["pool"])
    return doc, panel


def test_optional_and_pair_parameters(qtbot):
    doc, panel = _pool_inspector(qtbot)
    page = panel.node_page
    stride = page.editors["stride"]
    assert not stride.enabled.isChecked() and not stride.inner.isEnabled()
    qtbot.mouseClick(stride.enabled, Qt.MouseButton.LeftButton)
    assert doc.graph.nodes["pool"].params["stride"] == 1
    assert doc.report.shapes["pool"] == (1, 7, 7)
    qtbot.mouseClick(stride.enabled, Qt.MouseButton.LeftButton)
    assert "stride" not in doc.graph.nodes["pool"].params
    kernel = page.editors["kernel_size"]
    assert kernel.linked and not kernel.w.isVisible()  # one number: a square window
    qtbot.mouseClick(kernel.split, Qt.MouseButton.LeftButton)
    assert kernel.w.isVisible() and doc.graph.nodes["pool"].params["kernel_size"] == [2, 2]
    _type_into(qtbot, kernel.w, "4")
    assert doc.graph.nodes["pool"].params["kernel_size"] == [2, 4]
    assert doc.report.shapes["pool"] == (1, 4, 2)
    assert "Output shape <b>[1, 4, 2]</b>" in page.shape.text()


def test_nothing_selected_shows_the_project(main_window, qtbot):
    w = main_window
    w.canvas.select_ids([])
    page = w.inspector.project_page
    assert w.inspector.stack.currentWidget() is page
    assert "Layers" in page.summary.text() and "42" in page.summary.text()
    page.name_edit.setFocus()
    page.name_edit.selectAll()
    qtbot.keyClicks(page.name_edit, "My net")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert w.document.project.name == "My net"
    assert w.windowTitle() == "My net[*] — visualnn" and w.isWindowModified()
    w.canvas.select_ids(["x", "t1"])
    assert "2 layers selected" in page.selection.text()
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.document.project.name == "Spiral test"
