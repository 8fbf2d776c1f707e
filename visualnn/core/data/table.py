"""The ``table`` data kind: inputs and targets written in the project itself."""
from __future__ import annotations

import numpy as np

from .dataset import DataError, flag

from visualnn.core.i18n import tr


def _shape(row):
    try:
        return list(np.shape(row)) or "a number"
    except ValueError:  # ragged inside the row itself
        return tr("ragged values")


def _array(rows, what: str, dtype) -> np.ndarray:
    if not isinstance(rows, (list, tuple)) or not rows:
        raise DataError(tr("table data needs a non-empty list of {what}", what=what))
    first = _shape(rows[0])
    for i, row in enumerate(rows):
        shape = _shape(row)
        if shape == "ragged values":
            raise DataError(tr("table {what} row {i}: nested lists of unequal length", what=what, i=i))
        if shape != first:
            raise DataError(tr("table {what} row {i}: expected shape {first}, found {shape}", what=what, i=i, first=first, shape=shape))
    try:
        arr = np.array(rows, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError(tr("table {what} must hold numbers only", what=what)) from None
    if not np.all(np.isfinite(arr)):
        i = int(np.argwhere(~np.isfinite(arr.reshape(len(arr), -1)))[0, 0])
        raise DataError(tr("table {what} row {i}: values must be finite numbers", what=what, i=i))
    return arr.astype(dtype) if dtype is not None else arr


def guess_task(y: np.ndarray) -> str:
    """A single whole-number, non-negative target per row reads as a class index."""
    one = y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1)
    return "classification" if one and np.all(y == np.round(y)) and np.all(y >= 0) else "regression"


def load_table_kind(data: dict, *, seed: int, test_fraction: float, task=None, **_):
    """Data kind ``table``: ``{"inputs": [[...], ...], "targets": [[...], ...]}``.

    A classification target row holds one class index (``[2]`` or ``2``); a
    regression row holds the output values. ``"input_dtype": "long"`` marks token
    ids. With ``test_fraction`` 0 the rows keep their order, so step-through
    sample I is ``inputs[I]``; otherwise the split is a seeded shuffle.
    ``"standardize": true`` scales each input column to mean 0 and standard deviation 1
    by the training split (default false: the numbers as written).
    """
    from .split import assemble, check_fraction

    test_fraction = check_fraction(test_fraction)
    input_dtype = data.get("input_dtype", "float")
    if input_dtype not in ("float", "long"):
        raise DataError(tr("table input_dtype must be 'float' or 'long', got {input_dtype!r}", input_dtype=input_dtype))
    x = _array(data.get("inputs"), "inputs", None)
    y = _array(data.get("targets"), "targets", None)
    if len(x) != len(y):
        raise DataError(tr("table has {n} input rows but {n2} target rows", n=len(x), n2=len(y)))
    if x.ndim == 1:
        x = x[:, None]
    if input_dtype == "long" and not np.all(x == np.round(x)):
        raise DataError(tr("table inputs marked 'long' must be whole numbers (token ids)"))
    task = task or guess_task(y)
    info = {}
    if task == "classification":
        if not (y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1)):
            raise DataError(tr("table targets for classification hold one class index per row, found {shape} values", shape=y.shape[1:]))
        y = y.reshape(len(y))
        if not np.all(y == np.round(y)) or np.any(y < 0):
            bad = int(np.argwhere((y != np.round(y)) | (y < 0))[0, 0])
            raise DataError(tr("table targets row {bad}: a class index must be a whole number >= 0, found {y:g}", bad=bad, y=y[bad]))
        info["num_classes"] = int(y.max()) + 1
    return assemble("table", x, y, task=task, seed=seed, test_fraction=test_fraction,
                    shuffle=test_fraction > 0, input_dtype=input_dtype,
                    standardize_x=flag(data, "standardize", False) and input_dtype == "float", **info)
