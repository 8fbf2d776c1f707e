"""Every layer type has its stages in the panel; big layers let the user pick the neuron
or pixel to write out; a long trace runs in a thread with Cancel; a project that cannot be
traced says why."""

from __future__ import annotations

import json
from PySide6.QtCore import Qt

from tests.gui.stepthrough.helpers import enter_step_mode, equation_text, open_example


def _walk(mode) -> set:
    """Visit every stage; returns the layer types met. No stage may fail to render."""
    s = mode.session
    types = {e["node"]: e["type"] for e in s.trace["forward"]}
    seen = set()
    for i in range(len(s.stages)):
        s.go(i)
        text = equation_text(mode)
        assert s.stage.title.split(":")[0] in text
        assert "cannot be traced" not in text
        if s.stage.node in types:
            seen.add(types[s.stage.node])
    return seen


def test_cnn_stages_and_picking_a_pixel(qtbot, tmp_path):
    window = open_example(qtbot, tmp_path, "batchnorm_cnn.vnn")
    mode = enter_step_mode(qtbot, window)
    assert {"Conv2d", "BatchNorm2d", "MaxPool2d", "Dropout", "Flatten", "Linear", "ReLU"} <= _walk(mode)
    s, controls = mode.session, mode.panel.controls
    conv = next(e["node"] for e in s.trace["forward"] if e["type"] == "Conv2d")
    s.go(next(i for i, st in enumerate(s.stages) if st.kind == "forward" and st.node == conv))
    assert controls.pick_row.isVisible() and len(controls.pick_spins) == 3
    assert [sp.minimum() for sp in controls.pick_spins] == [0, 0, 0]  # counted from 0, as the formula counts
    controls.pick_spins[1].setValue(0)       # row 0: the receptive field reaches the padding
    controls.pick_spins[2].setValue(2)
    assert s.focus[conv][1:] == (0, 2)
    text = equation_text(mode)
    assert "Written out: output pixel [0, 0, 2]" in text and "receptive field: rows -1..1" in text
    assert "values of padding" in text
    pixel = next(p for p in mode.panel.equations._images.values())
    assert pixel.width() > 0
    html = mode.panel.equations.toHtml()  # every picture drawn once, each one there to draw
    sources = [src for src in __import__("re").findall(r'<img src="pic:([^"]+)"', html)]
    assert sources and len(sources) == len(set(sources))
    assert all(src in mode.panel.equations._images for src in sources)
    # pooling: the winners; dropout: the mask
    for kind in ("MaxPool2d", "Dropout"):
        node = next(e["node"] for e in s.trace["forward"] if e["type"] == kind)
        s.go(next(i for i, st in enumerate(s.stages) if st.kind == "forward" and st.node == node))
        assert ("winner" if kind == "MaxPool2d" else "mask") in equation_text(mode)
    window.document.mark_saved()


def test_sequence_layers(qtbot, tmp_path):
    seen = set()
    for name in ("sentiment_gru.vnn", "sine_lstm.vnn", "attention_sequence.vnn", "branches_concat.vnn"):
        window = open_example(qtbot, tmp_path, name)
        mode = enter_step_mode(qtbot, window)
        seen |= _walk(mode)
        if name == "sine_lstm.vnn":
            s = mode.session
            s.go(next(i for i, st in enumerate(s.stages) if st.kind == "forward" and st.node in
                      [e["node"] for e in s.trace["forward"] if e["type"] == "LSTM"]))
            text = equation_text(mode)
            assert "c_t" in text or "c<sub>t" in text or "tanh(c" in text
            assert any("gate" in p for p in _captions(mode))
        window.document.mark_saved()
        window.close()
    assert {"Embedding", "GRU", "LSTM", "SelfAttention", "Add", "LayerNorm", "Concat"} <= seen


def _captions(mode):
    from visualnn.gui.stepthrough.pictures import stage_pictures

    s = mode.session
    return [p.caption for p in stage_pictures(s.trace, s.stage, s.focus)]


def _write(tmp_path, nodes, edges, data, train, name="net.vnn"):
    doc = {"format": "visualnn", "version": 1, "name": name, "nodes": nodes,
           "edges": [{"from": a, "to": b} for a, b in edges], "data": data, "train": train}
    (tmp_path / name).write_text(json.dumps(doc), encoding="utf-8")
    return name


