"""Training histories as CSV: one row per epoch, the columns of `train --json`'s rows.
Several runs go into one file with a leading `run` column (their labels)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path


def _columns(rows: list[dict]) -> list[str]:
    cols: list[str] = []
    for row in rows:
        cols += [k for k in row if k not in cols]
    return cols


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back to the same float
    return str(value)


def history_to_csv(rows: list[dict], run_labels: list[str] | None = None) -> str:
    """The rows as CSV text with a header. `run_labels`, when given, is one label per row
    written as a first `run` column. Missing values (no test split) are empty cells."""
    cols = _columns(rows)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow((["run"] if run_labels is not None else []) + cols)
    for i, row in enumerate(rows):
        w.writerow(([run_labels[i]] if run_labels is not None else []) + [_cell(row.get(c)) for c in cols])
    return out.getvalue()


def runs_to_csv(runs: list[dict]) -> str:
    """[{"label", "history"}] -> one CSV with a `run` column."""
    rows, labels = [], []
    for run in runs:
        rows += run["history"]
        labels += [run["label"]] * len(run["history"])
    return history_to_csv(rows, labels)


def _value(text: str):
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        v = float(text)
    except ValueError:
        return text
    return v if math.isfinite(v) or text.lower() in ("nan", "inf", "-inf") else text


def history_from_csv(text: str) -> list[dict]:
    """Read rows written by history_to_csv back: numbers as int or float, empty cells as None."""
    reader = csv.DictReader(io.StringIO(text))
    return [{k: (v if k == "run" else _value(v)) for k, v in row.items()} for row in reader]


def write_history_csv(rows: list[dict], path) -> Path:
    path = Path(path)
    path.write_text(history_to_csv(rows), encoding="utf-8")
    return path
