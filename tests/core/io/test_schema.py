"""The one schema: every field's type and range checked up front, one message naming the
field, its value and what is allowed; the design's additions accepted and kept."""

import json

import pytest

from visualnn.core.io import ProjectError, dumps_project, load_project, project_from_dict
from visualnn.core.io.schema import MAX_DEPTH, SchemaError, parse_text

BASE = {"format": "visualnn", "version": 1, "name": "s",
        "nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}, "pos": [0, 0]},
                  {"id": "fc", "type": "Linear", "params": {"out_features": 2}}],
        "edges": [{"from": "x", "to": "fc"}],
        "data": {"kind": "builtin", "name": "spiral"},
        "train": {"loss": "cross_entropy", "lr": 0.1, "batch_size": 4, "epochs": 1, "seed": 0}}


def _doc(**changes):
    doc = json.loads(json.dumps(BASE))
    for path, value in changes.items():
        target = doc
        keys = path.split(".")
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        target[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return doc


@pytest.mark.parametrize("path, value, words", [
    ("train.batch_size", 10**12, ["train.batch_size", "1000000000000", "from 1 to 1000000"]),
    ("train.seed", 10**30, ["train.seed", "31 digits", "0 to 4294967295"]),
    ("train.epochs", None, ["train.epochs", "null", "whole number"]),
    ("train.lr", float("nan"), ["train.lr", "NaN", "above 0"]),
    ("train.loss", "nope", ["train.loss", '"nope"', "cross_entropy"]),
    ("nodes.1.pos", ["a", "b"], ["nodes[1].pos", "[x, y]"]),
    ("nodes.1.type", None, ["nodes[1].type", "null", "a text"]),
    ("nodes.1.params.out_features", float("inf"), ["nodes[1].params.out_features", "Infinity", "finite"]),
    ("edges.0.to", ["fc"], ["edges[0].to", '["fc"]', "id of a layer"]),
    ("data.params", [1], ["data.params", "[1]", "object"]),
    ("name", "n" * 10**6, ["name", "…", "at most"]),
])
def test_a_field_out_of_the_schema_is_named_with_its_value_and_what_is_allowed(path, value, words):
    with pytest.raises(ProjectError) as err:
        project_from_dict(_doc(**{path: value}), "f.vnn")
    msg = str(err.value)
    assert msg.startswith("f.vnn: ") and len(msg) < 300 and "\n" not in msg
    for w in words:
        assert w in msg, (w, msg)


def test_deep_nesting_and_huge_numbers_are_refused_without_recursion(tmp_path):
    with pytest.raises(SchemaError, match=f"at most {MAX_DEPTH} levels"):
        parse_text("[" * 200_000 + "]" * 200_000)
    path = tmp_path / "digits.vnn"
    path.write_text(json.dumps(BASE).replace('"seed": 0', '"seed": ' + "9" * 5000))
    with pytest.raises(ProjectError, match="train.seed is a number of 5000 digits"):
        load_project(path)


def test_special_files_are_refused_before_reading(tmp_path):
    import os

    fifo = tmp_path / "pipe.vnn"
    os.mkfifo(fifo)
    with pytest.raises(ProjectError, match="not a regular file"):
        load_project(fifo)


def test_the_design_additions_are_accepted_and_unknown_keys_kept(tmp_path):
    doc = _doc()
    doc["name"] = {"en": "Spiral", "zh": "螺旋"}
    doc["nodes"][1]["init"] = {"scheme": "normal", "mean": 0.0, "std": 0.1}
    doc["data"]["params"] = {"features": ["x1", "x2", "sin(x1)"]}
    doc["lesson"] = {"title": {"en": "t"}, "steps": [{"text": "hi", "actions": [{"do": "train", "epochs": 2}]}]}
    doc["runs"] = [{"label": "a", "settings": {"train.lr": 0.1}}]
    doc["future_key"] = {"anything": [1, "two", None]}
    project = project_from_dict(doc, "f.vnn")
    back = json.loads(dumps_project(project))
    for key in ("lesson", "runs", "future_key"):
        assert back[key] == doc[key]
    assert back["nodes"][1]["init"] == doc["nodes"][1]["init"] and back["name"] == doc["name"]
