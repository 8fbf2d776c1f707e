"""The training loop: commands in, the core Trainer's steps, losses and frames out (no Qt).

`TrainingLoop.run()` loops over the Trainer's steps with no event loop of its own. It
reads commands (play, pause, step, epoch, reset, settings, speed, stop) between steps from
a queue, and writes back only into a `LiveBuffer` (every step's loss, epoch stats,
events) and a one-slot `Mailbox` (the newest Frame). It runs either in the training
QThread itself or in a child process that the QThread relays (see `training_worker` and
`child`); the logic is the same. Nothing here waits for the UI.

Errors (a non-finite loss, the device out of memory, a graph that no longer compiles)
pause training and are posted as a `TrainingProblem` naming the node when one is known.
"""

from __future__ import annotations

import queue
import time
from dataclasses import dataclass

from visualnn.gui.workers import frames
from visualnn.gui.workers.live_buffer import LiveBuffer, Mailbox

FRAME_INTERVAL_S = 0.033   # a frame about 30 times a second at full speed
FRAME_SHARE = 0.05         # frames may take at most this share of the training thread
GRID_INTERVAL_S = 0.25     # the 2-D field at most this often ...
GRID_SHARE = 0.02          # ... and within this share of the time
EVAL_INTERVAL_S = 0.5
EVAL_SHARE = 0.02
LANDSCAPE_INTERVAL_S = 1.0
LANDSCAPE_SHARE = 0.05
LANDSCAPE_FORCED_S = 0.25
SLOW_STEPS_PER_S = 30.0    # at or below this speed every step is captured and shown


@dataclass(frozen=True)
class TrainingProblem:
    """Why training paused: `message` (one line), `node` (the layer concerned, or None),
    `hint` (what to try), `step` (the update that failed, or None)."""

    message: str
    node: str | None = None
    hint: str = ""
    step: int | None = None


def problem_from(e: BaseException, step: int | None = None) -> TrainingProblem:
    """A TrainingProblem for an exception raised while building or stepping (its hint in
    the UI language, through the core's catalog: this runs in the training process, without Qt)."""
    from visualnn.core.i18n import tr as core_tr

    text = (str(e).strip().splitlines() or [type(e).__name__])[0]
    node = getattr(e, "node", None)
    problems = getattr(e, "problems", None)  # CompileError
    if node is None and problems:
        node = getattr(problems[0], "node", None)
        text = str(problems[0])
    if node is None and text.startswith("node "):
        node = text[5:].split(":", 1)[0].strip() or None
    hint = ""
    from visualnn.core.train.config import DeviceError

    if isinstance(e, DeviceError):  # its text ends with what to type on the command line
        text = text.split("; use ", 1)[0]
        hint = core_tr("Choose another device in the Training panel (Auto picks the best one present), then press "
                       "Reset.")
    else:
        for marker in ("; try ", "; use ", "; set ", "; choose "):
            if marker in text:
                head, tail = text.split(marker, 1)
                text, hint = head, marker[2:].capitalize() + tail
                break
    low = text.lower()
    if not hint:
        from visualnn.core.data.dataset import DataError

        if isinstance(e, DataError):
            hint = core_tr("Fix the data set in the Data panel; training then starts again from the seed.")
        elif "between 0 and 1" in low:  # BCE on outputs that are not probabilities
            hint = core_tr("BCE (probabilities) needs outputs between 0 and 1: end the network with a Sigmoid, "
                           "or choose BCE with logits; then press Reset.")
        elif "out of memory" in low:
            hint = core_tr("Try a smaller batch size, or train on the CPU.")
        elif "loss became" in low or "non-finite" in low or "not finite" in low:
            hint = core_tr("Try a smaller learning rate, then press Reset.")
        elif node is not None:
            hint = core_tr("Fix the layer {node} on the canvas; training starts again from the seed.", node=node)
        else:
            hint = core_tr("Check the settings, then press Reset.")
    if hint and not hint.endswith((".", "。")):
        hint += "."
    return TrainingProblem(text, node, hint, step if step is not None else getattr(e, "step", None))


