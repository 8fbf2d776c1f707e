"""Small real data sets bundled with visualnn (assets/datasets/*.npz: the copies that
scikit-learn distributes, with their sources and licences in that folder's README), read
without scikit-learn and without a download."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from visualnn.core.paths import find_assets

from .dataset import DataError
from .split import assemble

from visualnn.core.i18n import tr

# The scikit-learn loader of each set: the exported PyTorch scripts use it.
LOADERS = {"digits": "load_digits", "iris": "load_iris", "wine": "load_wine",
           "breast_cancer": "load_breast_cancer"}


@lru_cache(maxsize=None)
def _raw(name: str):
    assets = find_assets()
    path = assets / "datasets" / f"{name}.npz" if assets is not None else None
    if path is None or not path.is_file():
        raise DataError(tr("the bundled '{name}' data set is missing (reinstall visualnn)", name=name))
    with np.load(path, allow_pickle=False) as f:
        x = np.asarray(f["x"], dtype=np.float32)
        y = np.asarray(f["y"], dtype=np.int64)
        class_names = [str(c) for c in f["class_names"]]
        features = [str(c) for c in f["feature_names"]]
    x.flags.writeable = False
    y.flags.writeable = False
    return x, y, class_names, features


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
