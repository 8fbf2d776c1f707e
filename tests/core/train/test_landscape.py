"""The loss landscape: every grid value is the training loss of the network with those
weights set directly; the axes, the path and its projection."""

import pytest
import torch
from torch.nn.utils import vector_to_parameters

from visualnn.core.train.landscape import (LandscapeError, PathRecorder, flat_params, landscape, make_axes,
                                           parameter_index, parameter_labels, trainer_evaluator, trainer_landscape)
from visualnn.core.train.trainer import Trainer
from tests.core.train.helpers import mlp, project


def linear(**train):
    data = {"kind": "builtin", "name": "plane", "params": {"samples": 60, "noise": 0.1}}
    return project([("fc", "Linear", {"out_features": 1})], data, **{"loss": "mse", "lr": 0.01, **train})


def trained(proj, steps=12):
    t = Trainer(proj)
    rec = PathRecorder(t.model)
    rec.record()
    for _ in t.steps(max_steps=steps):
        rec.record()
    return t, rec


def loss_with(trainer, vector):
    """The training loss of the trainer's network with its weights set to `vector` directly."""
    saved = flat_params(trainer.model)
    dtype = next(trainer.model.parameters()).dtype
    vector_to_parameters(vector.to(dtype), trainer.model.parameters())
    try:
        return trainer.evaluate("train")[0]
    finally:
        vector_to_parameters(saved.to(dtype), trainer.model.parameters())


def test_params_grid_is_the_loss_with_those_two_weights_set():
    t, rec = trained(linear())
    res = trainer_landscape(t, rec, "params", params=["fc.weight[0,1]", "fc.bias[0]"], resolution=7, span=0.5)
    assert res["axes"] == {"x": "fc.weight[0,1]", "y": "fc.bias[0]", "kind": "params"}
    assert len(res["x"]) == len(res["y"]) == 7 and len(res["loss"]) == 7 and len(res["loss"][0]) == 7
    w = t.model.fc.weight.detach().clone()
    b = t.model.fc.bias.detach().clone()
    assert res["x"][0] <= w[0, 1] - 0.5 and res["x"][-1] >= w[0, 1] + 0.5
    for j, i in [(0, 0), (3, 5), (6, 2), (6, 6)]:
        with torch.no_grad():
            t.model.fc.weight[0, 1] = res["x"][i]
            t.model.fc.bias[0] = res["y"][j]
        direct = t.evaluate("train")[0]
        with torch.no_grad():
            t.model.fc.weight.copy_(w)
            t.model.fc.bias.copy_(b)
        assert res["loss"][j][i] == pytest.approx(direct, rel=1e-5)
    # the path: the two parameters' values after each step, with the loss of the whole network then
    vectors = rec.vectors()
    assert len(res["path"]) == len(vectors) == 13
    k = parameter_index(t.model, "fc.weight[0,1]")
    for (x, y, loss), v in zip(res["path"], vectors):
        assert x == pytest.approx(float(v[k])) and y == pytest.approx(float(v[-1]))
        assert loss == pytest.approx(loss_with(t, v), rel=1e-5)
    assert res["path"][-1][2] == pytest.approx(t.evaluate("train")[0], rel=1e-5)


def test_random_axes_are_seeded_filter_normalised_and_exact():
    t, rec = trained(mlp(), steps=5)
    a1, a2 = make_axes(t.model, "random", seed=3), make_axes(t.model, "random", seed=3)
    assert torch.equal(a1.d1, a2.d1) and not torch.equal(a1.d1, make_axes(t.model, "random", seed=4).d1)
    # each row of fc1.weight: the direction's row has the weights' row norm
    w = t.model.fc1.weight.detach().double()
    n = w.numel()
    rows = a1.d1[:n].reshape(w.shape)
    torch.testing.assert_close(rows.norm(dim=1), w.norm(dim=1))
    res = landscape(trainer_evaluator(t), a1, None, resolution=5, span=1.0)
    assert res["path"] == [] and res["x"] == pytest.approx([-1, -0.5, 0, 0.5, 1])
    for j, i in [(0, 4), (2, 2), (4, 1)]:
        v = a1.base + res["x"][i] * a1.d1 + res["y"][j] * a1.d2
        assert res["loss"][j][i] == pytest.approx(loss_with(t, v), rel=1e-5)
    assert res["loss"][2][2] == pytest.approx(t.evaluate("train")[0], rel=1e-5)


