"""`visualnn export --view NAME` (every live view to a sharp PNG and a valid SVG that show
what the view draws in the app after the same training: the fitted line and its equation,
the loss map and its path, the forecast, ...; the curves as CSV) and `--format gif|mp4`
(one frame per captured step)."""

from __future__ import annotations

import functools
import json
import queue
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from visualnn.cli import main
from visualnn.core.io import load_project
from visualnn.core.io.project import dumps_project
from visualnn.core.train.history_csv import history_from_csv
from visualnn.gui.share.headless import view_names
from tests.core.train.helpers import mlp, project

EXAMPLES = Path(__file__).resolve().parents[1] / "assets" / "examples"
LINEAR = EXAMPLES / "linear_regression.vnn"  # y = w x + b: two parameters
SINE = EXAMPLES / "sine_rnn.vnn"             # windows of a wave, the next value the target


def write(tmp_path, proj, name="net.vnn"):
    path = tmp_path / name
    path.write_text(dumps_project(proj))
    return path


def digits():
    data = {"kind": "builtin", "name": "digits", "params": {}}
    return project([("flat", "Flatten", {}), ("out", "Linear", {"out_features": 10})], data, input_shape=(1, 8, 8),
                   batch_size=64, epochs=1)


def MLP():
    return mlp(epochs=1)


def line():
    data = {"kind": "builtin", "name": "line", "params": {"samples": 60}}
    return project([("out", "Linear", {"out_features": 1})], data, input_shape=(1,), loss="mse", epochs=1)


@functools.lru_cache(maxsize=None)
def _session(source: str):
    from visualnn.gui.share.headless import Feeder

    return Feeder(load_project(source)).session


def source_for(view: str, tmp_path):
    """(project file, epochs): a tiny project where the view applies, else the first bundled
    example where it does (drawn untrained, to stay quick)."""
    from visualnn.gui.panels.live_views import applies

    for name, make in (("mlp", MLP), ("digits", digits), ("line", line)):
        path = write(tmp_path, make(), f"{name}.vnn")
        if applies(view, _session_of_project(make)):
            return path, 1
    for path in sorted(EXAMPLES.glob("*.vnn")):
        if applies(view, _session(str(path))):
            return path, 0
    pytest.fail(f"no project shows the {view} view")


@functools.lru_cache(maxsize=None)
def _session_of_project(make):
    from visualnn.gui.share.headless import Feeder

    return Feeder(make()).session


def non_blank(path) -> bool:
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=float)
    return pixels.std() > 10 and len(np.unique(pixels.reshape(-1, 3), axis=0)) > 20


def svg_texts(path) -> list[str]:
    """The texts an SVG draws, in order."""
    return ["".join(e.itertext()).strip() for e in ET.parse(path).getroot().iter() if e.tag.split("}")[-1] == "text"]


# view -> a text its SVG shows only once it has what it draws (a frame's field, curve, map,
# forecast, evaluation, statistics); a non-blank picture is not enough: the empty views
# have titles, axes and messages. The input view draws nothing of a frame until one draws.
CONTENT = {
    "boundary": "test accuracy", "regression": "y = ", "sequence": "mean error of the next value over",
    "samples": " wrong", "embedding": "most frequent words", "curves": "epoch 1: train", "landscape": "path of",
    "grads": "gradient norm is between", "weights": "weights · mean", "confusion": "Confusion matrix and metrics — ",
    "input": "",
}
EMPTY = ("For regression on one input", "For sequences whose target is the next value",
         "The live landscape maps small networks", "Appears when training runs",
         "For text models with an Embedding layer", "Press Play to train")


@pytest.mark.parametrize("view", view_names())
def test_every_view_exports_what_it_draws_to_a_png_and_a_valid_svg(tmp_path, capsys, view):
    path, epochs = source_for(view, tmp_path)
    png, svg = tmp_path / f"{view}.png", tmp_path / f"{view}.svg"
    assert main(["export", str(path), "--view", view, "--format", "png", "-o", str(png), "--epochs", str(epochs),
                 "--width", "1200"]) == 0
    assert Image.open(png).size[0] == 1200 and non_blank(png)
    assert main(["export", str(path), "--view", view, "--format", "svg", "-o", str(svg), "--epochs", str(epochs)]) == 0
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 10
    texts = svg_texts(svg)
    assert any(CONTENT[view] in t for t in texts), texts
    assert not any(m in t for t in texts for m in EMPTY), texts
    assert capsys.readouterr().out.split() == [str(png), str(svg)]


