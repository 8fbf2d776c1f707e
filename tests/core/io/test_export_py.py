"""PyTorch code export: the exported module equals the compiled one, weights travel in a
.pt loaded with weights_only, the data is rebuilt standalone, and the script trains on
one process and under torchrun (two CPU processes, gloo)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import numpy as np
import pytest
import torch

from tests.core.io.export_helpers import (
    all_float_layers, coverage_graphs, example_input, example_paths, load, load_exported, project_of,
)
from visualnn.core.compile import compile_graph, state_to_lists
from visualnn.core.data import load_dataset
from visualnn.core.io.export_py import ExportError, export_python, import_state_dict
from visualnn.core.train.config import TrainConfig
from visualnn.core.train.targets import data_task


def imports_of(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    return names


def check_equal_to_compiled(project, tmp_path):
    """Export, import the file, build: same state dict keys and values, same outputs."""
    out = tmp_path / "model.py"
    written = export_python(project, out)
    assert written[0] == out
    assert imports_of(out) <= {"argparse", "os", "pathlib", "numpy", "torch", "sklearn", "csv"}
    mod = load_exported(out)
    cfg = TrainConfig.from_dict(project.train)
    compiled = compile_graph(project.graph, project.state, seed=cfg.seed).eval()
    built = mod.build_model().eval()
    own, theirs = compiled.state_dict(), built.state_dict()
    assert list(theirs) == list(own)
    for key in own:
        assert torch.equal(theirs[key], own[key]), key
    x = example_input(compiled)
    with torch.no_grad():
        want, got = compiled(x), built(x)
    assert got.shape == want.shape
    torch.testing.assert_close(got, want, atol=1e-6, rtol=0)
    # weights load into either: the compiled module takes the exported one's state dict
    compiled.load_state_dict(built.state_dict())
    return mod, written


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_exports_to_an_equal_module(path, tmp_path):
    project = load(path)
    mod, written = check_equal_to_compiled(project, tmp_path)
    pt = tmp_path / "model.pt"
    assert (pt in written) == bool(project.state)
    if project.state:
        saved = torch.load(pt, weights_only=True)
        assert saved.keys() == mod.build_model().state_dict().keys()


@pytest.mark.parametrize("name", sorted(coverage_graphs()) + ["all_float_layers"])
def test_every_layer_type_exports_to_an_equal_module(name, tmp_path):
    g = all_float_layers() if name == "all_float_layers" else coverage_graphs()[name]
    check_equal_to_compiled(project_of(g), tmp_path)


def test_state_goes_to_a_pt_file_loaded_with_weights_only(tmp_path):
    g = coverage_graphs()["skips"]
    state = state_to_lists(compile_graph(g, seed=11))
    project = project_of(g, state={k: v for k, v in state.items() if k != "out"})  # "out" from the seed
    mod, written = check_equal_to_compiled(project, tmp_path)
    assert written[:2] == [tmp_path / "model.py", tmp_path / "model.pt"]
    assert mod.WEIGHTS == tmp_path / "model.pt"
    text = (tmp_path / "model.py").read_text()
    assert "weights_only=True" in text
    # the skip connections are written as variables named after the node ids
    assert "add = self.add(a, x, self_)" in text and "cat = self.cat(b, x)" in text
    (tmp_path / "model.pt").unlink()
    with pytest.raises(FileNotFoundError, match="model.pt"):
        mod.build_model()


def test_without_state_the_model_starts_from_the_project_seed(tmp_path):
    g = coverage_graphs()["recurrent"]
    project = project_of(g, train={"loss": "mse", "seed": 5})
    mod, written = check_equal_to_compiled(project, tmp_path)
    assert written == [tmp_path / "model.py"] and mod.WEIGHTS is None
    other = mod.build_model(seed=6).state_dict()
    assert not torch.equal(other["lstm2.weight_hh_l0"], mod.build_model().state_dict()["lstm2.weight_hh_l0"])


def test_custom_layer_classes_are_written_only_when_used(tmp_path):
    export_python(project_of(coverage_graphs()["dense"]), tmp_path / "dense.py")
    text = (tmp_path / "dense.py").read_text()
    for cls in ("class Reshape", "class Add", "class Concat", "class SelfAttention", "Layer(nn."):
        assert cls not in text
    export_python(project_of(coverage_graphs()["recurrent"]), tmp_path / "rec.py")
    text = (tmp_path / "rec.py").read_text()
    assert "class RNNLayer(nn.RNN)" in text and "class GRULayer(nn.GRU)" in text and "class LSTMLayer(nn.LSTM)" in text
    assert "class Reshape" not in text


def test_an_invalid_project_is_refused_naming_the_node(tmp_path):
    g = coverage_graphs()["dense"]
    g.nodes["linear0"].params["out_features"] = 0
    with pytest.raises(ExportError, match="node linear0"):
        export_python(project_of(g), tmp_path / "m.py")
    assert not (tmp_path / "m.py").exists()


# -- the data, rebuilt without visualnn ---------------------------------------------------

def _fitting_project(data, loss, tmp_path, base_dir=None):
    """A small network that fits the data set (Input shape and output size from it)."""
    from tests.core.io.export_helpers import graph

    task = data_task(loss, data)
    ds = load_dataset(data, seed=7, test_fraction=0.25, base_dir=base_dir, task=task)
    nodes = [("x", "Input", {"shape": list(ds.input_shape), "dtype": ds.input_dtype})]
    if ds.input_dtype == "long":
        nodes.append(("emb", "Embedding", {"num_embeddings": len(ds.vocab), "embedding_dim": 3}))
    if len(ds.input_shape) > 1 or ds.input_dtype == "long":
        nodes.append(("flat", "Flatten", {}))
    nodes.append(("out", "Linear", {"out_features": ds.num_classes if task == "classification" else ds.output_dim}))
    g = graph(nodes, [(a[0], b[0]) for a, b in zip(nodes, nodes[1:])])
    project = project_of(g, data=data, train={"loss": loss, "seed": 7, "test_fraction": 0.25})
    if base_dir is not None:
        project.path = base_dir / "p.vnn"
    return project, ds


DATA_CASES = {
    **{name: ({"kind": "builtin", "name": name, "params": {"samples": 60, "noise": 0.2}}, "mse")
       for name in ("circle", "xor", "gauss", "spiral", "plane", "multi_gauss")},
    "spiral_ce": ({"kind": "builtin", "name": "spiral", "params": {"samples": 50}}, "cross_entropy"),
    "blobs": ({"kind": "builtin", "name": "blobs", "params": {"samples": 50, "classes": 4, "noise": 0.2,
                                                             "features": ["x1", "x2", "x1^2"]}}, "cross_entropy"),
    "line": ({"kind": "builtin", "name": "line", "params": {"samples": 30, "noise": 0.1, "slope": -1.5}}, "mse"),
    "xor_features": ({"kind": "builtin", "name": "xor", "params": {
        "samples": 40, "features": ["x1*x2", "x1^2", "sin(x2)", "x1"]}}, "cross_entropy"),
    "table_standardized": ({"kind": "table", "inputs": [[0.1, 2.0], [0.3, 4.0], [0.5, 7.0], [0.9, 8.0]],
                            "targets": [[0.5], [1.0], [1.5], [2.0]], "standardize": True}, "mse"),
    "sine": ({"kind": "builtin", "name": "sine", "params": {"samples": 30, "seq_len": 5, "noise": 0.1}}, "half_sse"),
    "iris": ({"kind": "builtin", "name": "iris"}, "cross_entropy"),
    "wine_raw": ({"kind": "builtin", "name": "wine", "params": {"standardize": False}}, "cross_entropy"),
    "breast_cancer": ({"kind": "builtin", "name": "breast_cancer"}, "bce_logits"),
    "digits": ({"kind": "builtin", "name": "digits"}, "cross_entropy"),
    "digits_flat": ({"kind": "builtin", "name": "digits", "params": {"flatten": True}}, "mse"),
    "table_classes": ({"kind": "table", "inputs": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]],
                       "targets": [[0], [1], [2], [1]]}, "cross_entropy"),
    "table_values": ({"kind": "table", "inputs": [[0.1, 0.2], [0.3, 0.4], [1e-7, -2.5]],
                      "targets": [[0.0, 1.0], [1.0, 0.5], [0.25, 0.125]]}, "half_sse"),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_the_script_rebuilds_the_same_data_without_visualnn(case, tmp_path):
    data, loss = DATA_CASES[case]
    project, ds = _fitting_project(data, loss, tmp_path)
    written = export_python(project, tmp_path / "model.py")
    assert len(written) == 1, "this data is rebuilt by code, not saved as arrays"
    arrays = load_exported(tmp_path / "model.py").load_data()
    for got, name in zip(arrays, ("x_train", "y_train", "x_test", "y_test")):
        want = getattr(ds, name)
        assert got.dtype == want.dtype and got.shape == want.shape, name
        np.testing.assert_array_equal(got, want, err_msg=name)


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_a_csv_file_is_read_with_numpy(loss, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    rows = ["a;b;label"] + [f"{i * 0.5};{(i * 7) % 5 - 2};{i % 3}" for i in range(12)]
    (data_dir / "points.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    data = {"kind": "csv", "path": "points.csv", "target": "label"}
    project, ds = _fitting_project(data, loss, tmp_path, base_dir=data_dir)
    out_dir = tmp_path / "export"
    written = export_python(project, out_dir / "model.py")
    assert len(written) == 1
    assert "HERE / '../data/points.csv'" in (out_dir / "model.py").read_text()
    arrays = load_exported(out_dir / "model.py").load_data()
    for got, name in zip(arrays, ("x_train", "y_train", "x_test", "y_test")):
        np.testing.assert_array_equal(got, getattr(ds, name), err_msg=name)
        assert got.dtype == getattr(ds, name).dtype


def test_other_data_is_saved_beside_as_npz(tmp_path):
    data = {"kind": "builtin", "name": "sentiment", "params": {"seq_len": 6}}
    project, ds = _fitting_project(data, "cross_entropy", tmp_path)
    written = export_python(project, tmp_path / "model.py")
    assert written == [tmp_path / "model.py", tmp_path / "model_data.npz"]
    assert "allow_pickle=False" in (tmp_path / "model.py").read_text()
    arrays = load_exported(tmp_path / "model.py").load_data()
    for got, name in zip(arrays, ("x_train", "y_train", "x_test", "y_test")):
        np.testing.assert_array_equal(got, getattr(ds, name))
        assert got.dtype == getattr(ds, name).dtype


def test_data_that_cannot_be_read_still_exports_the_network(tmp_path):
    project = project_of(coverage_graphs()["dense"], data={"kind": "csv", "path": "missing.csv"})
    project.path = tmp_path / "p.vnn"
    export_python(project, tmp_path / "model.py")
    mod = load_exported(tmp_path / "model.py")
    assert mod.build_model() is not None
    with pytest.raises(SystemExit, match="missing.csv"):
        mod.load_data()


# -- the script, run ----------------------------------------------------------------------

def _small_training_project():
    """xor with 40 points, a skip connection, half_sse on 2 outputs (one-hot targets),
    sgd with momentum and an L1 penalty, and hand-set weights for one node."""
    from tests.core.io.export_helpers import graph

    g = graph([("x", "Input", {"shape": [2]}), ("h", "Linear", {"out_features": 2}), ("t", "Tanh", {}),
               ("skip", "Add", {}), ("out", "Linear", {"out_features": 2})],
              [("x", "h"), ("h", "t"), ("t", "skip"), ("x", "skip"), ("skip", "out")])
    return project_of(
        g, name="Small XOR", data={"kind": "builtin", "name": "xor", "params": {"samples": 40, "noise": 0.1}},
        train={"loss": "half_sse", "optimizer": "sgd", "lr": 0.1, "momentum": 0.5, "l1": 0.001,
               "batch_size": 4, "epochs": 3, "seed": 2, "test_fraction": 0.25},
        state={"h": {"weight": [[1.0, -1.0], [0.5, 0.5]], "bias": [0.0, 0.1]}})


def _run(cmd, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORLD_SIZE", "RANK", "LOCAL_RANK")}
    env["OMP_NUM_THREADS"] = "1"
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_script_trains_one_epoch_as_a_subprocess(tmp_path):
    project = _small_training_project()
    export_python(project, tmp_path / "model.py")
    before = torch.load(tmp_path / "model.pt", weights_only=True)
    run = _run([sys.executable, "model.py", "--epochs", "1"], tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("epoch 1/1  train_loss ") and "test_loss" in lines[0] and "test_accuracy" in lines[0]
    after = torch.load(tmp_path / "model_trained.pt", weights_only=True)
    assert after.keys() == before.keys()
    assert not torch.equal(after["out.weight"], before["out.weight"])
    # the trained weights open back into the project
    state = import_state_dict(project, tmp_path / "model_trained.pt")
    model = compile_graph(project.graph, state)
    assert torch.equal(model.state_dict()["h.weight"], after["h.weight"])


def test_the_script_runs_under_torchrun_with_two_processes(tmp_path):
    project = _small_training_project()
    export_python(project, tmp_path / "model.py")
    before = torch.load(tmp_path / "model.pt", weights_only=True)
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
           "model.py", "--epochs", "2", "--save-every-rank"]
    run = _run(cmd, tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    epochs = [ln for ln in run.stdout.splitlines() if ln.startswith("epoch ")]
    assert [ln.split()[1] for ln in epochs] == ["1/2", "2/2"]  # printed once, by rank 0
    rank0 = torch.load(tmp_path / "model_trained.pt.rank0.pt", weights_only=True)
    rank1 = torch.load(tmp_path / "model_trained.pt.rank1.pt", weights_only=True)
    saved = torch.load(tmp_path / "model_trained.pt", weights_only=True)
    for key in before:
        assert torch.equal(rank0[key], rank1[key]), key
        assert torch.equal(saved[key], rank0[key]), key
    assert not torch.equal(rank0["h.weight"], before["h.weight"])
