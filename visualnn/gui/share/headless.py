"""The live views without the app: train the project in this process (or take its saved
`state`), hand the views the same session, losses and frame the app would, and return
them laid out at a chosen size, ready to be written as figures or animation frames."""

from __future__ import annotations

import numpy as np

from visualnn.core.i18n import tr as core_tr

DEFAULT_SIZE = (800, 500)


class ViewError(ValueError):
    """An unknown view name, or a view that does not apply to the project's data."""


def view_names() -> tuple[str, ...]:
    from visualnn.gui.panels.live_views import VIEWS

    return tuple(VIEWS)


def make_view(name: str):
    """A new view `name` of the app's table of views (live_views.VIEWS)."""
    import importlib

    from visualnn.gui.panels.live_views import VIEWS

    if name not in VIEWS:
        raise ViewError(core_tr("unknown view {name!r}: choose one of {names}", name=name, names=", ".join(view_names())))
    module, cls = VIEWS[name]
    return getattr(importlib.import_module(f"visualnn.gui.panels.{module}"), cls)()


class Feeder:
    """Trains `project` as the app's training thread does and produces what the views
    draw: `session`, `drained` (every step's loss and the epoch rows since the last call)
    and `frame()` (the network now, with the 2-D field and the test evaluation)."""

    def __init__(self, project, device: str | None = "cpu"):
        from visualnn.core.train.trainer import Trainer
        from visualnn.gui.workers import frames

        self.trainer = Trainer(project, device=device)
        self.session = frames.make_session(self.trainer, 1, 0)
        self._steps: list[int] = []
        self._losses: list[float] = []
        self._rows: list[dict] = []
        self.snapshot = None

    def train(self, steps: int | None = None, epochs: int | None = None, tick=None) -> bool:
        """`steps` more updates, or `epochs` more epochs; the last step is captured.
        tick(), when given, is called every few steps; a True from it stops (returns False)."""
        t = self.trainer
        total = steps if steps is not None else (epochs or 0) * t.steps_per_epoch
        for i in range(int(total)):
            if tick is not None and i % 16 == 0 and tick():
                return False
            if i == total - 1:
                t.request_capture()
            r = t.step()
            self._steps.append(r.step)
            self._losses.append(r.batch_loss)
            if r.epoch_done:
                self._rows.append({**r.epoch_stats, "step": r.step})
            if r.snapshot is not None:
                self.snapshot = r.snapshot
        return True

    def drain(self):
        from visualnn.gui.workers.live_buffer import Drained

        d = Drained(np.array(self._steps, float), np.array(self._losses, float), self._rows)
        self._steps, self._losses, self._rows = [], [], []
        return d

    def frame(self):
        from visualnn.gui.workers import frames

        t, s = self.trainer, self.session
        with np.errstate(all="ignore"):
            grid = frames.grid_field(t, s) if s.is_2d else None
            ev = frames.evaluation(t, s) if s.task == "classification" else None
            dead = frames.dead_units(t, s)
            return frames.make_frame(t, s, 1, self.snapshot, grid, ev, dead)


def feed(view, feeder: Feeder) -> None:
    """Hand `view` what the app would after the training so far."""
    from visualnn.gui.panels.curves import CurvesView

    view.set_session(feeder.session)
    drained = feeder.drain()
    if isinstance(view, CurvesView):  # the curves take every step's loss, the others frames only
        view.add_losses(drained)
    view.show_frame(feeder.frame(), True)


def trained_view(project, name: str, epochs: int | None = None, size=DEFAULT_SIZE):
    """The view `name` after training `project` for `epochs` (None: none, the project's
    saved `state` or seeded weights as they are), shown offscreen at `size`."""
    from visualnn.gui.panels.live_views import applies
    from visualnn.gui.render import ensure_app

    app = ensure_app()
    if name not in view_names():
        raise ViewError(core_tr("unknown view {name!r}: choose one of {names}", name=name, names=", ".join(view_names())))
    feeder = Feeder(project)
    if not applies(name, feeder.session):
        raise ViewError(core_tr("the {name} view does not apply to this project's data", name=name))
    view = make_view(name)
    if name == "curves":  # the runs saved with the project, as the app shows them
        view.model.log = _saved_runs(project)
        view.model.changed.emit()
    view.resize(*size)
    view.show()
    if epochs:
        feeder.train(epochs=epochs)
    feed(view, feeder)
    if hasattr(view, "redraw"):
        view.redraw()
    app.processEvents()
    return view


def _saved_runs(project):
    from visualnn.core.train.runs import RunLog

    return RunLog.from_json(project.extra.get("runs"))