def export(source, view: str, fmt: str, out, epochs: int | None = None):
    args = ["export", str(source), "--view", view, "--format", fmt, "-o", str(out)]
    assert main(args + ([] if epochs is None else ["--epochs", str(epochs)])) == 0
    return out


def trained(source, epochs: int):
    """A Trainer of the project after `epochs` (0: as saved), trained with the core API alone."""
    from visualnn.core.train.headless import train_project
    from visualnn.core.train.trainer import Trainer

    trainer = Trainer(load_project(str(source)), device="cpu")
    train_project(None, epochs=epochs, trainer=trainer)
    return trainer


def columns_with(png, color: str) -> float:
    """The share of the picture's columns that have a pixel of `color` ('#rrggbb')."""
    pixels = np.asarray(Image.open(png).convert("RGB"), dtype=float)
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    return float((np.abs(pixels - rgb).sum(axis=2) < 40).any(axis=0).mean())


def saturated(png) -> float:
    """The share of strongly coloured pixels (a heatmap; not text, grid lines, widgets)."""
    hsv = np.asarray(Image.open(png).convert("HSV"), dtype=float)
    return float(((hsv[..., 1] > 80) & (hsv[..., 2] > 60)).mean())


@pytest.mark.parametrize("epochs", [None, 3])
def test_the_regression_export_draws_the_trained_line_and_its_equation(tmp_path, capsys, epochs):
    from visualnn.gui import theme

    svg = export(LINEAR, "regression", "svg", tmp_path / "line.svg", epochs)
    png = export(LINEAR, "regression", "png", tmp_path / "line.png", epochs)
    params = dict(trained(LINEAR, epochs or 0).model.named_parameters())
    w, b = float(params["fc.weight"].item()), float(params["fc.bias"].item())
    assert f"y = {w:.3g} · x {'−' if b < 0 else '+'} {abs(b):.3g}" in svg_texts(svg)
    # the line, in the theme's red, crosses the whole plot (its equation alone spans a quarter)
    assert columns_with(png, theme.current()["error"]) > 0.8


@pytest.mark.parametrize("epochs", [None, 3])
def test_the_landscape_export_maps_linear_regression_with_its_path(tmp_path, capsys, epochs):
    import torch

    svg = export(LINEAR, "landscape", "svg", tmp_path / "map.svg", epochs)
    png = export(LINEAR, "landscape", "png", tmp_path / "map.png", epochs)
    trainer = trained(LINEAR, epochs or 0)
    ds = trainer.dataset
    with torch.no_grad():
        out = trainer.model(torch.as_tensor(ds.x_train)).reshape(-1)
        loss = torch.nn.functional.mse_loss(out, torch.as_tensor(ds.y_train).reshape(-1).float()).item()
    points = (epochs or 0) * trainer.steps_per_epoch + 1  # the weights after every step, and at the start
    texts = svg_texts(svg)
    assert f"loss now {loss:.4g} · path of {points} points · bands of equal loss (log scale)" in texts
    assert texts.count("fc.weight[0,0]") == texts.count("fc.bias[0]") == 1  # the map's axes (the pickers stay out of figures)
    assert saturated(png) > 0.2  # the map's bands of colour


@pytest.mark.parametrize("epochs", [None, 1])
def test_the_sequence_export_draws_the_forecast(tmp_path, capsys, epochs):
    from visualnn.core.views.sequence import forecast
    from visualnn.gui import theme

    svg = export(SINE, "sequence", "svg", tmp_path / "wave.svg", epochs)
    png = export(SINE, "sequence", "png", tmp_path / "wave.png", epochs)
    trainer = trained(SINE, epochs or 0)
    ds = trainer.dataset
    f = forecast(trainer.model, ds.x_test, ds.y_test)
    texts = svg_texts(svg)
    assert f"mean error of the next value over {f.count} test windows: {f.error:.3g}" in texts
    assert any(t.startswith("predicted next value (dot) and") for t in texts)
    # the predicted values run on, dashed red, past the window (the legend's text spans a third)
    assert columns_with(png, theme.current()["error"]) > 0.6


