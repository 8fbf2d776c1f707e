"""Steps per second of a plain PyTorch loop and of the Trainer, on the same model and data.

Every variant trains the same compiled model class (compile_graph), on the same data
tensors, with the same optimizer, loss and batch size, in this one process:

- plain: a typical hand-written loop. Each epoch draws a permutation, each step takes
  its batch by index, runs zero_grad / forward / loss / backward / step and records the
  loss with loss.item() (as any loop that plots its loss does); after each epoch it
  computes the test loss without gradients (as any loop that plots a test curve does).
- trainer: Trainer.steps() without capture.
- capture: Trainer.steps() with capture_every_s = 0.033 (a snapshot about 30 times a
  second: the live views' rate).

The variants run in short rounds of whole epochs, interleaved (plain, trainer, capture,
then trainer, capture, plain, ...). A ratio is the median over the rounds of the
Trainer's steps/s over the plain loop's in the same round, so that a busy machine slows
both sides of each ratio alike; plain_steps_per_s is the median of the plain rounds.
"""

from __future__ import annotations

import statistics
import time

import torch

from visualnn.core.compile import compile_graph
from visualnn.core.io.project import project_from_dict
from visualnn.core.train.config import TrainConfig
from visualnn.core.train.losses import loss_fn, make_optimizer
from visualnn.core.train.targets import make_targets
from visualnn.core.train.trainer import Trainer

CAPTURE_EVERY_S = 0.033


def _chain(ids_types):
    nodes, edges = [], []
    for i, (nid, typ, params) in enumerate(ids_types):
        nodes.append({"id": nid, "type": typ, "params": params, "pos": [160 * i, 0]})
        if i:
            edges.append({"from": ids_types[i - 1][0], "to": nid})
    return nodes, edges


def bench_cases() -> dict:
    """The benchmark's cases, name -> Project: 'mlp_spiral' (a 2-8-8-1 tanh net on the
    spiral set, batch 10, bce_logits, SGD), 'cnn_digits' (a small CNN on the 8x8
    digits, batch 32, cross_entropy, Adam) and 'wide_mlp' (2-140-140-2 tanh on spiral:
    564 neurons in its columns and 20,160 weights, for the canvas's frame rate)."""
    mlp_nodes, mlp_edges = _chain([
        ("x", "Input", {"shape": [2]}), ("fc1", "Linear", {"out_features": 8}), ("act1", "Tanh", {}),
        ("fc2", "Linear", {"out_features": 8}), ("act2", "Tanh", {}), ("out", "Linear", {"out_features": 1}),
    ])
    cnn_nodes, cnn_edges = _chain([
        ("x", "Input", {"shape": [1, 8, 8]}), ("conv1", "Conv2d", {"out_channels": 8, "kernel_size": 3, "padding": 1}),
        ("relu1", "ReLU", {}), ("pool1", "MaxPool2d", {"kernel_size": 2}),
        ("conv2", "Conv2d", {"out_channels": 16, "kernel_size": 3, "padding": 1}), ("relu2", "ReLU", {}),
        ("pool2", "MaxPool2d", {"kernel_size": 2}), ("flat", "Flatten", {}), ("out", "Linear", {"out_features": 10}),
    ])
    wide_nodes, wide_edges = _chain([
        ("x", "Input", {"shape": [2]}), ("fc1", "Linear", {"out_features": 140}), ("act1", "Tanh", {}),
        ("fc2", "Linear", {"out_features": 140}), ("act2", "Tanh", {}), ("out", "Linear", {"out_features": 2}),
    ])
    common = {"optimizer": "sgd", "momentum": 0.0, "nesterov": False, "weight_decay": 0.0, "l1": 0.0,
              "epochs": 10, "seed": 0, "device": "cpu", "test_fraction": 0.2}
    docs = {
        "mlp_spiral": ("2-8-8-1 tanh on spiral", mlp_nodes, mlp_edges,
                       {"kind": "builtin", "name": "spiral", "params": {"samples": 500, "noise": 0.0}},
                       {**common, "loss": "bce_logits", "lr": 0.03, "batch_size": 10}),
        "cnn_digits": ("small CNN on digits", cnn_nodes, cnn_edges,
                       {"kind": "builtin", "name": "digits", "params": {}},
                       {**common, "loss": "cross_entropy", "optimizer": "adam", "lr": 0.003, "batch_size": 32}),
        "wide_mlp": ("2-140-140-2 tanh on spiral", wide_nodes, wide_edges,
                     {"kind": "builtin", "name": "spiral", "params": {"samples": 500, "noise": 0.0}},
                     {**common, "loss": "cross_entropy", "lr": 0.03, "batch_size": 10}),
    }
    return {name: project_from_dict({"format": "visualnn", "version": 1, "name": title, "nodes": nodes,
                                     "edges": edges, "data": data, "train": train})
            for name, (title, nodes, edges, data, train) in docs.items()}


