"""Snapshots hold what the model computed: checked against forward_all and autograd."""

import numpy as np
import pytest
import torch

from tests.core.train.helpers import mlp, project, spiral
from visualnn.core.compile import compile_graph, load_state
from visualnn.core.train.probes import forward_snapshot, predict_grid
from visualnn.core.train.trainer import Trainer


def no_hooks_left(model):
    for m in model.modules():
        assert not m._forward_hooks and not m._forward_pre_hooks and not m._backward_hooks
        if hasattr(m, "keep_weights"):
            assert m.keep_weights is False


def model_with(trainer, snap):
    """A fresh copy of the trainer's network holding the snapshot's parameters."""
    m = compile_graph(trainer.graph)
    load_state(m, {nid: {k: v.tolist() for k, v in ps.items()} for nid, ps in snap.params.items()})
    return m


def test_snapshot_equals_forward_all_and_autograd():
    t = Trainer(mlp(batch_size=8), capture_rows=16)
    t.step()
    r = t.step(capture=True)
    snap = r.snapshot
    assert snap.step == 2 and snap.epoch == 1 and snap.rows == 8 and snap.batch_size == 8
    m = model_with(t, snap)
    x = torch.from_numpy(np.array(snap.inputs))
    values = m.forward_all(x)
    assert set(snap.activations) == set(values)
    for nid, v in values.items():
        np.testing.assert_allclose(snap.activations[nid], v.detach().numpy(), rtol=1e-6, atol=1e-7)
    # gradients: autograd on the same batch and loss
    for v in values.values():
        if v.requires_grad:
            v.retain_grad()
    y = torch.from_numpy(np.array(snap.targets))
    loss = torch.nn.functional.cross_entropy(values["out"], y)
    assert loss.item() == pytest.approx(snap.loss, rel=1e-6) and snap.loss == r.batch_loss
    loss.backward()
    for nid in ("fc1", "act1", "out"):
        np.testing.assert_allclose(snap.grads[nid], values[nid].grad.numpy(), rtol=1e-5, atol=1e-8)
    for nid in ("fc1", "out"):
        for name, p in m.layer(nid).named_parameters():
            np.testing.assert_allclose(snap.param_grads[nid][name], p.grad.numpy(), rtol=1e-5, atol=1e-8)
    np.testing.assert_array_equal(snap.predictions, values["out"].argmax(1).numpy())
    no_hooks_left(t.model)


def test_params_are_those_before_the_update_and_sgd_applies_the_grads():
    t = Trainer(mlp(lr=0.1))
    snap = t.step(capture=True).snapshot
    w = t.model.layer("fc1").weight.detach().numpy()
    np.testing.assert_allclose(w, snap.params["fc1"]["weight"] - 0.1 * snap.param_grads["fc1"]["weight"], rtol=1e-6)


def test_snapshot_is_a_frozen_copy():
    t = Trainer(mlp())
    snap = t.step(capture=True).snapshot
    before = snap.params["fc1"]["weight"].copy()
    t.run_epoch()
    np.testing.assert_array_equal(snap.params["fc1"]["weight"], before)  # training did not change it
    with pytest.raises(ValueError):
        snap.activations["fc1"][0, 0] = 1.0
    with pytest.raises(TypeError):
        snap.activations["new"] = None
    with pytest.raises(AttributeError):
        snap.loss = 0.0


def test_rows_are_limited():
    t = Trainer(mlp(batch_size=16), capture_rows=3)
    snap = t.step(capture=True).snapshot
    assert snap.rows == 3 and snap.batch_size == 16
    assert snap.inputs.shape == (3, 2) and snap.activations["fc1"].shape == (3, 6) and snap.grads["out"].shape == (3, 2)
    assert snap.param_grads["fc1"]["weight"].shape == (6, 2)


