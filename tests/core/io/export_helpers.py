"""Shared by the export tests: the bundled examples, graphs covering every layer type,
example inputs, and importing an exported file as a module."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import torch

from visualnn.core.graph import Graph
from visualnn.core.io import Project, load_project
from visualnn.examples import examples_dir

_counter = itertools.count()


def example_paths() -> list[Path]:
    """Every bundled example project, whatever exists now."""
    return sorted(examples_dir().glob("*.vnn"))


def load_exported(path: Path):
    """Import an exported .py file as a fresh module."""
    spec = importlib.util.spec_from_file_location(f"exported_model_{next(_counter)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def example_input(model, batch: int = 3, seed: int = 1) -> torch.Tensor:
    """A random batch for the compiled model's Input (valid token ids for an Embedding)."""
    g = torch.Generator().manual_seed(seed)
    shape = tuple(model.shapes[model.input_id])
    if model.input_dtype == "long":
        vocab = [m.num_embeddings for m in model.modules() if isinstance(m, torch.nn.Embedding)]
        return torch.randint(0, min(vocab) if vocab else 2, (batch, *shape), generator=g)
    return torch.randn(batch, *shape, generator=g)


def graph(nodes, edges) -> Graph:
    """nodes: [(id, type, params)], edges: [(src, dst)] in connection order."""
    g = Graph()
    for nid, kind, params in nodes:
        g.add_node(kind, nid, dict(params))
    for src, dst in edges:
        g.connect(src, dst)
    return g


def _chain(shape, layers, dtype=None):
    params = {"shape": list(shape)}
    if dtype:
        params["dtype"] = dtype
    nodes = [("x", "Input", params)] + [(f"{kind.lower()}{i}", kind, p) for i, (kind, p) in enumerate(layers)]
    return graph(nodes, [(a[0], b[0]) for a, b in zip(nodes, nodes[1:])])


def coverage_graphs() -> dict[str, Graph]:
    """Small graphs that together use every layer type and most of their options."""
    return {
        "dense": _chain((2,), [("Linear", {"out_features": 6}), ("ReLU", {}), ("LeakyReLU", {"negative_slope": 0.2}),
                               ("Sigmoid", {}), ("Tanh", {}), ("GELU", {"approximate": "tanh"}), ("GELU", {}),
                               ("Dropout", {"p": 0.3}), ("Identity", {}), ("BatchNorm1d", {"momentum": 0.2}),
                               ("LayerNorm", {"eps": 1e-3}), ("Linear", {"out_features": 3, "bias": False}),
                               ("Softmax", {})]),
        "conv": _chain((1, 8, 8), [("Conv2d", {"out_channels": 3, "padding": 1}), ("BatchNorm2d", {}),
                                   ("MaxPool2d", {"kernel_size": 2}),
                                   ("Conv2d", {"out_channels": 2, "kernel_size": [3, 1], "padding": 1,
                                               "padding_mode": "reflect", "bias": False}),
                                   ("AvgPool2d", {"kernel_size": 2, "stride": 1}),
                                   ("Flatten", {}), ("Reshape", {"shape": [2, -1]}), ("Flatten", {"start_dim": 1}),
                                   ("Linear", {"out_features": 2})]),
        "recurrent": _chain((5, 3), [("RNN", {"hidden_size": 4, "output": "all", "num_layers": 2,
                                               "nonlinearity": "relu"}),
                                      ("GRU", {"hidden_size": 3, "output": "all", "bidirectional": True}),
                                      ("LSTM", {"hidden_size": 4}), ("Linear", {"out_features": 1})]),
        "attention": _chain((6, 4), [("SelfAttention", {"num_heads": 2}), ("LayerNorm", {}),
                                     ("Softmax", {"dim": 0}), ("Flatten", {}), ("Linear", {"out_features": 2})]),
        "tokens": _chain((6,), [("Embedding", {"num_embeddings": 10, "embedding_dim": 4, "padding_idx": 0}),
                                ("LSTM", {"hidden_size": 3})], dtype="long"),
        "skips": graph(
            [("x", "Input", {"shape": [4]}), ("self", "Linear", {"out_features": 4}), ("a", "Tanh", {}),
             ("add", "Add", {}), ("b", "Linear", {"out_features": 3}), ("cat", "Concat", {"dim": 0}),
             ("out", "Linear", {"out_features": 2})],
            [("x", "self"), ("self", "a"), ("a", "add"), ("x", "add"), ("self", "add"), ("add", "b"),
             ("b", "cat"), ("x", "cat"), ("cat", "out")]),
    }


def all_float_layers() -> Graph:
    """One graph with every layer type that takes float input (for slow exporters)."""
    nodes = [
        ("x", "Input", {"shape": [2, 4]}), ("att", "SelfAttention", {"num_heads": 2}), ("ln", "LayerNorm", {}),
        ("gru", "GRU", {"hidden_size": 3, "output": "all", "bidirectional": True}),
        ("rnn", "RNN", {"hidden_size": 4, "output": "all", "num_layers": 2, "nonlinearity": "relu"}),
        ("add", "Add", {}), ("rs", "Reshape", {"shape": [1, 2, 4]}),
        ("conv", "Conv2d", {"out_channels": 3, "padding": 1, "padding_mode": "reflect"}), ("bn2", "BatchNorm2d", {}),
        ("mp", "MaxPool2d", {"kernel_size": [1, 2]}), ("ap", "AvgPool2d", {"kernel_size": 2, "stride": 1}),
        ("fl", "Flatten", {}), ("lstm", "LSTM", {"hidden_size": 5}), ("cat", "Concat", {}),
        ("fc", "Linear", {"out_features": 6}), ("relu", "ReLU", {}), ("leaky", "LeakyReLU", {"negative_slope": 0.2}),
        ("sig", "Sigmoid", {}), ("tanh", "Tanh", {}), ("gelu", "GELU", {"approximate": "tanh"}), ("gelu2", "GELU", {}),
        ("drop", "Dropout", {"p": 0.3}), ("ident", "Identity", {}), ("bn1", "BatchNorm1d", {}),
        ("fc2", "Linear", {"out_features": 3, "bias": False}), ("soft", "Softmax", {}),
    ]
    edges = [("x", "att"), ("att", "ln"), ("ln", "gru"), ("gru", "rnn"), ("rnn", "add"), ("x", "add"),
             ("add", "rs"), ("rs", "conv"), ("conv", "bn2"), ("bn2", "mp"), ("mp", "ap"), ("ap", "fl"),
             ("add", "lstm"), ("fl", "cat"), ("lstm", "cat"), ("cat", "fc")]
    chain = ["fc", "relu", "leaky", "sig", "tanh", "gelu", "gelu2", "drop", "ident", "bn1", "fc2", "soft"]
    edges += list(zip(chain, chain[1:]))
    return graph(nodes, edges)


def project_of(g: Graph, name: str = "Test net", data=None, train=None, state=None) -> Project:
    return Project(graph=g, name=name, data=data or {"kind": "builtin", "name": "xor"},
                   train=train or {"loss": "mse", "seed": 3}, state=state)


def load(path) -> Project:
    return load_project(path)
