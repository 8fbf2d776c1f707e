"""The inspector's initialisation choice: chosen by keyboard, typed arguments, one undo
step each, kept in the graph (so the next build from the seed uses it)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visualnn.core.compile import compile_graph


def _select(w, node_id):
    w.canvas.select_ids([node_id])
    return w.inspector.node_page


def test_choose_a_scheme_type_its_std_and_undo(main_window, qtbot):
    w = main_window
    page = _select(w, "fc1")
    ed = page.init_editor
    assert ed.isVisibleTo(page) and ed.scheme.currentData() == "default" and not ed.editors
    ed.scheme.setFocus()
    for _ in range(3):  # default -> zeros -> constant -> normal
        qtbot.keyClick(ed.scheme, Qt.Key.Key_Down)
    graph = w.document.graph
    assert graph.nodes["fc1"].extra["init"] == {"scheme": "normal"}
    assert set(ed.editors) == {"mean", "std"} and ed.editors["std"].box.value() == 1.0
    box = ed.editors["std"].box.lineEdit()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    box.selectAll()
    qtbot.keyClicks(box, "3")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert graph.nodes["fc1"].extra["init"] == {"scheme": "normal", "std": 3.0}
    # the network built from the seed now starts from normal(0, 3) weights in fc1
    weights = compile_graph(graph, seed=0).fc1.weight
    assert weights.std().item() > 1.5
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert graph.nodes["fc1"].extra["init"] == {"scheme": "normal"}
    assert w.inspector.node_page.init_editor.editors["std"].box.value() == 1.0
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "init" not in graph.nodes["fc1"].extra
    assert w.inspector.node_page.init_editor.scheme.currentData() == "default"
    assert not w.isWindowModified()


def test_activation_layers_have_no_init_choice(main_window):
    page = _select(main_window, "t1")
    assert not page.init_editor.isVisibleTo(page) and not page.init_title.isVisibleTo(page)
    page = _select(main_window, "out")
    assert page.init_editor.isVisibleTo(page)
