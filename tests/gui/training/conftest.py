"""A main window on the small spiral project with its training thread started."""

from __future__ import annotations

import pytest

from tests.gui.main_helpers import open_window

WAIT_MS = 20000


@pytest.fixture
def train_window(qtbot, tmp_path):
    """Epochs set to 0 (no limit) so Play runs until paused."""
    w = open_window(qtbot, tmp_path)
    w.document.project.train["epochs"] = 0
    ctl = w.training.controller
    ctl.ensure_started()
    qtbot.waitUntil(lambda: ctl.session is not None and ctl.current is not None, timeout=WAIT_MS)
    return w


def paused(ctl) -> bool:
    """The worker has handled every command and is not stepping."""
    w = ctl.worker
    return w is not None and w.buffer.counters[2] == "paused" and w.buffer.counters[3] >= w.sent


def state_of(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def weights(ctl, qtbot) -> dict:
    """The training worker's weights now (it trains in its own process), as state_dict
    tensors keyed "node.param": asked with read_weights, answered by weightsRead."""
    import torch

    with qtbot.waitSignal(ctl.weightsRead, timeout=WAIT_MS) as blocker:
        ctl.read_weights()
    return {f"{nid}.{name}": torch.tensor(value) for nid, params in blocker.args[0].items()
            for name, value in params.items()}


def dataset_of(project):
    """The project's dataset, split as the Trainer splits it."""
    from visualnn.core.data import load_dataset
    from visualnn.core.train.config import TrainConfig
    from visualnn.core.train.targets import data_task

    cfg = TrainConfig.from_dict(project.train)
    return load_dataset(project.data, seed=cfg.seed, test_fraction=cfg.test_fraction,
                        task=data_task(cfg.loss, project.data))


def first_sgd_step(project, lr: float):
    """The first update by hand: seeded weights, the seeded first permutation, plain SGD
    at `lr`. Returns (state_dict tensors after it, the batch's loss)."""
    import torch

    from visualnn.core.compile import compile_graph
    from visualnn.core.train.losses import loss_fn

    cfg = project.train
    model = compile_graph(project.graph, seed=cfg["seed"])
    ds = dataset_of(project)
    perm = torch.randperm(ds.num_train, generator=torch.Generator().manual_seed(cfg["seed"]))
    idx = perm[: cfg["batch_size"]]
    xb = torch.from_numpy(ds.x_train)[idx]
    yb = torch.from_numpy(ds.y_train).long()[idx]
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss = loss_fn(cfg["loss"])(model(xb), yb)
    loss.backward()
    opt.step()
    return state_of(model), loss.item()


@pytest.fixture
def thread_window(qtbot, tmp_path):
    """As train_window, with the training loop in a thread of the test's process (no
    training process to start: for tests of what the window shows, not of the process)."""
    w = open_window(qtbot, tmp_path)
    w.document.project.train["epochs"] = 0
    ctl = w.training.controller
    ctl.where = "thread"
    ctl.ensure_started()
    qtbot.waitUntil(lambda: ctl.session is not None and ctl.current is not None, timeout=WAIT_MS)
    return w
