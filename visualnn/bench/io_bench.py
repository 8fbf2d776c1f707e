"""Validation and project-file timings for `visualnn bench`.

`validation_times()`: how long `check_graph` takes on a chain of 100 and of 1,000 layers
(validation is linear in nodes plus edges, so the ratio stays near 10).
`project_io()`: saving and loading a project of about 1.2 million weights (tensors stored
compactly), with the file's size beside the weights' raw float32 size.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def _chain(layers: int):
    from visualnn.core.graph import Graph

    g = Graph()
    g.add_node("Input", "x", {"shape": [8]})
    prev = "x"
    for i in range(layers):
        kind = "Linear" if i % 2 == 0 else "ReLU"
        g.add_node(kind, f"l{i}", {"out_features": 8} if kind == "Linear" else {})
        g.connect(prev, f"l{i}")
        prev = f"l{i}"
    return g


def _best_of(fn, repeat: int = 5) -> float:
    """Best CPU time of `repeat` runs with the garbage collector paused (as timeit does: a
    collection pass walks every object of the process, whatever the graph's size). CPU
    time, so a busy machine's waits for a core are not counted."""
    import gc

    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        finally:
            gc.enable()
    return best


def validation_times() -> dict:
    """{"layers_100_ms", "layers_1000_ms", "ratio"}: best of five check_graph runs (CPU ms)."""
    from visualnn.core.graph import check_graph

    small, large = _chain(100), _chain(1000)
    t_small = _best_of(lambda: check_graph(small))
    t_large = _best_of(lambda: check_graph(large))
    return {"layers_100_ms": t_small * 1000, "layers_1000_ms": t_large * 1000, "ratio": t_large / t_small}


def project_io() -> dict:
    """{"weights", "save_s", "load_s", "file_mb", "raw_mb"} for a 1.2-million-weight project."""
    import numpy as np

    from visualnn.core.graph import Graph
    from visualnn.core.io import load_project, save_project
    from visualnn.core.io.project import Project

    g = Graph()
    g.add_node("Input", "x", {"shape": [1000]})
    g.add_node("Linear", "fc1", {"out_features": 1000})
    g.add_node("ReLU", "r")
    g.add_node("Linear", "fc2", {"out_features": 200})
    for a, b in (("x", "fc1"), ("fc1", "r"), ("r", "fc2")):
        g.connect(a, b)
    rng = np.random.default_rng(0)
    state = {"fc1": {"weight": rng.standard_normal((1000, 1000), dtype=np.float32).tolist(),
                     "bias": rng.standard_normal(1000, dtype=np.float32).tolist()},
             "fc2": {"weight": rng.standard_normal((200, 1000), dtype=np.float32).tolist(),
                     "bias": rng.standard_normal(200, dtype=np.float32).tolist()}}
    weights = 1000 * 1000 + 1000 + 200 * 1000 + 200
    project = Project(graph=g, name="large", data={"kind": "builtin", "name": "spiral"}, state=state)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.vnn"
        t0 = time.perf_counter()
        save_project(project, path)
        save_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_project(path)
        load_s = time.perf_counter() - t0
        size = path.stat().st_size
    return {"weights": weights, "save_s": save_s, "load_s": load_s, "file_mb": size / 1e6, "raw_mb": weights * 4 / 1e6}


def lines(validation: dict, io: dict) -> list[str]:
    from visualnn.core.i18n import tr

    return [
        tr("validation (CPU time): a 100-layer chain in {small:.2f} ms, a 1,000-layer chain in {large:.2f} ms "
           "(x{ratio:.1f}; linear would be x10)", small=validation["layers_100_ms"],
           large=validation["layers_1000_ms"], ratio=validation["ratio"]),
        tr("project file: {weights:,} weights saved in {save:.2f} s and loaded in {load:.2f} s; {file:.1f} MB for "
           "{raw:.1f} MB of float32 (x{x:.2f})", weights=io["weights"], save=io["save_s"], load=io["load_s"],
           file=io["file_mb"], raw=io["raw_mb"], x=io["file_mb"] / io["raw_mb"]),
    ]
