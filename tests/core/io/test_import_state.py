"""Opening exported weights back into the matching project: names and shapes checked,
clear messages naming the node and parameter, never unpickling."""

from __future__ import annotations

import collections

import pytest
import torch

from tests.core.io.export_helpers import coverage_graphs, project_of
from visualnn.core.compile import compile_graph, state_to_lists
from visualnn.core.compile.module import StateError
from visualnn.core.io.export_py import export_python, import_state_dict


def _project():
    g = coverage_graphs()["skips"]
    return project_of(g, state=state_to_lists(compile_graph(g, seed=4)))


def test_round_trip_through_an_exported_pt(tmp_path):
    project = _project()
    export_python(project, tmp_path / "model.py")
    state = import_state_dict(project, tmp_path / "model.pt")
    assert state == project.state
    assert list(state) == ["self", "b", "out"]  # topological order


def test_weights_of_a_trained_module_load_into_the_project(tmp_path):
    project = _project()
    g = project.graph
    other = compile_graph(g, seed=9)
    torch.save(other.state_dict(), tmp_path / "w.pt")
    state = import_state_dict(project, tmp_path / "w.pt")
    loaded = compile_graph(g, state)
    for key, value in other.state_dict().items():
        assert torch.equal(loaded.state_dict()[key], value), key


def test_batch_norm_buffers_and_a_ddp_prefix(tmp_path):
    project = project_of(coverage_graphs()["conv"])
    model = compile_graph(project.graph, seed=1)
    model.train()
    model(torch.randn(4, 1, 8, 8))  # moves the running statistics
    ddp_like = collections.OrderedDict(("module." + k, v) for k, v in model.state_dict().items())
    torch.save(ddp_like, tmp_path / "ddp.pt")
    state = import_state_dict(project, tmp_path / "ddp.pt")
    assert state["batchnorm2d1"]["num_batches_tracked"] == 1
    assert state["batchnorm2d1"]["running_mean"] == model.state_dict()["batchnorm2d1.running_mean"].tolist()


def _save(tmp_path, sd, name="w.pt"):
    path = tmp_path / name
    torch.save(sd, path)
    return path


@pytest.mark.parametrize("change, message", [
    (lambda sd: sd.update({"ghost.weight": torch.zeros(2)}), r"node ghost: w.pt has weights \(ghost.weight\) for a node this network does not have"),
    (lambda sd: sd.update({"b.kernel": torch.zeros(2)}), r"node b: no parameter 'kernel' \(it has: bias, weight\)"),
    (lambda sd: sd.update({"b.weight": torch.zeros(3, 5)}), r"node b: weight has shape \[3, 5\] in w.pt, the layer needs \[3, 4\]"),
    (lambda sd: sd.pop("out.bias"), r"node out: bias is missing from w.pt"),
    (lambda sd: sd.update({"out.bias": torch.tensor([float("nan"), 0.0])}), r"node out: bias in w.pt holds NaN"),
    (lambda sd: sd.update({"noprefix": torch.zeros(1)}), r"entry 'noprefix' is not named <node id>.<parameter>"),
])
def test_wrong_names_and_shapes_are_named(tmp_path, change, message):
    project = _project()
    sd = dict(compile_graph(project.graph, seed=0).state_dict())
    change(sd)
    with pytest.raises(StateError, match=message):
        import_state_dict(project, _save(tmp_path, sd))


class Pickled:
    pass


def test_files_that_are_not_plain_weights_are_refused(tmp_path):
    project = _project()
    with pytest.raises(StateError, match="no such file"):
        import_state_dict(project, tmp_path / "none.pt")
    (tmp_path / "junk.pt").write_bytes(b"not a torch file at all")
    with pytest.raises(StateError, match="junk.pt: not a PyTorch weights file"):
        import_state_dict(project, tmp_path / "junk.pt")
    with pytest.raises(StateError, match="holds more than tensors"):
        import_state_dict(project, _save(tmp_path, {"b.weight": Pickled()}, "obj.pt"))
    with pytest.raises(StateError, match="not a state dict"):
        import_state_dict(project, _save(tmp_path, torch.zeros(3), "tensor.pt"))
    with pytest.raises(StateError, match="is a folder"):
        import_state_dict(project, tmp_path)
