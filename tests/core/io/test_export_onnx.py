"""ONNX export: onnxruntime gives the PyTorch model's outputs (any batch size), the
model passes onnx.checker, and a layer the exporter refuses gets a message naming it."""

from __future__ import annotations

import sys

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from tests.core.io.export_helpers import coverage_graphs, example_input, example_paths, load, project_of
from visualnn.core.compile import compile_graph
from visualnn.core.graph.registry import REGISTRY
from visualnn.core.io.export_onnx import export_onnx
from visualnn.core.io.export_py import ExportError
from visualnn.core.train.config import TrainConfig


def check_runtime_equals_torch(project, path):
    """Export to `path` and compare onnxruntime with the compiled model in eval mode."""
    cfg = TrainConfig.from_dict(project.train)
    model = compile_graph(project.graph, project.state, seed=cfg.seed).eval()
    assert export_onnx(project, path) == path
    assert not list(path.parent.glob("*.data")), "the weights are inside the one .onnx file"
    onnx.checker.check_model(onnx.load(str(path)))
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (inp,), (out,) = session.get_inputs(), session.get_outputs()
    assert (inp.name, out.name) == (model.input_id, model.output_id)
    assert isinstance(inp.shape[0], str), "the batch axis is dynamic"
    for batch in (1, 5):  # neither is the traced batch size
        x = example_input(model, batch=batch, seed=batch)
        with torch.no_grad():
            want = model(x).numpy()
        (got,) = session.run(None, {inp.name: x.numpy()})
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, atol=2e-5, rtol=1e-4)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_runs_the_same_in_onnxruntime(path, tmp_path):
    project = load(path)
    try:
        check_runtime_equals_torch(project, tmp_path / "model.onnx")
    except ExportError as e:  # a layer the exporter cannot handle: named, and nothing written
        assert str(e).startswith("node ") and "ONNX exporter cannot handle" in str(e), str(e)
        assert not (tmp_path / "model.onnx").exists()


def test_every_layer_type_is_supported(tmp_path):
    """Layer types that no example uses are checked here (exporting is slow: examples
    already cover the others)."""
    covered = {node.type for path in example_paths() for node in load(path).graph.nodes.values()}
    for name, g in coverage_graphs().items():
        types = {node.type for node in g.nodes.values()}
        if not types <= covered:
            check_runtime_equals_torch(project_of(g), tmp_path / f"{name}.onnx")
            covered |= types
    assert covered >= set(REGISTRY)


def test_a_layer_the_exporter_refuses_is_named(tmp_path, monkeypatch):
    real_export = torch.onnx.export

    def refuse_recurrent(model, *args, **kwargs):
        if any(isinstance(m, torch.nn.RNNBase) for m in model.modules()):
            raise RuntimeError("Unsupported: aten::_thnn_fused_lstm_cell\nmore detail")
        return real_export(model, *args, **kwargs)

    monkeypatch.setattr(torch.onnx, "export", refuse_recurrent)
    g = coverage_graphs()["tokens"]
    with pytest.raises(ExportError) as err:
        export_onnx(project_of(g), tmp_path / "m.onnx")
    assert str(err.value) == ("node lstm1: the ONNX exporter cannot handle this LSTM layer "
                              "(Unsupported: aten::_thnn_fused_lstm_cell)")
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_missing_onnx_packages_say_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxscript", None)
    with pytest.raises(ExportError, match=r"needs the onnxscript package\(s\): pip install visualnn\[export\]"):
        export_onnx(project_of(coverage_graphs()["dense"]), tmp_path / "m.onnx")


def test_an_invalid_project_is_refused_naming_the_node(tmp_path):
    g = coverage_graphs()["conv"]
    g.nodes["conv2d0"].params["kernel_size"] = 20
    with pytest.raises(ExportError, match="node conv2d0: kernel 20x20 does not fit"):
        export_onnx(project_of(g), tmp_path / "m.onnx")
