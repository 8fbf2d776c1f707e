"""The live loss landscape, computed in the training process (no Qt): while a view wants
it, the optimizer's path recorded after every step and, now and then, the training loss
over a plane of weights through the current ones (core.train.landscape), sent to the
views in frames. The path is kept while the view is hidden, and grows again when it shows
(recording every step costs a copy of every weight, so it is done only while wanted).

The paths of the earlier runs of the same network are kept too (PastPaths, thinned and
bounded), as weights: a plane through the current weights moves with them, so a map
projects every earlier path on its own plane, and the view draws each run in its colour.
When the network's parameters change shape, the earlier paths no longer belong to the
plane and are dropped.

Only networks of at most MAX_PARAMS parameters are mapped live: each grid point is a pass
over the whole training split, and the path keeps a copy of every parameter per point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_PARAMS = 20_000
PATH_POINTS = 200
RESOLUTION = 21
LABELS = 400  # parameter labels offered for the params axes
PAST_RUNS = 11            # earlier runs' paths kept (with the run in progress: the 12 runs a project keeps)
PAST_POINTS = 100         # points of an earlier run's path, at most ...
PAST_VALUES = 4_000_000   # ... and fewer for a large network: all of them together hold at most this many numbers


@dataclass(frozen=True)
class LandscapeSettings:
    """kind: "params", "random" or "pca"; params: two parameter labels for "params"
    (None: the first two); span: half the grid's width around the current weights."""

    kind: str = "params"
    params: tuple | None = None
    span: float = 1.0



def requested_settings(value) -> LandscapeSettings | None:
    """The settings the landscape view's request carries (a LandscapeSettings dict; None:
    the view is hidden and wants no map)."""
    return None if value is None else LandscapeSettings(**dict(value))

@dataclass(frozen=True)
class LandscapeMap:
    """The loss over a plane of weights: x (nx,), y (ny,), loss (ny, nx) (NaN where not
    finite), path (T, 3): the recorded weights' coordinates on the plane and their loss,
    the last row the weights now. x_label / y_label / kind: the axes. step: the update it
    was computed after. error: why there is no map (then the arrays are empty). others:
    ((run number, (T, 2) coordinates), ...): the paths of the earlier runs of this network
    on the same plane (the run numbers are those of the training process's reset events)."""

    x: np.ndarray
    y: np.ndarray
    loss: np.ndarray
    path: np.ndarray
    x_label: str
    y_label: str
    kind: str
    step: int
    error: str = ""
    others: tuple = ()


def _nan(rows) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=np.float64)


def failed(message: str, kind: str, step: int) -> LandscapeMap:
    e = np.zeros(0)
    return LandscapeMap(e, e, np.zeros((0, 0)), np.zeros((0, 3)), "", "", kind, step, message)


def param_signature(model) -> tuple:
    """The names and shapes of a model's parameters: paths of models that share it live
    in the same space of weights."""
    return tuple((name, tuple(p.shape)) for name, p in model.named_parameters())


def thinned(vectors, most: int):
    """At most `most` rows of (T, D) `vectors`, evenly spread, the first and last kept."""
    t = vectors.shape[0]
    if t <= most:
        return vectors
    import torch

    return vectors[torch.from_numpy(np.unique(np.linspace(0, t - 1, max(2, most)).round().astype(np.int64)))]


