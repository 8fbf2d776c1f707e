"""Every layer type: shape inference agrees with the torch module it builds, and a wrong
input shape gives a message that names the node."""

import pytest
import torch

from tests.conftest import chain
from visualnn.core.compile import compile_graph
from visualnn.core.graph import REGISTRY, check_graph

# (input shape, layer type, params, expected output shape, input dtype)
CASES = [
    ((5,), "Linear", {"out_features": 3}, (3,), None),
    ((4, 5), "Linear", {"out_features": 3, "bias": False}, (4, 3), None),
    ((2, 4, 4), "Flatten", {}, (32,), None),
    ((2, 4, 4), "Flatten", {"start_dim": 2}, (2, 16), None),
    ((12,), "Reshape", {"shape": [3, -1]}, (3, 4), None),
    ((6,), "Dropout", {"p": 0.3}, (6,), None),
    ((6,), "Identity", {}, (6,), None),
    ((7,), "Embedding", {"num_embeddings": 20, "embedding_dim": 4, "padding_idx": 0}, (7, 4), "long"),
    ((1, 8, 8), "Conv2d", {"out_channels": 4, "kernel_size": 3}, (4, 6, 6), None),
    ((3, 9, 7), "Conv2d", {"out_channels": 2, "kernel_size": [3, 2], "stride": 2, "padding": 1}, (2, 5, 4), None),
    ((2, 8, 8), "MaxPool2d", {"kernel_size": 2}, (2, 4, 4), None),
    ((2, 7, 7), "AvgPool2d", {"kernel_size": 3, "stride": 2, "padding": 1}, (2, 4, 4), None),
    ((5,), "ReLU", {}, (5,), None),
    ((5,), "LeakyReLU", {"negative_slope": 0.2}, (5,), None),
    ((5,), "Sigmoid", {}, (5,), None),
    ((5,), "Tanh", {}, (5,), None),
    ((5,), "GELU", {"approximate": "tanh"}, (5,), None),
    ((3, 5), "Softmax", {"dim": 0}, (3, 5), None),
    ((5,), "BatchNorm1d", {}, (5,), None),
    ((5, 3), "BatchNorm1d", {}, (5, 3), None),
    ((3, 4, 4), "BatchNorm2d", {"momentum": 0.2}, (3, 4, 4), None),
    ((4, 6), "LayerNorm", {}, (4, 6), None),
    ((6, 3), "RNN", {"hidden_size": 5}, (5,), None),
    ((6, 3), "RNN", {"hidden_size": 5, "output": "all", "nonlinearity": "relu"}, (6, 5), None),
    ((6, 3), "LSTM", {"hidden_size": 4, "num_layers": 2}, (4,), None),
    ((6, 3), "GRU", {"hidden_size": 4, "output": "all", "bidirectional": True}, (6, 8), None),
    ((5, 8), "SelfAttention", {"num_heads": 2}, (5, 8), None),
]


def test_cases_cover_every_single_input_layer():
    covered = {c[1] for c in CASES} | {"Input", "Add", "Concat"}
    assert covered == set(REGISTRY)


@pytest.mark.parametrize("shape,type_name,params,expected,dtype", CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_inferred_shape_matches_torch(shape, type_name, params, expected, dtype):
    g = chain(shape, (type_name, params), dtype=dtype)
    rep = check_graph(g)
    assert rep.problems == []
    assert rep.shapes["n0"] == expected
    model = compile_graph(g, seed=0).eval()
    if dtype == "long":
        x = torch.randint(0, 20, (3, *shape))
    else:
        x = torch.randn(3, *shape)
    with torch.no_grad():
        y = model(x)
    assert tuple(y.shape) == (3, *expected)


def test_every_spec_has_schema_help_and_formula():
    for spec in REGISTRY.values():
        assert spec.help and spec.formula and spec.group, spec.type
        for p in spec.params:
            assert p.help, (spec.type, p.name)
            assert p.check(p.default) == p.default or p.default is None


WRONG = [
    ((1, 8, 8), "Linear", {"out_features": 2}, "Flatten"),
    ((64,), "Conv2d", {}, "expects an image"),
    ((64,), "MaxPool2d", {}, "expects an image"),
    ((64,), "AvgPool2d", {}, "expects an image"),
    ((1, 2, 2), "Conv2d", {"kernel_size": 5}, "does not fit"),
    ((10,), "Reshape", {"shape": [3, -1]}, "cannot reshape"),
    ((10,), "RNN", {}, "expects a sequence"),
    ((10,), "LSTM", {}, "expects a sequence"),
    ((10,), "GRU", {}, "expects a sequence"),
    ((4, 6), "SelfAttention", {"num_heads": 4}, "not divisible"),
    ((10,), "SelfAttention", {}, "expects a sequence"),
    ((1, 8, 8), "BatchNorm1d", {}, "BatchNorm2d"),
    ((8,), "BatchNorm2d", {}, "expects an image"),
    ((4, 2), "Embedding", {}, "token ids"),
    ((4,), "Softmax", {"dim": 3}, "outside"),
    ((4,), "Flatten", {"start_dim": 2}, "cannot flatten"),
]


@pytest.mark.parametrize("shape,type_name,params,fragment", WRONG, ids=[w[1] + str(i) for i, w in enumerate(WRONG)])
def test_wrong_input_shape_names_the_node(shape, type_name, params, fragment):
    g = chain(shape, (type_name, params))
    msgs = [str(p) for p in check_graph(g).problems]
    assert any(m.startswith("node n0: ") and fragment in m for m in msgs), msgs


def test_embedding_needs_long_input_and_long_input_needs_embedding():
    g = chain((5,), ("Embedding", {}))
    assert any("dtype 'long'" in str(p) for p in check_graph(g).problems)
    g = chain((5,), ("Linear", {}), dtype="long")
    assert any("must go through an Embedding" in str(p) for p in check_graph(g).problems)


def test_bad_params_are_named():
    g = chain((4,), ("Linear", {"out_feature": 3}))
    assert [str(p) for p in check_graph(g).problems] == [
        "node n0: Linear has no parameter 'out_feature' (its parameters: out_features, bias)"
    ]
    g = chain((4,), ("Linear", {"out_features": 0}))
    assert "must be >= 1" in str(check_graph(g).problems[0])
    g = chain((4,), ("Dropout", {"p": "half"}))
    assert "must be a number" in str(check_graph(g).problems[0])
    g = chain((4,), ("GELU", {"approximate": "fast"}))
    assert "must be one of" in str(check_graph(g).problems[0])
