"""Python source of `load_data()` for an exported script: the project's data, standalone.

The generated 2-D sets (with their feature inputs), the line set and the sine sequences are
regenerated with the same numpy code and seed; scikit-learn's bundled sets are loaded from
scikit-learn; inline tables are written out; a CSV file is read with numpy. Anything else
(image folders, IDX files, the sentiment corpus) is saved beside the script as
`<stem>_data.npz` and loaded with numpy (allow_pickle=False). Every path gives the same arrays as visualnn's `load_dataset`.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

SPLIT_HELPERS = '''
def rng_for(seed, stream):
    """The random stream `stream` (1: drawing the data, 2: the split) of `seed`."""
    return np.random.default_rng(np.random.SeedSequence([int(seed) & 0xFFFFFFFF, stream]))


def split(x, y, test_fraction, seed, shuffle=True):
    """A seeded shuffle, then the last round(n * test_fraction) samples are the test split."""
    n = len(x)
    n_test = 0 if test_fraction <= 0 or n < 2 else min(max(int(round(n * test_fraction)), 1), n - 1)
    order = rng_for(seed, 2).permutation(n) if shuffle else np.arange(n)
    train, test = order[: n - n_test], order[n - n_test:]
    return x[train], y[train], x[test], y[test]
'''

STANDARDIZE = '''
def standardize(x_train, *others):
    """Features scaled to mean 0, std 1 by the training split's statistics."""
    if len(x_train) == 0:
        return (x_train, *others)
    mean = x_train.mean(axis=0, dtype=np.float64)
    std = x_train.std(axis=0, dtype=np.float64)
    std = np.where(std > 1e-12, std, 1.0)
    return tuple(((a - mean) / std).astype(np.float32) for a in (x_train, *others))
