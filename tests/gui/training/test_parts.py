"""The pieces under the live views: hand-off buffers, binned curves, the timeline's memory
cap, error hints, and the grid the boundary view draws (against PyTorch)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import numpy as np
import torch

from tests.gui.main_helpers import spiral_project
from visualnn.core.train.targets import TrainingError
from visualnn.core.train.trainer import Trainer
from visualnn.gui.live.series import BinnedSeries
from visualnn.gui.live.timeline_store import TimelineStore
from visualnn.gui.workers import frames
from visualnn.gui.workers.live_buffer import LiveBuffer, Mailbox
from visualnn.gui.workers.training_worker import problem_from


def test_buffer_hands_over_every_point_while_the_writer_runs():
    buf = LiveBuffer()
    n = 20000

    def write():
        for i in range(n):
            buf.add_step(i + 1, float(i))

    t = threading.Thread(target=write)
    t.start()
    got = []
    while t.is_alive():
        got.append(buf.drain().steps)
    t.join()
    got.append(buf.drain().steps)
    steps = np.concatenate(got)
    assert len(steps) == n and np.array_equal(steps, np.arange(1, n + 1))


def test_mailbox_keeps_only_the_newest():
    box = Mailbox()
    box.put(1)
    box.put(2)
    assert box.take() == 2 and box.take() is None


def test_binned_series_keeps_every_points_weight_in_flat_memory():
    s = BinnedSeries(capacity=64)
    rng = np.random.default_rng(1)
    xs, ys, x0 = [], [], 0
    for _ in range(400):
        k = int(rng.integers(0, 300))
        x = np.arange(x0, x0 + k, dtype=float)
        y = rng.random(k)
        x0 += k
        s.add(x, y)
        xs.append(x)
        ys.append(y)
    y_all = np.concatenate(ys)
    bx, by = s.arrays()
    assert s.n <= 64 and s.count == len(y_all)
    assert np.isclose(by[: s.n].sum() * s.width + s._sy, y_all.sum())  # means of exact bins
    assert np.isclose(by[0], y_all[: s.width].mean())
    assert np.all(np.diff(bx) > 0)
    upto = bx[10]
    assert s.arrays(upto)[0][-1] == upto


def _frame(step, nbytes, grid=None):
    return SimpleNamespace(step=step, run=1, nbytes=nbytes, grid=grid, evaluation=None)


def test_timeline_stays_within_its_memory_cap_and_covers_the_whole_run():
    store = TimelineStore(max_bytes=1_000_000, max_frames=10_000)
    for step in range(1, 5001):
        store.add(_frame(step, 10_000))
    assert store.bytes <= 1_000_000
    steps = [f.step for f in store.frames]
    assert steps[-1] == 5000 and steps[0] <= 10  # recent frames dense, the start still there
    assert steps == sorted(steps)
    assert store.index_of_step(2500) == max(i for i, s in enumerate(steps) if s <= 2500)


def test_shared_grids_are_counted_once():
    store = TimelineStore()
    grid = np.zeros(1000, np.float32)
    for step in range(10):
        store.add(_frame(step, 100, grid=grid))
    assert store.bytes == 10 * 100 + grid.nbytes


def test_problems_carry_the_node_and_what_to_try():
    p = problem_from(TrainingError("loss became nan at step 3: first non-finite value in the output of node fc2; "
                                   "try a smaller learning rate", step=3, node="fc2"))
    assert p.node == "fc2" and p.step == 3
    assert p.message.endswith("output of node fc2") and p.hint == "Try a smaller learning rate."
    p = problem_from(RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB"))
    assert "batch size" in p.hint
    p = problem_from(ValueError("node conv1: expects 3 channels, got 1"))
    assert p.node == "conv1" and "conv1" in p.hint
    p = problem_from(RuntimeError("all elements of input should be between 0 and 1"))
    assert "end the network with a Sigmoid" in p.hint and "BCE with logits" in p.hint
    from visualnn.core.data.dataset import DataError
    from visualnn.core.train.config import DeviceError

    assert problem_from(DataError("x.csv: file not found")).hint.startswith("Fix the data set in the Data panel")
    p = problem_from(DeviceError("device 'cuda' asked for, but no CUDA GPU found; use --device cpu or auto"))
    assert p.message == "device 'cuda' asked for, but no CUDA GPU found"  # no command-line advice in the window
    assert p.hint.startswith("Choose another device in the Training panel")


def test_the_boundary_grid_is_the_networks_output_over_the_plane():
    project = spiral_project()
    trainer = Trainer(project)
    for _ in range(30):
        trainer.step()
    session = frames.make_session(trainer, 1, 0)
    grid = frames.grid_field(trainer, session, res=16)
    pts = torch.from_numpy(frames.grid_points(session.extent, 16))
    trainer.model.eval()
    with torch.no_grad():
        out = trainer.model.forward_all(pts)
    trainer.model.train()
    p1 = torch.softmax(out["out"], dim=1)[:, 1].numpy().reshape(16, 16)
    np.testing.assert_allclose(grid.value, p1, rtol=1e-5, atol=1e-6)
    t1 = out["t1"].numpy()[:, :8].T.reshape(-1, 16, 16)
    np.testing.assert_allclose(grid.units["t1"].astype(np.float32), t1, atol=2e-3)  # stored as float16
    assert session.is_2d and session.points.shape[1] == 2


def test_confusion_matrix_counts_the_test_split():
    project = spiral_project()
    trainer = Trainer(project)
    session = frames.make_session(trainer, 1, 0)
    ev = frames.evaluation(trainer, session)
    ds = trainer.dataset
    trainer.model.eval()
    with torch.no_grad():
        pred = trainer.model(torch.from_numpy(ds.x_test)).argmax(1).numpy()
    trainer.model.train()
    want = np.zeros((2, 2), int)
    for y, p in zip(ds.y_test.reshape(-1), pred):
        want[y, p] += 1
    assert np.array_equal(ev.confusion, want)
    assert np.isclose(ev.accuracy, (pred == ds.y_test.reshape(-1)).mean())


def test_dead_units_are_those_zero_on_every_training_sample_checked():
    from visualnn.core.graph import Graph
    from visualnn.core.io import Project

    g = Graph()
    for typ, nid, params in (("Input", "x", {"shape": [2]}), ("Linear", "fc1", {"out_features": 3}),
                             ("ReLU", "act1", {}), ("Linear", "out", {"out_features": 2})):
        g.add_node(typ, nid, params, (0.0, 0.0))
    for a, b in (("x", "fc1"), ("fc1", "act1"), ("act1", "out")):
        g.connect(a, b)
    # unit 0: x0 - 100 (below zero on the whole plane), unit 1: x0 (half the plane), unit 2: 100
    project = Project(graph=g, data={"kind": "builtin", "name": "spiral", "params": {"samples": 400}},
                      train={"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.1, "batch_size": 10, "seed": 0,
                             "test_fraction": 0.2},
                      state={"fc1": {"weight": [[1.0, 0.0], [1.0, 0.0], [0.0, 0.0]], "bias": [-100.0, 0.0, 100.0]}})
    trainer = Trainer(project)
    session = frames.make_session(trainer, 1, 0)
    dead, rows = frames.dead_units(trainer, session)
    assert rows == frames.DEAD_ROWS == 256 and trainer.dataset.num_train == 320
    with torch.no_grad():
        a = trainer.model.forward_all(torch.from_numpy(trainer.dataset.x_train[:256]))["act1"]
    assert dict(dead) == {"act1": (int((a <= 0).all(dim=0).sum()), 3)} == {"act1": (1, 3)}
    stats = frames.layer_stats(session, frames.current_params(trainer.model), None, (dead, rows))
    assert dict(stats.dead) == {"act1": (1, 3)} and stats.dead_rows == 256


def test_gradient_health_names_vanishing_exploding_and_dead_layers():
    from visualnn.gui.panels.grad_norms import health_text

    def stats(norms, dead=None, rows=0):
        return frames.LayerStats(frames._frozen(norms), frames._frozen(dead or {}), frames._frozen({}), rows)

    text = health_text(stats({"fc1": 3e-9, "fc2": 0.5, "out": 4e3}, {"act1": (3, 8)}, 256))
    assert text.splitlines() == [
        "⚠ fc1: gradient norm 3e-09 < 1e-6 (vanishing): try ReLU or a better initialisation",
        "⚠ out: gradient norm 4e+03 > 1e3 (exploding): try a smaller learning rate",
        "☠ act1: 3 of 8 ReLU units dead (zero for each of the 256 samples checked)"]
    assert "exploding" in health_text(stats({"fc1": float("inf")}))
    assert health_text(stats({"fc1": 0.5})) == "✓ every layer's gradient norm is between 1e-6 and 1e3"
