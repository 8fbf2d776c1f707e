"""Every problem that stops training names a node that can take its advice: never "set
its size" for an activation, whose size is its input's."""

from __future__ import annotations

import pytest

from tests.core.train.helpers import project, spiral
from visualnn.core.graph.registry import get_spec
from visualnn.core.train.targets import SIZE_PARAMS, TrainingError
from visualnn.core.train.trainer import Trainer
from visualnn.gui.workers.loop import problem_from

PLANE = {"kind": "builtin", "name": "plane", "params": {"samples": 40, "noise": 0.0}}
TABLE = {"kind": "table", "inputs": [[0.1, 0.2], [0.3, 0.4]], "targets": [[0.0, 1.0], [1.0, 0.0]]}


def problem(p):
    with pytest.raises(TrainingError) as info:
        Trainer(p)
    return problem_from(info.value)


def takes(node_type: str, hint: str) -> bool:
    """The hint asks for something `node_type` has."""
    spec = get_spec(node_type)
    return any(param.name in hint for param in spec.params) or "Input shape" in hint and node_type == "Input"


CASES = {
    # classification, output after an activation: the Linear before it takes the size
    "classes after Tanh": (project([("fc", "Linear", {"out_features": 5}), ("act", "Tanh", {})], spiral()),
                           "fc", "Linear"),
    "classes at a Linear": (project([("fc", "Linear", {"out_features": 5})], spiral()), "fc", "Linear"),
    "regression after ReLU": (project([("fc", "Linear", {"out_features": 3}), ("r", "ReLU", {}),
                                       ("d", "Dropout", {})], PLANE, loss="mse"), "fc", "Linear"),
    "classes, mse, after Sigmoid": (project([("fc", "Linear", {"out_features": 3}), ("s", "Sigmoid", {})],
                                            spiral(), loss="mse"), "fc", "Linear"),
    "input shape": (project([("fc", "Linear", {"out_features": 2})], spiral(), input_shape=(3,)), "x", "Input"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_advice_names_a_node_that_can_take_it(name):
    p, node, node_type = CASES[name]
    found = problem(p)
    assert found.node == node, found
    assert p.graph.nodes[node].type == node_type
    assert node in found.hint or node in found.message
    assert takes(node_type, found.hint), found.hint
    assert "its size" not in found.hint


def test_no_layer_with_a_size_asks_for_a_linear_after_the_output():
    p = project([("f", "Flatten", {})], spiral(), input_shape=(2,))
    found = problem(p)
    assert found.node == "f" and "Linear" in found.hint and "after f" in found.hint


def test_no_weights_asks_for_a_layer_with_weights_after_the_output():
    p = project([("act", "Tanh", {})], spiral(), loss="mse")
    p.data, p.train["test_fraction"] = TABLE, 0.0
    found = problem(p)
    assert found.node == "act" and "Linear" in found.hint and "after act" in found.hint


def test_the_size_parameters_exist():
    for kind, param in SIZE_PARAMS.items():
        assert get_spec(kind).param(param) is not None, kind
