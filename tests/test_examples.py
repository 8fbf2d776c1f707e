"""The bundled examples: each one is valid and trains, with its own settings, to the result
its description documents. Training on the CPU is deterministic on one machine, but
PyTorch's kernels round differently on other CPUs (AVX-512, AVX2, none), so the documented
figure is checked within a margin and the thresholds hold on every kernel set."""

import re

import pytest

from visualnn.core.graph import check_graph
from visualnn.core.i18n import pick
from visualnn.core.io import load_project
from visualnn.core.train.headless import train_project
from visualnn.examples import DEFAULT_EXAMPLE, example_path, list_examples

# file -> ("accuracy", at least) or ("loss", at most), on the test split after the last epoch
EXPECTED = {
    "spiral_tanh.vnn": ("accuracy", 0.9),
    "xor_relu.vnn": ("accuracy", 0.95),
    "circle_sigmoid.vnn": ("accuracy", 0.95),
    "digits_cnn.vnn": ("accuracy", 0.9),
    "batchnorm_cnn.vnn": ("accuracy", 0.9),
    "digits_mlp.vnn": ("accuracy", 0.9),
    "iris_mlp.vnn": ("accuracy", 0.9),
    "wine_dropout.vnn": ("accuracy", 0.9),
    "residual_mlp.vnn": ("accuracy", 0.9),
    "branches_concat.vnn": ("accuracy", 0.95),
    "sentiment_gru.vnn": ("accuracy", 0.85),  # 0.86..0.92 over seeds 0..5 (the split changes too)
    "sentiment_zh.vnn": ("accuracy", 0.78),  # 486 Chinese reviews by character: 0.80..0.86 over seeds 0..2
    "plane_regression.vnn": ("loss", 0.005),  # targets' variance 0.23
    "multi_gauss_regression.vnn": ("loss", 0.03),  # targets' variance 0.08
    "sine_lstm.vnn": ("loss", 0.005),  # targets' variance 0.48
    "sine_gru.vnn": ("loss", 0.005),
    "sine_rnn.vnn": ("loss", 0.005),
    "attention_sequence.vnn": ("loss", 0.01),
}
ALL = [ex.path.name for ex in list_examples()]


def test_every_kind_of_network_has_an_example():
    assert DEFAULT_EXAMPLE in ALL
    assert set(EXPECTED) <= set(ALL)
    types = {n.type for name in EXPECTED for n in load_project(example_path(name)).graph.nodes.values()}
    for kind in ("Linear", "Conv2d", "MaxPool2d", "BatchNorm2d", "LayerNorm", "Dropout", "RNN", "LSTM", "GRU",
                 "Embedding", "SelfAttention", "Add", "Concat", "Flatten", "ReLU", "Tanh", "Sigmoid"):
        assert kind in types, kind


@pytest.mark.parametrize("name", ALL)
def test_example_is_valid_and_described(name):
    project = load_project(example_path(name))
    assert check_graph(project.graph).ok, name
    for field in (project.name, project.extra.get("description")):  # bilingual: English and Chinese
        assert isinstance(field, dict) and field.get("en") and field.get("zh"), name
    assert all(n.pos is not None for n in project.graph.nodes.values()), name
    keys = {"loss", "optimizer", "lr", "batch_size", "epochs", "seed", "device", "test_fraction"}
    assert keys <= set(project.train), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_trains_to_its_documented_result(name):
    project = load_project(example_path(name))
    result = train_project(project)
    assert result.error is None
    assert result.epochs == project.train["epochs"]
    last = result.history[-1]
    kind, bound = EXPECTED[name]
    documented = float(re.search(r"about ([0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?)", pick(project.extra["description"], "en")).group(1))
    if kind == "accuracy":
        assert last["test_accuracy"] >= bound, last
        assert abs(last["test_accuracy"] - documented) <= 0.03, (documented, last)
    else:
        assert last["test_loss"] <= bound, last
        assert last["train_accuracy"] is None
        assert documented / 2 <= last["test_loss"] <= documented * 2, (documented, last)


def test_other_examples_train_an_epoch():
    for name in set(ALL) - set(EXPECTED):
        result = train_project(load_project(example_path(name)), epochs=1)
        assert result.error is None and result.epochs == 1, name
