"""A training process that stops answering (suspended with SIGSTOP) is noticed."""

import os
import signal
import subprocess
import sys

from visualnn.gui.workers.training_worker import ChildWatch


def test_a_suspended_child_is_noticed_and_a_running_one_is_not(qtbot):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        watch = ChildWatch(child.pid)
        assert watch.stopped_for() == 0.0
        os.kill(child.pid, signal.SIGSTOP)
        qtbot.waitUntil(lambda: watch.stopped_for() > 0.5, timeout=5000)
        os.kill(child.pid, signal.SIGCONT)
        qtbot.waitUntil(lambda: watch.stopped_for() == 0.0, timeout=5000)
    finally:
        child.kill()
        child.wait()
