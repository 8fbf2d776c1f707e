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
