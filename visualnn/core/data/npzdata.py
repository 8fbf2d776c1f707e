"""The ``npz`` data kind: NumPy arrays in a ``.npy``/``.npz`` file (what `visualnn export`
writes beside its scripts), read without pickle."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from visualnn.core.i18n import N_, tr

from .dataset import DataError
from .limits import check_file
from .table import guess_task

MAX_VALUES = 200_000_000  # about 800 MB of float32: larger arrays are refused from the header


def _resolve(data: dict, base_dir) -> Path:
    if not data.get("path"):
        raise DataError(tr("npz data needs 'path' (a .npz file, or a .npy file of inputs)"))
    path = Path(str(data["path"])).expanduser()
    path = path if path.is_absolute() or base_dir is None else Path(base_dir) / path
    if not path.exists():
        raise DataError(tr("{path}: file not found", path=str(path)))
    if path.is_dir():
        raise DataError(tr("{path}: is a folder, not an npz file", path=str(path)))
    return check_file(path, N_("an npz file"))


def _array(source, name: str, where: str) -> np.ndarray:
    try:
        arr = source[name] if name is not None else source
        if not isinstance(arr, np.ndarray):
            arr = np.asarray(arr)
    except KeyError:
        raise DataError(tr("{where}: no array named {name!r} (arrays: {names})", where=where,
                           name=name, names=", ".join(source.files))) from None
    except ValueError as exc:  # object arrays need pickle, which is never used
        raise DataError(tr("{where}: array {name!r} holds Python objects; only numeric arrays "
                           "are read (no pickle)", where=where, name=name)) from None if "pickle" in str(exc) else exc
    if arr.dtype.kind not in "biuf":
        raise DataError(tr("{where}: array {name!r} has type {dtype}; numbers are needed",
                           where=where, name=name, dtype=str(arr.dtype)))
    if arr.size > MAX_VALUES:
        raise DataError(tr("{where}: array {name!r} holds {n:,} values; at most {limit:,} are read",
                           where=where, name=name, n=arr.size, limit=MAX_VALUES))
    return arr


def load_npz_kind(data: dict, *, seed: int, test_fraction: float, base_dir=None, task=None, **_):
    """Data kind ``npz``: ``{"path": "data.npz", "x": "inputs", "y": "targets"}`` (array
    names default to ``x`` and ``y``). A ``.npy`` path gives the inputs and ``y_path`` the
    targets. Object arrays are refused (reading them would need pickle)."""
    from .split import assemble, check_fraction

    test_fraction = check_fraction(test_fraction)
    path = _resolve(data, base_dir)
    where = path.name
    try:
        if path.suffix.lower() == ".npy":
            x = _array(np.load(path, allow_pickle=False, mmap_mode="r"), None, where)
            ypath = _resolve({"path": data.get("y_path")}, base_dir) if data.get("y_path") else None
            if ypath is None:
                raise DataError(tr("{where}: a .npy file holds one array: give the targets as "
                                   "'y_path'", where=where))
            y = _array(np.load(ypath, allow_pickle=False, mmap_mode="r"), None, ypath.name)
        else:
            with np.load(path, allow_pickle=False) as f:
                x = _array(f, str(data.get("x", "x")), where)
                y = _array(f, str(data.get("y", "y")), where)
    except DataError:
        raise
    except ValueError as exc:
        if "pickle" in str(exc):
            raise DataError(tr("{where}: holds Python objects; only numeric arrays are read "
                               "(no pickle)", where=where)) from None
        raise DataError(tr("{where}: cannot read ({error})", where=where, error=exc)) from None
    except (OSError, EOFError) as exc:
        raise DataError(tr("{where}: not a NumPy .npz/.npy file ({error})", where=where, error=exc)) from None
    x, y = np.array(x), np.array(y)
    if len(x) != len(y):
        raise DataError(tr("{where}: {nx} inputs but {ny} targets", where=where, nx=len(x), ny=len(y)))
    if len(x) == 0:
        raise DataError(tr("{where}: the arrays are empty", where=where))
    if not np.all(np.isfinite(x)) or not np.all(np.isfinite(y)):
        raise DataError(tr("{where}: the arrays hold NaN or infinite values", where=where))
    integer_x = x.dtype.kind in "biu"
    task = task or guess_task(y.astype(np.float64))
    info = {}
    if task == "classification":
        y = y.reshape(len(y))
        if np.any(y != np.round(y)) or np.any(y < 0):
            raise DataError(tr("{where}: class targets must be whole numbers >= 0", where=where))
        y = y.astype(np.int64)
        info["num_classes"] = int(y.max()) + 1
    return assemble("npz", x.astype(np.int64) if integer_x and data.get("input_dtype") == "long" else x.astype(np.float32),
                    y, task=task, seed=seed, test_fraction=test_fraction, shuffle=test_fraction > 0,
                    input_dtype="long" if data.get("input_dtype") == "long" else "float", **info)
