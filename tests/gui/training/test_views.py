"""What the canvas and the views show is what PyTorch computed; errors and devices."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from visualnn.core.train.config import available_devices
from visualnn.gui.panels.training_panel import device_enabled, device_model

from visualnn.core.compile import compile_graph, load_state

from .conftest import WAIT_MS, dataset_of, paused, weights


def _lists(tensors: dict) -> dict:
    out: dict = {}
    for key, t in tensors.items():
        nid, name = key.split(".", 1)
        out.setdefault(nid, {})[name] = t.tolist()
    return out


def test_canvas_shows_the_activations_pytorch_computes_for_the_shown_sample(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    panel = ui.panel
    panel.sample.setValue(7)
    qtbot.keyClick(panel.sample, Qt.Key.Key_Return)
    qtbot.mouseClick(panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step == 1 and paused(ctl) and ctl.current.step == 1
                    and ctl.current.sample == 7, timeout=WAIT_MS)
    project = w.document.project
    model = compile_graph(project.graph, seed=0)
    load_state(model, {nid: params for nid, params in _lists(weights(ctl, qtbot)).items()})
    x = torch.from_numpy(dataset_of(project).x_train[7:8])
    model.eval()
    with torch.no_grad():
        values = model.forward_all(x)
    model.train()
    columns = ui.canvas_live.columns
    assert set(columns) == {"x", "fc1", "t1", "out"}
    for nid, col in columns.items():
        want = values[nid].numpy().reshape(-1)[: col.shown]
        np.testing.assert_allclose(col.values[: len(want)], want, rtol=1e-5, atol=1e-6)
    # the card shows the columns under it, and the weights are the lines between them
    assert w.canvas.canvas_scene.node_item("fc1").overlay() is columns["fc1"]
    assert ui.canvas_live.edges.lines > 0


def test_huge_learning_rate_pauses_with_the_layer_named(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    edit = ui.panel.lr.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "1e38")  # the weights overflow within a few steps
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.problem is not None and paused(ctl), timeout=WAIT_MS)
    problem = ctl.problem
    assert problem.node in w.document.graph.nodes
    assert f"node {problem.node}" in problem.message
    assert "learning rate" in problem.hint
    assert ui.banner.isVisible()
    assert problem.node in ui.banner.text() and "What to try" in ui.banner.text()
    assert w.canvas.canvas_scene.node_item(problem.node).highlight_state() == "error"
    assert ctl.state == "paused" and ui.actions["play"].text() == "Play"


def test_device_choices_without_a_gpu_are_greyed_with_the_reason():
    combo = QComboBox()
    device_model(combo, {"cpu": None, "cuda": "no CUDA GPU found (this PyTorch is a CPU build)",
                         "mps": "Apple MPS is not available on this machine"})
    assert device_enabled(combo, "cpu") and device_enabled(combo, "auto")
    assert not device_enabled(combo, "cuda") and not device_enabled(combo, "mps")
    item = combo.model().item(combo.findData("cuda"))
    assert item.toolTip() == "no CUDA GPU found (this PyTorch is a CPU build)"
    assert "cpu" in combo.itemData(combo.findData("auto"), Qt.ItemDataRole.ToolTipRole)
    device_model(combo, {"cpu": None, "cuda": None, "mps": "no"})
    assert device_enabled(combo, "cuda")
    assert "cuda" in combo.itemData(combo.findData("auto"), Qt.ItemDataRole.ToolTipRole)


def test_the_panel_greys_the_devices_this_machine_lacks(train_window):
    panel = train_window.training.panel
    for name, reason in available_devices().items():
        assert device_enabled(panel.device, name) == (reason is None)
        if reason is not None:
            assert panel.device.model().item(panel.device.findData(name)).toolTip() == reason


def test_a_missing_device_is_reported_not_crashed(train_window, qtbot):
    w = train_window
    ctl = w.training.controller
    missing = next((d for d, why in available_devices().items() if why is not None), None)
    if missing is None:  # every device present: pick an unknown one the same way
        missing = "mps"
    train = dict(w.document.project.train, device=missing)
    from visualnn.gui.commands import ChangeTrain
    w.document.undo_stack.push(ChangeTrain(w.document, train))
    if available_devices().get(missing) is None:
        return
    qtbot.mouseClick(w.training.panel.buttons["reset"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.problem is not None, timeout=WAIT_MS)
    assert missing in ctl.problem.message
    assert w.training.banner.isVisible()


def test_timeline_slider_redraws_an_older_frame(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    for i in range(3):
        qtbot.mouseClick(ui.panel.buttons["step"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ctl.current is not None and ctl.current.step == i + 1 and paused(ctl),
                        timeout=WAIT_MS)
    assert [f.step for f in ctl.timeline.frames] == [0, 1, 2, 3]
    bar = ui.views.timeline
    bar._apply_range()
    assert bar.slider.maximum() == 3
    bar.slider.setValue(1)
    assert ctl.current.step == 1 and not ctl.following
    old = ctl.timeline[1]
    col = ui.canvas_live.columns["t1"]
    np.testing.assert_allclose(col.values, old.probe.activations["t1"].reshape(-1))
    assert "step 1" in bar.label.text()
    views = ui.views.ensure_views()
    assert views["curves"].upto == 1
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)
    assert ctl.following and ctl.current.step == 3


def _scene_to_viewport(view, point):
    return view.mapFromScene(point)


def test_clicking_a_neuron_and_a_weight_shows_their_values(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    qtbot.mouseClick(ui.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.current is not None and ctl.current.step == 1 and paused(ctl), timeout=WAIT_MS)
    view = w.canvas
    view.centerOn(w.canvas.canvas_scene.node_item("t1"))
    col = ui.canvas_live.columns["t1"]
    center = col.mapToScene(col.neuron_rect(2).center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(center))
    assert w.statusBar().currentMessage().startswith("t1 neuron 2: activation ")
    assert f"{col.values[2]:.4g}" in w.statusBar().currentMessage()
    # a point a quarter along the line from t1 neuron 0 to out neuron 1 (the weight out[1, 0])
    src, dst = ui.canvas_live.columns["t1"], ui.canvas_live.columns["out"]
    a = src.scene_anchors()[1][0]
    b = dst.scene_anchors()[0][1]
    x, y = a[0] + (b[0] - a[0]) / 4, a[1] + (b[1] - a[1]) / 4
    view.centerOn(x, y)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(x, y))
    text = w.statusBar().currentMessage()
    weight = ctl.current.params["out"]["weight"][1, 0]
    assert text.startswith("out.weight[1, 0] = ") and f"{weight:.4g}" in text and "gradient" in text


def test_batch_mean_colours_the_neurons_by_the_batch(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    qtbot.mouseClick(ui.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.current is not None and ctl.current.step == 1 and paused(ctl), timeout=WAIT_MS)
    spin = ui.panel.sample
    spin.setValue(spin.minimum())
    assert spin.text() == "batch mean"
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    rows = ctl.current.snapshot.activations["t1"]
    np.testing.assert_allclose(ui.canvas_live.columns["t1"].values, rows.mean(axis=0), rtol=1e-5, atol=1e-6)


def test_opening_another_project_while_training_restarts_cleanly(train_window, qtbot):
    from tests.gui.main_helpers import spiral_project

    w = train_window
    ctl = w.training.controller
    ctl.play()
    qtbot.waitUntil(lambda: ctl.step > 0, timeout=WAIT_MS)
    old = ctl.worker
    other = spiral_project()
    other.graph.set_param("fc1", "out_features", 5)
    w.document.set_project(other)
    assert old.isFinished()
    qtbot.waitUntil(lambda: ctl.session is not None and ctl.session.shapes["fc1"] == (5,), timeout=WAIT_MS)
    assert ctl.worker is not old and ctl.state != "running" and ctl.step == 0
    qtbot.waitUntil(lambda: "fc1" in w.training.canvas_live.columns
                    and w.training.canvas_live.columns["fc1"].units == 5, timeout=WAIT_MS)


def _relu_window(qtbot, tmp_path, bias: float):
    """x [2] -> fc1 Linear 8 -> act1 ReLU -> out Linear 2 on the spiral, fc1's weights
    zero and its bias `bias` (negative: every ReLU unit is silent for every input)."""
    from visualnn.core.graph import Graph
    from visualnn.core.io import Project

    g = Graph()
    for i, (typ, nid, params) in enumerate((("Input", "x", {"shape": [2]}), ("Linear", "fc1", {"out_features": 8}),
                                            ("ReLU", "act1", {}), ("Linear", "out", {"out_features": 2}))):
        g.add_node(typ, nid, params, (260.0 * i, 0.0))
    for a, b in (("x", "fc1"), ("fc1", "act1"), ("act1", "out")):
        g.connect(a, b)
    project = Project(graph=g, name="ReLU", data={"kind": "builtin", "name": "spiral", "params": {"samples": 200}},
                      train={"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.1, "batch_size": 10, "epochs": 0,
                             "seed": 0, "test_fraction": 0.2},
                      state={"fc1": {"weight": [[0.0, 0.0]] * 8, "bias": [bias] * 8}})
    return _window_on(qtbot, project, tmp_path / "relu.vnn")


def _window_on(qtbot, project, path):
    """The main window on `project`, saved at `path` first (closed without the save prompt)."""
    from visualnn.core.io import load_project, save_project
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    make_app()
    w = MainWindow(Document(load_project(save_project(project, path))))
    qtbot.addWidget(w, before_close_func=lambda win: win.document.mark_saved())
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def _view_after_one_step(w, qtbot, key: str):
    """Click Step once, then bring the live view `key` to the front; returns the view."""
    ui, ctl = w.training, w.training.controller
    ctl.ensure_started()
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=WAIT_MS)
    qtbot.mouseClick(ui.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.current is not None and ctl.current.step == 1 and paused(ctl), timeout=WAIT_MS)
    ui.views_dock.show()
    ui.views.show_view(key)
    view = ui.views.ensure_views()[key]
    qtbot.waitUntil(lambda: view.isVisible(), timeout=WAIT_MS)
    return view


def _grads_after_one_step(w, qtbot) -> str:
    view = _view_after_one_step(w, qtbot, "grads")
    view.throttle.now()
    return view.warnings.text()


def test_dead_relus_are_counted_and_the_gradient_they_stop_is_flagged(qtbot, tmp_path):
    text = _grads_after_one_step(_relu_window(qtbot, tmp_path, bias=-1.0), qtbot)
    # every unit's input is -1 for every sample: all 8 dead, and no gradient reaches fc1
    assert "☠ act1: 8 of 8 ReLU units dead (zero for each of the 160 samples checked)" in text
    assert "⚠ fc1: gradient norm 0 < 1e-6 (vanishing)" in text
    assert "out:" not in text  # the last layer still learns


def test_a_healthy_relu_network_says_so(qtbot, tmp_path):
    text = _grads_after_one_step(_relu_window(qtbot, tmp_path, bias=1.0), qtbot)
    # every unit's input is +1: all alive, gradients flow
    assert text.splitlines() == ["✓ every layer's gradient norm is between 1e-6 and 1e3",
                                 "✓ no dead ReLU units (8 in act1, 160 samples checked)"]


def test_the_backward_pulse_draws_each_weights_gradient_on_its_line(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    live = ui.canvas_live
    edges = live.edges
    qtbot.mouseClick(ui.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.current is not None and ctl.current.step == 1 and paused(ctl), timeout=WAIT_MS)
    # the pulse after a step runs forward, then back: out's lines glow, then fc1's, then none
    qtbot.waitUntil(lambda: "out" in edges.glow, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "fc1" in edges.glow, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not edges.glow and not edges.grad_picture.layers, timeout=WAIT_MS)
    # order x, fc1, t1, out: the front is between t1 and out (5/6 of the way) at phase 7/12
    live.apply_pulse(7 / 12)
    assert edges.glow == {"out": 1.0}
    g = np.abs(ctl.current.snapshot.param_grads["out"]["weight"])
    assert edges.grad_lines == {"out": int((g > 0.2 * g.max()).sum())} and edges.grad_lines["out"] > 0
    widths = [pen.widthF() for _, pen in edges.grad_picture.layers]
    assert widths == sorted(widths) and widths[-1] == 3.5  # the largest gradients drawn widest
    live.apply_pulse(0.3)  # the forward half shows no gradients
    assert edges.glow == {} and edges.grad_picture.layers == []


def test_weight_histograms_take_every_weight_of_a_recurrent_layer(qtbot, tmp_path):
    from visualnn.core.io import load_project
    from visualnn.examples import example_path

    project = load_project(example_path("sine_lstm.vnn"))
    project.train["epochs"] = 0
    w = _window_on(qtbot, project, tmp_path / "lstm.vnn")
    ui, ctl = w.training, w.training.controller
    view = _view_after_one_step(w, qtbot, "weights")
    boundary_pane, curves_pane, _ = ui.views.tabs
    # no 2-D points, no images: the first pane shows the sequence's forecast alone
    assert boundary_pane.currentWidget() is ui.views.views["sequence"] and curves_pane.isVisible()
    assert not boundary_pane.isTabVisible(boundary_pane.indexOf(ui.views.views["boundary"]))
    view.layer.setCurrentText("lstm")
    params = ctl.current.params["lstm"]
    both = np.concatenate([params["weight_ih_l0"].ravel(), params["weight_hh_l0"].ravel()])
    assert both.size == 4 * 16 * 1 + 4 * 16 * 16  # the four gates' input and recurrent weights
    assert view.info.text().startswith(f"{both.size:,} weights")
    _, counts = view.hist_item.getData()
    assert counts.sum() == both.size
    quantiles = ctl.current.stats.weight_q["lstm"]
    assert quantiles[0] == both.min() and quantiles[-1] == both.max()
    assert abs(quantiles[3] - np.median(both)) < 1e-6


def test_a_pane_shows_the_views_that_apply_to_the_data(train_window, qtbot):
    ui = train_window.training
    ui.views_dock.show()
    views = ui.views.ensure_views()
    qtbot.waitUntil(lambda: views["boundary"].isVisible(), timeout=WAIT_MS)
    boundary_pane = ui.views.tabs[0]
    assert boundary_pane.currentWidget() is views["boundary"]
    assert not boundary_pane.isTabVisible(boundary_pane.indexOf(views["samples"]))  # points, not images


def test_an_edit_that_breaks_the_network_while_training_pauses_and_names_the_layer(train_window, qtbot):
    from visualnn.gui.commands import Disconnect, set_param

    w = train_window
    ui, ctl, doc = w.training, w.training.controller, w.document
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step > 5, timeout=WAIT_MS)
    doc.undo_stack.push(Disconnect(doc, "t1", "out"))  # 'out' has no input now
    qtbot.waitUntil(lambda: ctl.problem is not None and paused(ctl) and ctl.state == "paused", timeout=WAIT_MS)
    assert ctl.problem.message.startswith("the network has a problem")
    assert ctl.problem.node is not None and ctl.problem.node in ctl.problem.message
    assert ui.banner.isVisible() and "Fix the layer" in ui.banner.text()
    assert w.canvas.canvas_scene.node_item(ctl.problem.node).highlight_state() == "error"
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)  # Play cannot start it: still said
    qtbot.waitUntil(lambda: paused(ctl), timeout=WAIT_MS)
    assert ctl.problem is not None and ctl.state != "running"
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: whole again
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.problem is None and ctl.state == "running" and ctl.step > 5, timeout=WAIT_MS)
    ctl.pause()
    qtbot.waitUntil(lambda: paused(ctl), timeout=WAIT_MS)
    # a shape the data cannot feed (the graph alone is fine): the training process names the Input
    doc.undo_stack.push(set_param(doc, "x", "shape", [3]))
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.problem is not None, timeout=WAIT_MS)
    assert ctl.problem.node == "x" and "[3]" in ctl.problem.message and ctl.problem.hint == "Set the Input shape to [2]."
    assert ui.banner.isVisible() and "Set the Input shape to [2]" in ui.banner.text()
    assert w.canvas.canvas_scene.node_item("x").highlight_state() == "error"
    assert ctl.state == "failed" and ctl.worker.isRunning()  # no network to train, but the worker lives on
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: trains again
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.problem is None and ctl.state == "running" and ctl.step > 5, timeout=WAIT_MS)
    assert not ui.banner.isVisible()


def test_a_data_set_that_cannot_load_is_said_and_the_next_good_one_trains_without_it(train_window, qtbot):
    from visualnn.gui.commands import ChangeData

    w = train_window
    ui, ctl, doc = w.training, w.training.controller, w.document
    for bad, said in (({"kind": "images", "path": str(w.document.project.path.parent / "no_such_folder")},
                       "image folder not found"),
                      ({"kind": "builtin", "name": "spiral", "params": {"samples": 3}}, "samples must be between")):
        doc.undo_stack.push(ChangeData(doc, bad))
        qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ctl.problem is not None, timeout=WAIT_MS)
        assert said in ctl.problem.message and ctl.state == "failed"
        assert ctl.problem.hint.startswith("Fix the data set in the Data panel")
        assert ui.banner.isVisible() and said in ui.banner.text()
    # another data set (not an undo): Play builds it and trains; no stale message comes back
    doc.undo_stack.push(ChangeData(doc, {"kind": "builtin", "name": "xor", "params": {"samples": 200}}))
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.state == "running" and ctl.step > 30, timeout=WAIT_MS)
    assert ctl.problem is None and not ui.banner.isVisible()


def test_before_training_the_panes_show_what_the_data_set_will_use(qtbot, tmp_path):
    from visualnn.core.io import load_project
    from visualnn.examples import example_path

    w = _window_on(qtbot, load_project(example_path("digits_cnn.vnn")), tmp_path / "cnn.vnn")
    ui, ctl = w.training, w.training.controller
    ui._preload.stop()  # no training process yet: the Data panel's set decides
    views = ui.views.ensure_views()
    qtbot.waitUntil(lambda: w.dataset_panel.dataset is not None, timeout=WAIT_MS)
    ui.views.preview_data(w.dataset_panel.dataset)
    assert ctl.session is None
    first, _, third = ui.views.tabs
    assert first.isVisibleTo(ui.views) and first.currentWidget() is views["samples"]
    assert not first.isTabVisible(first.indexOf(views["boundary"]))  # images, not 2-D points
    assert third.isTabVisible(third.indexOf(views["confusion"]))  # ten classes
