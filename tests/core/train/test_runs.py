"""The kept runs: labels by what differs, bounded, saved and read back with the project."""

from visualnn.core.io.project import dumps_project, project_from_dict
import json

from visualnn.core.train.runs import MAX_RUNS, RunLog, run_settings
from tests.core.train.helpers import mlp


def test_labels_name_what_differs_and_names_win():
    log = RunLog()
    a = log.add({"optimizer": "sgd", "lr": 0.1, "seed": 0})
    log.add({"optimizer": "adam", "lr": 0.01, "seed": 0})
    log.add({"optimizer": "sgd", "lr": 0.01, "seed": 0})
    assert log.labels() == ["sgd, lr 0.1", "adam, lr 0.01", "sgd, lr 0.01"]
    a.name = "baseline"
    assert log.labels()[0] == "baseline"
    log.remove(log.runs[1])
    assert log.labels() == ["baseline", "lr 0.01"]


def test_the_log_is_bounded_and_colours_stay_distinct():
    log = RunLog()
    for i in range(MAX_RUNS + 5):
        log.add({"seed": i}, [{"epoch": 1, "train_loss": 1.0}])
    assert len(log.runs) == MAX_RUNS and log.runs[0].settings == {"seed": 5}
    few = RunLog()
    colors = [few.add({"seed": i}).color for i in range(4)]
    assert len(set(colors)) == 4


def test_runs_round_trip_through_the_project_file():
    project = mlp()
    log = RunLog()
    log.add(run_settings(project), [{"epoch": 1, "step": 8, "train_loss": 0.5, "test_loss": 0.6}])
    other = project.copy()
    other.train["optimizer"] = "adam"
    run = log.add(run_settings(other), [{"epoch": 1, "step": 8, "train_loss": 0.4, "test_loss": 0.5}])
    run.visible = False
    log.add(run_settings(project))  # a run with nothing yet is not saved
    project.extra["runs"] = log.to_json()
    doc = json.loads(dumps_project(project))
    assert [r["label"] for r in doc["runs"]] == ["sgd", "adam"] and doc["runs"][1]["hidden"] is True
    back = RunLog.from_json(project_from_dict(doc).extra["runs"])
    assert back.labels() == ["sgd", "adam"] and [r.visible for r in back.runs] == [True, False]
    assert back.runs[1].history == run.history
    assert RunLog.from_json([3, {"history": "x"}, {"label": "mine", "history": []}]).labels() == ["mine"]


def test_final_figures_are_the_last_epochs_test_split_else_train():
    from visualnn.core.train.runs import final_figures

    assert final_figures([]) is None
    rows = [{"epoch": 1, "train_loss": 0.9, "test_loss": 1.0, "train_accuracy": 0.5, "test_accuracy": 0.4,
             "train_f1": 0.45, "test_f1": 0.35},
            {"epoch": 2, "train_loss": 0.5, "test_loss": 0.6, "train_accuracy": 0.8, "test_accuracy": 0.7,
             "train_f1": 0.75, "test_f1": 0.65}]
    assert final_figures(rows) == {"epoch": 2, "split": "test", "accuracy": 0.7, "f1": 0.65, "loss": 0.6}
    no_test = [{"epoch": 3, "train_loss": 0.2, "test_loss": None, "train_accuracy": 0.9, "train_f1": 0.85}]
    assert final_figures(no_test) == {"epoch": 3, "split": "train", "accuracy": 0.9, "f1": 0.85, "loss": 0.2}
    regression = [{"epoch": 1, "train_loss": 0.3, "test_loss": 0.4}]
    assert final_figures(regression) == {"epoch": 1, "split": "test", "accuracy": None, "f1": None, "loss": 0.4}
