"""One loss landscape for the variants of a race: the plane of the principal directions of
all their paths together (Li et al. 2018, applied to the paths side by side), the
training loss over it, and each variant's path projected onto it.

The loss is evaluated with the first variant's network, data and loss function: for
variants that differ in how they train (optimizer, learning rate, batch size, seed, L2,
dropout, which is off when evaluating) that is the same landscape for all of them.
"""

from __future__ import annotations

import torch

from visualnn.core.train.landscape import LandscapeError, PathRecorder, landscape, make_axes, trainer_evaluator

RESOLUTION = 31


def recorders_for(trainers, max_points: int = 300) -> list[PathRecorder]:
    """A path recorder per trainer, with its starting weights recorded."""
    out = []
    for t in trainers:
        r = PathRecorder(t.model, max_points)
        r.record()
        out.append(r)
    return out


def race_landscape(trainers, recorders, resolution: int = RESOLUTION) -> dict:
    """{"axes": {"x", "y", "kind"}, "x": [...], "y": [...], "loss": [[...]] (a row per y),
    "paths": [[[x, y, loss], ...] per variant]}: the grid spans every path (10 % margin).
    Raises LandscapeError when the paths together do not span a plane."""
    vectors = [r.vectors() for r in recorders]
    kept = [v for v in vectors if v.numel()]
    if not kept:
        raise LandscapeError("no path was recorded")
    stacked = torch.cat(kept)
    axes = make_axes(trainers[0].model, "pca", path=stacked)
    result = landscape(trainer_evaluator(trainers[0]), axes, stacked, resolution=resolution, span=1e-6)
    flat, paths, start = result.pop("path"), [], 0
    for v in vectors:
        n = v.shape[0] if v.numel() else 0
        paths.append(flat[start:start + n])
        start += n
    result["paths"] = paths
    return result


def race_with_landscape(variants, epochs: int | None = None, device: str | None = None,
                        resolution: int = RESOLUTION, progress=None) -> tuple[list[dict], dict | None]:
    """The variants trained side by side (compare.race_side_by_side, the same numbers as
    separate runs), as compare.race() reports them, each with its `path` on one shared
    landscape, and that landscape ({"axes", "x", "y", "loss"}; None when the paths do not
    span a plane). progress(run_index, epoch) after each finished epoch."""
    from visualnn.core.train.compare import race_side_by_side
    from visualnn.core.train.headless import TrainResult

    paths, trainers = [], {}
    rows = {i: [] for i in range(len(variants))}
    errors = {}
    for i, trainer, row, error in race_side_by_side(variants, epochs, device, paths=paths):
        trainers[i] = trainer
        if error:
            errors[i] = error
        else:
            rows[i].append(row)
            if progress is not None:
                progress(i, trainer.epoch)
    runs = []
    for i, v in enumerate(variants):
        classification = trainers[i].classification if i in trainers else False
        history = TrainResult(history=rows[i], classification=classification).to_json()["history"]
        run = {"label": v.label, "settings": dict(v.settings), "history": history}
        if i in errors:
            run["error"] = errors[i]
        runs.append(run)
    try:
        land = race_landscape([trainers[i] for i in sorted(trainers)], paths, resolution)
    except LandscapeError:
        return runs, None
    for run, path in zip(runs, land.pop("paths")):
        run["path"] = path
    return runs, land
