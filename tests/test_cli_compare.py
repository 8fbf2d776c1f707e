"""`visualnn compare`, and `visualnn train --csv / --tensorboard`."""

import json

import pytest

from visualnn.cli import main
from visualnn.core.io.project import dumps_project
from visualnn.core.train.history_csv import history_from_csv
from tests.core.train.helpers import mlp


def write(tmp_path, project, name="net.vnn"):
    path = tmp_path / name
    path.write_text(dumps_project(project))
    return path


def test_compare_json_runs_equal_separate_train_runs(tmp_path, capsys):
    path = write(tmp_path, mlp(epochs=5))
    assert main(["compare", str(path), "--vary", "optimizer=sgd,adam,rmsprop", "--epochs", "2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["label"] for r in doc["runs"]] == ["sgd", "adam", "rmsprop"]
    assert [r["settings"] for r in doc["runs"]] == [{"optimizer": o} for o in ("sgd", "adam", "rmsprop")]
    for run in doc["runs"]:
        project = mlp(epochs=5, optimizer=run["settings"]["optimizer"])
        assert main(["train", str(write(tmp_path, project, "one.vnn")), "--epochs", "2", "--json"]) == 0
        assert run["history"] == json.loads(capsys.readouterr().out)["history"]


def test_compare_grid_table_and_csv(tmp_path, capsys):
    path, out = write(tmp_path, mlp(epochs=1)), tmp_path / "runs.csv"
    assert main(["compare", str(path), "--vary", "lr=0.1,0.01", "--vary", "batch_size=4,16", "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith("lr 0.1, batch 4") and len(text.splitlines()) == 4
    rows = history_from_csv(out.read_text())
    assert [r["run"] for r in rows] == ["lr 0.1, batch 4", "lr 0.1, batch 16", "lr 0.01, batch 4", "lr 0.01, batch 16"]


@pytest.mark.parametrize("vary, words", [("speed=1,2", "cannot vary 'speed'"), ("lr=x", "must be a number"),
                                         ("lr=0,1", "lr must be > 0")])
def test_compare_bad_vary_is_a_usage_error(tmp_path, capsys, vary, words):
    assert main(["compare", str(write(tmp_path, mlp())), "--vary", vary]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


def test_train_csv_round_trips_the_history(tmp_path, capsys):
    path, out = write(tmp_path, mlp(epochs=3)), tmp_path / "history.csv"
    assert main(["train", str(path), "--json", "--csv", str(out)]) == 0
    assert history_from_csv(out.read_text()) == json.loads(capsys.readouterr().out)["history"]
    assert main(["train", str(path), "--csv", str(tmp_path / "nowhere" / "h.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_train_tensorboard_missing_is_one_message_before_training(tmp_path, capsys, monkeypatch):
    import visualnn.core.train.tensorboard_log as tb

    monkeypatch.setattr(tb, "tensorboard_available", lambda: False)
    assert main(["train", str(write(tmp_path, mlp())), "--tensorboard", str(tmp_path / "tb")]) == 2
    captured = capsys.readouterr()
    assert "pip install" in captured.err and "tensorboard" in captured.err and "epoch" not in captured.err
    assert captured.out == "" and not (tmp_path / "tb").exists()


def test_train_tensorboard_logs_scalars_and_histograms(tmp_path, capsys):
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    assert main(["train", str(write(tmp_path, mlp(epochs=2))), "--tensorboard", str(tmp_path / "tb")]) == 0
    acc = EventAccumulator(str(tmp_path / "tb"), size_guidance={"histograms": 0, "scalars": 0})
    acc.Reload()
    assert [e.step for e in acc.Scalars("loss/train_loss")] == [1, 2]
    assert "metrics/test_accuracy" in acc.Tags()["scalars"]
    assert "weights/fc1.weight" in acc.Tags()["histograms"]


def test_compare_landscape_puts_every_path_on_one_map(tmp_path, capsys):
    path = write(tmp_path, mlp(epochs=5))
    assert main(["compare", str(path), "--vary", "optimizer=sgd,adam", "--epochs", "2", "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["compare", str(path), "--vary", "optimizer=sgd,adam", "--epochs", "2", "--json", "--landscape"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["history"] for r in doc["runs"]] == [r["history"] for r in plain["runs"]]
    land = doc["landscape"]
    assert set(land) == {"axes", "x", "y", "loss"} and land["axes"]["kind"] == "pca"
    assert all(len(r["path"]) == 2 * 8 + 1 and len(r["path"][0]) == 3 for r in doc["runs"])