'''

# The TF Playground sets, exactly as visualnn draws them (points in about [-6, 6]^2).
GENERATED = {
    "circle": '''
    radius = 5.0
    n_in, n_out = n // 2, n - n // 2
    r = np.concatenate([rng.uniform(0, radius * 0.5, n_in), rng.uniform(radius * 0.7, radius, n_out)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    jitter = rng.uniform(-radius, radius, (n, 2)) * noise
    y = (np.hypot(*(x + jitter).T) < radius * 0.5).astype(np.int64)
''',
    "xor": '''
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, 0.3, -0.3)
    p = x + rng.uniform(-5, 5, (n, 2)) * noise
    y = (p[:, 0] * p[:, 1] >= 0).astype(np.int64)
''',
    "gauss": '''
    variance = 0.5 + (4.0 - 0.5) * noise / 0.5
    n_pos, n_neg = n // 2, n - n // 2
    std = np.sqrt(variance)
    pos = rng.normal(2.0, std, (n_pos, 2))
    neg = rng.normal(-2.0, std, (n_neg, 2))
    x = np.concatenate([pos, neg])
    y = np.concatenate([np.ones(n_pos, np.int64), np.zeros(n_neg, np.int64)])
''',
    "spiral": '''
    xs, ys = [], []
    for count, delta, label in zip((n // 2, n - n // 2), (0.0, np.pi), (1, 0)):
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * np.pi + delta
        pts = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        xs.append(pts + rng.uniform(-1, 1, (count, 2)) * noise)
        ys.append(np.full(count, label, np.int64))
    x, y = np.concatenate(xs), np.concatenate(ys)
''',
    "plane": '''
    x = rng.uniform(-6.0, 6.0, (n, 2))
    p = x + rng.uniform(-6.0, 6.0, (n, 2)) * noise
    y = (p.sum(axis=1) / 10.0)[:, None]
''',
    "multi_gauss": '''
    bumps = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                      [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=np.float64)
    x = rng.uniform(-6.0, 6.0, (n, 2))
    p = x + rng.uniform(-6.0, 6.0, (n, 2)) * noise
    d = np.hypot(p[:, None, 0] - bumps[:, 0], p[:, None, 1] - bumps[:, 1])
    values = bumps[:, 2] * np.clip(1.0 - d / 2.0, 0.0, 1.0)
    pick = np.argmax(np.abs(values), axis=1)
    y = values[np.arange(n), pick][:, None]
''',
    "blobs": '''
    std = np.sqrt(0.5 + (4.0 - 0.5) * noise / 0.5) * 0.6
    label = np.arange(n) % classes
    angle = np.pi / 2 + 2 * np.pi * label / classes
    centres = 3.5 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    x = centres + rng.normal(0.0, std, (n, 2))
    y = label.astype(np.int64)
''',
}

# feature inputs (core/data/features.py) as numpy expressions of the points x
FEATURE_CODE = {"x1": "x[:, 0]", "x2": "x[:, 1]", "x1^2": "x[:, 0] * x[:, 0]", "x2^2": "x[:, 1] * x[:, 1]",
                "x1*x2": "x[:, 0] * x[:, 1]", "sin(x1)": "np.sin(x[:, 0])", "sin(x2)": "np.sin(x[:, 1])"}

SKLEARN = {"digits": "load_digits", "iris": "load_iris", "wine": "load_wine",
           "breast_cancer": "load_breast_cancer"}


def _builtin_params(name: str, params: dict) -> dict:
    from visualnn.core.data.registry import coerce_params

    return coerce_params(name, params)


def _finish(ds, x: str = "x", y: str = "y", shuffle: str = "True", standardize: bool = False) -> list[str]:
    """Lines that split x, y and give them the dataset's dtypes and shapes."""
    lines = [f"    x_train, y_train, x_test, y_test = split({x}, {y}, TEST_FRACTION, SEED, shuffle={shuffle})"]
    xt = "np.int64" if ds.input_dtype == "long" else "np.float32"
    lines.append(f"    x_train, x_test = x_train.astype({xt}), x_test.astype({xt})")
    if ds.task == "classification":
        lines.append("    y_train, y_test = y_train.astype(np.int64).reshape(-1), y_test.astype(np.int64).reshape(-1)")
    else:
        k = int(ds.output_dim)
        lines.append(f"    y_train = y_train.astype(np.float32).reshape(len(y_train), {k})")
        lines.append(f"    y_test = y_test.astype(np.float32).reshape(len(y_test), {k})")
    if standardize:
        lines.append("    x_train, x_test = standardize(x_train, x_test)")
    lines.append("    return x_train, y_train, x_test, y_test")
    return lines


def _fmt32(a: np.ndarray) -> str:
    """A nested list literal of the array, each float32 in its shortest exact text."""
    if a.ndim == 0:
        v = a.item()
        return str(int(v)) if a.dtype.kind in "iu" else np.format_float_positional(np.float32(v), unique=True, trim="-")
    return "[" + ", ".join(_fmt32(r) for r in a) + "]"


def _table(ds) -> list[str]:
    xt = "np.int64" if ds.input_dtype == "long" else "np.float32"
    yt = "np.int64" if ds.task == "classification" else "np.float32"
    lines = ['    """The inline table of the project, already split as visualnn split it."""']
    for part, typ in (("x_train", xt), ("y_train", yt), ("x_test", xt), ("y_test", yt)):
        arr = getattr(ds, part)
        shape = tuple(arr.shape)
        body = _fmt32(arr) if arr.size else "[]"
        lines.append(f"    {part} = np.array({body}, dtype={typ}).reshape({shape!r})")
    lines.append("    return x_train, y_train, x_test, y_test")
    return lines


def _csv(project, ds, out_dir: Path) -> list[str]:
    from visualnn.core.data.csvdata import preview_rows, resolve

    data = project.data
    path = resolve(data, project.base_dir).resolve()
    header = preview_rows(data, project.base_dir, 0)[0]
    targets = data.get("target") or header[-1]
    targets = [targets] if isinstance(targets, str) else list(targets)
    inputs = list(data.get("inputs") or [c for c in header if c not in targets])
    try:
        rel = os.path.relpath(path, out_dir.resolve())
        where = f"HERE / {Path(rel).as_posix()!r}"
    except ValueError:  # another drive
        where = f"Path({str(path)!r})"
    delim = data.get("delimiter")
    if not delim:
        first = path.read_text(encoding="utf-8-sig").splitlines()[0] if path.exists() else ""
        delim = next((d for d in (",", "\t", ";") if d in first), ",")
    lines = [
        f'    """{path.name}: inputs {", ".join(inputs)}; target {", ".join(targets)}."""',
        f"    path = {where}",
        "    import csv",
        "",
        "    with open(path, newline='', encoding='utf-8-sig') as f:",
        f"        header = [c.strip() for c in next(csv.reader(f, delimiter={delim!r}))]",
        f"    columns = [header.index(c) for c in {inputs + targets!r}]",
        f"    table = np.loadtxt(path, delimiter={delim!r}, skiprows=1, usecols=columns, ndmin=2,",
        "                       encoding='utf-8-sig', dtype=np.float64)",
        f"    x, y = table[:, :{len(inputs)}], table[:, {len(inputs)}:]",
    ]
    if ds.task == "classification":
        lines.append("    y = np.searchsorted(np.unique(y[:, 0]), y[:, 0])  # class index: rank of the value")
    std = bool(data.get("standardize", True))
    shuffle = "TEST_FRACTION > 0"
    return lines + _finish(ds, shuffle=shuffle, standardize=std)


def data_source(project, ds, out_path: Path) -> tuple[str, dict | None]:
    """(source of the data section, arrays to save as `<stem>_data.npz` or None).

    `ds` is the Dataset visualnn trains on (loaded for the project's loss)."""
    data = project.data or {}
    kind = data.get("kind")
    name = data.get("name")
    builtin_task = _builtin_task(name) if kind == "builtin" else None
    helpers = [SPLIT_HELPERS.strip("\n")]
    body = None
    if builtin_task is not None and builtin_task != ds.task:
        pass  # a builtin set read differently than its own task: saved as arrays below
    elif kind == "builtin" and name in GENERATED:
        p = _builtin_params(name, data.get("params"))
        body = [f'    """The {name!r} set as visualnn draws it: {p["samples"]} points, noise {p["noise"]!r}."""',
                f"    n, noise = {p['samples']}, {p['noise']!r}",
                "    rng = rng_for(SEED, 1)"]
        if name == "blobs":
            body.insert(2, f"    classes = {p['classes']}")
        body += GENERATED[name].strip("\n").splitlines()
        features = (data.get("params") or {}).get("features") or ["x1", "x2"]
        if list(features) != ["x1", "x2"]:
            cols = ", ".join(FEATURE_CODE[f] for f in features)
            body.append(f"    x = np.stack([{cols}], axis=1)  # the feature inputs {', '.join(features)}")
        body += _finish(ds)
    elif kind == "builtin" and name == "line":
        p = _builtin_params("line", data.get("params"))
        body = [f'    """Points of y = {p["slope"]!r} x + {p["intercept"]!r} plus Gaussian noise, x in [-1, 1]."""',
                f"    n, noise, slope, intercept = {p['samples']}, {p['noise']!r}, {p['slope']!r}, {p['intercept']!r}",
                "    rng = rng_for(SEED, 1)",
                "    x = rng.uniform(-1.0, 1.0, (n, 1))",
                "    y = slope * x + intercept + rng.normal(0.0, noise * max(2 * abs(slope), 1.0), (n, 1))"] + _finish(ds)
    elif kind == "builtin" and name == "sine":
        p = _builtin_params("sine", data.get("params"))
        body = [f'    """Windows of a sine wave ({p["seq_len"]} steps); the target is the next value."""',
                f"    n, seq_len, noise = {p['samples']}, {p['seq_len']}, {p['noise']!r}",
                "    rng = rng_for(SEED, 1)",
                "    phase = rng.uniform(0, 2 * np.pi, (n, 1))",
                "    freq = rng.uniform(0.5, 1.5, (n, 1))",
                "    t = np.arange(seq_len + 1)[None, :] * 0.3",
                "    wave = np.sin(freq * t + phase)",
                "    x = (wave[:, :seq_len] + rng.uniform(-1, 1, (n, seq_len)) * noise)[:, :, None]",
                "    y = wave[:, seq_len:]"] + _finish(ds)
    elif kind == "builtin" and name in SKLEARN:
        p = _builtin_params(name, data.get("params"))
        fn = SKLEARN[name]
        body = [f'    """scikit-learn\'s {name} set (bundled with scikit-learn, no download)."""',
                f"    from sklearn.datasets import {fn}",
                "",
                f"    bunch = {fn}()",
                "    x = np.asarray(bunch.data, dtype=np.float32)",
                "    y = np.asarray(bunch.target, dtype=np.int64)"]
        std = False
        if name == "digits":
            body.append("    x = x / np.float32(16.0)  # grey levels 0..16 -> 0..1")
            if not p.get("flatten", False):
                body.append("    x = x.reshape(-1, 1, 8, 8)")
        else:
            std = bool(p.get("standardize", True))
        body += _finish(ds, standardize=std)
        if std:
            helpers.append(STANDARDIZE.strip("\n"))
    elif kind == "table":
        body, helpers = _table(ds), []
    elif kind == "csv":
        body = _csv(project, ds, out_path.parent)
        if data.get("standardize", True):
            helpers.append(STANDARDIZE.strip("\n"))
    if body is None:
        npz = out_path.with_name(out_path.stem + "_data.npz")
        arrays = {k: getattr(ds, k) for k in ("x_train", "y_train", "x_test", "y_test")}
        body = [f'    """The project\'s data ({ds.name}), saved by visualnn beside this file."""',
                f"    with np.load(HERE / {npz.name!r}, allow_pickle=False) as f:",
                '        return f["x_train"], f["y_train"], f["x_test"], f["y_test"]']
        return _assemble([], body), arrays
    return _assemble(helpers, body), None


def _builtin_task(name) -> str | None:
    from visualnn.core.data import DataError, builtin_task

    try:
        return builtin_task(name)
    except DataError:
        return None


def _assemble(helpers: list[str], body: list[str]) -> str:
    text = "".join(h + "\n\n\n" for h in helpers)
    text += "def load_data():\n" + "\n".join(body)
    return text


def unavailable_source(message: str) -> str:
    """A load_data() that explains why the data could not be exported."""
    return ("def load_data():\n"
            f'    """The project\'s data could not be read when it was exported."""\n'
            f"    raise SystemExit({('the data could not be exported: ' + message)!r})")
