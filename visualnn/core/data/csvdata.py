"""The ``csv`` data kind: a header row, numeric columns, one target column."""
from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from .dataset import DataError, flag

from visualnn.core.i18n import N_, tr

MAX_CLASSES = 20  # an integer target with more distinct values is taken as regression


def resolve(data: dict, base_dir) -> Path:
    if not data.get("path"):
        raise DataError(tr("csv data needs 'path' (the CSV file, relative to the project)"))
    path = Path(str(data["path"])).expanduser()
    return path if path.is_absolute() or base_dir is None else Path(base_dir) / path


def _delimiter(first_line: str, forced) -> str:
    if forced:
        return str(forced)
    for d in (",", "\t", ";"):
        if d in first_line:
            return d
    return ","


def read_rows(path: Path, delimiter=None, limit: int | None = None):
    """Yield ``(line_number, cells)`` for every non-blank row, header first."""
    from .limits import check_file

    check_file(path, N_("a CSV file"))
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            first = f.readline()
            f.seek(0)
            reader = csv.reader(f, delimiter=_delimiter(first, delimiter))
            count = 0
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                yield reader.line_num, [c.strip() for c in cells]
                count += 1
                if limit is not None and count >= limit:
                    return
    except FileNotFoundError:
        raise DataError(tr("{name}: file not found ({path})", name=path.name, path=path)) from None
    except UnicodeDecodeError:
        raise DataError(tr("{name}: not a UTF-8 text file", name=path.name)) from None
    except (OSError, csv.Error) as exc:
        raise DataError(tr("{name}: cannot read ({exc})", name=path.name, exc=exc)) from None


def preview_rows(data: dict, base_dir=None, n: int = 5) -> tuple[list[str], list[list[str]]]:
    """The header and the first ``n`` data rows as text, for an import preview."""
    path = resolve(data, base_dir)
    rows = [cells for _, cells in read_rows(path, data.get("delimiter"), n + 1)]
    if not rows:
        raise DataError(tr("{name} is empty", name=path.name))
    return rows[0], rows[1:]


def _number(text: str, where: str) -> float:
    if not text:
        raise DataError(tr("{where}: empty value", where=where))
    try:
        value = float(text)
    except ValueError:
        raise DataError(tr("{where}: {text!r} is not a number", where=where, text=text)) from None
    if not math.isfinite(value):
        raise DataError(tr("{where}: {text!r} is not a finite number", where=where, text=text))
    return value


def read_csv(path: Path, delimiter=None):
    """The header and the data rows ``(line_number, cells)``, checked for names
    and for the number of values on every line."""
    rows = read_rows(path, delimiter)
    first = next(rows, None)
    if first is None:
        raise DataError(tr("{name} is empty", name=path.name))
    header = first[1]
    for i, name in enumerate(header):
        if not name:
            raise DataError(tr("{name} line {first}: column {value} has no name", name=path.name, first=first[0], value=i + 1))
        if name in header[:i]:
            raise DataError(tr("{name} line {first}: column {name2!r} appears twice", name=path.name, first=first[0], name2=name))
    body = []
    for line, cells in rows:
        if len(cells) != len(header):
            raise DataError(tr("{name} line {line}: expected {n} values, found {n2}", name=path.name, line=line, n=len(header), n2=len(cells)))
        body.append((line, cells))
    if not body:
        raise DataError(tr("{name} has a header but no data rows", name=path.name))
    return header, body


def numbers(path: Path, header, body, columns) -> np.ndarray:
    """The named columns as float64 ``(rows, len(columns))``."""
    idx = [header.index(c) for c in columns]
    values = [[_number(cells[j], tr("{name} line {line}, column {header!r}", name=path.name, line=line, header=header[j]))
               for j in idx] for line, cells in body]
    return np.array(values, dtype=np.float64).reshape(len(body), len(idx))


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def classes_of(values):
    """Class index per row and the class names (the sorted distinct values)."""
    distinct = np.unique(values)
    if distinct.dtype.kind == "f":
        names = [str(int(v)) if float(v).is_integer() else f"{v:g}" for v in distinct]
    else:
        names = [str(v) for v in distinct]
    return np.searchsorted(distinct, values).astype(np.int64), names


def guess_task(y: np.ndarray) -> str:
    """Classification when there is one target column of whole numbers with at
    most ``MAX_CLASSES`` distinct values; otherwise regression."""
    if y.shape[1] == 1 and np.all(y == np.round(y)) and len(np.unique(y)) <= MAX_CLASSES:
        return "classification"
    return "regression"


def load_csv_kind(data: dict, *, seed: int, test_fraction: float, base_dir=None,
                  task=None, **_):
    """Data kind ``csv``: ``{"path", "target"}`` (default: the last column),
    optional ``inputs`` (column names; default all others), ``standardize``
    (default True: features scaled by the training split), ``delimiter``.
    A target column of text (``setosa``, ``spam``) is a classification target.
    Without a test split the rows keep their order (sample I is data row I)."""
    from .split import assemble, check_fraction

    test_fraction = check_fraction(test_fraction)
    path = resolve(data, base_dir)
    header, body = read_csv(path, data.get("delimiter"))
    targets = data.get("target") or header[-1]
    targets = [targets] if isinstance(targets, str) else list(targets)
    inputs = list(data.get("inputs") or [c for c in header if c not in targets])
    for c in targets + inputs:
        if c not in header:
            raise DataError(tr("{name}: no column named {c!r} (columns: {header})", name=path.name, c=c, header=', '.join(header)))
    if not inputs:
        raise DataError(tr("{name}: needs at least one input column besides the target", name=path.name))
    x = numbers(path, header, body, inputs)
    j = header.index(targets[0])
    text_target = len(targets) == 1 and any(c[j] and not _is_number(c[j]) for _, c in body)
    if text_target and task != "regression":
        for line, cells in body:
            if not cells[j]:
                raise DataError(tr("{name} line {line}, column {targets!r}: empty value", name=path.name, line=line, targets=targets[0]))
        y, task = np.array([c[j] for _, c in body]), "classification"
    else:
        y = numbers(path, header, body, targets)
        task = task or guess_task(y)
    info = dict(feature_names=inputs, task=task)
    if task == "classification":
        if len(targets) != 1:
            raise DataError(tr("{name}: classification needs one target column", name=path.name))
        y, info["class_names"] = classes_of(y.reshape(len(y)))
        info["num_classes"] = len(info["class_names"])
    return assemble(path.stem, x, y, seed=seed, test_fraction=test_fraction,
                    shuffle=test_fraction > 0,
                    standardize_x=flag(data, "standardize", True), **info)
