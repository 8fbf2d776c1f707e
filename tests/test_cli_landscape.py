"""`visualnn landscape`: the JSON object, the text picture, exit codes."""

import json

import pytest

from visualnn.cli import main
from visualnn.core.io.project import dumps_project
from tests.core.train.helpers import project


def write(tmp_path, **train):
    data = {"kind": "builtin", "name": "plane", "params": {"samples": 40, "noise": 0.0}}
    proj = project([("fc", "Linear", {"out_features": 1})], data, **{"loss": "mse", "lr": 0.01, "epochs": 2, **train})
    path = tmp_path / "lin.vnn"
    path.write_text(dumps_project(proj))
    return path


def test_json_object(tmp_path, capsys):
    path = write(tmp_path)
    assert main(["landscape", str(path), "--params", "fc.weight[0,0],fc.bias[0]", "--resolution", "5",
                 "--epochs", "1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"axes", "x", "y", "loss", "path"}
    assert doc["axes"] == {"x": "fc.weight[0,0]", "y": "fc.bias[0]", "kind": "params"}
    assert len(doc["x"]) == 5 and len(doc["loss"]) == 5 and all(len(r) == 5 for r in doc["loss"])
    assert len(doc["path"]) == 1 + 4  # the start and one point per step (30 samples, batch 8)
    assert all(len(p) == 3 and p[2] > 0 for p in doc["path"])


@pytest.mark.parametrize("axes", ["random", "pca"])
def test_text_picture_marks_start_and_end(tmp_path, capsys, axes):
    assert main(["landscape", str(write(tmp_path)), "--axes", axes, "--resolution", "9"]) == 0
    out = capsys.readouterr().out
    assert "E" in out and "S" in out and "start: x" in out and "end: x 0, y 0" in out


def test_bad_requests_exit_codes(tmp_path, capsys):
    path = write(tmp_path)
    assert main(["landscape", str(path), "--params", "fc.weight[0,5],fc.bias[0]"]) == 1
    assert "out of range" in capsys.readouterr().err
    assert main(["landscape", str(path), "--axes", "pca", "--params", "fc.bias[0],fc.weight[0,0]"]) == 2
    assert main(["landscape", str(path), "--params", "fc.bias[0]"]) == 2
    assert main(["landscape", str(path), "--axes", "pca", "--epochs", "0"]) == 1
    assert "train first" in capsys.readouterr().err
    assert main(["landscape", str(tmp_path / "missing.vnn")]) == 2
