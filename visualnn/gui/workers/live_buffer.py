"""The hand-off between the training thread and the UI thread (no Qt here).

The worker appends every step's loss to a `LiveBuffer` (under a lock, in batches the UI
takes all at once, so no point is ever dropped) and puts the newest captured frame in a
one-slot `Mailbox` (an older frame not yet read is simply replaced). A ~30 Hz timer in the
UI drains both; the training loop never waits for the UI.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Drained:
    """What the UI took from the buffer in one tick.

    steps, losses: every step's number and mini-batch loss since the last drain (float64
    arrays, possibly empty). epochs: the finished epochs' stats dicts ({epoch, train_loss,
    test_loss, train_accuracy, test_accuracy}). events: ('reset', run) when a new run
    started (curves start a new line) and ('problem', TrainingProblem) when training
    stopped on an error, in the order they happened. counters: (step, epoch, state,
    commands handled) of the worker at the time of the drain."""

    steps: np.ndarray
    losses: np.ndarray
    epochs: list = field(default_factory=list)
    events: list = field(default_factory=list)
    counters: tuple = (0, 0, "paused", 0)

    @property
    def empty(self) -> bool:
        return not len(self.steps) and not self.epochs and not self.events


class LiveBuffer:
    """Loss points, epoch stats and events from the worker, taken in batches by the UI."""

    def __init__(self):
        self._lock = threading.Lock()
        self._steps: list[int] = []
        self._losses: list[float] = []
        self._epochs: list[dict] = []
        self._events: list = []
        self._counters = (0, 0, "paused", 0)

    def add_step(self, step: int, loss: float) -> None:
        with self._lock:
            self._steps.append(step)
            self._losses.append(loss)

    def add_epoch(self, stats: dict) -> None:
        with self._lock:
            self._epochs.append(dict(stats))

    def add_event(self, kind: str, value) -> None:
        with self._lock:
            self._events.append((kind, value))

    def add(self, drained: Drained) -> None:
        """Everything another buffer gave in one drain (from the training process), in
        order, and its counters."""
        with self._lock:
            self._steps.extend(drained.steps.tolist())
            self._losses.extend(drained.losses.tolist())
            self._epochs.extend(drained.epochs)
            self._events.extend(drained.events)
            self._counters = drained.counters

    def has_news(self) -> bool:
        """Anything added since the last drain."""
        return bool(self._steps or self._epochs or self._events)

    def set_counters(self, step: int, epoch: int, state: str, handled: int = 0) -> None:
        self._counters = (step, epoch, state, handled)  # one tuple: an atomic swap

    @property
    def counters(self) -> tuple:
        return self._counters

    def drain(self) -> Drained:
        """Everything added since the last drain, and the current counters."""
        with self._lock:
            steps, losses, epochs, events = self._steps, self._losses, self._epochs, self._events
            self._steps, self._losses, self._epochs, self._events = [], [], [], []
            counters = self._counters
        return Drained(np.asarray(steps, dtype=np.float64), np.asarray(losses, dtype=np.float64),
                       epochs, events, counters)


class Mailbox:
    """One slot: put() replaces whatever is there, take() empties it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._item = None

    def put(self, item) -> None:
        with self._lock:
            self._item = item

    def take(self):
        with self._lock:
            item, self._item = self._item, None
        return item

    def peek(self):
        return self._item
