"""`visualnn validate`, `examples` and the CLI's exit codes."""

import json
import subprocess
import sys

from tests.core.io.test_project import DESIGN_EXAMPLE
from visualnn.cli import main


def write(tmp_path, doc, name="net.vnn"):
    p = tmp_path / name
    p.write_text(json.dumps(doc))
    return p


def test_valid_graph_prints_layers(tmp_path, capsys):
    assert main(["validate", str(write(tmp_path, DESIGN_EXAMPLE))]) == 0
    out = capsys.readouterr().out
    assert "fc1" in out and "Linear" in out and "[2]" in out and "6 params" in out
    assert "total 12 parameters" in out


def test_invalid_graph_lists_every_problem(tmp_path, capsys):
    doc = json.loads(json.dumps(DESIGN_EXAMPLE))
    doc["nodes"][0]["params"]["shape"] = [1, 8, 8]
    doc["nodes"].append({"id": "extra", "type": "Conv3d"})
    doc["nodes"].append({"id": "in2", "type": "Input", "params": {"shape": [2]}})
    assert main(["validate", str(write(tmp_path, doc))]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "node extra: unknown layer type 'Conv3d'" in err
    assert any(line.startswith("node in2: a second Input") for line in err)
    assert any(line.startswith("node fc1: Linear expects") and "Flatten" in line for line in err)


def test_unreadable_and_usage_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.vnn")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no such file" in err and err.count("\n") == 1
    (tmp_path / "bad.vnn").write_text("{")
    assert main(["validate", str(tmp_path / "bad.vnn")]) == 2
    assert main(["validate"]) == 2
    assert main(["frobnicate"]) == 2


def test_examples_lists_bundled_projects(capsys):
    assert main(["examples"]) == 0
    out = capsys.readouterr().out
    assert "spiral_tanh.vnn" in out


def test_python_m_visualnn_runs_without_traceback(tmp_path):
    doc = json.loads(json.dumps(DESIGN_EXAMPLE))
    doc["edges"].append({"from": "s2", "to": "fc1"})
    r = subprocess.run([sys.executable, "-m", "visualnn", "validate", str(write(tmp_path, doc))],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "cycle" in r.stderr and "Traceback" not in r.stderr


def test_validate_json(tmp_path, capsys):
    assert main(["validate", str(write(tmp_path, DESIGN_EXAMPLE)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["problems"] == []
    assert [layer["id"] for layer in out["layers"]] == ["x", "fc1", "s1", "fc2", "s2"]
    assert out["layers"][1] == {"id": "fc1", "type": "Linear", "shape": [2], "params": 6}
    doc = json.loads(json.dumps(DESIGN_EXAMPLE))
    doc["nodes"].append({"id": "extra", "type": "Conv3d"})
    assert main(["validate", str(write(tmp_path, doc)), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False
    (problem,) = [p for p in out["problems"] if p["node"] == "extra"]
    assert "unknown layer type 'Conv3d'" in problem["message"] and set(problem) == {"node", "field", "message"}
