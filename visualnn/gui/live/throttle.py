"""Redraw about every `interval` seconds at most: `request()` draws now when this
throttle's next time has come, else once when it comes (never dropped, never queued
twice). The times form a grid, `interval` apart, so a draw made late does not delay the
ones after it."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    def __init__(self, fn, interval: float, parent=None, phase: float = 0.0):
        """`phase` (0..1) puts this throttle's draws that share of the interval after
        those of a phase-0 throttle. Draws keep to their own grid of times (phase + k *
        interval), so several views with different phases stay apart and never all redraw
        in the same moment (one long pause of the UI)."""
        super().__init__(parent)
        self.fn, self.interval = fn, float(interval)
        self._due = time.perf_counter() - self.interval * (1.0 - phase) if phase else -1e9
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)

    def request(self) -> None:
        if self._timer.isActive():
            return
        wait = self._due - time.perf_counter()
        if wait <= 0:
            self._fire()
        else:
            self._timer.start(int(wait * 1000) + 1)

    def now(self) -> None:
        """Draw at once (e.g. scrubbing the timeline)."""
        self._timer.stop()
        self._fire()

    def _fire(self) -> None:
        now = time.perf_counter()
        if self._due < -1e8:  # the first draw of a throttle without a phase: its grid starts now
            self._due = now
        if now >= self._due:  # the next point of the grid after now (a draw asked early keeps it)
            self._due += self.interval * (math.floor((now - self._due) / self.interval) + 1)
        self.fn()