def test_pca_axes_follow_the_path():
    t, rec = trained(mlp(), steps=20)
    path = rec.vectors()
    axes = make_axes(t.model, "pca", path=path)
    torch.testing.assert_close(axes.d1 @ axes.d2, torch.tensor(0.0, dtype=torch.float64), atol=1e-9, rtol=0)
    assert axes.d1.norm().item() == pytest.approx(1.0) and axes.x_label.startswith("PC1")
    res = landscape(trainer_evaluator(t), axes, path, resolution=5)
    assert res["path"][-1][:2] == pytest.approx([0.0, 0.0], abs=1e-9)
    xs = [p[0] for p in res["path"]]
    assert res["x"][0] <= min(xs) and res["x"][-1] >= max(xs)  # the grid holds the whole path
    with pytest.raises(LandscapeError, match="at least 3"):
        make_axes(t.model, "pca", path=path[:2])


def test_recurrent_network_point_by_point_gives_the_same_losses():
    data = {"kind": "builtin", "name": "sine", "params": {"samples": 30, "seq_len": 6}}
    proj = project([("rnn", "RNN", {"hidden_size": 3, "num_layers": 1, "output": "last"}),
                    ("fc", "Linear", {"out_features": 1})], data, input_shape=(6, 1), loss="mse")
    t, rec = trained(proj, steps=3)
    ev = trainer_evaluator(t)
    res = landscape(ev, make_axes(t.model, "params", params=["rnn.weight_ih_l0[0,0]", "fc.bias[0]"]), rec.vectors(),
                    resolution=3)
    axes = make_axes(t.model, "params", params=["rnn.weight_ih_l0[0,0]", "fc.bias[0]"])
    v = axes.points(torch.tensor([res["x"][1]]), torch.tensor([res["y"][2]]))[0]
    assert res["loss"][2][1] == pytest.approx(loss_with(t, v), rel=1e-5)


def test_labels_and_bad_requests():
    t = Trainer(linear())
    assert parameter_labels(t.model) == ["fc.weight[0,0]", "fc.weight[0,1]", "fc.bias[0]"]
    assert parameter_index(t.model, "fc.bias[0]") == 2 and parameter_index(t.model, " fc.weight[0, 1] ") == 1
    for bad, msg in [("fc.weight[0]", "out of range"), ("fc.weight[0,2]", "out of range"), ("nope.weight[0,0]", "no parameter"),
                     ("fc.weight", "give an index"), ("weight", "form")]:
        with pytest.raises(LandscapeError, match=msg):
            parameter_index(t.model, bad)
    with pytest.raises(LandscapeError, match="same parameter"):
        make_axes(t.model, "params", params=["fc.bias[0]", "fc.bias[0]"])
    with pytest.raises(LandscapeError, match="unknown axes"):
        make_axes(t.model, "sideways")
    with pytest.raises(LandscapeError, match="resolution"):
        trainer_landscape(t, None, resolution=1)
    with pytest.raises(LandscapeError, match="span"):
        trainer_landscape(t, None, span=0)


def test_recorder_keeps_an_even_sample_with_the_latest_last():
    t = Trainer(linear())
    rec = PathRecorder(t.model, max_points=4)
    for k in range(11):
        with torch.no_grad():
            t.model.fc.bias.fill_(float(k))
        rec.record()
    biases = rec.vectors()[:, -1].tolist()
    assert len(rec) == len(biases)
    assert biases[0] == 0.0 and biases[-1] == 10.0 and len(biases) <= 5
    assert biases == sorted(biases)
    rec.reset()
    assert len(rec) == 0
