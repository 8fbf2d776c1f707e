"""The trace equals torch.autograd (to 1e-10) on random graphs of every layer type."""

import json

import pytest
import torch

from tests.core.backprop.reference import assert_trace_matches, build, random_targets, reference
from visualnn.core.backprop.trace import trace_update
from visualnn.core.compile import compile_graph


def _mlp(rng):
    acts = ["ReLU", "Sigmoid", "Tanh", "Identity"]
    last = ["LeakyReLU", "GELU"][rng.integers(2)]
    return build([
        ("x", "Input", {"shape": [3]}), ("fc1", "Linear", {"out_features": 4}),
        ("a1", acts[rng.integers(4)], {}), ("fc2", "Linear", {"out_features": 5}),
        ("a2", last, {"negative_slope": 0.2} if last == "LeakyReLU" else {"approximate": "tanh"}),
        ("fc3", "Linear", {"out_features": 3, "bias": bool(rng.integers(2))}),
    ]), "cross_entropy", 1


def _softmax(rng):
    return build([
        ("x", "Input", {"shape": [3, 4]}), ("fc", "Linear", {"out_features": 2}), ("g", "GELU", {}),
        ("sm", "Softmax", {"dim": 0}), ("id", "Identity", {}), ("fl", "Flatten", {}), ("out", "Linear", {"out_features": 3}),
        ("p", "Softmax", {}),
    ]), "mse", 1


def _conv(rng):
    return build([
        ("x", "Input", {"shape": [2, 7, 7]}),
        ("c1", "Conv2d", {"out_channels": 3, "kernel_size": 3, "padding": 1}), ("r1", "ReLU", {}),
        ("mp", "MaxPool2d", {"kernel_size": 2}),
        ("c2", "Conv2d", {"out_channels": 2, "kernel_size": [2, 3], "stride": 2, "padding": 1, "dilation": [1, 2],
                          "padding_mode": "reflect"}),
        ("ap", "AvgPool2d", {"kernel_size": 2, "stride": 1, "padding": 1}),
        ("fl", "Flatten", {}), ("fc", "Linear", {"out_features": 2}),
    ]), "half_sse", 1


def _conv_overlap(rng):
    return build([
        ("x", "Input", {"shape": [1, 6, 6]}),
        ("c1", "Conv2d", {"out_channels": 2, "kernel_size": 2, "stride": 1, "padding": 0, "bias": False}),
        ("mp", "MaxPool2d", {"kernel_size": 3, "stride": 1, "padding": 1}), ("t", "Tanh", {}),
        ("fl", "Flatten", {"start_dim": 2}), ("fc", "Linear", {"out_features": 1}), ("f2", "Flatten", {}),
        ("s", "Sigmoid", {}),
    ]), "bce", 1


def _reshape(rng):
    return build([
        ("x", "Input", {"shape": [12]}), ("rs", "Reshape", {"shape": [1, 3, 4]}),
        ("c", "Conv2d", {"out_channels": 2, "kernel_size": 2}), ("rs2", "Reshape", {"shape": [2, -1]}),
        ("fc", "Linear", {"out_features": 2}), ("fl", "Flatten", {}), ("out", "Linear", {"out_features": 2}),
    ]), "bce_logits", 1


def _dropout(rng):
    return build([
        ("x", "Input", {"shape": [6]}), ("fc1", "Linear", {"out_features": 8}), ("r", "ReLU", {}),
        ("d", "Dropout", {"p": 0.5}), ("fc2", "Linear", {"out_features": 2}),
    ]), "l1", 1


def _batchnorm1d(rng):
    return build([
        ("x", "Input", {"shape": [5]}), ("fc", "Linear", {"out_features": 4}), ("bn", "BatchNorm1d", {}),
        ("t", "Tanh", {}), ("out", "Linear", {"out_features": 3}),
    ]), "cross_entropy", 4


def _batchnorm1d_seq(rng):
    return build([
        ("x", "Input", {"shape": [3, 5]}), ("bn", "BatchNorm1d", {"affine": bool(rng.integers(2))}),
        ("fl", "Flatten", {}), ("out", "Linear", {"out_features": 2}),
    ]), "mse", 1


def _batchnorm2d(rng):
    return build([
        ("x", "Input", {"shape": [2, 4, 4]}), ("c", "Conv2d", {"out_channels": 3, "kernel_size": 3, "padding": 1}),
        ("bn", "BatchNorm2d", {"momentum": 0.3}), ("r", "ReLU", {}), ("fl", "Flatten", {}),
        ("out", "Linear", {"out_features": 2}),
    ]), "mse", 2


def _layernorm(rng):
    return build([
        ("x", "Input", {"shape": [4, 6]}), ("ln", "LayerNorm", {}), ("fc", "Linear", {"out_features": 3}),
        ("ln2", "LayerNorm", {"elementwise_affine": False}), ("fl", "Flatten", {}), ("out", "Linear", {"out_features": 2}),
    ]), "half_sse", 1


def _recurrent(kind, output, bidirectional, layers):
    def make(rng):
        p = {"hidden_size": 4, "num_layers": layers, "output": output, "bidirectional": bidirectional}
        if kind == "RNN":
            p["nonlinearity"] = ["tanh", "relu"][rng.integers(2)]
        nodes = [("x", "Input", {"shape": [5, 3]}), ("rnn", kind, p)]
        if output == "all":
            nodes.append(("fl", "Flatten", {}))
        nodes.append(("out", "Linear", {"out_features": 2}))
        return build(nodes), "mse", 1
    return make


