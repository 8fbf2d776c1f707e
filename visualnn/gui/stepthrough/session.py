"""The state of step-through mode: which sample, which stage, how many digits, the trace.

`StepSession` owns no maths: it asks the core for a trace (directly for small networks,
in a `JobThread` for large ones) and walks the core's stage list. Views listen to its
signals: `traceChanged` after a new trace, `stageChanged(index)` after every move,
`busyChanged(bool)` around a threaded computation, `failed(message)` when the update
cannot be traced.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from visualnn.gui.stepthrough.worker import THREAD_THRESHOLD, JobThread, compute, make_stages, one_line, work_estimate

DEFAULT_DIGITS = 4
MAX_DIGITS = 9
PLAY_INTERVAL_MS = 1000


class StepSession(QObject):
    traceChanged = Signal()
    stageChanged = Signal(int)
    busyChanged = Signal(bool)
    failed = Signal(str)
    digitsChanged = Signal(int)
    playingChanged = Signal(bool)
    focusChanged = Signal(str, object)   # node, output position picked by the user (None: none)

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.sample = 0
        self.batch = 1
        self.digits = DEFAULT_DIGITS
        self.trace: dict | None = None
        self.stages: list = []
        self.samples: int | None = None
        self.index = 0
        self.error: str | None = None
        self.focus: dict[str, tuple] = {}   # node -> output position to expand (batch excluded)
        self.threshold = THREAD_THRESHOLD
        self._ticket = 0
        self._threads: list[JobThread] = []
        self._busy = False
        self._play = QTimer(self)
        self._play.setInterval(PLAY_INTERVAL_MS)
        self._play.timeout.connect(self._on_play_tick)

    # -- computing -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def recompute(self) -> None:
        """Trace the update again (after a change of sample, batch, numbers or graph)."""
        self._ticket += 1
        project = self.document.project.copy()
        try:
            heavy = work_estimate(project, self.batch) > self.threshold
        except Exception:
            heavy = False
        if not heavy:
            self._set_busy(False)
            try:
                result = compute(project, self.sample, self.batch, self.digits)
            except Exception as e:  # shown in the panel as one line, never a crash
                self._fail(one_line(e))
                return
            self._accept(result)
            return
        thread = JobThread(compute, (project, self.sample, self.batch, self.digits), self._ticket, self)
        thread.done.connect(self._on_done)
        thread.failed.connect(self._on_failed)
        thread.finished.connect(self._on_thread_finished)
        self._threads.append(thread)
        self._set_busy(True)
        thread.start()

    def cancel(self) -> None:
        """Abandon a running computation (its result will be ignored)."""
        if self._busy:
            self._ticket += 1
            self._set_busy(False)

    def wait_for_threads(self, msecs: int = 30000) -> None:
        """Called on shutdown: a QThread must not be destroyed while it runs."""
        for t in list(self._threads):
            t.wait(msecs)

    @Slot(object, int)
    def _on_done(self, result, ticket: int) -> None:
        if ticket == self._ticket:
            self._set_busy(False)
            self._accept(result)

    @Slot(str, int)
    def _on_failed(self, message: str, ticket: int) -> None:
        if ticket == self._ticket:
            self._set_busy(False)
            self._fail(message)

    @Slot()
    def _on_thread_finished(self) -> None:
        for t in [t for t in self._threads if t.isFinished()]:
            t.wait()
            self._threads.remove(t)
            t.deleteLater()

    def _accept(self, result) -> None:
        self.error = None
        self.trace, self.samples = result.trace, result.samples
        # the digits may have changed while a thread computed
        self.stages = result.stages if result.digits == self.digits else make_stages(result.trace, self.digits)
        self.index = max(0, min(self.index, len(self.stages) - 1))
        self.traceChanged.emit()
        self.stageChanged.emit(self.index)

    def _fail(self, message: str) -> None:
        self.error = message
        self.trace, self.stages = None, []
        self.index = 0
        self.stop()
        self.failed.emit(message)
        self.traceChanged.emit()
        self.stageChanged.emit(0)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    # -- choices ---------------------------------------------------------------------
    def set_sample(self, sample: int) -> None:
        if sample != self.sample:
            self.sample = int(sample)
            self.recompute()

    def set_batch(self, batch: int) -> None:
        batch = max(1, int(batch))
        if batch != self.batch:
            self.batch = batch
            self.recompute()

    def set_digits(self, digits: int) -> None:
        digits = max(1, min(MAX_DIGITS, int(digits)))
        if digits != self.digits:
            self.digits = digits
            if self.trace is not None:
                self.stages = make_stages(self.trace, digits)
            self.digitsChanged.emit(digits)
            self.stageChanged.emit(self.index)

    def set_focus(self, node: str, position) -> None:
        """The output position of `node` the user picked to expand: a neuron index, a tuple
        such as (channel, row, column) for a Conv2d, or None to clear the choice."""
        if position is None:
            self.focus.pop(node, None)
        else:
            position = (int(position),) if isinstance(position, int) else tuple(int(i) for i in position)
            if self.focus.get(node) == position:
                return
            self.focus[node] = position
        self.focusChanged.emit(node, position)
        self.stageChanged.emit(self.index)

    # -- moving ----------------------------------------------------------------------
    @property
    def stage(self):
        return self.stages[self.index] if self.stages else None

    def go(self, index: int) -> None:
        if not self.stages:
            return
        index = max(0, min(len(self.stages) - 1, int(index)))
        if index != self.index:
            self.index = index
            self.stageChanged.emit(index)

    def next(self) -> None:
        self.go(self.index + 1)

    def back(self) -> None:
        self.go(self.index - 1)

    def first(self) -> None:
        self.go(0)

    def last(self) -> None:
        self.go(len(self.stages) - 1)

    # -- playing ---------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._play.isActive()

    def play(self) -> None:
        if not self.stages:
            return
        if self.index >= len(self.stages) - 1:
            self.go(0)
        self._play.start()
        self.playingChanged.emit(True)

    def stop(self) -> None:
        if self._play.isActive():
            self._play.stop()
            self.playingChanged.emit(False)

    def toggle_play(self) -> None:
        self.stop() if self.playing else self.play()

    @Slot()
    def _on_play_tick(self) -> None:
        if self.index >= len(self.stages) - 1:
            self.stop()
        else:
            self.next()
