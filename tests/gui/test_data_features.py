"""The Data panel's feature checkboxes (features and the Input's shape in one undo step)
and the standardize choice of tables and CSV files."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from visualnn.gui.commands import ChangeData


def _loaded(qtbot, w):
    panel = w.dataset_panel
    if panel.dataset is None:
        qtbot.waitUntil(lambda: panel.dataset is not None or bool(panel.error), timeout=30000)
    return panel


def click_box(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))


def test_ticking_features_sets_the_input_shape_in_one_step(qtbot, main_window):
    w = main_window
    panel = _loaded(qtbot, w)
    feats = panel.features
    assert feats.isVisibleTo(panel) and not panel.standardize.isVisibleTo(panel)
    assert feats.features() == ["x1", "x2"]
    with qtbot.waitSignal(panel.loaded, timeout=30000) as blocker:
        click_box(qtbot, feats.boxes["x1*x2"])
    graph = w.document.graph
    assert w.document.project.data["params"]["features"] == ["x1", "x2", "x1*x2"]
    assert graph.nodes["x"].params["shape"] == [3]
    assert blocker.args[0].input_shape == (3,)
    assert w.status_text().endswith("valid: output [2]")
    click_box(qtbot, feats.boxes["x1"])
    click_box(qtbot, feats.boxes["x2"])
    assert w.document.project.data["params"]["features"] == ["x1*x2"] and graph.nodes["x"].params["shape"] == [1]
    click_box(qtbot, feats.boxes["x1*x2"])  # the last one stays: the network needs an input
    assert feats.boxes["x1*x2"].isChecked() and w.document.project.data["params"]["features"] == ["x1*x2"]
    w.canvas.setFocus()
    for _ in range(3):
        qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "features" not in w.document.project.data.get("params", {})
    assert graph.nodes["x"].params["shape"] == [2] and feats.features() == ["x1", "x2"]
    assert not w.isWindowModified()


def test_standardize_choice_for_a_table(qtbot, main_window):
    w = main_window
    panel = _loaded(qtbot, w)
    table = {"kind": "table", "inputs": [[1.0, 10.0], [2.0, 30.0], [3.0, 50.0], [4.0, 20.0]],
             "targets": [[0], [1], [1], [0]]}
    with qtbot.waitSignal(panel.loaded, timeout=30000):
        w.document.undo_stack.push(ChangeData(w.document, table))
    box = panel.standardize
    assert box.isVisibleTo(panel) and not box.isChecked() and not panel.features.isVisibleTo(panel)
    assert "slope" in box.toolTip()
    assert panel.dataset.x_train.max() > 5  # as written
    with qtbot.waitSignal(panel.loaded, timeout=30000) as blocker:
        click_box(qtbot, box)
    assert w.document.project.data["standardize"] is True
    assert abs(float(blocker.args[0].x_train.mean())) < 1e-5
    w.document.undo_stack.undo()
    assert "standardize" not in w.document.project.data and not box.isChecked()
