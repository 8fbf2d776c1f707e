"""Small real data sets that ship with scikit-learn (no download)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .dataset import DataError
from .split import assemble

from visualnn.core.i18n import tr

LOADERS = {"digits": "load_digits", "iris": "load_iris", "wine": "load_wine",
           "breast_cancer": "load_breast_cancer"}


@lru_cache(maxsize=None)
def _raw(name: str):
    try:
        from sklearn import datasets
    except ImportError:  # pragma: no cover - scikit-learn is a dependency
        raise DataError(tr("the '{name}' data set needs scikit-learn (pip install scikit-learn)", name=name)) from None
    bunch = getattr(datasets, LOADERS[name])()
    x = np.asarray(bunch.data, dtype=np.float32)
    y = np.asarray(bunch.target, dtype=np.int64)
    x.flags.writeable = False
    y.flags.writeable = False
    return x, y, [str(c) for c in bunch.target_names], [str(f) for f in bunch.feature_names]


def load(name: str, params: dict, *, seed: int, test_fraction: float, **_):
    x, y, class_names, features = _raw(name)
    if name == "digits":
        # 8x8 grey images with values 0..16, as one channel in [0, 1].
        x = x / np.float32(16.0)
        if not params.get("flatten", False):
            x, features = x.reshape(-1, 1, 8, 8), None
        return assemble(name, x, y, task="classification", seed=seed,
                        test_fraction=test_fraction, class_names=class_names,
                        num_classes=len(class_names), feature_names=features)
    return assemble(name, x, y, task="classification", seed=seed,
                    test_fraction=test_fraction, class_names=class_names,
                    num_classes=len(class_names), feature_names=features,
                    standardize_x=bool(params.get("standardize", True)))
