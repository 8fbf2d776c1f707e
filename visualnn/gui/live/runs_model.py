"""The project's runs as the views share them: the core RunLog, each run's every-step loss
(binned, flat memory) while the app is open, and a colour per run (the theme's).

LiveViews feeds it from the training controller (a reset begins a run, drained losses
fill it); it writes the runs back into the project (`project.extra["runs"]`, curves only)
so they are saved with it, marking the project unsaved, and reads them again when another
project is opened. It also knows which run of the training process each run is (the
number its reset carried), so the landscape can tell whose path is whose.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from visualnn.core.train.runs import RunLog, run_settings
from visualnn.gui import theme
from visualnn.gui.live.series import BinnedSeries

BATCH_BINS = 600


def run_color(run) -> str:
    """The run's colour in the current theme ('#rrggbb'): every view draws a run in this."""
    colors = theme.run_colors()
    return colors[run.color % len(colors)]


class RunsModel(QObject):
    changed = Signal()   # runs added, removed, renamed, shown or hidden, recoloured (theme), or another project

    def __init__(self, document=None, parent=None):
        super().__init__(parent)
        self.doc = document
        self.log = RunLog()
        self.batch: dict[int, BinnedSeries] = {}
        self.current = None          # the run being trained, or None
        self.trained: dict[int, int] = {}  # the training process's run number -> the uid of its run here
        self._number = None          # the training process's number of the run begun last
        theme.on_change(self._on_theme)
        if document is not None:
            document.projectReplaced.connect(self.load)
            self.load()

    @property
    def runs(self) -> list:
        return self.log.runs

    def label(self, run) -> str:
        return self.log.label_of(run)

    def run_numbered(self, number: int):
        """The run the training process numbered `number`, or None (never fed, or deleted)."""
        uid = self.trained.get(number)
        return next((r for r in self.log.runs if r.uid == uid), None)

    # -- training feeds ---------------------------------------------------------------------
    def begin_run(self, number: int | None = None) -> None:
        """A new run starts (after Reset or a rebuild; `number`: the training process's
        number for it): the last one stays, unless it is empty."""
        cur = self.current
        self.current = None
        self._number = number
        self.trained.pop(number, None)  # a restarted training process numbers its runs again
        if cur is not None and not cur.history and not self.batch[cur.uid].count:
            self._drop(cur)
            self.changed.emit()  # events only on real change

    def add_losses(self, drained) -> None:
        if self.current is None or self.current not in self.log.runs:
            settings = run_settings(self.doc.project) if self.doc is not None else {}
            self.current = self.log.add(settings)
            self.batch[self.current.uid] = BinnedSeries(BATCH_BINS)
            if self._number is not None:
                self.trained[self._number] = self.current.uid
            self._forget_gone()
            self.changed.emit()
        self.batch[self.current.uid].add(drained.steps, drained.losses)
        if drained.epochs:  # what the project saves of the run changed (a run without epochs is not saved)
            self.current.add_rows(drained.epochs)
            self._write_back()
            self._mark_dirty()

    def add_finished(self, settings: dict, history: list, name: str | None = None):
        """A run trained elsewhere (a race's variant), kept like the others."""
        run = self.log.add(settings, history, name)
        self._forget_gone()
        self._write_back()
        self._mark_dirty()
        self.changed.emit()
        return run

    # -- user edits ----------------------------------------------------------------------------
    def rename(self, run, name: str) -> None:
        run.name = name.strip() or None
        self._edited()

    def set_visible(self, run, on: bool) -> None:
        run.visible = bool(on)
        self._edited()

    def delete(self, run) -> None:
        self._drop(run)
        self._edited()

    def clear(self) -> None:
        for run in list(self.log.runs):
            self._drop(run)
        self._edited()

    # -- the project ---------------------------------------------------------------------------
    def load(self) -> None:
        """The runs of the document's project as saved (opening a project marks nothing unsaved)."""
        records = self.doc.project.extra.get("runs") if self.doc is not None else None
        self.log = RunLog.from_json(records)
        self.batch.clear()
        self.trained.clear()
        self.current = self._number = None
        self.changed.emit()

    def _write_back(self) -> None:
        if self.doc is None:
            return
        records = self.log.to_json()
        if records:
            self.doc.project.extra["runs"] = records
        else:
            self.doc.project.extra.pop("runs", None)

    def _mark_dirty(self) -> None:
        if self.doc is not None:
            self.doc.mark_dirty()

    def _edited(self) -> None:
        self._write_back()
        self._mark_dirty()
        self.changed.emit()

    def _on_theme(self) -> None:
        self.changed.emit()  # the runs' colours are the theme's

    def _drop(self, run) -> None:
        self.log.remove(run)
        self.batch.pop(run.uid, None)
        if run is self.current:
            self.current = None

    def _forget_gone(self) -> None:
        alive = {r.uid for r in self.log.runs}
        for uid in [u for u in self.batch if u not in alive]:
            del self.batch[uid]
        for number in [n for n, u in self.trained.items() if u not in alive]:
            del self.trained[number]