def test_capture_policy_and_hooks_only_on_captured_steps():
    t = Trainer(mlp())
    assert all(r.snapshot is None for r in t.steps(max_steps=3))
    no_hooks_left(t.model)
    t.request_capture()
    assert t.step().snapshot is not None
    assert t.step().snapshot is None
    t.capture_every_s = 0.0  # every step
    assert all(r.snapshot is not None for r in t.steps(max_steps=2))
    t.capture_every_s = 3600.0  # one now, then none for an hour
    got = [r.snapshot is not None for r in t.steps(max_steps=3)]
    assert got == [False, False, False]  # the last capture was just now
    assert t.latest_snapshot is not None
    no_hooks_left(t.model)


def test_run_epoch_hands_back_the_latest_snapshot():
    t = Trainer(mlp())
    t.request_capture()
    r = t.run_epoch()
    assert r.epoch_done and r.snapshot is not None and r.snapshot.step == 1


def test_attention_weights_and_recurrent_states_are_captured():
    data = {"kind": "builtin", "name": "sine", "params": {"samples": 40, "seq_len": 6}}
    p = project([("emb", "Linear", {"out_features": 4}), ("attn", "SelfAttention", {"num_heads": 2}),
                 ("gru", "GRU", {"hidden_size": 3}), ("out", "Linear", {"out_features": 1})],
                data, input_shape=(6, 1), loss="mse", lr=0.01)
    t = Trainer(p, capture_rows=5)
    snap = t.step(capture=True).snapshot
    w = snap.attention["attn"]
    assert w.shape == (5, 6, 6)
    np.testing.assert_allclose(w.sum(-1), 1.0, rtol=1e-5)
    seq = snap.sequences["gru"]
    assert seq.shape == (5, 6, 3)
    np.testing.assert_allclose(seq[:, -1], snap.activations["gru"], rtol=1e-5, atol=1e-6)
    no_hooks_left(t.model)
    attn = t.model.layer("attn")
    assert attn.last_weights is None


def test_forward_snapshot_of_one_sample():
    t = Trainer(mlp())
    t.run_epoch()
    sample = t.dataset.x_test[3]
    resp = forward_snapshot(t.model, sample)
    assert t.model.training  # the mode is given back
    with torch.no_grad():
        want = t.model.eval().forward_all(torch.from_numpy(sample)[None])
    t.model.train()
    for nid, v in want.items():
        np.testing.assert_allclose(resp.activations[nid], v.numpy(), rtol=1e-6)
    np.testing.assert_allclose(resp.output, want["out"].numpy(), rtol=1e-6)
    no_hooks_left(t.model)
    assert t.forward_sample(sample).output.shape == (1, 2)


def test_predict_grid_over_the_plane():
    t = Trainer(mlp())
    g = np.linspace(-6, 6, 7, dtype=np.float32)
    xs = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    resp = predict_grid(t.model, xs, nodes=["act1"], chunk=10)
    assert resp.output.shape == (49, 2) and set(resp.activations) == {"act1"}
    with torch.no_grad():
        want = t.model.forward_all(torch.from_numpy(xs))
    np.testing.assert_allclose(resp.activations["act1"], want["act1"].numpy(), rtol=1e-6)
    np.testing.assert_allclose(t.predict_grid(xs).output, want["out"].numpy(), rtol=1e-6)


def test_capturing_does_not_change_the_numbers():
    def run(every):
        p = project([("fc1", "Linear", {"out_features": 8}), ("drop", "Dropout", {"p": 0.3}), ("act1", "Tanh", {}),
                     ("out", "Linear", {"out_features": 2})], spiral())
        t = Trainer(p, capture_every_s=every)
        out = [(r.batch_loss, r.snapshot is not None) for r in t.steps(epochs=2)]
        return [loss for loss, _ in out], sum(c for _, c in out)

    plain, none = run(None)
    captured, count = run(0.0)
    assert none == 0 and count == len(captured)
    assert plain == captured


def test_predictions_over_a_split():
    t = Trainer(mlp())
    t.run_epoch()
    pred, true = t.predictions("test")
    assert pred.shape == true.shape == (20,)
    assert (pred == true).mean() == pytest.approx(t.history[-1]["test_accuracy"])
