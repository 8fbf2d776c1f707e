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


RUN = 1  # the number of the run trained here (the first run of a new training process)


OVER_TIME = ("grads", "weights")  # views with a chart over the frames they were shown
OVER_TIME_FRAMES = 40


class Feeder:
    """Trains `project` as the app's training thread does and produces what the views
    draw: `session`, `drained` (every step's loss and the epoch rows since the last call)
    and `frame()` (the network now, with everything the training loop computes when
    training halts: the 2-D field, the regression curve or the sequence forecast, the
    evaluation and, once a landscape view asks through request(), the loss map and the
    path recorded since)."""

    def __init__(self, project, device: str | None = "cpu"):
        from visualnn.core.train.trainer import Trainer
        from visualnn.gui.workers import frames
        from visualnn.gui.workers.landscape_job import LandscapeJob, with_labels

        self.trainer = Trainer(project, device=device)
        self.landscape = LandscapeJob(self.trainer)
        self.session = with_labels(frames.make_session(self.trainer, RUN, 0), self.landscape)
        self._steps: list[int] = []
        self._losses: list[float] = []
        self._rows: list[dict] = []
        self.snapshot = None

    def request(self, kind: str, value) -> None:
        """What a view asks the training process for (its `requested` signal), as the
        training loop takes it: the landscape view's axes (None: no map wanted)."""
        if kind == "landscape":
            from visualnn.gui.workers.landscape_job import requested_settings

            self.landscape.want(requested_settings(value))

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
            self.landscape.record()
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
        from visualnn.gui.workers.still import frame_now

        with np.errstate(all="ignore"):
            return frame_now(self.trainer, self.session, self.landscape, RUN, self.snapshot)


def project_runs(project):
    """The project's runs as the app's views share them (a RunsModel: the runs saved with
    the project, then the run trained here)."""
    from visualnn.gui.document import Document
    from visualnn.gui.live.runs_model import RunsModel

    runs = RunsModel(Document(project.copy()))
    runs.begin_run(RUN)
    return runs


def attach(view, feeder: Feeder, runs) -> None:
    """Hook `view` up as the app's live views are (LiveViews.ensure_views): to the project's
    runs (the curves, the landscape's run colours) and its requests to `feeder` (the
    landscape's axes); then give it the session. Attach a view before it is shown: the
    landscape view asks for its map, and the path starts, when it shows."""
    if hasattr(view, "use_runs"):
        view.use_runs(runs)
    kind = getattr(view, "request_kind", None)
    if kind:
        view.requested.connect(lambda value, k=kind: feeder.request(k, value))
    view.set_session(feeder.session)


def feed(views, feeder: Feeder, runs):
    """Hand `views` what the app would after the training so far (LiveViews: the losses to
    the runs and the curves, then the frame to every view); returns the frame."""
    from visualnn.gui.panels.curves import CurvesView

    drained = feeder.drain()
    if len(drained.steps) or drained.epochs:
        runs.add_losses(drained)
        for view in views:
            if isinstance(view, CurvesView):  # the curves take every step's loss, the others frames only
                view.add_losses(drained)
    frame = feeder.frame()
    for view in views:
        view.show_frame(frame, True)
        if hasattr(view, "redraw"):
            view.redraw()
        elif hasattr(view, "throttle"):  # a view that redraws at most a few times a second: now
            view.throttle.now()
    return frame


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
    runs = project_runs(project)
    attach(view, feeder, runs)
    view.resize(*size)
    view.show()
    total = (epochs or 0) * feeder.trainer.steps_per_epoch
    # the views that chart every frame they were shown get frames spread over the training;
    # the others the last one (or, untrained, the project as it is)
    chunks = max(1, min(OVER_TIME_FRAMES, total)) if name in OVER_TIME else 1
    done = 0
    for i in range(1, chunks + 1):
        upto = total * i // chunks
        feeder.train(steps=upto - done)
        done = upto
        feed([view], feeder, runs)
    app.processEvents()
    return view
