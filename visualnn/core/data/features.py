"""Feature inputs for the 2-D sets, as in TensorFlow Playground: each point (x1, x2)
becomes the chosen features in the chosen order, e.g. ["x1", "x2", "x1*x2"] -> 3 inputs.

    inputs = plane_inputs(points, ["x1*x2"])     # (N, 2) points -> (N, 1) inputs

The names are those of the project file's `data.params.features`.
"""
from __future__ import annotations

import numpy as np

from visualnn.core.i18n import tr

from .dataset import DataError

FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}
FEATURE_NAMES = tuple(FEATURES)
DEFAULT_FEATURES = ("x1", "x2")


def check_features(features) -> list[str]:
    """The feature list as given, checked: a non-empty list of distinct names from
    FEATURE_NAMES. Raises DataError naming the bad entry."""
    if features is None:
        return list(DEFAULT_FEATURES)
    if isinstance(features, str) or not isinstance(features, (list, tuple)):
        raise DataError(tr("features must be a list of names such as {example}, got {value!r}",
                            example='["x1", "x2", "x1*x2"]', value=features))
    if not features:
        raise DataError(tr("features must name at least one feature (e.g. \"x1\")"))
    seen = set()
    for f in features:
        if f not in FEATURES:
            raise DataError(tr("unknown feature {name!r} (use {names})", name=f, names=", ".join(FEATURE_NAMES)))
        if f in seen:
            raise DataError(tr("feature {name!r} is listed twice", name=f))
        seen.add(f)
    return list(features)


def plane_inputs(points, features=DEFAULT_FEATURES) -> np.ndarray:
    """The network's inputs for points of the plane: (N, 2) -> (N, len(features)) float32,
    column j being features[j] of each point (x1 = points[:, 0], x2 = points[:, 1])."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    x1, x2 = p[:, 0], p[:, 1]
    cols = [FEATURES[f](x1, x2) for f in check_features(features)]
    return np.stack(cols, axis=1).astype(np.float32) if cols else np.zeros((len(p), 0), np.float32)
