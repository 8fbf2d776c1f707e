"""Redraw at most every `interval` seconds: `request()` draws now when the last draw is
old enough, else once when the interval is over (never dropped, never queued twice)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    def __init__(self, fn, interval: float, parent=None, phase: float = 0.0):
        """`phase` (0..1) shifts the first draw by that share of the interval, so that
        several views do not all redraw in the same moment (one long pause of the UI)."""
        super().__init__(parent)
        self.fn, self.interval = fn, float(interval)
        self._last = time.perf_counter() - self.interval * (1.0 - phase) if phase else -1e9
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)

    def request(self) -> None:
        if self._timer.isActive():
            return
        wait = self._last + self.interval - time.perf_counter()
        if wait <= 0:
            self._fire()
        else:
            self._timer.start(int(wait * 1000) + 1)

    def now(self) -> None:
        """Draw at once (e.g. scrubbing the timeline)."""
        self._timer.stop()
        self._fire()

    def _fire(self) -> None:
        self._last = time.perf_counter()
        self.fn()