class PlainLoop:
    """The hand-written baseline (see the module docstring)."""

    def __init__(self, project, dataset, device: str = "cpu"):
        cfg = TrainConfig.from_dict(project.train)
        self.model = compile_graph(project.graph, project.state, seed=cfg.seed).to(device)
        out_shape = tuple(self.model.shapes[self.model.output_id])
        self.x = torch.tensor(dataset.x_train).to(device)
        self.y = make_targets(dataset.y_train, dataset, cfg.loss, out_shape, device)
        self.x_test = torch.tensor(dataset.x_test).to(device)
        self.y_test = make_targets(dataset.y_test, dataset, cfg.loss, out_shape, device)
        self.opt = make_optimizer(cfg, self.model.parameters())
        self.loss_fn = loss_fn(cfg.loss)
        self.batch_size = cfg.batch_size
        self.gen = torch.Generator().manual_seed(cfg.seed)
        self.losses: list[float] = []
        self.test_losses: list[float] = []

    def epoch(self) -> int:
        """One epoch; returns the number of steps made."""
        model, opt, loss_fn, x, y, bs = self.model, self.opt, self.loss_fn, self.x, self.y, self.batch_size
        n = x.shape[0]
        perm = torch.randperm(n, generator=self.gen).to(x.device)
        steps = 0
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            xb, yb = x[idx], y[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            self.losses.append(loss.item())
            steps += 1
        model.eval()
        with torch.no_grad():
            self.test_losses.append(loss_fn(model(self.x_test), self.y_test).item())
        model.train()
        return steps


def _timed(fn) -> tuple[int, float]:
    t0 = time.perf_counter()
    steps = fn()
    return steps, time.perf_counter() - t0


def plain_and_trainer(case: str, quick: bool = False, device: str = "cpu", rounds: int | None = None,
                      round_s: float | None = None) -> dict:
    """Measure one case. Returns {name, device, threads, steps_per_epoch, epochs_per_round,
    rounds, plain_steps_per_s, trainer_steps_per_s, capture_steps_per_s, trainer_ratio,
    capture_ratio, captures}: steps/s are medians over the rounds; the ratios are medians
    of the per-round Trainer steps/s over plain steps/s (1.0 = as fast); threads is
    PyTorch's CPU thread count during the run; captures counts the snapshots taken.

    `quick` makes short runs for checking the bench itself; `rounds` and `round_s`
    (seconds per round and variant) override the defaults."""
    project = bench_cases()[case]
    trainer = Trainer(project, device=device)
    capturing = Trainer(project, device=device, dataset=trainer.dataset, capture_every_s=CAPTURE_EVERY_S)
    plain = PlainLoop(project, trainer.dataset, device=trainer.device)
    captures = [0]

    def run_trainer(t, epochs):
        def go():
            n = 0
            for r in t.steps(epochs=epochs):
                n += 1
                if r.snapshot is not None:
                    captures[0] += t is capturing
            return n
        return go

    rounds = rounds or (2 if quick else 30)
    round_s = round_s or (0.03 if quick else 0.15)
    # warm up every path once (first calls allocate); the plain epoch sizes the rounds
    trainer.run_epoch(), capturing.run_epoch()
    steps, secs = _timed(plain.epoch)
    epochs = max(1, round(round_s / max(secs, 1e-6)))
    variants = {
        "plain": lambda: sum(plain.epoch() for _ in range(epochs)),
        "trainer": run_trainer(trainer, epochs),
        "capture": run_trainer(capturing, epochs),
    }
    rates = {k: [] for k in variants}
    ratios = {"trainer": [], "capture": []}
    names = list(variants)
    for r in range(rounds):
        k = r % len(names)
        got = {}
        for name in names[k:] + names[:k]:  # rotate the order so no variant always runs first
            n, s = _timed(variants[name])
            got[name] = n / s
            rates[name].append(got[name])
        for name in ratios:
            ratios[name].append(got[name] / got["plain"])
    med = {k: statistics.median(v) for k, v in rates.items()}
    return {
        "name": case, "device": trainer.device, "threads": torch.get_num_threads(), "steps_per_epoch": steps,
        "epochs_per_round": epochs, "rounds": rounds, "plain_steps_per_s": med["plain"],
        "trainer_steps_per_s": med["trainer"], "capture_steps_per_s": med["capture"],
        "trainer_ratio": statistics.median(ratios["trainer"]), "capture_ratio": statistics.median(ratios["capture"]),
        "captures": captures[0],
    }
