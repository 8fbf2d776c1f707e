"""History rows to CSV and back."""

from visualnn.core.train.headless import train_project
from visualnn.core.train.history_csv import history_from_csv, history_to_csv, runs_to_csv
from tests.core.train.helpers import mlp, plane_relu


def test_a_trained_history_round_trips_exactly():
    rows = train_project(mlp(epochs=3)).to_json()["history"]
    assert history_from_csv(history_to_csv(rows)) == rows


def test_missing_values_and_run_labels_round_trip():
    rows = train_project(plane_relu(lr=0.01, epochs=2, test_fraction=0.0)).to_json()["history"]
    assert rows[0]["test_loss"] is None
    assert history_from_csv(history_to_csv(rows)) == rows
    runs = [{"label": "lr 0.1", "history": rows}, {"label": "0.5", "history": rows[:1]}]
    back = history_from_csv(runs_to_csv(runs))
    assert [r["run"] for r in back] == ["lr 0.1", "lr 0.1", "0.5"]
    assert [{k: v for k, v in r.items() if k != "run"} for r in back] == rows + rows[:1]
