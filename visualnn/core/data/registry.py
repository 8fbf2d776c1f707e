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
from .textdata import load_text_kind

from visualnn.core.i18n import N_, tr

BOOL = (False, True)


def _samples(default=500, lo=10, hi=10000):
    return ParamInfo("samples", "int", default, lo, hi, help=N_("number of points"))


NOISE = ParamInfo("noise", "float", 0.0, 0.0, 0.5,
                  help=N_("noise as a fraction of the data's scale (0 to 0.5)"))
STANDARDIZE = ParamInfo("standardize", "choice", True, choices=BOOL,
                        help=N_("scale each feature to mean 0, std 1 (training split)"))
FLATTEN = ParamInfo("flatten", "choice", False, choices=BOOL,
                    help=N_("give each image as one flat vector instead of (1, H, W)"))


@dataclass(frozen=True)
class Builtin:
    name: str
    task: str
    summary: str
    params: tuple[ParamInfo, ...]
    load: Callable
    hidden: tuple[str, ...] = ()  # accepted but not shown as a plain editor in the dataset panel


def _gen(name):
    return lambda p, **kw: generated.load(name, p, **kw)


def _real(name):
    return lambda p, **kw: real.load(name, p, **kw)


PLAY = (_samples(), NOISE)
BLOBS = (_samples(300), NOISE, ParamInfo("classes", "int", 3, 2, 8, help=N_("number of classes (clusters)")))
LINE = (_samples(100, 2, 10000), NOISE,
        ParamInfo("slope", "float", 2.0, -10.0, 10.0, help=N_("the line's slope: the weight w to learn")),
        ParamInfo("intercept", "float", 0.0, -10.0, 10.0, help=N_("the line's value at x = 0: the bias b to learn")))
SINE = (ParamInfo("samples", "int", 500, 10, 10000, help=N_("number of sequences")),
        ParamInfo("seq_len", "int", 20, 2, 200, help=N_("time steps per sequence")),
        NOISE)
SENTIMENT = (ParamInfo("seq_len", "int", 12, 2, 64, help=N_("words per sentence (cut or padded)")),
             ParamInfo("min_count", "int", 1, 1, 10,
                       help=N_("keep words seen at least this often in training")),
             ParamInfo("pad", "choice", "start", choices=("start", "end"),
                       help=N_("where short sentences get their <pad> ids")),
             ParamInfo("language", "choice", "en", choices=("en", "zh"),
                       help=N_("the reviews' language: English (split into words) or Chinese (split into characters)")))
MNIST = (ParamInfo("samples", "int", 10000, 100, 60000, help=N_("training images to use")),
         FLATTEN)
