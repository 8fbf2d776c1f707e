"""`visualnn export --view NAME` (every live view to a sharp, non-blank PNG and a valid SVG;
the curves as CSV) and `--format gif|mp4` (one frame per captured step)."""

from __future__ import annotations

import functools
import json
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


@pytest.mark.parametrize("view", view_names())
def test_every_view_exports_to_a_non_blank_png_and_a_valid_svg(tmp_path, capsys, view):
    path, epochs = source_for(view, tmp_path)
    png, svg = tmp_path / f"{view}.png", tmp_path / f"{view}.svg"
    assert main(["export", str(path), "--view", view, "--format", "png", "-o", str(png), "--epochs", str(epochs),
                 "--width", "1200"]) == 0
    assert Image.open(png).size[0] == 1200 and non_blank(png)
    assert main(["export", str(path), "--view", view, "--format", "svg", "-o", str(svg), "--epochs", str(epochs)]) == 0
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 10
    assert capsys.readouterr().out.split() == [str(png), str(svg)]


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