@pytest.mark.parametrize("source, steps", [(LINEAR, 16), (SINE, 30)])
def test_an_export_draws_the_frame_the_app_shows_after_the_same_steps(source, steps):
    """The app's training loop (the landscape view asking for its map, then Step x N)
    and the export's feeder give the views the same curve, forecast, map and path."""
    from visualnn.gui.share.headless import Feeder
    from visualnn.gui.workers.loop import TrainingLoop

    axes = {"kind": "params", "params": None}
    commands = queue.SimpleQueue()
    commands.put(("landscape", axes))
    commands.put(("step", steps))
    loop = TrainingLoop(load_project(str(source)), device="cpu", commands=commands,
                        interrupted=lambda: loop.trainer is not None and loop.trainer.step_count >= steps)
    loop.run()
    app = loop.mailbox.take()
    feeder = Feeder(load_project(str(source)))
    feeder.request("landscape", axes)
    feeder.train(steps=steps)
    mine = feeder.frame()
    assert app.step == mine.step == steps
    assert feeder.session.param_labels == loop.session.param_labels != ()
    for part in ("curve", "forecast"):
        a, b = getattr(app, part), getattr(mine, part)
        assert (a is None) == (b is None)
        for name in () if a is None else a.__dataclass_fields__:
            assert np.array_equal(np.asarray(getattr(a, name)), np.asarray(getattr(b, name))), (part, name)
    assert (app.curve is None) != (app.forecast is None)
    a, b = app.landscape, mine.landscape
    assert not a.error and not b.error and len(b.path) == steps + 1
    for name in ("x", "y", "loss", "path"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    assert (a.x_label, a.y_label) == (b.x_label, b.y_label)


def test_a_png_is_painted_at_its_size_not_scaled_up(tmp_path, capsys):
    path, big = write(tmp_path, mlp(epochs=1)), tmp_path / "big.png"
    assert main(["export", str(path), "--view", "curves", "--format", "png", "-o", str(big), "--width", "1600"]) == 0
    image = Image.open(big).convert("L")
    grab_like = image.resize((400, image.height // 4), Image.BILINEAR).resize(image.size, Image.BILINEAR)

    def sharpness(im):  # mean step between neighbouring pixels: high for crisp text and lines
        return np.abs(np.diff(np.asarray(im, dtype=float), axis=1)).mean()

    assert sharpness(image) > 1.5 * sharpness(grab_like)


def test_curves_csv_round_trips_the_trained_history(tmp_path, capsys):
    path = write(tmp_path, mlp(epochs=3))
    out = tmp_path / "curves.csv"
    assert main(["export", str(path), "--view", "curves", "--format", "csv", "-o", str(out), "--epochs", "3"]) == 0
    rows = history_from_csv(out.read_text())
    capsys.readouterr()
    assert main(["train", str(path), "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)["history"]
    assert [r["run"] for r in rows] == ["run 1"] * 3
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected


@pytest.mark.parametrize("args, words", [
    (["--view", "boundary", "--format", "csv"], "no numbers to save as CSV"),
    (["--view", "nosuch", "--format", "png"], "unknown view 'nosuch'"),
    (["--format", "csv"], "needs --view"),
])
def test_bad_view_exports_are_one_clear_line(tmp_path, capsys, args, words):
    path = write(tmp_path, mlp(epochs=1))
    code = main(["export", str(path), "-o", str(tmp_path / "x.out"), *args])
    err = capsys.readouterr().err
    assert code in (1, 2) and words in err and err.count("\n") == 1


def test_a_gif_has_one_frame_per_captured_step(tmp_path, capsys):
    path, out = write(tmp_path, mlp(epochs=4)), tmp_path / "train.gif"
    assert main(["export", str(path), "--format", "gif", "--frames", "4", "--fps", "5", "-o", str(out),
                 "--width", "480"]) == 0
    gif = Image.open(out)
    assert gif.n_frames == 4 and gif.size[0] == 480 and gif.info["duration"] == 200
    frames = []
    for i in range(gif.n_frames):
        gif.seek(i)
        frames.append(np.asarray(gif.convert("RGB"), dtype=float))
    assert all(np.abs(a - b).mean() > 0 for a, b in zip(frames, frames[1:]))  # training shows


def test_mp4_without_its_encoder_is_one_message(tmp_path, capsys, monkeypatch):
    import visualnn.gui.share.animation as animation

    monkeypatch.setattr(animation, "mp4_available", lambda: False)
    assert main(["export", str(write(tmp_path, mlp())), "--format", "mp4", "-o", str(tmp_path / "a.mp4")]) == 2
    err = capsys.readouterr().err
    assert "imageio-ffmpeg" in err and err.count("\n") == 1 and not (tmp_path / "a.mp4").exists()


def test_a_walk_has_one_frame_per_step_through_stage(tmp_path, capsys):
    from visualnn.gui.stepthrough.worker import compute

    net = mlp(hidden=2)
    path, out = write(tmp_path, net), tmp_path / "walk.gif"
    assert main(["export", str(path), "--format", "gif", "--walk", "--width", "640", "-o", str(out)]) == 0
    gif = Image.open(out)
    stages = len(compute(net, 0, 1).stages)
    assert stages > 3 and gif.n_frames == stages and gif.size[0] == 640 and gif.info["duration"] == 1000


def test_export_help_names_every_view(capsys):
    from visualnn.cli import main
    from visualnn.cli.export import VIEW_NAMES
    from visualnn.gui.share.headless import view_names

    assert VIEW_NAMES == view_names()
    assert main(["export", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert all(name in out for name in view_names())


@pytest.mark.parametrize("name", ["grads", "weights"])
def test_charts_over_time_fill_in_an_export_after_training(name):
    """The gradient norms' and weight quantiles' charts over the steps have a point for
    each frame the export showed, spread over the training up to its last step."""
    from visualnn.examples import resolve_project
    from visualnn.core.io import load_project
    from visualnn.gui.share.headless import OVER_TIME_FRAMES, trained_view

    project = load_project(resolve_project("spiral_tanh"))
    view = trained_view(project, name, epochs=3)
    plot = view.history if name == "grads" else view.time
    curves = [item for item in plot.getPlotItem().listDataItems() if item.xData is not None and len(item.xData)]
    assert curves
    steps = 3 * 40  # spiral_tanh: 400 training samples, batch 10
    xs = curves[0].xData
    xs = xs[np.isfinite(xs)]  # (the gradient chart breaks its line between layers)
    xs = xs[: np.argmax(xs) + 1]  # the first layer's points
    assert len(xs) >= OVER_TIME_FRAMES and xs[-1] == steps and np.all(np.diff(xs) >= 0)
    assert len(np.unique(xs)) == OVER_TIME_FRAMES
    view.close()


@pytest.mark.parametrize("epochs", [None, 4])
def test_the_metrics_export_as_csv_matches_scikit_learn(tmp_path, capsys, epochs):
    """File > Export View… / `export --view confusion --format csv`: per class its support,
    precision, recall, F1 and confusion row, then the macro averages and the accuracy, equal
    to scikit-learn's on the same predictions of the test split."""
    import csv

    import torch
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    source = EXAMPLES / "iris_mlp.vnn"
    out = export(source, "confusion", "csv", tmp_path / "metrics.csv", epochs)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    trainer = trained(source, epochs or 0)
    ds = trainer.dataset
    with torch.no_grad():
        pred = trainer.model(torch.as_tensor(ds.x_test)).argmax(dim=1).numpy()
    truth = np.asarray(ds.y_test).reshape(-1)
    k = ds.num_classes
    p, r, f, support = precision_recall_fscore_support(truth, pred, labels=range(k), zero_division=0)
    cm = confusion_matrix(truth, pred, labels=range(k))
    names = [row["class"] for row in rows[:-1]]
    assert len(names) == k and all(row["split"] == "test" for row in rows)
    for i, row in enumerate(rows[:-1]):
        assert int(row["support"]) == support[i]
        assert [float(row[c]) for c in ("precision", "recall", "f1")] == pytest.approx([p[i], r[i], f[i]])
        assert [int(row[f"predicted {n}"]) for n in names] == cm[i].tolist()
    macro = rows[-1]
    assert macro["class"] == "macro average" and int(macro["support"]) == len(truth)
    assert [float(macro[c]) for c in ("precision", "recall", "f1")] == pytest.approx([p.mean(), r.mean(), f.mean()])
    assert float(macro["accuracy"]) == pytest.approx(accuracy_score(truth, pred))


def test_the_regression_export_as_csv_holds_the_points_and_the_network_line(tmp_path, capsys):
    import csv

    import torch

    out = export(LINEAR, "regression", "csv", tmp_path / "line.csv", 3)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][0] == "set"
    trainer = trained(LINEAR, 3)
    ds = trainer.dataset
    train = np.array([[float(v) for v in r[1:]] for r in rows[1:] if r[0] == "train"])
    np.testing.assert_allclose(train[:, 0], np.asarray(ds.x_train)[:, 0], rtol=1e-6)
    np.testing.assert_allclose(train[:, 1], np.asarray(ds.y_train, float).reshape(-1), rtol=1e-6)
    line = np.array([[float(v) for v in r[1:]] for r in rows[1:] if r[0] == "network"])
    assert len(line) > 50
    with torch.no_grad():
        expect = trainer.model(torch.as_tensor(line[:, :1], dtype=torch.float32)).numpy().reshape(-1)
    np.testing.assert_allclose(line[:, 1], expect, rtol=1e-5, atol=1e-6)
