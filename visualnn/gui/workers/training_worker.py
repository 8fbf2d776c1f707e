"""The training thread: a QThread with no event loop of its own that drives the core Trainer.

The UI talks to it only through `send()` (play, pause, step, epoch, reset, settings,
speed, stop: commands read between steps) and reads back only through the `LiveBuffer`
(every step's loss, epoch stats, events) and the one-slot `Mailbox` (the newest Frame),
which a ~30 Hz timer in the UI drains. Nothing here waits for the UI; the UI never touches
the Trainer or its tensors.

Where the steps run (`where`):
- "process" (the default): the thread starts a child process running the training loop
  (`child.main`) and relays: commands down one pipe, batches of losses and frames up the
  other into the buffer and the mailbox. The child has its own interpreter lock, so the
  window's painting does not slow training down, nor training the window.
- "thread": the loop (`loop.TrainingLoop`) runs in this thread itself. Used when a child
  process cannot be started, and by tests that read the Trainer directly (`trainer`).

`VISUALNN_TRAINING=thread` in the environment picks the thread everywhere.
"""

from __future__ import annotations

import os
import queue
import sys
import threading

from PySide6.QtCore import QThread

from visualnn.gui.workers.live_buffer import LiveBuffer, Mailbox
from visualnn.gui.workers.loop import TrainingProblem, problem_from  # noqa: F401  (re-exported)

STOP_GRACE_S = 10.0   # a child that has not ended this long after its pipes closed is killed
POLL_S = 0.01         # how long the relay waits for the child before forwarding commands


def default_where() -> str:
    where = os.environ.get("VISUALNN_TRAINING", "process").strip().lower()
    return where if where in ("process", "thread") else "process"


_CONTEXT = None


def mp_context():
    """The multiprocessing context for training processes: a fork server where there is
    one (the server imports PyTorch once, each new run forks from it in milliseconds),
    else spawn."""
    global _CONTEXT
    if _CONTEXT is None:
        import multiprocessing as mp

        if "forkserver" in mp.get_all_start_methods():
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["torch", "torch._dynamo", "visualnn.gui.workers.child",
                                        "visualnn.gui.workers.loop", "visualnn.gui.workers.frames",
                                        "visualnn.core.train.trainer"])
        else:
            ctx = mp.get_context("spawn")
        _CONTEXT = ctx
    return _CONTEXT


