"""Variants of a project: parsing --vary, the grid, labels naming what differs, and a race
that trains each variant exactly as a separate run would."""

import pytest

from visualnn.core.train.compare import apply_settings, labels_for, make_variants, parse_value, parse_vary, race
from visualnn.core.train.config import ConfigError
from visualnn.core.train.headless import train_project
from tests.core.train.helpers import mlp, project, spiral


def test_values_are_parsed_to_the_type_of_the_key():
    assert parse_vary("lr=0.1, 0.01") == ("lr", [0.1, 0.01])
    assert parse_vary("batch_size=8,32") == ("batch_size", [8, 32])
    assert parse_vary("optimizer=sgd,adam") == ("optimizer", ["sgd", "adam"])
    assert parse_vary("nesterov=true,no") == ("nesterov", [True, False])
    assert parse_value("weight_decay", 0) == 0.0 and isinstance(parse_value("weight_decay", 0), float)


@pytest.mark.parametrize("text, words", [
    ("colour=red", "cannot vary 'colour'"), ("lr=fast", "must be a number"), ("batch_size=2.5", "whole number"),
    ("optimizer=newton", "choose one of sgd"), ("lr", "KEY=V1,V2"), ("lr=", "KEY=V1,V2"),
])
def test_bad_keys_and_values_are_named(text, words):
    with pytest.raises(ConfigError, match=words):
        parse_vary(text)


def test_grid_and_labels_name_only_what_differs():
    variants = make_variants(mlp(), [("optimizer", ["sgd", "adam"]), ("lr", [0.1, 0.01])])
    assert [v.label for v in variants] == ["sgd, lr 0.1", "sgd, lr 0.01", "adam, lr 0.1", "adam, lr 0.01"]
    assert variants[3].settings == {"optimizer": "adam", "lr": 0.01}
    assert variants[3].project.train["optimizer"] == "adam" and variants[3].project.train["lr"] == 0.01
    assert labels_for([{"optimizer": "adam", "lr": 0.01, "seed": 0}, {"optimizer": "adam", "lr": 0.1, "seed": 0}]) == \
        ["lr 0.01", "lr 0.1"]
    assert labels_for([{"weight_decay": 0.0}, {"weight_decay": 0.01}]) == ["L2 0", "L2 0.01"]
    assert labels_for([{"lr": 0.1}, {"lr": 0.1}]) == ["run 1", "run 2"]


def test_a_bad_value_for_the_project_is_refused_before_training():
    with pytest.raises(ConfigError, match="lr must be > 0"):
        make_variants(mlp(), [("lr", [0.1, -1.0])])
    with pytest.raises(ConfigError, match="no Dropout layer"):
        make_variants(mlp(), [("dropout", [0.1])])


def test_dropout_sets_every_dropout_layer():
    net = project([("fc1", "Linear", {"out_features": 4}), ("d", "Dropout", {"p": 0.5}),
                   ("out", "Linear", {"out_features": 2})], spiral())
    out = apply_settings(net, {"dropout": 0.2})
    assert out.graph.node("d").params["p"] == 0.2 and net.graph.node("d").params["p"] == 0.5


def test_a_race_of_three_optimizers_equals_three_separate_runs():
    base = mlp(epochs=2)
    runs = race(make_variants(base, [("optimizer", ["sgd", "adam", "rmsprop"])]))
    assert [r["label"] for r in runs] == ["sgd", "adam", "rmsprop"]
    for run, name in zip(runs, ("sgd", "adam", "rmsprop")):
        alone = base.copy()
        alone.train["optimizer"] = name
        assert run["history"] == train_project(alone).to_json()["history"]
    assert runs[0]["history"] != runs[1]["history"]


def test_a_race_stops_between_runs_when_asked():
    seen = []
    runs = race(make_variants(mlp(epochs=1), [("seed", [0, 1, 2])]), should_stop=lambda: len(seen) >= 1,
                progress=lambda i, *rest: seen.append(i) if i not in seen else None)
    assert len(runs) == 1 and runs[0]["label"] == "seed 0"


def test_side_by_side_gives_the_same_histories_as_separate_runs():
    from visualnn.core.train.compare import race_side_by_side

    variants = make_variants(mlp(epochs=2), [("optimizer", ["sgd", "adam"])])
    rows = {0: [], 1: []}
    order = []
    for i, _trainer, row, error in race_side_by_side(variants):
        assert error is None
        order.append(i)
        rows[i].append({k: v for k, v in row.items() if k != "step"})
    assert order == [0, 1, 0, 1]
    assert rows[0] == race(variants[:1])[0]["history"] and rows[1] == race(variants[1:])[0]["history"]


def test_one_landscape_holds_every_variants_path():
    import torch

    from visualnn.core.train.compare import race_side_by_side
    from visualnn.core.train.landscape import flat_params
    from visualnn.core.train.race_landscape import race_landscape
    from visualnn.core.train.trainer import Trainer

    variants = make_variants(mlp(epochs=2), [("optimizer", ["sgd", "adam"])])
    paths, trainers = [], {}
    for i, trainer, _row, _error in race_side_by_side(variants, paths=paths):
        trainers[i] = trainer
    result = race_landscape([trainers[0], trainers[1]], paths, resolution=5)
    steps = trainers[0].step_count
    assert [len(p) for p in result["paths"]] == [steps + 1, steps + 1]
    assert len(result["loss"]) == 5 and len(result["loss"][0]) == 5 and result["axes"]["kind"] == "pca"
    # each path point's loss is the training loss of that variant's weights (its last: the end of training)
    for i in (0, 1):
        end_loss = result["paths"][i][-1][2]
        probe = Trainer(variants[0].project)
        with torch.no_grad():
            torch.nn.utils.vector_to_parameters(flat_params(trainers[i].model).float(), probe.model.parameters())
        assert abs(end_loss - probe.evaluate("train")[0]) < 1e-5
    xs = [p[0] for path in result["paths"] for p in path]
    assert min(result["x"]) <= min(xs) and max(result["x"]) >= max(xs)
