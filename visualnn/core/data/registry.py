"""The builtin data sets, their parameters, and :func:`load_dataset`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import generated, idx, real, sequences
from .csvdata import load_csv_kind
from .dataset import DataError, Dataset, ParamInfo
from .images import load_images_kind
from .npzdata import load_npz_kind
from .split import as_regression
from .table import load_table_kind

BOOL = (False, True)


def _samples(default=500, lo=10, hi=10000):
    return ParamInfo("samples", "int", default, lo, hi, help="number of points")


NOISE = ParamInfo("noise", "float", 0.0, 0.0, 0.5,
                  help="noise as a fraction of the data's scale (0 to 0.5)")
STANDARDIZE = ParamInfo("standardize", "choice", True, choices=BOOL,
                        help="scale each feature to mean 0, std 1 (training split)")
FLATTEN = ParamInfo("flatten", "choice", False, choices=BOOL,
                    help="give each image as one flat vector instead of (1, H, W)")


@dataclass(frozen=True)
class Builtin:
    name: str
    task: str
    summary: str
    params: tuple[ParamInfo, ...]
    load: Callable
    hidden: tuple[str, ...] = ()  # accepted but not shown in the dataset panel


def _gen(name):
    return lambda p, **kw: generated.load(name, p, **kw)


def _real(name):
    return lambda p, **kw: real.load(name, p, **kw)


PLAY = (_samples(), NOISE)
SINE = (ParamInfo("samples", "int", 500, 10, 10000, help="number of sequences"),
        ParamInfo("seq_len", "int", 20, 2, 200, help="time steps per sequence"),
        NOISE)
SENTIMENT = (ParamInfo("seq_len", "int", 12, 2, 64, help="words per sentence (cut or padded)"),
             ParamInfo("min_count", "int", 1, 1, 10,
                       help="keep words seen at least this often in training"),
             ParamInfo("pad", "choice", "start", choices=("start", "end"),
                       help="where short sentences get their <pad> ids"))
MNIST = (ParamInfo("samples", "int", 10000, 100, 60000, help="training images to use"),
         FLATTEN)
C, R = "classification", "regression"
BUILTINS = {b.name: b for b in [
    Builtin("circle", C, "2-D: a disc of one class inside a ring of the other "
            "(TF Playground)", PLAY, _gen("circle")),
    Builtin("xor", C, "2-D: the four quadrants, class by the sign of x1*x2 (TF Playground)",
            PLAY, _gen("xor")),
    Builtin("gauss", C, "2-D: two Gaussian clusters, noise widens them (TF Playground)",
            PLAY, _gen("gauss")),
    Builtin("spiral", C, "2-D: two interleaved spiral arms (TF Playground)",
            PLAY, _gen("spiral")),
    Builtin("plane", R, "2-D regression: a tilted plane, target (x1 + x2) / 10 "
            "(TF Playground)", PLAY, _gen("plane")),
    Builtin("multi_gauss", R, "2-D regression: six positive and negative bumps "
            "(TF Playground)", PLAY, _gen("multi_gauss")),
    Builtin("digits", C, "8x8 images of handwritten digits 0-9, 1797 samples (scikit-learn)",
            (FLATTEN,), _real("digits")),
    Builtin("iris", C, "iris flowers: 4 measurements, 3 species, 150 samples (scikit-learn)",
            (STANDARDIZE,), _real("iris")),
    Builtin("wine", C, "wines: 13 chemical measurements, 3 cultivars, 178 samples "
            "(scikit-learn)", (STANDARDIZE,), _real("wine")),
    Builtin("breast_cancer", C, "breast tumours: 30 cell measurements, benign or malignant, "
            "569 samples (scikit-learn)", (STANDARDIZE,), _real("breast_cancer")),
    Builtin("sine", R, "sequences: a sine wave of seq_len steps, predict the next value",
            SINE, sequences.sine),
    Builtin("sentiment", C, "short English reviews as word ids, positive or negative",
            SENTIMENT, sequences.sentiment),
    Builtin("mnist", C, "28x28 handwritten digits 0-9 (MNIST: downloaded once into the cache folder)",
            MNIST, idx.load_mnist, hidden=("path",)),
    Builtin("fashion_mnist", C, "28x28 grey pictures of 10 kinds of clothing (Fashion-MNIST: "
            "downloaded once)", MNIST, idx.load_fashion_mnist, hidden=("path",)),
    Builtin("cifar10", C, "32x32 colour pictures of 10 kinds of objects (CIFAR-10: downloaded once)",
            (ParamInfo("samples", "int", 10000, 100, 50000, help="training pictures to use"),
             ParamInfo("color", "choice", "rgb", choices=("rgb", "gray"),
                       help="three colour channels, or one grey channel")),
            idx.load_cifar10, hidden=("path",)),
]}
DOWNLOADABLE = ("mnist", "fashion_mnist", "cifar10")


def builtin_names() -> list[str]:
    """The names of the builtin data sets, in the order the panel shows them."""
    return list(BUILTINS)


def _builtin(name) -> Builtin:
    try:
        return BUILTINS[name]
    except (KeyError, TypeError):
        raise DataError(f"unknown data set {name!r} (builtin: {', '.join(BUILTINS)})") from None


def builtin_params(name) -> list[ParamInfo]:
    """The parameters the dataset panel offers for builtin set ``name``."""
    return list(_builtin(name).params)


def describe(name) -> str:
    """One line saying what builtin set ``name`` is."""
    return _builtin(name).summary


def builtin_task(name) -> str:
    """``"classification"`` or ``"regression"``."""
    return _builtin(name).task


def coerce_params(name, params) -> dict:
    """Check ``params`` against the set's ParamInfo list and fill in defaults."""
    spec = _builtin(name)
    params = dict(params or {})
    known = {p.name: p for p in spec.params}
    out = {}
    for key in params:
        if key not in known and key not in spec.hidden:
            raise DataError(f"{name}: unknown parameter {key!r} "
                            f"(known: {', '.join([*known, *spec.hidden]) or 'none'})")
    for key in spec.hidden:
        if key in params:
            out[key] = params[key]
    for info in spec.params:
        out[info.name] = _coerce(name, info, params.get(info.name, info.default))
    return out