class TrainingWorker(QThread):
    """Drives one Trainer. Build it with a Project copy owned by this worker alone."""

    def __init__(self, project, *, device: str | None = None, sample: int = 0, capture_rows: int = 16,
                 where: str | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("visualnn-training")
        self.where = where or default_where()
        self.buffer = LiveBuffer()
        self.mailbox = Mailbox()
        self.sent = 0          # commands queued (by the UI)
        self.exitcode = None   # the child process's, once it ended
        self.pid = None        # the child process's, while it runs
        self._project = project
        self._device = device
        self._sample = int(sample)
        self._rows = int(capture_rows)
        self._cmds: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = False
        self._loop = None

    @property
    def trainer(self):
        """The Trainer when the loop runs in this thread (read it only while paused);
        None when it runs in a child process."""
        return self._loop.trainer if self._loop is not None else None

    @property
    def built(self) -> bool:
        """A Trainer exists for the project (the last build did not fail)."""
        if self._loop is not None:
            return self._loop.trainer is not None
        return self.buffer.counters[2] not in ("failed",)

    # -- commands (any thread) -----------------------------------------------------------
    def send(self, kind: str, value=None) -> None:
        """Queue a command: play, pause, step (value: how many), epoch, reset,
        config (dict of train settings), rebuild (a Project copy), speed (steps/s or None
        for full speed), sample (index of the shown training sample), wants
        ((grid, evaluation) booleans), refresh (a frame now), state (post the weights as
        the project's `state` lists, in a ("state", (value, lists)) event)."""
        self.sent += 1
        self._cmds.put((kind, value))

    def play(self):
        self.send("play")

    def pause(self):
        self.send("pause")

    def step_once(self, n: int = 1):
        self.send("step", n)

    def step_epoch(self):
        self.send("epoch")

    def reset(self):
        self.send("reset")

    def stop(self) -> None:
        """Ask the loop to end after the current step (then call wait())."""
        self._stop = True
        self.send("stop")
        if self._loop is not None:
            self._loop.stop()

    def stop_and_wait(self, timeout_ms: int = 10000) -> bool:
        self.stop()
        return self.wait(timeout_ms) if self.isRunning() else True

    # -- this thread ---------------------------------------------------------------------
    def run(self) -> None:
        if self.where == "process":
            started = self._start_child_or_stop()
            if started is None:
                return  # stopped while the process was starting
            if isinstance(started, Exception):  # no child process here: train in this thread instead
                sys.stderr.write(f"visualnn: training in a thread (a training process could not start: {started})\n")
                self.where = "thread"
            else:
                self._relay(*started)
                return
        from visualnn.gui.workers.loop import TrainingLoop

        loop = TrainingLoop(self._project, device=self._device, sample=self._sample, capture_rows=self._rows,
                            commands=self._cmds, interrupted=lambda: self._stop or self.isInterruptionRequested())
        loop.buffer, loop.mailbox = self.buffer, self.mailbox
        self._loop = loop
        loop.run()

    def _start_child_or_stop(self):
        """(process, pipes), an Exception, or None when stopped first. The first start waits
        for the fork server to load PyTorch (seconds); that wait runs in a daemon thread, so
        closing the window never waits for it: the process it gets is then killed."""
        box: dict = {}
        lock = threading.Lock()

        def start() -> None:
            try:
                result = self._start_child()
            except Exception as e:
                result = e
            with lock:
                box["started"] = result
                abandoned = box.get("abandoned", False)
            if abandoned and isinstance(result, tuple):
                proc, cmd_w, out_r = result
                proc.kill()
                cmd_w.close()
                out_r.close()

        starter = threading.Thread(target=start, name="visualnn-training-start", daemon=True)
        starter.start()
        while True:
            starter.join(POLL_S * 5)
            with lock:
                if "started" in box:
                    return box["started"]  # a stop asked meanwhile is the relay's to carry out
                if self._stop or self.isInterruptionRequested():
                    box["abandoned"] = True
                    self.buffer.set_counters(0, 0, "stopped", self.sent)
                    return None

    def _start_child(self):
        from visualnn.gui.workers import child

        ctx = mp_context()
        cmd_r, cmd_w = ctx.Pipe(duplex=False)
        out_r, out_w = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=child.main, name="visualnn-training", daemon=True,
                           args=(cmd_r, out_w, child.encode_project(self._project), self._device,
                                 self._sample, self._rows))
        try:
            proc.start()
        finally:
            cmd_r.close()
            out_w.close()
        self.pid = proc.pid
        return proc, cmd_w, out_r

    def _relay(self, proc, cmd_w, out_r) -> None:
        """Forward commands to the child and its output to the buffer and the mailbox,
        until it ended."""
        from multiprocessing.connection import wait

        from visualnn.gui.workers.child import SharedParts, encode_project

        shared = SharedParts()
        try:
            while True:
                while True:
                    try:
                        kind, value = self._cmds.get_nowait()
                    except queue.Empty:
                        break
                    if kind == "rebuild":
                        value = encode_project(value)
                    try:
                        cmd_w.send((kind, value))
                    except OSError:
                        break  # the child is gone; its end shows below
                if self._stop or self.isInterruptionRequested():
                    # the child holds nothing to save (the weights the user keeps are asked for
                    # while it runs): ending it at once makes closing the window immediate
                    proc.kill()
                    break
                if not wait([out_r], timeout=POLL_S):
                    if not proc.is_alive() and not out_r.poll():
                        break
                    continue
                try:
                    message = out_r.recv()
                except (EOFError, OSError):
                    break  # the child ended and everything it sent was read
                if message[0] == "out":
                    _, drained, frame = message
                    self.buffer.add(drained)
                    if frame is not None:
                        self.mailbox.put(shared.restore(frame))
        finally:
            cmd_w.close()
            proc.join(STOP_GRACE_S)
            if proc.is_alive():
                proc.kill()
                proc.join()
            self.exitcode, self.pid = proc.exitcode, None
            out_r.close()
        step, epoch, _state, _handled = self.buffer.counters
        if self._stop:
            self.buffer.set_counters(step, epoch, "stopped", self.sent)
        else:  # counters first: whoever reads the problem also reads "failed"
            self.buffer.set_counters(step, epoch, "failed", self.sent)
            self.buffer.add_event("problem", TrainingProblem(
                f"the training process ended unexpectedly (exit code {self.exitcode})", None,
                "Press Reset or Play to start training again from the seed."))
