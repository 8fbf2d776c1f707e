"""The TensorFlow Playground 2-D sets, generated as in playground's dataset.ts.

Points lie roughly in [-6, 6]^2. ``noise`` is 0..0.5 (playground's 0-50 %): for
circle, xor, plane and multi_gauss it perturbs the point used to compute the label
by ``uniform(-r, r) * noise`` (r = the data's radius), for gauss it widens the
clusters and for spiral it moves the points by ``uniform(-1, 1) * noise``.
Playground's label -1 is class 0 ("negative"), +1 is class 1 ("positive").

Two more sets for the first lessons of a course: ``blobs``, ``classes`` Gaussian
clusters (3 by default) evenly around a circle, for softmax regression; and ``line``,
1-D regression ``y = slope * x + intercept`` plus Gaussian noise, x in [-1, 1], for
linear regression (a single Linear layer learns w = slope, b = intercept).

Every 2-D set takes ``features`` (see features.py): the inputs are those features of
the points, and the Dataset keeps the raw points in ``coords_train`` / ``coords_test``.
"""
from __future__ import annotations

import numpy as np

from .features import check_features, plane_inputs
from .split import STREAM_DATA, assemble, rng_for, split

CLASS_NAMES = ["negative", "positive"]
FEATURES = ["x1", "x2"]


def _halves(n: int) -> tuple[int, int]:
    return n // 2, n - n // 2


def circle(n: int, noise: float, rng: np.random.Generator):
    radius = 5.0
    n_in, n_out = _halves(n)
    r = np.concatenate([rng.uniform(0, radius * 0.5, n_in),
                        rng.uniform(radius * 0.7, radius, n_out)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    jitter = rng.uniform(-radius, radius, (n, 2)) * noise
    label = np.hypot(*(x + jitter).T) < radius * 0.5
    return x, label.astype(np.int64)


def xor(n: int, noise: float, rng: np.random.Generator):
    padding = 0.3
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, padding, -padding)
    jitter = rng.uniform(-5, 5, (n, 2)) * noise
    p = x + jitter
    return x, (p[:, 0] * p[:, 1] >= 0).astype(np.int64)


def gauss(n: int, noise: float, rng: np.random.Generator):
    variance = 0.5 + (4.0 - 0.5) * noise / 0.5  # playground: scale [0, .5] -> [0.5, 4]
    n_pos, n_neg = _halves(n)
    std = np.sqrt(variance)
    pos = rng.normal(2.0, std, (n_pos, 2))
    neg = rng.normal(-2.0, std, (n_neg, 2))
    label = np.concatenate([np.ones(n_pos, np.int64), np.zeros(n_neg, np.int64)])
    return np.concatenate([pos, neg]), label


def spiral(n: int, noise: float, rng: np.random.Generator):
    xs, labels = [], []
    for count, delta, label in zip(_halves(n), (0.0, np.pi), (1, 0)):
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * np.pi + delta
        pts = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        xs.append(pts + rng.uniform(-1, 1, (count, 2)) * noise)
        labels.append(np.full(count, label, np.int64))
    return np.concatenate(xs), np.concatenate(labels)


def plane(n: int, noise: float, rng: np.random.Generator):
    radius = 6.0
    x = rng.uniform(-radius, radius, (n, 2))
    p = x + rng.uniform(-radius, radius, (n, 2)) * noise
    return x, (p.sum(axis=1) / 10.0)[:, None]  # scale [-10, 10] -> [-1, 1]


GAUSSIANS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                      [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=np.float64)


def multi_gauss(n: int, noise: float, rng: np.random.Generator):
    radius = 6.0
    x = rng.uniform(-radius, radius, (n, 2))
    p = x + rng.uniform(-radius, radius, (n, 2)) * noise
    d = np.hypot(p[:, None, 0] - GAUSSIANS[:, 0], p[:, None, 1] - GAUSSIANS[:, 1])
    values = GAUSSIANS[:, 2] * np.clip(1.0 - d / 2.0, 0.0, 1.0)  # [0, 2] -> [1, 0]
    # The label is the bump that is largest in absolute value (first one on ties).
    pick = np.argmax(np.abs(values), axis=1)
    return x, values[np.arange(n), pick][:, None]


def blobs(n: int, noise: float, rng: np.random.Generator, classes: int = 3):
    """``classes`` round clusters centred evenly on a circle of radius 3.5 (the first at
    the top), as many points in each (give or take one); noise widens them as in gauss."""
    std = np.sqrt(0.5 + (4.0 - 0.5) * noise / 0.5) * 0.6
    label = np.arange(n) % classes
    angle = np.pi / 2 + 2 * np.pi * label / classes
    centres = 3.5 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return centres + rng.normal(0.0, std, (n, 2)), label.astype(np.int64)


def blob_names(k: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(k)]


GENERATORS = {"circle": circle, "xor": xor, "gauss": gauss, "spiral": spiral,
              "plane": plane, "multi_gauss": multi_gauss, "blobs": blobs}
REGRESSION = {"plane", "multi_gauss"}


def load(name: str, params: dict, *, seed: int, test_fraction: float, **_):
    n, noise = int(params["samples"]), float(params["noise"])
    features = check_features(params.get("features"))
    rng = rng_for(seed, STREAM_DATA)
    if name == "blobs":
        k = int(params["classes"])
        x, y = blobs(n, noise, rng, k)
        info = dict(task="classification", class_names=blob_names(k), num_classes=k)
    else:
        x, y = GENERATORS[name](n, noise, rng)
        info = (dict(task="regression") if name in REGRESSION else
                dict(task="classification", class_names=CLASS_NAMES, num_classes=2))
    ds = assemble(name, plane_inputs(x, features), y, seed=seed, test_fraction=test_fraction,
                  feature_names=features, is_2d=True, **info)
    coords = split(x.astype(np.float32), y, test_fraction, seed)  # the same seeded order as the inputs
    ds.plane_features, ds.coords_train, ds.coords_test = features, coords[0], coords[2]
    return ds


def line(params: dict, *, seed: int, test_fraction: float, **_):
    """1-D regression: x uniform in [-1, 1], y = slope * x + intercept + noise, the noise
    Gaussian with standard deviation noise * max(2 |slope|, 1) (a share of the line's rise)."""
    n, noise = int(params["samples"]), float(params["noise"])
    slope, intercept = float(params["slope"]), float(params["intercept"])
    rng = rng_for(seed, STREAM_DATA)
    x = rng.uniform(-1.0, 1.0, (n, 1))
    y = slope * x + intercept + rng.normal(0.0, noise * max(2 * abs(slope), 1.0), (n, 1))
    return assemble("line", x, y, task="regression", seed=seed, test_fraction=test_fraction,
                    feature_names=["x"])
