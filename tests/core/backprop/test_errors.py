"""Whatever cannot be traced is a TraceError with one line naming the place."""

import math

import pytest

from tests.core.backprop.reference import build
from visualnn.core.backprop.errors import TraceError
from visualnn.core.backprop.trace import trace_project, trace_update
from visualnn.core.io import load_project
from visualnn.examples import example_path


def _mlp(out=2):
    return build([("x", "Input", {"shape": [2]}), ("fc", "Linear", {"out_features": out})])


def _raises(match, fn, *a, **kw):
    with pytest.raises(TraceError, match=match) as info:
        fn(*a, **kw)
    assert "\n" not in str(info.value)


def test_invalid_graph_names_the_node():
    g = _mlp()
    g.add_node("Linear", "loose", {"out_features": 2})
    _raises(r"^node loose: ", trace_update, g, None, [[1.0, 2.0]], [[0.0, 1.0]], {"loss": "mse"})


def test_samples_out_of_range():
    project = load_project(example_path("lesson_222_sigmoid.vnn"))
    _raises(r"^sample 1 is out of range", trace_project, project, sample=1)
    _raises(r"^sample 1 is out of range", trace_project, project, sample=0, batch=2)
    _raises(r"^batch must be 1 or more", trace_project, project, batch=0)


def test_data_that_does_not_fit():
    _raises(r"^node x: the data gives samples of shape \[3\], the Input expects \[2\]",
            trace_update, _mlp(), None, [[1.0, 2.0, 3.0]], [[0.0, 1.0]], {"loss": "mse"})
    _raises(r"^node fc: the target has 3 values per sample, the output has 2",
            trace_update, _mlp(), None, [[1.0, 2.0]], [[0.0, 1.0, 2.0]], {"loss": "mse"})
    _raises(r"^node fc: target class 5 is out of range for its 2 outputs",
            trace_update, _mlp(), None, [[1.0, 2.0]], [5], {"loss": "cross_entropy"})
    _raises(r"^train.loss 'hinge' is not one of", trace_update, _mlp(), None, [[1.0, 2.0]], [[0.0, 1.0]],
            {"loss": "hinge"})


def test_bad_state_and_batchnorm_on_one_sample():
    _raises(r"^node fc: no parameter 'gain'", trace_update, _mlp(), {"fc": {"gain": [1.0]}}, [[1.0, 2.0]],
            [[0.0, 1.0]], {"loss": "mse"})
    g = build([("x", "Input", {"shape": [2]}), ("bn", "BatchNorm1d", {}), ("fc", "Linear", {"out_features": 2})])
    _raises(r"^node bn: BatchNorm1d normalises each feature over the batch.*2 or more",
            trace_update, g, None, [[1.0, 2.0]], [[0.0, 1.0]], {"loss": "mse"})


def test_a_loss_that_is_not_a_number():
    state = {"fc": {"weight": [[math.inf, 0.0], [0.0, 1.0]], "bias": [0.0, 0.0]}}
    _raises(r"^the loss is (nan|inf)", trace_update, _mlp(), state, [[1.0, -1.0]], [[0.0, 1.0]], {"loss": "mse"})
