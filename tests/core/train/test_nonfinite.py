"""A loss that stops being finite stops training with the step and the node named."""

import re

import pytest
import torch

from tests.core.train.helpers import plane_relu
from visualnn.core.train.headless import train_project
from visualnn.core.train.probes import find_non_finite
from visualnn.core.train.trainer import Trainer
from visualnn.core.train.targets import TrainingError


def test_huge_learning_rate_stops_with_step_and_node():
    t = Trainer(plane_relu(lr=1e6))
    with pytest.raises(TrainingError) as info:
        for _ in t.steps(epochs=5):
            pass
    e = info.value
    msg = str(e)
    assert re.match(r"loss became (nan|inf) at step \d+: .*node \w+.*; try a smaller learning rate$", msg), msg
    assert e.step == t.step_count + 1 and e.node in t.model.types and "\n" not in msg
    # the weights that failed are kept as they were before the failing update
    assert t._pos < t._n or t.step_count % t.steps_per_epoch == 0
    for m in t.model.modules():
        assert not m._forward_hooks


def test_first_non_finite_output_is_found_in_topological_order():
    t = Trainer(plane_relu())
    with torch.no_grad():
        t.model.layer("fc2").bias[0] = float("nan")
    x = torch.from_numpy(t.dataset.x_train[:4])
    node, where = find_non_finite(t.model, x, lambda out: out.sum())
    assert node == "fc2" and "the parameter bias of node fc2 is no longer finite" in where
    with torch.no_grad():
        t.model.layer("fc2").bias[0] = 0.0
        x[0, 0] = float("inf")
    node, where = find_non_finite(t.model, x, lambda out: out.sum())
    assert node == "fc1" and where == "first non-finite value in the output of node fc1"


def test_non_finite_gradient_is_named():
    t = Trainer(plane_relu())
    x = torch.from_numpy(t.dataset.x_train[:4])
    # finite forward and loss, but d sqrt(u) / du is infinite at u = 0
    node, where = find_non_finite(t.model, x, lambda out: torch.sqrt(out * 0).sum())
    assert (node, where) == ("out", "first non-finite gradient at the output of node out")
    assert all(p.grad is None for p in t.model.parameters())


def test_headless_keeps_the_history_and_reports_the_error():
    result = train_project(plane_relu(lr=1e6), epochs=20)
    assert result.error and result.error.startswith("loss became")
    assert result.epochs == len(result.history) < 20
    assert result.to_json()["error"] == result.error
