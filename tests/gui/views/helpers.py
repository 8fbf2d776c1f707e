"""Small projects and frames for the view tests: a Trainer run in this thread, its
session and frame made as the training process makes them."""

from __future__ import annotations

import numpy as np

from visualnn.core.graph import Graph
from visualnn.core.io import Project


def chain(shape, layers, data, train, dtype: str = "float") -> Project:
    """Input(shape) -> layers [(type, id, params)], in a chain."""
    g = Graph()
    g.add_node("Input", "x", {"shape": list(shape), **({"dtype": dtype} if dtype != "float" else {})}, (0.0, 0.0))
    prev = "x"
    for i, (typ, nid, params) in enumerate(layers):
        g.add_node(typ, nid, params, (260.0 * (i + 1), 0.0))
        g.connect(prev, nid)
        prev = nid
    base = {"optimizer": "sgd", "lr": 0.1, "batch_size": 8, "epochs": 2, "seed": 0, "test_fraction": 0.25}
    return Project(graph=g, name="test", data=data, train={**base, **train})


def line_project(hidden: bool = False) -> Project:
    """y = 2x + 1 (+ a little noise) on 40 points of [-1, 1]; one Linear, or a tanh net."""
    rng = np.random.default_rng(0)
    xs = np.linspace(-1, 1, 40)
    ys = 2 * xs + 1 + 0.05 * rng.standard_normal(40)
    data = {"kind": "table", "inputs": [[float(x)] for x in xs], "targets": [[float(y)] for y in ys]}
    layers = [("Linear", "fc", {"out_features": 1})]
    if hidden:
        layers = [("Linear", "h", {"out_features": 6}), ("Tanh", "t", {}), ("Linear", "fc", {"out_features": 1})]
    return chain([1], layers, data, {"loss": "mse"})


def table_2d_project(classes: int = 3) -> Project:
    """Three blobs of a table with 2 inputs, softmax regression."""
    rng = np.random.default_rng(1)
    centres = [(-1.0, -1.0), (1.0, -1.0), (0.0, 1.0)][:classes]
    xs, ys = [], []
    for k, (cx, cy) in enumerate(centres):
        for _ in range(20):
            xs.append([cx + 0.3 * rng.standard_normal(), cy + 0.3 * rng.standard_normal()])
            ys.append([k])
    data = {"kind": "table", "inputs": xs, "targets": ys}
    return chain([2], [("Linear", "h", {"out_features": 4}), ("Tanh", "t", {}),
                       ("Linear", "out", {"out_features": classes})], data, {"loss": "cross_entropy", "lr": 0.5})


def run(project, steps: int = 20):
    """(trainer, session, frame) after `steps` updates, with every computed part."""
    from visualnn.core.train.trainer import Trainer

    trainer = Trainer(project)
    for _ in range(steps):
        trainer.request_capture()
        r = trainer.step()
    from visualnn.gui.workers.still import still_frame

    session, frame = still_frame(trainer, snapshot=r.snapshot if steps else None)
    return trainer, session, frame


def digits_project() -> Project:
    """8 x 8 digits -> Flatten -> Linear 10 (softmax regression)."""
    data = {"kind": "builtin", "name": "digits", "params": {}}
    return chain([1, 8, 8], [("Flatten", "flat", {}), ("Linear", "out", {"out_features": 10})], data,
                 {"loss": "cross_entropy", "lr": 0.5, "batch_size": 32, "test_fraction": 0.2})


def sentiment_project() -> Project:
    """Sentences of 6 word ids -> Embedding 8 -> Flatten -> Linear 2."""
    data = {"kind": "builtin", "name": "sentiment", "params": {"seq_len": 6}}
    return chain([6], [("Embedding", "emb", {"num_embeddings": 2000, "embedding_dim": 8}), ("Flatten", "flat", {}),
                       ("Linear", "out", {"out_features": 2})], data,
                 {"loss": "cross_entropy", "lr": 0.5, "batch_size": 16, "test_fraction": 0.2}, dtype="long")


def frame_for(trainer, session, own_input=None):
    """A frame of the trainer now, showing `own_input` on the canvas when given."""
    from visualnn.gui.workers import frames

    return frames.make_frame(trainer, session, 1, None, own_input=own_input)


def attention_text_project() -> Project:
    """Sentences of 8 word ids -> Embedding 8 -> SelfAttention (2 heads) -> Flatten -> Linear 2."""
    data = {"kind": "builtin", "name": "sentiment", "params": {"seq_len": 8}}
    return chain([8], [("Embedding", "emb", {"num_embeddings": 1300, "embedding_dim": 8}),
                       ("SelfAttention", "att", {"num_heads": 2}), ("Flatten", "flat", {}),
                       ("Linear", "out", {"out_features": 2})], data,
                 {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.01, "batch_size": 16, "test_fraction": 0.2},
                 dtype="long")


def open_project_window(qtbot, tmp_path, project, wait_ms: int = 60000):
    """The main window on `project` (saved to tmp_path), its training process started and
    the first frame shown."""
    from pathlib import Path

    from visualnn.core.io import load_project, save_project
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    make_app()
    path = save_project(project, Path(tmp_path) / "project.vnn")
    window = MainWindow(Document(load_project(path)))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    ctl = window.training.controller
    ctl.ensure_started()
    qtbot.waitUntil(lambda: ctl.session is not None and ctl.current is not None, timeout=wait_ms)
    return window


def sine_project() -> Project:
    """Windows of 12 sine values -> RNN 8 (last) -> Linear 1: the next value."""
    data = {"kind": "builtin", "name": "sine", "params": {"samples": 120, "seq_len": 12}}
    return chain([12, 1], [("RNN", "rnn", {"hidden_size": 8, "output": "last"}), ("Linear", "out", {"out_features": 1})],
                 data, {"loss": "mse", "optimizer": "adam", "lr": 0.02, "batch_size": 16})
