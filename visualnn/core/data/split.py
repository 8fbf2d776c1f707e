"""Seeded train/test splits, feature standardisation and random streams."""
from __future__ import annotations

import numpy as np

from .dataset import DataError

from visualnn.core.i18n import tr

# Independent random streams derived from the one project seed, so that drawing
# the data and shuffling the split never disturb each other.
STREAM_DATA = 1
STREAM_SPLIT = 2


def rng_for(seed: int, stream: int) -> np.random.Generator:
    """A generator for one purpose (``STREAM_DATA``, ``STREAM_SPLIT``) of ``seed``."""
    return np.random.default_rng(np.random.SeedSequence([int(seed) & 0xFFFFFFFF, stream]))


def check_fraction(test_fraction: float) -> float:
    try:
        f = float(test_fraction)
    except (TypeError, ValueError):
        raise DataError(tr("test_fraction must be a number, got {test_fraction!r}", test_fraction=test_fraction)) from None
    if not 0.0 <= f < 1.0:
        raise DataError(tr("test_fraction must be at least 0 and below 1, got {f:g}", f=f))
    return f


def num_test(n: int, test_fraction: float) -> int:
    """How many of ``n`` samples go to the test split: round(n * fraction), but
    at least one of each side when the fraction is above zero and ``n >= 2``."""
    if test_fraction <= 0 or n < 2:
        return 0
    return min(max(int(round(n * test_fraction)), 1), n - 1)


def split(x: np.ndarray, y: np.ndarray, test_fraction: float, seed: int,
          shuffle: bool = True):
    """Split ``x``/``y`` into train and test parts.

    With ``shuffle`` the rows are permuted by ``seed`` first; without it the train
    part is the first rows in their order and the test part the last ones.
    Returns ``(x_train, y_train, x_test, y_test)``; the test arrays may be empty.
    """
    test_fraction = check_fraction(test_fraction)
    n = len(x)
    if len(y) != n:
        raise DataError(tr("{n} inputs but {n2} targets", n=n, n2=len(y)))
    order = rng_for(seed, STREAM_SPLIT).permutation(n) if shuffle else np.arange(n)
    k = n - num_test(n, test_fraction)
    train, test = order[:k], order[k:]
    return x[train], y[train], x[test], y[test]


def standardize(x_train: np.ndarray, *others: np.ndarray):
    """Scale features to zero mean and unit variance using the training split's
    mean and standard deviation only (a constant feature keeps scale 1).
    Returns the scaled training array followed by each of ``others``."""
    if len(x_train) == 0:
        return (x_train, *others)
    mean = x_train.mean(axis=0, dtype=np.float64)
    std = x_train.std(axis=0, dtype=np.float64)
    std = np.where(std > 1e-12, std, 1.0)
    scale = lambda a: ((a - mean) / std).astype(np.float32)  # noqa: E731
    return (scale(x_train), *(scale(a) for a in others))


def assemble(name: str, x: np.ndarray, y: np.ndarray, *, seed: int,
             test_fraction: float, shuffle: bool = True, standardize_x: bool = False,
             **info):
    """Split ``x``/``y`` (seeded shuffle unless ``shuffle`` is False) and wrap the
    parts in a :class:`Dataset`; ``info`` is passed on to :func:`wrap`."""
    parts = split(np.asarray(x), np.asarray(y), test_fraction, seed, shuffle)
    return wrap(name, *parts, standardize_x=standardize_x, **info)


def wrap(name: str, x_train, y_train, x_test, y_test, *, task: str,
         class_names=None, num_classes: int | None = None, input_dtype: str = "float",
         feature_names=None, vocab=None, is_2d: bool = False,
         standardize_x: bool = False):
    """Wrap an existing split in a :class:`Dataset` with the contract's dtypes.

    Classification targets become int64 ``(N,)``; regression targets float32
    ``(N, out_dim)`` (a 1-D target becomes one column). ``standardize_x`` scales
    the features by the training split's mean and standard deviation.
    """
    from .dataset import Dataset

    x_dtype = np.int64 if input_dtype == "long" else np.float32
    xs = [np.asarray(a).astype(x_dtype, copy=False) for a in (x_train, x_test)]
    ys = [np.asarray(a) for a in (y_train, y_test)]
    if task == "classification":
        ys = [a.astype(np.int64, copy=False).reshape(len(a)) for a in ys]
        if num_classes is None:
            num_classes = max((int(a.max()) + 1 for a in ys if len(a)), default=0)
        from .limits import check_classes

        check_classes(int(num_classes), name)
        if class_names is None:
            class_names = [str(i) for i in range(num_classes)]
        output_dim = num_classes
    elif task == "regression":
        out_dim = int(np.prod(ys[0].shape[1:] or ys[1].shape[1:] or (1,)))
        ys = [a.astype(np.float32, copy=False).reshape(len(a), out_dim) for a in ys]
        num_classes, output_dim, class_names = 0, out_dim, []
    else:
        raise DataError(tr("unknown task {task!r}: use 'classification' or 'regression'", task=task))
    if standardize_x:
        xs = list(standardize(*xs))
    return Dataset(
        x_train=np.ascontiguousarray(xs[0]), y_train=np.ascontiguousarray(ys[0]),
        x_test=np.ascontiguousarray(xs[1]), y_test=np.ascontiguousarray(ys[1]),
        task=task, input_shape=tuple(int(d) for d in xs[0].shape[1:]),
        input_dtype=input_dtype, num_classes=int(num_classes),
        output_dim=int(output_dim), class_names=list(class_names), name=name,
        vocab=vocab, feature_names=None if feature_names is None else list(feature_names),
        is_2d=is_2d,
    )


def as_regression(ds):
    """Class targets as float outputs, for a regression loss (mse, bce, ...) on a
    classification set: two classes give one column of 0/1, more give one-hot
    rows. A regression set is returned unchanged."""
    if ds.task != "classification":
        return ds
    k = ds.num_classes
    if k <= 2:
        convert = lambda y: y.astype(np.float32).reshape(-1, 1)  # noqa: E731
    else:
        convert = lambda y: np.eye(k, dtype=np.float32)[y]  # noqa: E731
    ds.y_train, ds.y_test = convert(ds.y_train), convert(ds.y_test)
    ds.task, ds.num_classes, ds.output_dim = "regression", 0, int(ds.y_train.shape[1])
    return ds
