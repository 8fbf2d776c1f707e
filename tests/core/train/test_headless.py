"""train_project: the history, the JSON object of `visualnn train --json`, progress."""

import json

from tests.core.train.helpers import mlp, plane_relu
from visualnn.core.train.headless import train_project


def test_classification_json_has_accuracies():
    r = train_project(mlp(epochs=3))
    doc = json.loads(json.dumps(r.to_json()))
    assert set(doc) == {"device", "epochs", "steps", "seconds", "history"}
    assert doc["device"] == "cpu" and doc["epochs"] == 3 and doc["steps"] == 3 * 8 and doc["seconds"] > 0
    assert [row["epoch"] for row in doc["history"]] == [1, 2, 3]
    assert all(set(row) == {"epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy", "train_precision",
                            "train_recall", "train_f1", "test_precision", "test_recall", "test_f1"}
               for row in doc["history"])
    assert r.error is None and r.model is not None


def test_regression_json_has_no_accuracies():
    doc = train_project(plane_relu(lr=0.01), epochs=2).to_json()
    assert all(set(row) == {"epoch", "train_loss", "test_loss"} for row in doc["history"])


def test_same_project_twice_gives_the_same_numbers():
    a, b = train_project(mlp(), epochs=3), train_project(mlp(), epochs=3)
    assert a.history == b.history


def test_progress_is_called_at_start_and_end():
    calls = []
    train_project(mlp(), epochs=2, progress=lambda *a: calls.append(a))
    assert calls[0] == (0, 2, 0, None)
    assert calls[-1][:3] == (2, 2, 16) and isinstance(calls[-1][3], float)
    assert len(calls) <= 2 + 16


def test_zero_epochs_trains_nothing():
    r = train_project(mlp(), epochs=0)
    assert r.history == [] and r.steps == 0 and r.error is None