def _embedding(rng):
    return build([
        ("x", "Input", {"shape": [6], "dtype": "long"}),
        ("emb", "Embedding", {"num_embeddings": 7, "embedding_dim": 4, "padding_idx": 0}),
        ("rnn", "GRU", {"hidden_size": 3}), ("out", "Linear", {"out_features": 2}),
    ]), "cross_entropy", 1


def _attention(rng):
    return build([
        ("x", "Input", {"shape": [4, 6]}), ("att", "SelfAttention", {"num_heads": 2}),
        ("fc", "Linear", {"out_features": 3}), ("att2", "SelfAttention", {"num_heads": 1, "bias": False}),
        ("fl", "Flatten", {}), ("out", "Linear", {"out_features": 2}),
    ]), "mse", 1


def _add(rng):
    layers = [("x", "Input", {"shape": [4]}), ("a", "Linear", {"out_features": 4}), ("t", "Tanh", {}),
              ("b", "Linear", {"out_features": 4}), ("add", "Add", {}), ("out", "Linear", {"out_features": 2})]
    edges = [("x", "a"), ("a", "t"), ("t", "b"), ("t", "add"), ("b", "add"), ("x", "add"), ("add", "out")]
    return build(layers, edges), "half_sse", 1


def _concat(rng):
    layers = [("x", "Input", {"shape": [2, 3, 3]}), ("c1", "Conv2d", {"out_channels": 2, "kernel_size": 1}),
              ("c2", "Conv2d", {"out_channels": 1, "kernel_size": 3, "padding": 1}), ("cat", "Concat", {"dim": 0}),
              ("fl", "Flatten", {}), ("f1", "Linear", {"out_features": 3}), ("f2", "Linear", {"out_features": 2}),
              ("cat2", "Concat", {}), ("out", "Linear", {"out_features": 2})]
    edges = [("x", "c1"), ("x", "c2"), ("c1", "cat"), ("c2", "cat"), ("cat", "fl"), ("fl", "f1"), ("fl", "f2"),
             ("f1", "cat2"), ("f2", "cat2"), ("cat2", "out")]
    return build(layers, edges), "cross_entropy", 1


CASES = {
    "mlp": _mlp, "softmax": _softmax, "conv": _conv, "conv_overlap": _conv_overlap, "reshape": _reshape,
    "dropout": _dropout, "batchnorm1d": _batchnorm1d, "batchnorm1d_seq": _batchnorm1d_seq,
    "batchnorm2d": _batchnorm2d, "layernorm": _layernorm,
    "rnn_last": _recurrent("RNN", "last", False, 1), "rnn_all_bi": _recurrent("RNN", "all", True, 2),
    "lstm_last": _recurrent("LSTM", "last", False, 2), "lstm_all_bi": _recurrent("LSTM", "all", True, 1),
    "gru_last_bi": _recurrent("GRU", "last", True, 1), "gru_all": _recurrent("GRU", "all", False, 2),
    "embedding": _embedding, "attention": _attention, "add": _add, "concat": _concat,
}


def _sample(graph, loss, batch, seed):
    module = compile_graph(graph)
    gen = torch.Generator().manual_seed(seed)
    in_shape = module.shapes[module.input_id]
    if module.input_dtype == "long":
        x = torch.randint(0, 7, (batch, *in_shape), generator=gen)
    else:
        x = torch.randn((batch, *in_shape), generator=gen, dtype=torch.float64)
    return x, random_targets(loss, module.shapes[module.output_id], batch, gen)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("seed", [0, 1])
def test_trace_equals_autograd(case, seed):
    import numpy as np

    graph, loss, batch = CASES[case](np.random.default_rng(seed))
    cfg = {"loss": loss, "optimizer": "sgd", "lr": 0.1, "seed": seed + 3}
    x, t = _sample(graph, loss, batch, seed)
    trace = trace_update(graph, None, x, t, cfg)
    assert_trace_matches(trace, reference(graph, None, x, t, cfg), single=batch == 1)
    assert json.loads(json.dumps(trace, allow_nan=False)) == trace


@pytest.mark.parametrize("case", ["mlp", "conv", "lstm_all_bi", "attention", "concat", "dropout"])
def test_mini_batch_trace_equals_autograd(case):
    import numpy as np

    graph, loss, _ = CASES[case](np.random.default_rng(5))
    cfg = {"loss": loss, "optimizer": "sgd", "lr": 0.1, "seed": 7, "l1": 0.01}
    x, t = _sample(graph, loss, 3, 11)
    trace = trace_update(graph, None, x, t, cfg, single=False, samples=[4, 5, 6])
    assert trace["batch"] == 3 and trace["samples"] == [4, 5, 6]
    assert len(trace["forward"][0]["output"]) == 3
    assert_trace_matches(trace, reference(graph, None, x, t, cfg), single=False)
    assert trace["loss"]["l1"]["weight"] == 0.01


def test_every_layer_type_is_covered():
    from visualnn.core.graph.registry import REGISTRY

    seen = set()
    for make in CASES.values():
        import numpy as np

        for seed in (0, 1):
            graph, _, _ = make(np.random.default_rng(seed))
            seen |= {n.type for n in graph.nodes.values()}
    assert set(REGISTRY) - seen == set()
