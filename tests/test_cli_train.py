"""`visualnn train`: the JSON history, --out, exit codes and messages, the progress bar."""

import json
import subprocess
import sys

from visualnn.cli import main
from visualnn.core.io import load_project
from visualnn.core.io.project import dumps_project
from visualnn.core.train.headless import train_project
from tests.core.train.helpers import mlp, plane_relu

ROW_KEYS = {"epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy",
            "train_precision", "train_recall", "train_f1", "test_precision", "test_recall", "test_f1"}


def write(tmp_path, project, name="net.vnn"):
    path = tmp_path / name
    path.write_text(dumps_project(project))
    return path


def test_json_schema_and_progress_bar(tmp_path, capsys, monkeypatch):
    import sys as _sys

    monkeypatch.setattr(_sys.stderr, "isatty", lambda: True, raising=False)  # the bar is drawn on a terminal
    path = write(tmp_path, mlp(epochs=5))
    assert main(["train", str(path), "--epochs", "3", "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert set(doc) == {"device", "epochs", "steps", "seconds", "history"}
    assert doc["device"] == "cpu" and doc["epochs"] == 3 and doc["steps"] == 24
    assert isinstance(doc["seconds"], float) and doc["seconds"] > 0
    assert [set(row) for row in doc["history"]] == [ROW_KEYS] * 3
    assert [row["epoch"] for row in doc["history"]] == [1, 2, 3]
    assert all(0 <= row["test_accuracy"] <= 1 and row["train_loss"] > 0 for row in doc["history"])
    assert "epoch 3/3" in captured.err and "[" in captured.err and captured.err.endswith("\n")


def test_same_file_twice_gives_the_same_history(tmp_path, capsys):
    path = write(tmp_path, mlp())
    outs = []
    for _ in range(2):
        assert main(["train", str(path), "--json"]) == 0
        outs.append(json.loads(capsys.readouterr().out)["history"])
    assert outs[0] == outs[1]


def test_regression_json_omits_accuracies(tmp_path, capsys):
    assert main(["train", str(write(tmp_path, plane_relu(lr=0.01))), "--epochs", "2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [set(row) for row in doc["history"]] == [{"epoch", "train_loss", "test_loss"}] * 2


def test_out_saves_the_learned_state_which_reloads(tmp_path, capsys):
    project = mlp()
    src, out = write(tmp_path, project), tmp_path / "trained.vnn"
    assert main(["train", str(src), "--epochs", "2", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "epoch   2" in text and "steps in" in text
    trained = load_project(out)
    assert set(trained.state) == {"fc1", "out"} and set(trained.state["fc1"]) == {"weight", "bias"}
    # the saved state is exactly the weights after training the same project in-process
    model = train_project(project, epochs=2).model
    assert trained.state["out"]["weight"] == model.layer("out").weight.tolist()
    # training the saved project starts from that state
    assert main(["train", str(out), "--epochs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"] == 8


def test_nan_loss_exits_1_with_one_line(tmp_path, capsys):
    path = write(tmp_path, plane_relu(lr=1e6, epochs=5))
    assert main(["train", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["error"].startswith("loss became") and "node" in doc["error"]
    last = captured.err.strip().splitlines()[-1]
    assert last.startswith("error: loss became") and "try a smaller learning rate" in last


def test_invalid_graph_exits_1(tmp_path, capsys):
    project = mlp()
    project.graph.nodes["fc1"].params["out_features"] = -3
    assert main(["train", str(write(tmp_path, project))]) == 1
    err = capsys.readouterr().err
    assert "error: node fc1:" in err and "Traceback" not in err


def test_data_that_does_not_fit_exits_1(tmp_path, capsys):
    assert main(["train", str(write(tmp_path, mlp(out=3)))]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: node out: ") and len([e for e in err if e.startswith("error")]) == 1


def test_missing_device_exits_1(tmp_path, capsys, monkeypatch):
    from visualnn.core.train import config

    monkeypatch.setattr(config, "available_devices", lambda: {"cpu": None, "cuda": "no CUDA GPU found", "mps": "no MPS"})
    assert main(["train", str(write(tmp_path, mlp())), "--device", "cuda"]) == 1
    err = capsys.readouterr().err
    assert "error: device 'cuda' asked for, but no CUDA GPU found; use --device cpu or auto" in err


def test_missing_or_broken_file_exits_2(tmp_path, capsys):
    assert main(["train", str(tmp_path / "nope.vnn")]) == 2
    assert "no such file" in capsys.readouterr().err
    broken = tmp_path / "broken.vnn"
    broken.write_text('{"format": "visualnn",')
    assert main(["train", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "broken JSON" in err and err.count("\n") == 1


def test_real_subprocess(tmp_path):
    path = write(tmp_path, mlp(epochs=2))
    proc = subprocess.run([sys.executable, "-m", "visualnn", "train", str(path), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["epochs"] == 2 and len(doc["history"]) == 2
    assert "epoch 2/2" not in proc.stderr and "\r" not in proc.stderr  # stderr is a pipe here: no progress frames
