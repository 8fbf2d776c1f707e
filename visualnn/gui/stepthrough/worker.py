"""Computing a trace away from the UI thread.

`compute` is the whole job (trace, stages, the sample count), a plain function, so the
small lessons run it directly and feel instant; `JobThread` runs it (or a gradient check)
in a QThread for large networks. The core trace cannot be interrupted half-way, so Cancel abandons the job:
the window forgets it at once and the thread finishes on its own, its result dropped.
"""

from __future__ import annotations

import json
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
    digits: int = 4           # the digits the stages were written with


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


_counts: dict = {}


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
        key = (json.dumps(data, sort_keys=True, default=str), cfg.seed, cfg.test_fraction, str(project.base_dir))
        if key not in _counts:   # a big dataset is loaded once, not at every recomputation
            ds = load_dataset(data, seed=cfg.seed, test_fraction=cfg.test_fraction, base_dir=project.base_dir)
            if len(_counts) > 8:
                _counts.clear()
            _counts[key] = len(ds.x_train)
        return _counts[key]
    except Exception:
        return None


def make_stages(trace: dict, digits: int) -> list:
    """The core's lesson stages of `trace`, numbers written with `digits` significant digits."""
    from visualnn.core.backprop.equations import stages

    return list(stages(trace, digits=digits))


def compute(project, sample: int, batch: int, digits: int = 4) -> TraceResult:
    """The trace of one update on `sample` (or the mini-batch starting there) and its stages."""
    from visualnn.core.backprop.trace import trace_project

    trace = trace_project(project, sample=sample, batch=batch if batch > 1 else None)
    return TraceResult(trace, make_stages(trace, digits), sample_count(project), digits)


class JobThread(QThread):
    """Runs `fn(*args)` once; emits done(result, ticket) or failed(message, ticket)."""

    done = Signal(object, int)
    failed = Signal(str, int)

    def __init__(self, fn, args, ticket: int = 0, parent=None):
        super().__init__(parent)
        self.fn, self.args, self.ticket = fn, tuple(args), ticket

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as e:  # every failure becomes one line in the panel
            self.failed.emit(one_line(e), self.ticket)
            return
        self.done.emit(result, self.ticket)


_orphans: set = set()


def abandon(thread: QThread) -> None:
    """Let a running thread finish on its own after its owner went away: it is kept alive
    (a QThread destroyed while running aborts the process) and its signals are cut."""
    for sig in ("done", "failed"):
        try:
            getattr(thread, sig).disconnect()
        except (RuntimeError, TypeError, AttributeError):
            pass
    for t in [t for t in _orphans if t.isFinished()]:
        t.wait()
        _orphans.discard(t)
    if thread.isRunning():
        thread.setParent(None)
        _orphans.add(thread)


def wait_all(msecs: int = 30000) -> None:
    """On quit: wait for abandoned threads."""
    for t in list(_orphans):
        t.wait(msecs)


def one_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
