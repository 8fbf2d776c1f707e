"""The Trainer: seeds, epochs, reset, settings changed while running, regularisation."""

import math

import pytest
import torch

from tests.core.train.helpers import mlp, plane_relu, project, spiral
from visualnn.core.compile import compile_graph
from visualnn.core.data import DataError
from visualnn.core.train.config import ConfigError
from visualnn.core.train.trainer import StepResult, Trainer
from visualnn.core.train.targets import TrainingError


def losses(trainer, epochs=2):
    return [r.batch_loss for r in trainer.steps(epochs=epochs)]


def weights(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def same_weights(a, b):
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_same_seed_gives_identical_history():
    a, b = Trainer(mlp()), Trainer(mlp())
    assert losses(a) == losses(b)
    assert a.history == b.history
    assert same_weights(weights(a.model), weights(b.model))


def test_different_seed_gives_different_losses():
    assert losses(Trainer(mlp(seed=0))) != losses(Trainer(mlp(seed=1)))


def test_dropout_is_seeded_too():
    def make():
        return project([("fc1", "Linear", {"out_features": 8}), ("drop", "Dropout", {"p": 0.5}),
                        ("out", "Linear", {"out_features": 2})], spiral())

    a, b = Trainer(make()), Trainer(make())
    la = losses(a, 1)
    torch.rand(5)  # other draws from the global generator do not disturb the trainer
    assert la == losses(b, 1)


def test_steps_and_epochs_are_counted():
    t = Trainer(mlp(batch_size=8))  # 60 training samples -> 8 steps per epoch, the last one of 4
    assert t.steps_per_epoch == 8
    results = list(t.steps(epochs=2))
    assert [r.step for r in results] == list(range(1, 17))
    assert [r.epoch for r in results] == [1] * 8 + [2] * 8
    done = [r for r in results if r.epoch_done]
    assert [r.step for r in done] == [8, 16]
    stats = done[0].epoch_stats
    assert set(stats) == {"epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy", "train_precision",
                          "train_recall", "train_f1", "test_precision", "test_recall", "test_f1"}
    assert stats["epoch"] == 1 and 0 <= stats["train_accuracy"] <= 1 and 0 <= stats["test_accuracy"] <= 1
    # train_loss is the sample-weighted mean of the epoch's batch losses
    sizes = [8] * 7 + [4]
    want = sum(r.batch_loss * s for r, s in zip(results[:8], sizes)) / 60
    assert stats["train_loss"] == pytest.approx(want, rel=1e-6)
    assert t.history == [d.epoch_stats for d in done]
    assert all(isinstance(r, StepResult) and r.snapshot is None for r in results)


def test_test_stats_match_a_direct_evaluation():
    t = Trainer(mlp())
    stats = t.run_epoch().epoch_stats
    x = torch.from_numpy(t.dataset.x_test)
    y = torch.from_numpy(t.dataset.y_test)
    with torch.no_grad():
        out = t.model.eval()(x)
    t.model.train()
    assert stats["test_loss"] == pytest.approx(torch.nn.functional.cross_entropy(out, y).item(), rel=1e-6)
    assert stats["test_accuracy"] == pytest.approx((out.argmax(1) == y).float().mean().item())


def test_regression_has_no_accuracy():
    stats = Trainer(plane_relu(lr=0.01)).run_epoch().epoch_stats
    assert stats["train_accuracy"] is None and stats["test_accuracy"] is None
    assert stats["test_loss"] > 0


def test_one_output_classification_is_thresholded():
    p = mlp(out=1, loss="bce_logits")
    t = Trainer(p)
    stats = t.run_epoch().epoch_stats
    x, y = torch.from_numpy(t.dataset.x_test), torch.from_numpy(t.dataset.y_test)
    with torch.no_grad():
        out = t.model.eval()(x)[:, 0]
    assert stats["test_accuracy"] == pytest.approx(((out > 0).long() == y).float().mean().item())


def test_reset_restores_the_seeded_weights():
    p = mlp()
    t = Trainer(p)
    seeded = weights(t.model)
    assert same_weights(seeded, weights(compile_graph(p.graph, seed=0)))
    first = losses(t, 1)
    assert not same_weights(seeded, weights(t.model))
    t.reset()
    assert same_weights(seeded, weights(t.model))
    assert t.step_count == 0 and t.epoch == 0 and t.history == []
    assert losses(t, 1) == first


def test_update_config_applies_before_the_next_step():
    t = Trainer(mlp(lr=0.1))
    t.step()
    t.update_config({"lr": 0.5, "batch_size": 4})
    assert t.optimizer.param_groups[0]["lr"] == 0.1  # not yet: between steps only
    before = weights(t.model)
    r = t.step()
    assert t.config.lr == 0.5 and t.optimizer.param_groups[0]["lr"] == 0.5
    assert r.step == 2
    assert not same_weights(before, weights(t.model))
    # the new batch size: the epoch goes on from sample 8 in batches of 4
    assert t._pos == 12


def test_update_config_changes_the_run():
    a, b = Trainer(mlp()), Trainer(mlp())
    a.step(), b.step()
    b.update_config({"lr": 0.01})
    assert losses(a, 1) != losses(b, 1)


def test_update_config_switches_optimizer_and_loss():
    t = Trainer(mlp(out=1, loss="bce_logits"))
    t.step()
    t.update_config({"optimizer": "adam", "lr": 0.01, "loss": "mse"})
    t.step()
    assert isinstance(t.optimizer, torch.optim.Adam) and t._loss_name == "mse"
    assert t.run_epoch().epoch_stats["train_accuracy"] is not None  # still a classification set


def test_update_config_refuses_bad_values_and_changes_nothing():
    t = Trainer(mlp(out=1, loss="bce_logits"))
    with pytest.raises(ConfigError, match="train.lr"):
        t.update_config({"lr": -1})
    with pytest.raises(TrainingError, match="node out: .*one output per class"):
        t.update_config({"loss": "cross_entropy"})
    assert t._pending is None and t.config.loss == "bce_logits"


def test_seed_change_waits_for_reset():
    t = Trainer(mlp(seed=0))
    t.update_config({"seed": 1})
    t.step()
    assert t.config.seed == 0
    t.reset()
    assert t.config.seed == 1
    assert losses(t, 1) == losses(Trainer(mlp(seed=1)), 1)


def test_l1_and_weight_decay_change_the_result():
    base = weights(_trained(mlp()))
    for extra in ({"l1": 0.01}, {"weight_decay": 0.1}):
        w = weights(_trained(mlp(**extra)))
        assert not same_weights(base, w), extra
    # weight decay and L1 shrink the weights
    norm = lambda w: sum(v.abs().sum().item() for k, v in w.items() if k.endswith("weight"))  # noqa: E731
    assert norm(weights(_trained(mlp(l1=0.05)))) < norm(base)
    assert norm(weights(_trained(mlp(weight_decay=0.5)))) < norm(base)


def _trained(p):
    t = Trainer(p)
    losses(t, 2)
    return t.model


def test_data_that_does_not_fit_names_the_node():
    with pytest.raises(TrainingError, match=r"node out: .*3.*cross_entropy needs one output per class \(2\)"):
        Trainer(mlp(out=3))
    with pytest.raises(TrainingError, match=r"node x: the Input shape is \[3\]"):
        Trainer(project([("out", "Linear", {"out_features": 2})], spiral(), input_shape=(3,)))
    with pytest.raises(DataError, match="plane is a regression data set"):
        Trainer(plane_relu(loss="cross_entropy"))


def test_too_small_embedding_is_named():
    data = {"kind": "builtin", "name": "sentiment", "params": {"seq_len": 6}}
    p = project([("emb", "Embedding", {"num_embeddings": 5, "embedding_dim": 4}),
                 ("gru", "GRU", {"hidden_size": 4}), ("out", "Linear", {"out_features": 2})],
                data, input_shape=(6,), dtype="long")
    with pytest.raises(TrainingError, match=r"node emb: num_embeddings is 5 .* at least \d+"):
        Trainer(p)


def test_steps_with_max_steps_and_run_epoch():
    t = Trainer(mlp())
    assert len(list(t.steps(max_steps=3))) == 3
    r = t.run_epoch()
    assert r.epoch_done and r.step == t.steps_per_epoch and math.isfinite(r.epoch_stats["train_loss"])


def test_a_network_without_weights_says_so():
    p = project([("act", "Tanh", {})], spiral(), loss="mse")
    p.data = {"kind": "table", "inputs": [[0.1, 0.2], [0.3, 0.4]], "targets": [[0.0, 1.0], [1.0, 0.0]]}
    p.train["test_fraction"] = 0.0
    with pytest.raises(TrainingError, match="no learnable parameters; try adding a layer with weights"):
        Trainer(p)


def test_a_capped_history_keeps_the_newest_rows_and_the_same_numbers():
    """A live run that trains for hours keeps only recent epoch rows (its memory stays
    flat); the rows it keeps are the uncapped run's rows."""
    full, capped = Trainer(mlp()), Trainer(mlp())
    capped.max_history = 10
    for t in (full, capped):
        while t.epoch < 25:
            t.step()
    assert len(full.history) == 25 and 5 <= len(capped.history) <= 10
    assert capped.history == full.history[-len(capped.history):]
    assert capped.history[-1]["epoch"] == 25
    capped.reset()
    assert capped.max_history == 10 and capped.history == []
