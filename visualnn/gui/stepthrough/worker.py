"""Computing a trace away from the UI thread.

`compute` is the whole job (trace, stages, the sample count), a plain function, so the
small lessons run it directly and feel instant; `TraceThread` runs it in a QThread for
large networks. The core trace cannot be interrupted half-way, so Cancel abandons the job:
the window forgets it at once and the thread finishes on its own, its result dropped.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from PySide6.QtCore import QThread, Signal

from visualnn.core.graph import check_graph, param_count

# Roughly how many float values one traced update touches before it is worth a thread.
THREAD_THRESHOLD = 200_000


@dataclass
class TraceResult:
    trace: dict
    stages: list
    samples: int | None       # how many samples the data has (None when unknown)


def work_estimate(project, batch: int = 1) -> int:
    """Values in every layer's output times the batch, plus the parameter count."""
    rep = check_graph(project.graph)
    total = 0
    for shape in rep.shapes.values():
        n = 1
        for d in shape or ():
            n *= int(d) if isinstance(d, int) else 1
        total += n
    params = sum(param_count(project.graph, rep).values())
    return total * max(1, batch) + params


def sample_count(project) -> int | None:
    """How many samples the trace can pick from (the training part of the data)."""
    data = project.data or {}
    if data.get("kind") == "table":
        try:
            return len(data.get("inputs") or [])
        except TypeError:
            return None
    try:
        from visualnn.core.data import load_dataset
        from visualnn.core.train.config import TrainConfig
        cfg = TrainConfig.from_dict(project.train)
        ds = load_dataset(data, seed=cfg.seed, test_fraction=cfg.test_fraction, base_dir=project.base_dir)
        return len(ds.x_train)
    except Exception:
        return None


def _call(fn, *args, **kwargs):
    """Call fn with only the keyword arguments it accepts (the core may grow options)."""
    try:
        names = set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return fn(*args, **kwargs)
    return fn(*args, **{k: v for k, v in kwargs.items() if k in names})


def compute(project, sample: int, batch: int) -> TraceResult:
    """The trace of one update on `sample` (or the mini-batch starting there) and its stages."""
    from visualnn.core.backprop.equations import stages as make_stages
    from visualnn.core.backprop.trace import trace_project

    kwargs = {"sample": sample}
    if batch > 1:
        kwargs["batch"] = batch
    trace = _call(trace_project, project, **kwargs)
    return TraceResult(trace, list(make_stages(trace)), sample_count(project))


class TraceThread(QThread):
    """Runs `compute` once; emits done(result, ticket) or failed(message, ticket)."""

    done = Signal(object, int)
    failed = Signal(str, int)

    def __init__(self, project, sample: int, batch: int, ticket: int, parent=None):
        super().__init__(parent)
        self.project, self.sample, self.batch, self.ticket = project, sample, batch, ticket

    def run(self) -> None:
        try:
            result = compute(self.project, self.sample, self.batch)
        except Exception as e:  # every failure becomes one line in the panel
            self.failed.emit(one_line(e), self.ticket)
            return
        self.done.emit(result, self.ticket)


def one_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
