"""Editing the points of a 2-D classification set by hand: the set becomes a `table` (the
project file's own kind) holding its points, plus or minus the ones clicked."""

from __future__ import annotations

import numpy as np


def nearest(points: np.ndarray, xy, within: float) -> int | None:
    """Index of the point nearest to xy if it lies within `within`, else None."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if not len(pts):
        return None
    d = np.hypot(pts[:, 0] - float(xy[0]), pts[:, 1] - float(xy[1]))
    i = int(d.argmin())
    return i if d[i] <= within else None


def edited_table(points: np.ndarray, labels: np.ndarray, add=None, remove: int | None = None) -> dict:
    """A `table` data section holding `points` (N, 2) with their class `labels` (N,), with
    the point (x, y, class) `add` appended and/or the point at index `remove` taken out."""
    pts = [[float(x), float(y)] for x, y in np.asarray(points, dtype=np.float64).reshape(-1, 2)]
    labs = [[int(c)] for c in np.asarray(labels).reshape(-1)]
    if remove is not None and 0 <= remove < len(pts):
        del pts[remove], labs[remove]
    if add is not None:
        pts.append([float(add[0]), float(add[1])])
        labs.append([int(add[2])])
    return {"kind": "table", "inputs": pts, "targets": labs}
