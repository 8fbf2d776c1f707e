"""The compiled GraphModule against hand-written PyTorch modules with the same weights."""

import pytest
import torch
import torch.nn as nn

from tests.conftest import chain
from visualnn.core.compile import compile_graph, load_state, state_to_lists
from visualnn.core.compile.module import CompileError, StateError
from visualnn.core.graph import Graph


def copy_into(ref: nn.Module, compiled: nn.Module, mapping: dict[str, str]):
    """Copy compiled weights into the reference: mapping node id -> reference attribute."""
    sd = compiled.state_dict()
    ref_sd = {}
    for key, value in sd.items():
        nid, pname = key.split(".", 1)
        ref_sd[f"{mapping[nid]}.{pname}"] = value
    ref.load_state_dict(ref_sd)


def test_mlp_equals_sequential():
    g = chain((2,), ("Linear", {"out_features": 8}), "Tanh", ("Linear", {"out_features": 8}), "Tanh",
              ("Linear", {"out_features": 1}))
    model = compile_graph(g, seed=3)
    ref = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1))
    copy_into(ref, model, {f"n{i}": str(i) for i in range(5)})
    x = torch.randn(16, 2)
    assert torch.equal(model(x), ref(x))
    assert list(model.state_dict()) == ["n0.weight", "n0.bias", "n2.weight", "n2.bias", "n4.weight", "n4.bias"]


def test_cnn_equals_sequential():
    g = chain((1, 8, 8), ("Conv2d", {"out_channels": 4, "kernel_size": 3, "padding": 1}), "ReLU",
              ("MaxPool2d", {"kernel_size": 2}), ("BatchNorm2d", {}), "Flatten", ("Dropout", {"p": 0.2}),
              ("Linear", {"out_features": 10}), ("Softmax", {}))
    model = compile_graph(g, seed=0).eval()
    ref = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.BatchNorm2d(4), nn.Flatten(),
                        nn.Dropout(0.2), nn.Linear(64, 10), nn.Softmax(dim=1)).eval()
    copy_into(ref, model, {f"n{i}": str(i) for i in range(8)})
    x = torch.randn(5, 1, 8, 8)
    assert torch.equal(model(x), ref(x))


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 4)
        self.b = nn.Linear(4, 3)

    def forward(self, x):
        h = torch.relu(self.a(x)) + x
        return torch.cat([self.b(h), h], dim=1)


def test_skip_and_concat_equal_hand_written():
    g = Graph()
    g.add_node("Input", "x", {"shape": [4]})
    g.add_node("Linear", "a", {"out_features": 4})
    g.add_node("ReLU", "r")
    g.add_node("Add", "res")
    g.add_node("Linear", "b", {"out_features": 3})
    g.add_node("Concat", "cat")
    for s, d in [("x", "a"), ("a", "r"), ("r", "res"), ("x", "res"), ("res", "b"), ("b", "cat"), ("res", "cat")]:
        g.connect(s, d)
    model = compile_graph(g, seed=1)
    ref = Residual()
    copy_into(ref, model, {"a": "a", "b": "b"})
    x = torch.randn(6, 4)
    assert torch.equal(model(x), ref(x))
    outs = model.forward_all(x)
    assert set(outs) == {"x", "a", "r", "res", "b", "cat"}
    assert tuple(outs["cat"].shape) == (6, 7)


class SeqNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(30, 8)
        self.att = nn.MultiheadAttention(8, 2, batch_first=True)
        self.norm = nn.LayerNorm(8)
        self.lstm = nn.LSTM(8, 6, batch_first=True)
        self.gru = nn.GRU(6, 5, batch_first=True)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        e = self.emb(x)
        a = self.norm(self.att(e, e, e, need_weights=False)[0])
        h, _ = self.lstm(a)
        g, _ = self.gru(h)
        return self.fc(g[:, -1])


def test_sequence_layers_equal_hand_written():
    g = chain((7,), ("Embedding", {"num_embeddings": 30, "embedding_dim": 8}), ("SelfAttention", {"num_heads": 2}),
              ("LayerNorm", {}), ("LSTM", {"hidden_size": 6, "output": "all"}), ("GRU", {"hidden_size": 5}),
              ("Linear", {"out_features": 2}), dtype="long")
    model = compile_graph(g, seed=2).eval()
    ref = SeqNet().eval()
    copy_into(ref, model, {"n0": "emb", "n1": "att", "n2": "norm", "n3": "lstm", "n4": "gru", "n5": "fc"})
    x = torch.randint(0, 30, (4, 7))
    assert torch.allclose(model(x), ref(x), atol=0, rtol=0)
    assert "n1.in_proj_weight" in model.state_dict() and "n3.weight_ih_l0" in model.state_dict()


def test_rnn_last_equals_torch_rnn():
    g = chain((5, 3), ("RNN", {"hidden_size": 4, "nonlinearity": "relu", "num_layers": 2}))
    model = compile_graph(g, seed=0)
    ref = nn.RNN(3, 4, num_layers=2, nonlinearity="relu", batch_first=True)
    ref.load_state_dict({k.split(".", 1)[1]: v for k, v in model.state_dict().items()})
    x = torch.randn(2, 5, 3)
    assert torch.equal(model(x), ref(x)[0][:, -1])


def test_seed_is_deterministic_and_state_round_trips():
    g = chain((3,), ("Linear", {"out_features": 4}), "Sigmoid", ("Linear", {"out_features": 2}))
    a, b, c = compile_graph(g, seed=5), compile_graph(g, seed=5), compile_graph(g, seed=6)
    for k, v in a.state_dict().items():
        assert torch.equal(v, b.state_dict()[k])
    assert not torch.equal(a.state_dict()["n0.weight"], c.state_dict()["n0.weight"])
    state = state_to_lists(a)
    d = compile_graph(g, state=state, seed=99)
    for k, v in a.state_dict().items():
        assert torch.equal(v, d.state_dict()[k])


def test_state_errors_name_node_and_param():
    g = chain((3,), ("Linear", {"out_features": 2}))
    m = compile_graph(g, seed=0)
    with pytest.raises(StateError, match="node n0: weight has shape \\[3, 3\\], the layer needs \\[2, 3\\]"):
        load_state(m, {"n0": {"weight": [[0.0] * 3] * 3}})
    with pytest.raises(StateError, match="node n0: no parameter 'w'"):
        load_state(m, {"n0": {"w": [1.0]}})
    with pytest.raises(StateError, match="node ghost:"):
        load_state(m, {"ghost": {}})


def test_invalid_graph_refuses_to_compile():
    g = chain((1, 4, 4), ("Linear", {}))
    with pytest.raises(CompileError, match="node n0:"):
        compile_graph(g)
