"""Initialisation schemes: the weights equal torch.nn.init's own under the same seed, and
follow the scheme's statistics; checked, kept on save and load, exported."""

import json
import math

import pytest
import torch
import torch.nn as nn

from tests.core.io.export_helpers import load_exported
from visualnn.core.compile import compile_graph
from visualnn.core.graph import Graph, check_graph
from visualnn.core.graph.init import SCHEMES, describe_init, init_problem, resolve_init, takes_init
from visualnn.core.io.export_py import export_python
from visualnn.core.io import load_project
from visualnn.core.io.project import dumps_project, project_from_dict, project_to_dict
from tests.core.train.helpers import mlp


def graph(init=None, out_init=None, width=64):
    g = Graph()
    g.add_node("Input", "x", {"shape": [32]})
    g.add_node("Linear", "fc", {"out_features": width}, extra={"init": init} if init else None)
    g.add_node("Tanh", "act")
    g.add_node("Linear", "out", {"out_features": 3}, extra={"init": out_init} if out_init else None)
    for a, b in [("x", "fc"), ("fc", "act"), ("act", "out")]:
        g.connect(a, b)
    return g


def by_hand(seed, scheme, **kw):
    """What torch.nn.init gives: the same layers built under the seed, then nn.init on fc."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        fc, out = nn.Linear(32, 64), nn.Linear(64, 3)
        fn = getattr(nn.init, scheme + "_")
        with torch.no_grad():
            fn(fc.weight, **kw)
            if scheme in ("zeros", "constant", "normal", "uniform"):
                fn(fc.bias, **kw)
            else:
                nn.init.zeros_(fc.bias)
    return fc, out


@pytest.mark.parametrize("init,kw", [
    ({"scheme": "zeros"}, {}),
    ({"scheme": "constant", "value": 0.25}, {"val": 0.25}),
    ({"scheme": "normal", "std": 2.0}, {"mean": 0.0, "std": 2.0}),
    ({"scheme": "uniform", "a": -0.5, "b": 0.5}, {"a": -0.5, "b": 0.5}),
    ({"scheme": "xavier_uniform", "gain": 2.0}, {"gain": 2.0}),
    ({"scheme": "xavier_normal"}, {}),
    ({"scheme": "kaiming_uniform", "nonlinearity": "relu"}, {"nonlinearity": "relu"}),
    ({"scheme": "kaiming_normal", "mode": "fan_out"}, {"mode": "fan_out"}),
    ({"scheme": "orthogonal", "gain": 0.5}, {"gain": 0.5}),
])
def test_same_seed_same_tensors_as_torch_nn_init(init, kw):
    model = compile_graph(graph(init), seed=7)
    fc, out = by_hand(7, init["scheme"], **kw)
    assert torch.equal(model.fc.weight, fc.weight) and torch.equal(model.fc.bias, fc.bias)
    assert torch.equal(model.out.weight, out.weight)  # later layers keep their seeded default


def test_statistics_of_the_schemes():
    w = compile_graph(graph({"scheme": "normal", "mean": 1.0, "std": 3.0}, width=512), seed=0).fc.weight
    assert w.mean().item() == pytest.approx(1.0, abs=0.1) and w.std().item() == pytest.approx(3.0, rel=0.05)
    w = compile_graph(graph({"scheme": "xavier_uniform"}), seed=0).fc.weight
    bound = math.sqrt(6 / (32 + 64))
    assert w.abs().max().item() <= bound and w.std().item() == pytest.approx(bound / math.sqrt(3), rel=0.1)
    w = compile_graph(graph({"scheme": "kaiming_normal", "nonlinearity": "relu"}, width=512), seed=0).fc.weight
    assert w.std().item() == pytest.approx(math.sqrt(2 / 32), rel=0.05)
    w = compile_graph(graph({"scheme": "orthogonal", "gain": 2.0}, width=16), seed=0).fc.weight.detach()
    torch.testing.assert_close(w @ w.T, 4 * torch.eye(16), atol=1e-4, rtol=0)
    m = compile_graph(graph({"scheme": "constant", "value": 0.5}), seed=0)
    assert (m.fc.weight == 0.5).all() and (m.fc.bias == 0.5).all()


def test_default_is_pytorchs_and_state_wins():
    plain = compile_graph(graph(), seed=3)
    assert torch.equal(compile_graph(graph({"scheme": "default"}), seed=3).fc.weight, plain.fc.weight)
    state = {"fc": {"weight": plain.fc.weight.tolist(), "bias": plain.fc.bias.tolist()}}
    m = compile_graph(graph({"scheme": "zeros"}), state, seed=3)
    assert torch.equal(m.fc.weight, plain.fc.weight)


def test_recurrent_and_embedding_layers():
    g = Graph()
    g.add_node("Input", "x", {"shape": [5, 3]})
    g.add_node("LSTM", "lstm", {"hidden_size": 4}, extra={"init": {"scheme": "orthogonal"}})
    g.connect("x", "lstm")
    m = compile_graph(g, seed=0)
    w = m.lstm.weight_hh_l0.detach()  # (16, 4): orthonormal columns
    torch.testing.assert_close(w.T @ w, torch.eye(4), atol=1e-5, rtol=0)
    assert (m.lstm.bias_ih_l0 == 0).all()


def test_checked_with_a_clear_message_at_the_node():
    assert takes_init("Linear") and takes_init("Conv2d") and takes_init("LSTM")
    assert not takes_init("ReLU") and not takes_init("BatchNorm1d")
    assert "must be an object" in init_problem("normal", "Linear")
    assert "is not one of" in init_problem({"scheme": "nope"}, "Linear")
    assert "has no argument 'sd'" in init_problem({"scheme": "normal", "sd": 1}, "Linear")
    assert "std must be >= 0" in init_problem({"scheme": "normal", "std": -1}, "Linear")
    assert "a ReLU layer takes no init" in init_problem({"scheme": "zeros"}, "ReLU")
    assert "mode must be one of" in init_problem({"scheme": "kaiming_uniform", "mode": "out"}, "Linear")
    assert init_problem({"scheme": "uniform", "a": -1, "b": 1}, "Linear") is None
    rep = check_graph(graph({"scheme": "normal", "std": "big"}))
    assert [str(p) for p in rep.problems] == ["node fc: init normal: std must be a number, not 'big'"]
    assert set(SCHEMES) >= {"default", "zeros", "constant", "normal", "uniform", "xavier_uniform",
                            "xavier_normal", "kaiming_uniform", "kaiming_normal", "orthogonal"}
    assert resolve_init({"scheme": "normal", "std": 2}) == {"scheme": "normal", "mean": 0.0, "std": 2.0}
    assert describe_init({"scheme": "normal", "std": 2}) == "normal(mean=0, std=2)"


def test_kept_on_save_and_load_and_set_through_the_graph():
    p = mlp()
    events = []
    p.graph.subscribe(events.append)
    p.graph.set_init("fc1", {"scheme": "normal", "std": 0.5})
    p.graph.set_init("fc1", {"scheme": "normal", "std": 0.5})  # no change: no event
    assert [e.kind for e in events] == ["node_changed"]
    doc = project_to_dict(p)
    assert doc["nodes"][1]["init"] == {"scheme": "normal", "std": 0.5}
    again = project_from_dict(json.loads(dumps_project(p)))
    assert again.graph.nodes["fc1"].extra["init"] == {"scheme": "normal", "std": 0.5}
    p.graph.set_init("fc1", None)
    assert "init" not in project_to_dict(p)["nodes"][1]


def test_a_file_with_kaiming_choices_opens(tmp_path):
    p = mlp()
    p.graph.set_init("fc1", {"scheme": "kaiming_uniform", "mode": "fan_out", "nonlinearity": "relu"})
    path = tmp_path / "k.vnn"
    path.write_text(dumps_project(p))
    again = load_project(path)
    assert again.graph.nodes["fc1"].extra["init"]["mode"] == "fan_out"
    assert check_graph(again.graph).ok


def test_exported_code_applies_it(tmp_path):
    p = mlp(seed=4)
    p.graph.set_init("fc1", {"scheme": "kaiming_normal", "nonlinearity": "relu"})
    p.graph.set_init("out", {"scheme": "normal", "std": 3.0})
    out = tmp_path / "model.py"
    export_python(p, out)
    assert "init_layer(self.fc1, 'kaiming_normal'" in out.read_text()
    built = load_exported(out).build_model().state_dict()
    own = compile_graph(p.graph, seed=4).state_dict()
    assert built.keys() == own.keys() and all(torch.equal(built[k], own[k]) for k in own)
    assert own["out.weight"].std().item() > 1.5
