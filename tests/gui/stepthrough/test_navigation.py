"""Step-through mode on the 2-2-2 lesson, driven by the keyboard: the highlighted layer,
the neuron and the equation text follow the stages, with the hand-known numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.stepthrough.helpers import enter_step_mode, equation_text, press



def test_right_and_left_walk_the_stages(qtbot, lesson, tmp_path):
    window = lesson
    mode = enter_step_mode(qtbot, window)
    s, scene = mode.session, window.canvas.canvas_scene
    canvas = window.canvas
    canvas.setFocus()
    assert mode.dock.isVisible()
    assert [st.kind for st in s.stages].count("forward") == 6

    # stage 1: the first hidden neuron, z = 0.15*0.05 + 0.20*0.10 + 0.35 = 0.3775, a = 0.5933
    assert s.index == 0
    text = equation_text(mode)
    assert "0.3775" in text and "0.5933" in text and "0.15·0.05" in text
    assert scene.nodes["net_h"].highlight_state() == "forward"
    assert scene.nodes["out_o"].highlight_state() == "dim"
    assert mode.link.columns["net_h"].current == 0
    assert scene.edges[("i", "net_h")]._highlight == "forward"      # the edge into the stage's layer
    assert scene.edges[("net_o", "out_o")]._highlight == "dim"

    press(qtbot, canvas, Qt.Key.Key_Right)
    assert s.index == 1 and s.stage.neuron == (1,)
    assert "0.3925" in equation_text(mode) and "0.5969" in equation_text(mode)
    assert mode.link.columns["net_h"].current == 1

    # on to the loss: E_total = 0.2984
    while s.stage.kind != "loss":
        press(qtbot, canvas, Qt.Key.Key_Right)
    assert "0.2984" in equation_text(mode)
    assert scene.nodes["out_o"].highlight_state() == "current"

    # backward: the output delta, then dE/dw5 = 0.08217
    press(qtbot, canvas, Qt.Key.Key_Right)
    assert s.stage.kind == "backward" and scene.nodes["out_o"].highlight_state() == "backward"
    press(qtbot, canvas, Qt.Key.Key_Right)
    assert s.stage.node == "net_o" and "0.08217" in equation_text(mode)
    assert scene.nodes["out_o"].highlight_state() == "done"
    assert mode.link.columns["net_o"].title.startswith("δ")

    # End: the last update, w5 new = 0.3589
    press(qtbot, canvas, Qt.Key.Key_End)
    assert s.index == len(s.stages) - 1 and s.stage.kind == "update" and s.stage.node == "net_o"
    assert "0.3589" in equation_text(mode)
    assert scene.nodes["net_o"].highlight_state() == "current"

    # Left goes back one stage, Home to the start
    press(qtbot, canvas, Qt.Key.Key_Left)
    assert s.index == len(s.stages) - 2 and s.stage.node == "net_h"
    assert "0.1498" in equation_text(mode)     # w1: 0.15 - 0.5 * 0.0004386
    press(qtbot, canvas, Qt.Key.Key_Home)
    assert s.index == 0 and "0.3775" in equation_text(mode)


def test_buttons_picker_and_play(qtbot, lesson, tmp_path):
    window = lesson
    mode = enter_step_mode(qtbot, window)
    s, controls = mode.session, mode.panel.controls
    assert not controls.back_btn.isEnabled()
    qtbot.mouseClick(controls.next_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(controls.next_btn, Qt.MouseButton.LeftButton)
    assert s.index == 2 and controls.position.text() == f"3 / {len(s.stages)}"
    qtbot.mouseClick(controls.back_btn, Qt.MouseButton.LeftButton)
    assert s.index == 1
    loss = next(i for i, st in enumerate(s.stages) if st.kind == "loss")
    controls.stage_box.setCurrentIndex(loss)
    controls.stage_box.activated.emit(loss)
    assert s.stage.kind == "loss"

    # Play advances on its own (the interval shortened for the test) and stops at the end
    s._play.setInterval(5)
    qtbot.mouseClick(controls.play_btn, Qt.MouseButton.LeftButton)
    assert s.playing
    qtbot.waitUntil(lambda: not s.playing, timeout=5000)
    assert s.index == len(s.stages) - 1


def test_digits_change_the_formatting(qtbot, lesson, tmp_path):
    window = lesson
    mode = enter_step_mode(qtbot, window)
    spin = mode.panel.controls.digits_spin
    assert spin.value() == 4 and "0.5933" in equation_text(mode)
    spin.setValue(8)  # significant digits: a = 0.593269992...
    assert "0.59326999" in equation_text(mode) and "= 0.5933" not in equation_text(mode)
    assert mode.link.columns["out_h"].labels[0] == "0.59326999"
    spin.setValue(2)
    assert "0.59" in equation_text(mode) and "0.5933" not in equation_text(mode)
    spin.setValue(9)
    assert "0.593269992" in equation_text(mode)


def test_leaving_the_mode_restores_the_canvas(qtbot, lesson, tmp_path):
    window = lesson
    scene = window.canvas.canvas_scene
    palette_visible = window.docks["palette"].isVisible()
    others = {name: d.isVisible() for name, d in window.docks.items() if name != "stepthrough"}
    mode = enter_step_mode(qtbot, window)
    assert scene.nodes["net_h"].overlay() is not None
    assert not window.docks["palette"].isVisible()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.mode == "edit" and not mode.active and not mode.dock.isVisible()
    assert all(item.highlight_state() is None for item in scene.nodes.values())
    assert all(item.overlay() is None for item in scene.nodes.values())
    assert window.docks["palette"].isVisible() == palette_visible
    assert {name: window.docks[name].isVisible() for name in others} == others   # the training views too
    # out of the mode the arrows move cards again instead of stepping
    scene.select_ids(["net_h"])
    x = scene.nodes["net_h"].pos().x()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    assert mode.session.index == 0
    assert window.document.graph.nodes["net_h"].pos[0] == x + 10


def test_clicking_a_neuron_picks_it(qtbot, lesson, tmp_path):
    window = lesson
    mode = enter_step_mode(qtbot, window)
    s, view = mode.session, window.canvas
    col = mode.link.columns["net_o"]
    centre = col.mapToScene(col.neuron_center(1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(centre))
    assert s.focus["net_o"] == (1,)
    assert s.stage.node == "net_o" and s.stage.neuron == (1,) and s.stage.kind == "forward"
    assert "1.225" in equation_text(mode)
    editor = mode.panel.editor
    assert editor.target.currentData() == ("net_o", "bias")
    assert editor.table.currentColumn() == 1

    # a click on a weight's number on the canvas shows that weight in the editor
    s.go(next(i for i, st in enumerate(s.stages) if st.kind == "forward" and st.node == "net_o" and st.neuron == (1,)))
    lines = mode.link.lines
    label = lines._labels[1]                       # w_22: from hidden neuron 2 into output neuron 2
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(label.center()))
    assert editor.target.currentData() == ("net_o", "weight")
    assert (editor.table.currentRow(), editor.table.currentColumn()) == (1, 1)
    assert editor.table.currentItem().text() == "0.55"


def test_edits_and_another_project_while_stepping(qtbot, lesson):
    from visualnn.core.io import load_project
    from visualnn.examples import example_path
    from visualnn.gui.commands import RemoveNodes

    window = lesson
    mode = enter_step_mode(qtbot, window)
    s, doc = mode.session, window.document
    # deleting the last layer: the trace follows the new network (net_o is now the output)
    doc.undo_stack.push(RemoveNodes(doc, ["out_o"]))
    qtbot.waitUntil(lambda: "out_o" not in [e["node"] for e in s.trace["forward"]], timeout=10000)
    assert "out_o" not in mode.link.columns
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: "out_o" in [e["node"] for e in s.trace["forward"]], timeout=10000)
    s.go(next(i for i, st in enumerate(s.stages) if st.kind == "loss"))
    assert "0.2984" in equation_text(mode)

    # another project opened while stepping: a fresh lesson on it
    other = load_project(example_path("xor_relu.vnn"))
    doc.set_project(other)
    qtbot.waitUntil(lambda: s.trace is not None and s.trace["output"] in other.graph.nodes, timeout=10000)
    assert s.index == 0 and mode.active
    assert set(mode.link.columns) <= set(other.graph.nodes)
    press(qtbot, window.canvas, Qt.Key.Key_Right)
    assert s.index == 1
