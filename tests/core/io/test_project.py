"""Project files: the design's example, round trips, unknown keys, versions, atomic writes."""

import json
import math
import os

import pytest
import torch

from visualnn.core.compile import compile_graph, state_to_lists
from visualnn.core.io import ProjectError, dumps_project, load_project, project_from_dict, save_project

DESIGN_EXAMPLE = {
    "format": "visualnn",
    "version": 1,
    "name": "Two-layer sigmoid net",
    "nodes": [
        {"id": "x", "type": "Input", "params": {"shape": [2]}, "pos": [0, 0]},
        {"id": "fc1", "type": "Linear", "params": {"out_features": 2}},
        {"id": "s1", "type": "Sigmoid"},
        {"id": "fc2", "type": "Linear", "params": {"out_features": 2}},
        {"id": "s2", "type": "Sigmoid"},
    ],
    "edges": [{"from": "x", "to": "fc1"}, {"from": "fc1", "to": "s1"},
              {"from": "s1", "to": "fc2"}, {"from": "fc2", "to": "s2"}],
    "data": {"kind": "table", "inputs": [[0.1, 0.2]], "targets": [[0.0, 1.0]]},
    "train": {"loss": "half_sse", "optimizer": "sgd", "lr": 0.5, "batch_size": 1,
              "epochs": 1, "seed": 0, "device": "auto", "test_fraction": 0.0},
    "state": {"fc1": {"weight": [[0.1, 0.2], [0.3, 0.4]], "bias": [0.5, 0.5]}},
}


def write(tmp_path, doc, name="p.vnn"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_design_example_loads_and_round_trips(tmp_path):
    path = write(tmp_path, DESIGN_EXAMPLE)
    p = load_project(path)
    assert p.name == "Two-layer sigmoid net" and list(p.graph.nodes) == ["x", "fc1", "s1", "fc2", "s2"]
    assert p.graph.nodes["x"].pos == (0.0, 0.0) and p.graph.nodes["fc1"].pos is None
    out = tmp_path / "out.vnn"
    save_project(p, out)
    assert json.loads(out.read_text()) == DESIGN_EXAMPLE
    # writing again gives the identical text
    assert dumps_project(load_project(out)) == out.read_text()


def test_unknown_keys_are_kept(tmp_path):
    doc = dict(DESIGN_EXAMPLE, description="kept", future={"a": [1, 2]})
    doc["nodes"] = [dict(DESIGN_EXAMPLE["nodes"][0], note="input here")] + DESIGN_EXAMPLE["nodes"][1:]
    doc["train"] = dict(DESIGN_EXAMPLE["train"], warmup=3)
    p = load_project(write(tmp_path, doc))
    save_project(p, tmp_path / "o.vnn")
    assert json.loads((tmp_path / "o.vnn").read_text()) == doc


def test_state_round_trips_bit_exactly(tmp_path):
    p = load_project(write(tmp_path, DESIGN_EXAMPLE))
    model = compile_graph(p.graph, seed=123)
    with torch.no_grad():
        model.fc1.weight[0, 0] = 1 / 3
        model.fc2.bias[1] = math.pi * 1e-30
    p.state = state_to_lists(model)
    save_project(p, tmp_path / "s.vnn")
    again = compile_graph(load_project(tmp_path / "s.vnn").graph, state=load_project(tmp_path / "s.vnn").state)
    for k, v in model.state_dict().items():
        assert torch.equal(v, again.state_dict()[k]), k


@pytest.mark.parametrize("text,fragment", [
    ("{not json", "broken JSON at line 1"),
    ("[]", "not a visualnn project"),
    ('{"format": "other", "version": 1}', "not a visualnn project"),
    ('{"format": "visualnn", "version": 7, "nodes": [], "edges": []}', "newer visualnn (file version 7"),
    ('{"format": "visualnn", "version": "x"}', 'unknown project version "x"'),
    ('{"format": "visualnn", "version": 1, "nodes": [{"id": "a", "type": "Input"}, {"id": "a", "type": "Tanh"}], "edges": []}', "node a: the id is used twice"),
    ('{"format": "visualnn", "version": 1, "nodes": [{"id": "a", "type": "Input"}], "edges": [{"from": "a", "to": "b"}]}', "node b: edges[0] names a node"),
])
def test_bad_files_give_one_line(tmp_path, text, fragment):
    path = tmp_path / "bad.vnn"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as info:
        load_project(path)
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_missing_file_and_binary(tmp_path):
    with pytest.raises(ProjectError, match="no such file"):
        load_project(tmp_path / "nope.vnn")
    (tmp_path / "b.vnn").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProjectError, match="not UTF-8"):
        load_project(tmp_path / "b.vnn")


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    path = write(tmp_path, DESIGN_EXAMPLE)
    before = path.read_text()
    p = load_project(path)
    p.name = "changed"

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        save_project(p, path)
    assert path.read_text() == before
    assert [f.name for f in tmp_path.iterdir()] == ["p.vnn"]  # no temporary file left


def test_from_dict_does_not_alias_input():
    doc = json.loads(json.dumps(DESIGN_EXAMPLE))
    p = project_from_dict(doc)
    p.train["lr"] = 9
    p.state["fc1"]["bias"][0] = 7
    assert doc["train"]["lr"] == 0.5 and doc["state"]["fc1"]["bias"][0] == 0.5


def test_bilingual_name_and_description_are_kept_and_picked(tmp_path):
    from visualnn.core.i18n import set_language

    doc = dict(DESIGN_EXAMPLE, name={"en": "Spiral", "zh": "螺旋"}, description={"en": "Two arms", "zh": "两条臂"})
    p = project_from_dict(doc)
    assert (p.title, p.description) == ("Spiral", "Two arms")
    set_language("zh")
    assert (p.title, p.description) == ("螺旋", "两条臂")
    save_project(p, tmp_path / "p.vnn")
    back = json.loads((tmp_path / "p.vnn").read_text(encoding="utf-8"))
    assert back["name"] == {"en": "Spiral", "zh": "螺旋"} and back["description"]["zh"] == "两条臂"
    set_language("en")
    with pytest.raises(ProjectError, match="name is 3; it must be a text, or an object of texts by language"):
        project_from_dict(dict(DESIGN_EXAMPLE, name=3))