class _Budget:
    """Schedules an optional job (a frame, the grid) so that it runs at most every
    `interval` seconds and takes at most `share` of the thread's time."""

    def __init__(self, interval: float, share: float):
        self.interval, self.share, self.next = interval, share, 0.0

    def due(self, now: float) -> bool:
        return now >= self.next

    def spent(self, start: float, cost: float) -> None:
        """The job started at `start` (perf_counter) and took `cost` seconds of this
        thread's own CPU time (waiting for the interpreter lock does not count)."""
        self.next = start + max(self.interval, cost / self.share)

    def clear(self) -> None:
        self.next = 0.0


HISTORY_KEPT = 2000  # epoch rows the training process keeps (the window keeps the run's own)


class TrainingLoop:
    """Drives one Trainer. Build it with a Project copy owned by this loop alone.

    `commands` is where commands arrive: anything with get(timeout) and get_nowait() that
    raise queue.Empty (a queue.SimpleQueue in a thread; a pipe reader in a child process).
    `interrupted` is asked between steps whether to end at once."""

    def __init__(self, project, *, device: str | None = None, sample: int = 0, capture_rows: int = 16,
                 commands=None, interrupted=None):
        self.buffer = LiveBuffer()
        self.mailbox = Mailbox()
        self.trainer = None          # read it only while paused (tests, saving the state)
        self.session = None
        self._project = project
        self._device = device
        self._sample = int(sample)
        self._rows = int(capture_rows)
        self._cmds = commands if commands is not None else queue.SimpleQueue()
        self._interrupted = interrupted or (lambda: False)
        self._stop = False
        self._running = False
        self._steps_left = 0
        self._epoch_pending = False
        self._epoch_stop = None
        self._delay = 0.0
        self._slow = False
        self._run = 0
        self._want_grid = True
        self._want_eval = True
        self._grid = None
        self._curve = None
        self._forecast = None
        self._eval = None
        self._dead = None   # the latest frames.dead_units() pair
        self._landscape_job = None       # the run's path and loss maps (landscape_job)
        self._past_paths = None          # the earlier runs' paths (landscape_job.PastPaths)
        self._landscape_settings = None  # what the landscape view asks for (None: no view wants it)
        self._landscape = None
        self._landscape_at = 0.0
        self._own_input = None           # an input of the user's, shown instead of the training sample
        self._frame_budget = _Budget(FRAME_INTERVAL_S, FRAME_SHARE)
        self._grid_budget = _Budget(GRID_INTERVAL_S, GRID_SHARE)
        self._eval_budget = _Budget(EVAL_INTERVAL_S, EVAL_SHARE)
        self._landscape_budget = _Budget(LANDSCAPE_INTERVAL_S, LANDSCAPE_SHARE)
        self.frames_made = 0
        self._handled = 0     # commands handled (here)

    def stop(self) -> None:
        """End the loop after the current step (from any thread)."""
        self._stop = True

    def published(self, idle: bool) -> None:
        """Called after each step and before each wait for a command (idle: it is about to
        wait). The loop in a thread needs nothing here; the child process sends what the
        buffer and the mailbox hold."""

    # -- the loop ----------------------------------------------------------
    def run(self) -> None:
        self._build(self._project)
        while not self._stop and not self._interrupted():
            busy = self._busy()
            if not busy:
                self.published(idle=True)
            try:  # paused: wait for a command (waking now and then to see an interruption)
                cmd = self._cmds.get_nowait() if busy else self._cmds.get(timeout=0.25)
            except queue.Empty:
                cmd = None
            while cmd is not None:
                self._handle(*cmd)
                if self._stop:
                    break
                try:
                    cmd = self._cmds.get_nowait()
                except queue.Empty:
                    cmd = None
            if self._stop or not self._busy():
                self._publish_counters()
                continue
            started = time.perf_counter()
            self._advance()
            self.published(idle=False)
            if self._delay and self._busy():
                self._sleep(started + self._delay - time.perf_counter())
        self._running = False
        self._publish_counters("stopped")
        self.published(idle=True)

    def _sleep(self, seconds: float) -> None:
        """Wait between steps in slow motion, waking at once for a command."""
        if seconds <= 0:
            return
        self.published(idle=True)
        try:
            cmd = self._cmds.get(timeout=seconds)
        except queue.Empty:
            return
        self._handle(*cmd)

    def _busy(self) -> bool:
        return self.trainer is not None and (self._running or self._steps_left > 0 or self._epoch_pending)

    def _state(self) -> str:
        if self.trainer is None:
            return "failed"
        return "running" if self._running or self._epoch_pending or self._steps_left else "paused"

    def _publish_counters(self, state: str | None = None) -> None:
        t = self.trainer
        self.buffer.set_counters(t.step_count if t else 0, t.epoch if t else 0, state or self._state(), self._handled)

    def _handle(self, kind: str, value) -> None:
        self._handled += 1
        if kind == "stop":
            self._stop = True
        elif kind == "play":  # value: pause after this many more epochs (None: the settings' number)
            self._running = self.trainer is not None
            self._set_epoch_stop(value)
        elif kind == "pause":
            was = self._busy()
            self._running, self._steps_left, self._epoch_pending = False, 0, False
            if was:
                self._emit_frame(self.trainer.latest_snapshot if self.trainer else None, force=True)
        elif kind == "step":
            self._running = False
            self._steps_left += int(value or 1)
        elif kind == "epoch":
            self._running = False
            self._epoch_pending = True
        elif kind == "reset":
            self._running, self._steps_left, self._epoch_pending = False, 0, False
            if self.trainer is None:
                self._build(self._project)
            else:
                try:
                    self.trainer.reset()
                except Exception as e:  # a setting that cannot apply (device, data)
                    self._fail(e)
                    return
                self._new_run()
        elif kind == "rebuild":
            self._running, self._steps_left, self._epoch_pending = False, 0, False
            self._project = value
            self._build(value)
        elif kind == "config":
            if self.trainer is not None:
                try:
                    self.trainer.update_config(dict(value))
                except Exception as e:
                    self.buffer.add_event("problem", problem_from(e))
                else:
                    if "epochs" in value and self._running:
                        self._set_epoch_stop()  # Play runs to the new number (or on, with none)
        elif kind == "speed":
            sps = None if value is None else float(value)
            self._delay = 0.0 if not sps else 1.0 / sps
            self._slow = bool(sps) and sps <= SLOW_STEPS_PER_S
        elif kind == "sample":
            self._sample = int(value)
            if self.session is not None:
                from dataclasses import replace
                self.session = replace(self.session, sample=self._sample)
            self._emit_frame(self.trainer.latest_snapshot if self.trainer else None, force=True)
        elif kind == "wants":
            self._want_grid, self._want_eval = bool(value[0]), bool(value[1])
        elif kind == "state":
            if self.trainer is not None:
                from visualnn.core.compile import state_to_lists
                self.buffer.add_event("state", (value or "keep", state_to_lists(self.trainer.model)))
        elif kind == "landscape":  # the view's axes (a LandscapeSettings dict), None: none wanted
            from visualnn.gui.workers.landscape_job import requested_settings

            self._landscape_settings = requested_settings(value)
            if self._landscape_job is not None and self.trainer is not None:
                self._landscape_job.want(self._landscape_settings)
                self._landscape = None
                self._landscape_budget.clear()
                self._emit_frame(self.trainer.latest_snapshot, force=True)
        elif kind == "input":  # the user's own input (an array) on the canvas, None: the training sample
            self._own_input = value
            self._emit_frame(self.trainer.latest_snapshot if self.trainer else None, force=True)
        elif kind == "refresh":
            self._emit_frame(self.trainer.latest_snapshot if self.trainer else None, force=True)
        self._publish_counters()

    def _set_epoch_stop(self, more: int | None = None) -> None:
        """Where Play pauses: after `more` epochs from now when given (a lesson's "train 20
        epochs", exact at the epoch's end), else at the settings' number of epochs if
        training has not reached it yet (none: 0 epochs, or already past it)."""
        self._epoch_stop = None
        if self.trainer is not None and more:
            self._epoch_stop = self.trainer.epoch + int(more)
        elif self.trainer is not None:
            epochs = self.trainer.next_config.epochs
            self._epoch_stop = epochs if epochs and self.trainer.epoch < epochs else None

    def _build(self, project) -> None:
        from visualnn.core.train.trainer import Trainer

        self.trainer = None
        try:
            self.trainer = Trainer(project, device=self._device, capture_rows=self._rows)
        except Exception as e:
            self._fail(e)
            return
        # every row goes to the window through the buffer: this process keeps only recent ones,
        # so its memory stays flat however long Play runs
        self.trainer.max_history = HISTORY_KEPT
        self._new_run()

    def _new_run(self) -> None:
        from visualnn.gui.workers.landscape_job import LandscapeJob, PastPaths, with_labels

        if self._past_paths is None:
            self._past_paths = PastPaths()
        self._past_paths.keep(self._run, self._landscape_job)  # the run that ends, drawn beside the next ones
        self._run += 1
        n = self.trainer.dataset.num_train
        self._sample = min(self._sample, max(n - 1, 0))
        self.session = frames.make_session(self.trainer, self._run, self._sample)
        self._grid = self._eval = self._dead = self._curve = self._landscape = self._forecast = None
        self._landscape_job = LandscapeJob(self.trainer, self._past_paths)
        self._landscape_job.want(self._landscape_settings)
        self.session = with_labels(self.session, self._landscape_job)
        for b in (self._frame_budget, self._grid_budget, self._eval_budget, self._landscape_budget):
            b.clear()
        self.buffer.add_event("reset", self._run)
        self.buffer.add_event("session", self.session)
        self._emit_frame(None, force=True)
        self._publish_counters()

    def _fail(self, e: BaseException, step: int | None = None) -> None:
        self._running, self._steps_left, self._epoch_pending = False, 0, False
        self.buffer.add_event("problem", problem_from(e, step))
        self._publish_counters()

    def _advance(self) -> None:
        t = self.trainer
        now = time.perf_counter()
        forced = self._slow or self._steps_left > 0
        if forced or self._frame_budget.due(now):
            t.request_capture()
        try:
            r = t.step()
        except Exception as e:  # TrainingError, device out of memory, anything from torch
            self._fail(e, t.step_count + 1)
            self._emit_frame(t.latest_snapshot, force=True)
            return
        self.buffer.add_step(r.step, r.batch_loss)
        self._landscape_job.record()
        end_epoch = False
        if r.epoch_done:
            self.buffer.add_epoch({**r.epoch_stats, "step": r.step})
            if self._epoch_pending:
                self._epoch_pending, end_epoch = False, True
            if self._running and self._epoch_stop is not None and t.epoch >= self._epoch_stop:
                self._running, end_epoch = False, True
                self.buffer.add_event("finished", t.epoch)
        if self._steps_left > 0:
            self._steps_left -= 1
        if r.snapshot is not None or end_epoch:
            self._emit_frame(r.snapshot or t.latest_snapshot, force=forced or end_epoch)
        self._publish_counters()

    def _emit_frame(self, snapshot, force: bool = False) -> None:
        t, s = self.trainer, self.session
        if t is None or s is None:
            return
        start = time.perf_counter()
        try:
            if (s.is_2d or s.is_1d or s.is_sequence) and self._want_grid and (force or self._grid_budget.due(start)):
                g0 = time.thread_time()
                self._grid, self._curve, self._forecast = frames.over_data(t, s)
                self._grid_budget.spent(start, time.thread_time() - g0)
            if self._want_eval and (force or self._eval_budget.due(start)):
                e0 = time.thread_time()
                if s.task == "classification":
                    self._eval = frames.evaluation(t, s)
                self._dead = frames.dead_units(t, s)
                self._eval_budget.spent(start, time.thread_time() - e0)
            job = self._landscape_job
            # a map is a pass over the training set per grid point: forced frames (every step in
            # slow motion) get a new one at most 4 times a second, and always when training halts
            if job is not None and job.settings is not None and (
                    self._landscape is None or self._landscape_budget.due(start)
                    or (force and (start - self._landscape_at > LANDSCAPE_FORCED_S or not self._busy()))):
                l0 = time.thread_time()
                self._landscape = job.compute()
                self._landscape_at = start
                self._landscape_budget.spent(start, time.thread_time() - l0)
            elif job is not None and job.settings is not None:
                self._landscape = job.extended()  # the path goes on between maps
            own = self._own_input
            if own is not None and tuple(own.shape) != tuple(t.model.shapes[t.model.input_id]):
                own = None  # drawn for another data set
            f0 = time.thread_time()
            frame = frames.make_frame(t, s, self._run, snapshot, self._grid, self._eval, self._dead, self._curve,
                                      landscape=self._landscape, own_input=own, forecast=self._forecast)
            cost = time.thread_time() - f0
        except Exception as e:  # non-finite weights make a grid of NaN, not an error; anything else is reported
            self.buffer.add_event("problem", problem_from(e))
            return
        self.mailbox.put(frame)
        self.frames_made += 1
        self._frame_budget.spent(start, cost)
