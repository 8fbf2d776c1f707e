"""Regenerate the README pictures of the teaching views (offscreen, light theme):

    QT_QPA_PLATFORM=offscreen python packaging/view_screenshots.py [--out assets/screenshots]

view_regression.png (y = 2x + 1 fitted by one Linear layer), view_landscape.png (the loss
over the weight and the bias with SGD's path), view_metrics.png (softmax regression on
three blobs), view_attention.png (a text model's attention matrix on the canvas, labelled
with the sentence's words) and view_drawing_pad.png (a digit drawn on the pad and the
network's answer). Each is trained here, in this process, the way the app trains it."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
VIEW = (900, 560)


def chain(shape, layers, data, train, dtype="float"):
    from visualnn.core.graph import Graph
    from visualnn.core.io import Project

    g = Graph()
    g.add_node("Input", "x", {"shape": list(shape), **({"dtype": dtype} if dtype != "float" else {})}, (0.0, 0.0))
    prev = "x"
    for i, (typ, nid, params) in enumerate(layers):
        g.add_node(typ, nid, params, (300.0 * (i + 1), 0.0))
        g.connect(prev, nid)
        prev = nid
    base = {"optimizer": "sgd", "lr": 0.1, "batch_size": 8, "epochs": 5, "seed": 0, "test_fraction": 0.25}
    return Project(graph=g, name="picture", data=data, train={**base, **train})


def line_data():
    rng = np.random.default_rng(0)
    xs = rng.uniform(-1, 1, 60)
    ys = 2 * xs + 1 + 0.2 * rng.standard_normal(60)
    return {"kind": "table", "inputs": [[float(x)] for x in xs], "targets": [[float(y)] for y in ys]}


def blobs_data():
    rng = np.random.default_rng(1)
    names = ("setosa-like", "versicolor-like", "virginica-like")
    xs, ys = [], []
    for k, (cx, cy) in enumerate([(-1.0, -1.0), (1.0, -1.0), (0.0, 1.0)]):
        for _ in range(60):
            xs.append([cx + 0.55 * rng.standard_normal(), cy + 0.55 * rng.standard_normal()])
            ys.append([k])
    return {"kind": "table", "inputs": xs, "targets": ys}, names


def train(project, steps, landscape=None):
    from visualnn.core.train.trainer import Trainer
    from visualnn.gui.workers.landscape_job import LandscapeJob

    trainer = Trainer(project)
    job = LandscapeJob(trainer)
    job.want(landscape)
    for _ in range(steps):
        trainer.step()
        job.record()
    from visualnn.gui.workers.still import still_frame

    session, frame = still_frame(trainer, job)
    return trainer, session, frame


def grab(view, session, frame, path, size=VIEW):
    view.resize(*size)
    view.set_session(session)
    view.show_frame(frame)
    view.show()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    view.grab().save(str(path))
    view.hide()
    return path


def shoot(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from visualnn.gui.settings import use_settings_dir

    use_settings_dir(tempfile.mkdtemp(prefix="visualnn-shots-"))
    from visualnn.gui.app import make_app
    from visualnn.gui.panels.confusion import ConfusionView
    from visualnn.gui.panels.landscape import LandscapeView
    from visualnn.gui.panels.own_input import OwnInputView
    from visualnn.gui.panels.regression import RegressionView
    from visualnn.gui.workers import frames
    from visualnn.gui.workers.landscape_job import LandscapeSettings

    make_app()
    written = []
    line = chain([1], [("Linear", "fc", {"out_features": 1})], line_data(), {"loss": "mse", "lr": 0.05})
    _, s, f = train(line, 150)
    written.append(grab(RegressionView(), s, f, out / "view_regression.png"))
    line.train["batch_size"] = 4
    _, s, f = train(line, 150, LandscapeSettings("params", ("fc.weight[0,0]", "fc.bias[0]"), span=1.0))
    written.append(grab(LandscapeView(), s, f, out / "view_landscape.png", (640, 640)))
    data, names = blobs_data()
    soft = chain([2], [("Linear", "fc", {"out_features": 3})], data, {"loss": "cross_entropy", "lr": 0.3})
    _, s, f = train(soft, 60)
    written.append(grab(ConfusionView(), replace(s, class_names=names), f, out / "view_metrics.png", (900, 420)))
    digits = chain([1, 8, 8], [("Flatten", "flat", {}), ("Linear", "h", {"out_features": 32}), ("ReLU", "r", {}),
                               ("Linear", "out", {"out_features": 10})],
                   {"kind": "builtin", "name": "digits", "params": {}},
                   {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.01, "batch_size": 32, "test_fraction": 0.2})
    trainer, s, f = train(digits, 400)
    pad = OwnInputView()
    pad.resize(760, 420)
    pad.set_session(s)
    seven = np.zeros((8, 8), np.float32)
    seven[1, 1:7] = 1.0
    for i, j in ((2, 6), (3, 5), (4, 4), (5, 4), (6, 3)):
        seven[i, j] = 1.0
    pad.pad.pixels[:] = seven
    sent = []
    pad.requested.connect(sent.append)
    pad._send_pad()
    pad.show_frame(frames.make_frame(trainer, s, 1, None, own_input=sent[-1]))
    pad.show()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    pad.grab().save(str(out / "view_drawing_pad.png"))
    written.append(out / "view_drawing_pad.png")
    written.append(attention_shot(out / "view_attention.png"))
    return written


def attention_shot(path: Path) -> Path:
    """The main window on a small text model with attention, trained a little, the canvas
    zoomed onto the attention matrix."""
    from PySide6.QtWidgets import QApplication

    from visualnn.core.io import load_project, save_project
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    project = chain([8], [("Embedding", "emb", {"num_embeddings": 1300, "embedding_dim": 8}),
                          ("SelfAttention", "att", {"num_heads": 2}), ("Flatten", "flat", {}),
                          ("Linear", "out", {"out_features": 2})],
                    {"kind": "builtin", "name": "sentiment", "params": {"seq_len": 8}},
                    {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.01, "batch_size": 16, "test_fraction": 0.2},
                    dtype="long")
    file = save_project(project, Path(tempfile.mkdtemp()) / "attention.vnn")
    window = MainWindow(Document(load_project(file)))
    window.resize(1280, 800)
    window.show()
    ctl = window.training.controller
    ctl.set_sample(5)
    ctl.ensure_started()
    end = time.monotonic() + 90
    while (ctl.current is None or ctl.current.sample != 5) and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from visualnn.gui import theme

    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.02)
    scene = window.canvas.canvas_scene
    rect = QRectF()
    for nid in ("x", "emb", "att"):
        item = scene.node_item(nid)
        rect = rect.united(item.sceneBoundingRect()).united(item.overlay().sceneBoundingRect())
    rect = rect.adjusted(-16, -16, 16, 16)
    scale = 3.0
    img = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32)
    img.fill(QColor(theme.current()["canvas"]))
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, img.width(), img.height()), rect)
    painter.end()
    img.save(str(path))
    window.document.mark_saved()
    ctl.shutdown()
    window.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "assets" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in shoot(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