class PastPaths:
    """The paths of the earlier runs of one network, by run number, as float32 weights
    (T, D): at most PAST_RUNS runs (the oldest goes), PAST_POINTS points each, fewer when
    the network is large (PAST_VALUES numbers in all)."""

    def __init__(self):
        self.signature = None
        self.paths: dict = {}

    def start(self, model) -> None:
        """A run of `model` begins: a network of other parameters drops the paths kept."""
        sig = param_signature(model)
        if sig != self.signature:
            self.signature = sig
            self.paths.clear()

    def keep(self, run: int, job: "LandscapeJob | None") -> None:
        """The path `job` recorded (of the network started last) is run `run`'s; a path
        of fewer than two points is no path."""
        if job is None or job.recorder is None or len(job.recorder) < 2:
            return
        self.paths.pop(run, None)
        self.paths[run] = job.recorder.vectors().float()
        while len(self.paths) > PAST_RUNS:
            del self.paths[next(iter(self.paths))]
        d = self.paths[run].shape[1]
        most = max(2, min(PAST_POINTS, PAST_VALUES // max(1, d * len(self.paths))))
        for k, v in self.paths.items():
            self.paths[k] = thinned(v, most).clone()  # a copy: the thinned rows alone stay in memory

    def clear(self) -> None:
        self.paths.clear()



def with_labels(session, job: "LandscapeJob"):
    """`session` with the parameter labels the landscape's axes may name (none for a
    network too large to map live: the view then says so)."""
    from dataclasses import replace

    return replace(session, param_labels=job.labels() if job.fits else ())

class LandscapeJob:
    """The path of one run and its maps. `settings` is None while no view wants a map.
    past: the earlier runs' paths, drawn on each map's plane too."""

    def __init__(self, trainer, past: PastPaths | None = None):
        from visualnn.core.train.landscape import PathRecorder

        self.trainer = trainer
        self.past = past if past is not None else PastPaths()
        self.past.start(trainer.model)
        self.count = sum(p.numel() for p in trainer.model.parameters())
        self.fits = self.count <= MAX_PARAMS
        self.recorder = PathRecorder(trainer.model, max_points=PATH_POINTS) if self.fits else None
        self.settings: LandscapeSettings | None = None
        self._evaluator = None
        self._axes = None   # the plane of the last map, and the map
        self._map = None

    def want(self, settings: LandscapeSettings | None) -> None:
        """What the view asks for (None: nothing, hidden); the weights now start the path."""
        was, self.settings = self.settings, settings
        if settings != was:
            self._axes = self._map = None
        if was is None and settings is not None:
            self.record()

    def labels(self) -> tuple:
        """The labels of the first LABELS scalar parameters ("fc.weight[0,0]", ...)."""
        from visualnn.core.train.landscape import parameter_labels

        return tuple(parameter_labels(self.trainer.model, LABELS))

    def record(self) -> None:
        """After each step: remember where the weights are (while a view wants the map)."""
        if self.recorder is not None and self.settings is not None:
            self.recorder.record()

    def compute(self) -> LandscapeMap | None:
        """The map for the current settings (None when none is wanted)."""
        import torch

        from visualnn.core.i18n import tr as core_tr
        from visualnn.core.train.landscape import LandscapeError, landscape, make_axes, trainer_evaluator

        s, step = self.settings, self.trainer.step_count
        if s is None:
            return None
        if not self.fits:
            return failed(core_tr("The live landscape maps networks of up to {most} parameters; this one has {n}. "
                             "Use the command line: visualnn landscape PROJECT", most=MAX_PARAMS, n=self.count),
                          s.kind, step)
        if self._evaluator is None:
            self._evaluator = trainer_evaluator(self.trainer)
        path = self.recorder.vectors() if len(self.recorder) else None
        try:
            axes = make_axes(self.trainer.model, s.kind, params=list(s.params) if s.params else None, path=path,
                             seed=self.trainer.config.seed)
            others = {run: axes.project(v.double()) for run, v in self.past.paths.items()}
            also = torch.cat(list(others.values())) if others else None
            r = landscape(self._evaluator, axes, path, resolution=RESOLUTION, span=s.span, also=also)
        except LandscapeError as e:
            self._axes = self._map = None
            return failed(str(e), s.kind, step)
        self._axes = axes
        coords = _nan(r["path"]) if r["path"] else np.zeros((0, 3))
        self._map = LandscapeMap(np.asarray(r["x"]), np.asarray(r["y"]), _nan(r["loss"]), coords,
                                 r["axes"]["x"], r["axes"]["y"], r["axes"]["kind"], step,
                                 others=tuple((run, c.numpy()) for run, c in others.items()))
        return self._map

    def extended(self) -> LandscapeMap | None:
        """The last map with the path as recorded now: the steps since it was computed
        projected on its plane, the last one with its loss (the others' losses are not
        drawn: NaN), so the path grows between maps."""
        m, axes = self._map, self._axes
        if m is None or axes is None or self.recorder is None or not len(self.recorder):
            return m
        step = self.trainer.step_count
        if step == m.step:
            return m
        vectors = self.recorder.vectors()
        coords = axes.project(vectors).numpy()
        losses = np.full(len(coords), np.nan)
        losses[-1] = float(self._evaluator(vectors[-1:])[0])
        from dataclasses import replace

        self._map = replace(m, path=np.concatenate([coords, losses[:, None]], axis=1), step=step)
        return self._map
