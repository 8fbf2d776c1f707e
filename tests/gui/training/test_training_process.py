"""The training process behind the training thread: what crosses the pipe, a crash of the
process, and the same loop run in the thread itself."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys

import numpy as np
import torch
from PySide6.QtCore import Qt

from visualnn.gui.workers import child
from visualnn.gui.workers.frames import GridField, _frozen

from .conftest import WAIT_MS, first_sgd_step, paused, weights


def test_the_training_process_imports_no_qt():
    code = ("import sys, visualnn.gui.workers.child as c; c._loop_class(); "
            "import visualnn.gui.workers.frames, visualnn.core.train.trainer; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_frames_cross_the_pipe_and_share_the_grid_they_shared_before():
    from visualnn.gui.workers.frames import Frame, LayerStats

    grid = GridField((-1.0, 1.0, -1.0, 1.0), 2, np.zeros((2, 2), np.float32), None, _frozen({"fc1": np.ones((1, 2, 2))}))
    stats = LayerStats(_frozen({"fc1": 1.0}), _frozen({}), _frozen({}))

    def frame(step):
        return Frame(1, step, 0, _frozen({"fc1": _frozen({"weight": np.eye(2)})}), None, None, stats, grid)

    loop = object.__new__(child._loop_class())
    loop._sent_grid = loop._sent_eval = None
    sent = [pickle.loads(pickle.dumps(loop._shared_parts(frame(s)))) for s in (1, 2)]
    assert isinstance(sent[1].grid, str)  # the second frame does not carry the grid again
    parts = child.SharedParts()
    got = [parts.restore(f) for f in sent]
    assert got[0].grid is got[1].grid  # one object on arrival: the views redraw it once
    np.testing.assert_array_equal(got[1].grid.units["fc1"], np.ones((1, 2, 2)))
    assert got[1].params["fc1"]["weight"].tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_a_run_moves_long_lived_objects_out_of_the_collectors_sight(train_window, qtbot):
    """A full garbage collection walks every object in its sight with the interpreter lock
    held (0.2 s with PyTorch, Qt and pyqtgraph loaded): after a run starts, what existed
    then is frozen and the collector sees few objects."""
    import gc

    from visualnn.gui.live.controller import FREEZE_OVER

    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=WAIT_MS)
    assert len(gc.get_objects()) < FREEZE_OVER
    assert gc.get_freeze_count() > FREEZE_OVER


def test_a_crashed_training_process_is_reported_and_play_starts_a_new_one(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step > 5, timeout=WAIT_MS)
    old = ctl.worker
    os.kill(old.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: ctl.problem is not None, timeout=WAIT_MS)
    assert "training process ended unexpectedly" in ctl.problem.message
    assert "Reset" in ctl.problem.hint
    assert ctl.state == "failed" and ui.banner.isVisible()
    assert w.document.graph.nodes  # the user's network is untouched
    qtbot.waitUntil(old.isFinished, timeout=WAIT_MS)
    qtbot.mouseClick(ui.panel.buttons["play"], Qt.MouseButton.LeftButton)  # a new process, from the seed
    qtbot.waitUntil(lambda: ctl.worker is not old and ctl.state == "running" and ctl.step > 5, timeout=WAIT_MS)
    assert ctl.problem is None
    ctl.pause()
    qtbot.waitUntil(lambda: paused(ctl), timeout=WAIT_MS)


def test_the_same_loop_runs_in_the_thread_when_asked(train_window, qtbot):
    w = train_window
    ctl = w.training.controller
    ctl.where = "thread"
    ctl.start()
    qtbot.waitUntil(lambda: ctl.session is not None and ctl.current is not None and paused(ctl), timeout=WAIT_MS)
    assert ctl.worker.where == "thread" and ctl.worker.pid is None
    qtbot.mouseClick(w.training.panel.buttons["step"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step == 1 and paused(ctl), timeout=WAIT_MS)
    mine, loss = first_sgd_step(w.document.project, w.document.project.train["lr"])
    theirs = weights(ctl, qtbot)
    trainer = ctl.worker.trainer  # in the thread, the Trainer itself can be read
    assert trainer.step_count == 1
    for k in mine:
        assert torch.allclose(mine[k], theirs[k], atol=1e-7), k
        assert torch.equal(trainer.model.state_dict()[k], theirs[k])