C, R = "classification", "regression"
PLANE = ("features",)  # the 2-D sets' feature inputs (features.py), chosen with checkboxes
BUILTINS = {b.name: b for b in [
    Builtin("circle", C, N_("2-D: a disc of one class inside a ring of the other "
            "(TF Playground)"), PLAY, _gen("circle"), hidden=PLANE),
    Builtin("xor", C, N_("2-D: the four quadrants, class by the sign of x1*x2 (TF Playground)"),
            PLAY, _gen("xor"), hidden=PLANE),
    Builtin("gauss", C, N_("2-D: two Gaussian clusters, noise widens them (TF Playground)"),
            PLAY, _gen("gauss"), hidden=PLANE),
    Builtin("spiral", C, N_("2-D: two interleaved spiral arms (TF Playground)"),
            PLAY, _gen("spiral"), hidden=PLANE),
    Builtin("plane", R, N_("2-D regression: a tilted plane, target (x1 + x2) / 10 "
            "(TF Playground)"), PLAY, _gen("plane"), hidden=PLANE),
    Builtin("multi_gauss", R, N_("2-D regression: six positive and negative bumps "
            "(TF Playground)"), PLAY, _gen("multi_gauss"), hidden=PLANE),
    Builtin("blobs", C, N_("2-D: three (or more) round clusters, one class each, for softmax regression"),
            BLOBS, _gen("blobs"), hidden=PLANE),
    Builtin("line", R, N_("1-D regression: y = slope * x + intercept plus noise, for linear regression"),
            LINE, generated.line),
    Builtin("digits", C, N_("8x8 images of handwritten digits 0-9, 1797 samples (scikit-learn)"),
            (FLATTEN,), _real("digits")),
    Builtin("iris", C, N_("iris flowers: 4 measurements, 3 species, 150 samples (scikit-learn)"),
            (STANDARDIZE,), _real("iris")),
    Builtin("wine", C, N_("wines: 13 chemical measurements, 3 cultivars, 178 samples "
            "(scikit-learn)"), (STANDARDIZE,), _real("wine")),
    Builtin("breast_cancer", C, N_("breast tumours: 30 cell measurements, benign or malignant, "
            "569 samples (scikit-learn)"), (STANDARDIZE,), _real("breast_cancer")),
    Builtin("sine", R, N_("sequences: a sine wave of seq_len steps, predict the next value"),
            SINE, sequences.sine),
    Builtin("sentiment", C, N_("short reviews as token ids, positive or negative: English (words) or Chinese (characters)"),
            SENTIMENT, sequences.sentiment),
    Builtin("mnist", C, N_("28x28 handwritten digits 0-9 (MNIST: downloaded once into the cache folder)"),
            MNIST, idx.load_mnist, hidden=("path",)),
    Builtin("fashion_mnist", C, N_("28x28 grey pictures of 10 kinds of clothing (Fashion-MNIST: "
            "downloaded once)"), MNIST, idx.load_fashion_mnist, hidden=("path",)),
    Builtin("cifar10", C, N_("32x32 colour pictures of 10 kinds of objects (CIFAR-10: downloaded once)"),
            (ParamInfo("samples", "int", 10000, 100, 50000, help=N_("training pictures to use")),
             ParamInfo("color", "choice", "rgb", choices=("rgb", "gray"),
                       help=N_("three colour channels, or one grey channel"))),
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
        raise DataError(tr("unknown data set {name!r} (builtin: {BUILTINS})", name=name, BUILTINS=', '.join(BUILTINS))) from None


def builtin_params(name) -> list[ParamInfo]:
    """The parameters the dataset panel offers for builtin set ``name``."""
    return list(_builtin(name).params)


def takes_features(name) -> bool:
    """Whether builtin set ``name`` is made of points of the plane and takes ``features``."""
    spec = BUILTINS.get(name) if isinstance(name, str) else None
    return spec is not None and "features" in spec.hidden


def describe(name) -> str:
    """One line saying what builtin set ``name`` is."""
    return tr(_builtin(name).summary)


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
            raise DataError(tr("{name}: unknown parameter {key!r} (known: {value})", name=name, key=key, value=', '.join([*known, *spec.hidden]) or 'none'))
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
            raise DataError(tr("{where} must be one of {allowed}, got {value!r}", where=where, allowed=allowed, value=value))
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(tr("{where} must be a number, got {value!r}", where=where, value=value))
    if info.kind == "int":
        if value != int(value):
            raise DataError(tr("{where} must be a whole number, got {value!r}", where=where, value=value))
        value = int(value)
    else:
        value = float(value)
    if not info.min <= value <= info.max:
        raise DataError(tr("{where} must be between {min:g} and {max:g}, got {value:g}", where=where, min=info.min, max=info.max, value=value))
    return value


KINDS = ("builtin", "table", "csv", "images", "idx", "npz", "text", *DOWNLOADABLE)


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
        raise DataError(tr("data must be an object with a 'kind', got {name}", name=type(data).__name__))
    if task not in (None, "classification", "regression"):
        raise DataError(tr("unknown task {task!r}: use 'classification' or 'regression'", task=task))
    kind = data.get("kind")
    if kind in DOWNLOADABLE:  # {"kind": "mnist", ...params} is the builtin of that name
        data = {"kind": "builtin", "name": kind,
                "params": {k: v for k, v in data.items() if k not in ("kind", "params")} | (data.get("params") if isinstance(data.get("params"), dict) else {})}
        kind = "builtin"
    if kind == "builtin":
        name = data.get("name")
        spec = _builtin(name)
        if task == "classification" and spec.task == "regression":
            raise DataError(tr("{name} is a regression data set: it has no classes to predict", name=name))
        ds = spec.load(coerce_params(name, data.get("params")), seed=int(seed),
                       test_fraction=test_fraction, base_dir=base_dir)
        return as_regression(ds) if task == "regression" else ds
    loaders = {"table": load_table_kind, "csv": load_csv_kind,
               "images": load_images_kind, "idx": idx.load_idx_kind, "npz": load_npz_kind,
               "text": load_text_kind}
    if kind not in loaders:
        raise DataError(tr("unknown data kind {kind!r} (use one of {KINDS})", kind=kind, KINDS=', '.join(KINDS)))
    ds = loaders[kind](data, seed=int(seed), test_fraction=test_fraction,
                       base_dir=base_dir, task=task)
    return as_regression(ds) if task == "regression" else ds