def _coerce(set_name: str, info: ParamInfo, value):
    where = f"{set_name}: {info.name}"
    if info.kind == "choice":
        if info.choices == BOOL and str(value).lower() in ("true", "false"):
            value = str(value).lower() == "true"
        if value not in info.choices or (isinstance(value, bool) != isinstance(info.default, bool)):
            allowed = ", ".join(map(str, info.choices))
            raise DataError(f"{where} must be one of {allowed}, got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(f"{where} must be a number, got {value!r}")
    if info.kind == "int":
        if value != int(value):
            raise DataError(f"{where} must be a whole number, got {value!r}")
        value = int(value)
    else:
        value = float(value)
    if not info.min <= value <= info.max:
        raise DataError(f"{where} must be between {info.min:g} and {info.max:g}, got {value:g}")
    return value


KINDS = ("builtin", "table", "csv", "images", "idx", "npz", *DOWNLOADABLE)


def load_dataset(data: dict, *, seed: int = 0, test_fraction: float = 0.2,
                 base_dir: Path | None = None, task: str | None = None) -> Dataset:
    """Make the :class:`Dataset` that a project's ``data`` section describes.

    ``seed`` fixes everything random (generation and split: the same arguments
    give identical arrays). ``test_fraction`` of the samples go to the test split
    (0: none). ``base_dir`` is the project file's folder, for relative paths.
    ``task`` forces "classification" or "regression" (say so for a classification
    loss); None lets builtin sets use their own and guesses for tables and CSV.
    """
    if not isinstance(data, dict):
        raise DataError(f"data must be an object with a 'kind', got {type(data).__name__}")
    if task not in (None, "classification", "regression"):
        raise DataError(f"unknown task {task!r}: use 'classification' or 'regression'")
    kind = data.get("kind")
    if kind in DOWNLOADABLE:  # {"kind": "mnist", ...params} is the builtin of that name
        data = {"kind": "builtin", "name": kind,
                "params": {k: v for k, v in data.items() if k not in ("kind", "params")} | (data.get("params") if isinstance(data.get("params"), dict) else {})}
        kind = "builtin"
    if kind == "builtin":
        name = data.get("name")
        spec = _builtin(name)
        if task == "classification" and spec.task == "regression":
            raise DataError(f"{name} is a regression data set: it has no classes to predict")
        ds = spec.load(coerce_params(name, data.get("params")), seed=int(seed),
                       test_fraction=test_fraction, base_dir=base_dir)
        return as_regression(ds) if task == "regression" else ds
    loaders = {"table": load_table_kind, "csv": load_csv_kind,
               "images": load_images_kind, "idx": idx.load_idx_kind, "npz": load_npz_kind}
    if kind not in loaders:
        raise DataError(f"unknown data kind {kind!r} (use one of {', '.join(KINDS)})")
    ds = loaders[kind](data, seed=int(seed), test_fraction=test_fraction,
                       base_dir=base_dir, task=task)
    return as_regression(ds) if task == "regression" else ds
