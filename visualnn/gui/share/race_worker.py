"""The race's training thread: the variants train side by side (core race_side_by_side)
and each finished epoch lands in a mailbox that the dialog drains a few times a second;
no signal per step, and Cancel is a flag checked between steps."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QThread


@dataclass(frozen=True)
class RaceEpoch:
    """One variant's finished epoch: its history row (with `step`), and for 2-D data the
    network's field over the plane (a GridField) and the session it belongs to."""

    index: int
    row: dict | None
    grid: object = None
    session: object = None
    error: str | None = None


class RaceWorker(QThread):
    GRID_RES = 40

    def __init__(self, variants, epochs: int, parent=None):
        super().__init__(parent)
        self.variants = variants
        self.epochs = int(epochs)
        self._lock = threading.Lock()
        self._box: list[RaceEpoch] = []
        self._stop = False
        self.failure: str | None = None   # why the race could not start
        self.landscape = None             # race_landscape() of the paths, when the race ended
        self.landscape_note: str | None = None
        self.mapping = False              # the race is over and the landscape is being computed

    def cancel(self) -> None:
        self._stop = True

    @property
    def cancelled(self) -> bool:
        return self._stop

    def drain(self) -> list[RaceEpoch]:
        with self._lock:
            out, self._box = self._box, []
        return out

    def run(self) -> None:
        from visualnn.core.train.compare import race_side_by_side
        from visualnn.gui.workers import frames

        sessions, trainers, paths = {}, {}, []
        try:
            for i, trainer, row, error in race_side_by_side(self.variants, self.epochs,
                                                            should_stop=lambda: self._stop, paths=paths):
                trainers[i] = trainer
                grid = session = None
                if row is not None:
                    if i not in sessions:
                        sessions[i] = frames.make_session(trainer, i + 1, 0)
                    session = sessions[i]
                    if session.is_2d:
                        with np.errstate(all="ignore"):
                            grid = frames.grid_field(trainer, session, self.GRID_RES, units=0)
                with self._lock:
                    self._box.append(RaceEpoch(i, row, grid, session, error))
        except Exception as e:  # a variant that cannot be built: reported, the race ends
            self.failure = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            return
        if trainers and not self._stop:
            self._map(trainers, paths)

    def _map(self, trainers: dict, paths: list) -> None:
        from visualnn.core.train.landscape import LandscapeError
        from visualnn.core.train.race_landscape import race_landscape

        self.mapping = True
        try:
            self.landscape = race_landscape([trainers[i] for i in sorted(trainers)], paths)
        except LandscapeError as e:
            self.landscape_note = str(e)
        except Exception as e:  # a network the batched evaluation cannot run: said, not fatal
            self.landscape_note = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
