"""Lessons played headless: actions change the project as the app does, goals are checked
from the training history, and `lesson_report` says which goals the solutions reach."""

import pytest
import torch

from visualnn.core.graph import Graph
from visualnn.core.io import Project
from visualnn.core.lesson import LessonError, LessonPlayer, lesson_report, network_size, parse_lesson


def regression_project(lesson=None, lr=0.001):
    g = Graph()
    g.add_node("Input", "x", {"shape": [1]})
    g.add_node("Linear", "fc", {"out_features": 1})
    g.connect("x", "fc")
    xs = [[i / 10] for i in range(-10, 11)]
    data = {"kind": "table", "inputs": xs, "targets": [[2 * x[0] + 1] for x in xs]}
    train = {"loss": "mse", "optimizer": "sgd", "lr": lr, "batch_size": 21, "epochs": 5, "seed": 0,
             "device": "cpu", "test_fraction": 0.0}
    p = Project(g, "fit", data, train)
    if lesson is not None:
        p.extra["lesson"] = lesson
    return p


def lesson_with(goal, actions=()):
    return {"title": "t", "steps": [{"text": "a", "actions": list(actions)}, {"text": "b", "goal": goal}]}


def test_network_size_counts_params_and_hidden_units():
    g = Graph()
    g.add_node("Input", "x", {"shape": [2]})
    g.add_node("Linear", "h", {"out_features": 3})
    g.add_node("Tanh", "a")
    g.add_node("Linear", "o", {"out_features": 2})
    for a, b in (("x", "h"), ("h", "a"), ("a", "o")):
        g.connect(a, b)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
    assert network_size(g) == {"params": sum(p.numel() for p in model.parameters()), "hidden_units": 3}


def test_set_keeps_weights_for_live_settings_and_restarts_for_the_network():
    player = LessonPlayer(regression_project())
    player.apply({"do": "train", "epochs": 3})
    assert [r["epoch"] for r in player.history] == [1, 2, 3]
    player.apply({"do": "set", "key": "train.lr", "value": 0.5})
    assert player.trainer.next_config.lr == 0.5 and len(player.history) == 3
    player.apply({"do": "train", "epochs": 1})
    assert player.history[-1]["epoch"] == 4
    player.apply({"do": "set", "key": "nodes.fc.bias", "value": False})
    assert player.trainer is None and player.project.graph.nodes["fc"].params["bias"] is False
    with pytest.raises(LessonError, match="no layer named nope"):
        player.apply({"do": "select", "nodes": ["nope"]})
    with pytest.raises(LessonError, match="no setting"):
        player.apply({"do": "set", "key": "nodes.fc.wings", "value": 2})
    from visualnn.core.train.config import ConfigError

    with pytest.raises(ConfigError, match="train.lr"):
        LessonPlayer(regression_project()).apply({"do": "set", "key": "train.lr", "value": -1})


def test_history_rows_match_a_direct_training_loop():
    player = LessonPlayer(regression_project(lr=0.1))
    player.apply({"do": "train", "epochs": 2})
    torch.manual_seed(0)
    from visualnn.core.compile import compile_graph

    model = compile_graph(player.project.graph, None, seed=0)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x = torch.tensor(player.project.data["inputs"], dtype=torch.float32)
    y = torch.tensor(player.project.data["targets"], dtype=torch.float32)
    for row in player.history:
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        assert row["train_loss"] == pytest.approx(loss.item(), rel=1e-5)


def test_report_goal_met_by_solution_and_not_without():
    goal = {"metric": "train_loss", "at_most": 0.05, "text": "fit",
            "solution": [{"do": "set", "key": "train.lr", "value": 0.3}, {"do": "train", "until": "goal",
                                                                          "max_epochs": 200}]}
    report = lesson_report(regression_project(lesson_with(goal, [{"do": "train", "epochs": 2}])))
    assert report["ok"] and report["steps"] == 2
    (g,) = report["goals"]
    assert g["step"] == 2 and g["met"] and g["reached"] <= 0.05 and g["target"] == 0.05
    goal["solution"] = [{"do": "train", "epochs": 2}]  # lr 0.001: far from it
    report = lesson_report(regression_project(lesson_with(goal)))
    assert not report["ok"] and not report["goals"][0]["met"] and report["goals"][0]["reached"] > 0.05


def test_report_constraint_and_bad_action():
    goal = {"metric": "train_loss", "at_most": 100.0, "max_params": 1, "solution": [{"do": "train", "epochs": 1}]}
    report = lesson_report(regression_project(lesson_with(goal)))
    assert not report["ok"] and "2 parameters" in report["goals"][0]["problems"][0]
    report = lesson_report(regression_project(lesson_with(goal, [{"do": "highlight", "nodes": ["ghost"]}])))
    assert not report["ok"] and report["error"].startswith("step 1, actions[0]") and "ghost" in report["error"]


def test_stepthrough_stage_past_the_end_is_an_error():
    player = LessonPlayer(regression_project())
    player.apply({"do": "stepthrough", "stage": 0})
    with pytest.raises(LessonError, match="past the last"):
        player.apply({"do": "stepthrough", "stage": 999})


def test_f1_goal_on_classification():
    g = Graph()
    g.add_node("Input", "x", {"shape": [2]})
    g.add_node("Linear", "o", {"out_features": 2})
    g.connect("x", "o")
    data = {"kind": "builtin", "name": "gauss", "params": {"samples": 100, "noise": 0.0}}
    train = {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.05, "batch_size": 10, "seed": 0,
             "device": "cpu", "test_fraction": 0.2}
    goal = {"metric": "test_f1", "at_least": 0.9, "solution": [{"do": "train", "epochs": 5}]}
    project = Project(g, "g", data, train, extra={"lesson": lesson_with(goal)})
    report = lesson_report(project)
    assert report["ok"], report
    parse_lesson(project.extra["lesson"])