def test_other_layer_types_and_a_big_linear(qtbot, tmp_path):
    """Softmax with cross-entropy (p - y), GELU, LeakyReLU, AvgPool2d, Reshape, BatchNorm1d,
    Identity, Adam on a mini-batch; and a Linear of 12 outputs whose neuron is picked on the canvas."""
    nodes = [{"id": "x", "type": "Input", "params": {"shape": [16]}},
             {"id": "r", "type": "Reshape", "params": {"shape": [1, 4, 4]}},
             {"id": "ap", "type": "AvgPool2d", "params": {"kernel_size": 2}},
             {"id": "fl", "type": "Flatten"},
             {"id": "fc", "type": "Linear", "params": {"out_features": 12}},
             {"id": "bn", "type": "BatchNorm1d"},
             {"id": "g", "type": "GELU"},
             {"id": "lr", "type": "LeakyReLU"},
             {"id": "idn", "type": "Identity"},
             {"id": "out", "type": "Linear", "params": {"out_features": 3}},
             {"id": "sm", "type": "Softmax"}]
    edges = [(a["id"], b["id"]) for a, b in zip(nodes, nodes[1:])]
    rows = [[((i * 7 + k * 3) % 11) / 10 for k in range(16)] for i in range(6)]
    name = _write(tmp_path, nodes, edges, {"kind": "table", "inputs": rows, "targets": [[i % 3] for i in range(6)]},
                  {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.01, "seed": 1, "test_fraction": 0.0})
    window = _open(qtbot, tmp_path, name)
    mode = enter_step_mode(qtbot, window)
    s, controls = mode.session, mode.panel.controls
    assert s.trace is None and "BatchNorm" in s.error     # one sample cannot be batch-normalised
    assert "cannot be traced" in equation_text(mode)
    controls.batch_spin.setValue(4)
    assert s.trace is not None and s.trace["batch"] == 4 and s.error is None
    assert {"Reshape", "AvgPool2d", "Flatten", "Linear", "BatchNorm1d", "GELU", "LeakyReLU", "Identity",
            "Softmax"} <= _walk(mode)
    assert "samples 0-3" in controls.sample_info.text()
    s.go(next(i for i, st in enumerate(s.stages) if st.kind == "loss"))
    assert "p - y" in equation_text(mode)
    s.go(next(i for i, st in enumerate(s.stages) if st.kind == "update" and st.node == "fc"))
    assert "ĥ" in equation_text(mode) or "hat" in equation_text(mode)          # Adam's bias correction

    # the 12-neuron Linear is one stage: pick neuron 10 on the canvas, it is written out
    s.go(next(i for i, st in enumerate(s.stages) if st.kind == "forward" and st.node == "fc"))
    col = mode.link.columns["fc"]
    assert None in col.rows                   # some neurons summarised as '... more'
    col.picked.emit(9)
    assert s.focus["fc"] == (9,)
    assert "Written out: neuron 10 of 12 (first sample of the batch)" in equation_text(mode)
    assert controls.pick_row.isVisible() and controls.pick_spins[0].value() == 10
    assert 9 in col.rows and col.focus == 9
    controls.pick_spins[0].setValue(3)
    assert "Written out: neuron 3 of 12" in equation_text(mode)
    window.document.mark_saved()


def _open(qtbot, tmp_path, name):
    from visualnn.core.io import load_project
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow
    from PySide6.QtWidgets import QApplication

    make_app()
    window = MainWindow(Document(load_project(tmp_path / name)))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_threaded_trace_with_progress_and_cancel(qtbot, lesson):
    mode = enter_step_mode(qtbot, lesson)
    s, controls = mode.session, mode.panel.controls
    s.threshold = 0                          # even the lesson counts as big: the trace runs in a thread
    with qtbot.waitSignal(s.traceChanged, timeout=20000):
        s.recompute()
        assert s.busy and controls.busy_row.isVisible()
    assert not s.busy and not controls.busy_row.isVisible() and "0.3775" in equation_text(mode)

    # Cancel: the computation is abandoned at once, the shown trace stays
    old = s.trace
    s.recompute()
    assert s.busy
    qtbot.mouseClick(controls.cancel_btn, Qt.MouseButton.LeftButton)
    assert not s.busy and not controls.busy_row.isVisible() and s.trace is old
    s.wait_for_threads()
    qtbot.waitUntil(lambda: not s._threads, timeout=20000)
    assert s.trace is old                    # the abandoned result was dropped


def test_a_project_that_cannot_be_traced_says_why(qtbot, lesson):
    mode = enter_step_mode(qtbot, lesson)
    doc = lesson.document
    from visualnn.gui.commands import ChangeData

    data = dict(doc.project.data)
    data["targets"] = [[0.01, 0.99, 0.5]]     # three targets for two outputs
    doc.undo_stack.push(ChangeData(doc, data))
    text = equation_text(mode)
    assert "cannot be traced" in text and "target" in text
    assert mode.session.stages == [] and not mode.panel.grad_btn.isEnabled()
    assert "color:#c62828" in mode.panel.controls.sample_info.text()
    doc.undo_stack.undo()
    assert "0.3775" in equation_text(mode) and mode.panel.grad_btn.isEnabled()
