"""Pictures of the canvas: render_project and `visualnn export --format png|svg`."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from tests.gui.canvas.helpers import chain_graph, graph_of
from visualnn.cli import main
from visualnn.core.io import Project, dumps_project, save_project
from visualnn.gui.render import RenderError, render_project


def residual_unplaced():
    return graph_of(
        [("x", "Input", {"shape": [16]}), ("fc1", "Linear", {"out_features": 16}), ("r1", "ReLU"),
         ("add", "Add"), ("head", "Linear", {"out_features": 3})],
        [("x", "fc1"), ("fc1", "r1"), ("r1", "add"), ("x", "add"), ("add", "head")],
    )


def test_png_is_a_crisp_picture_of_every_card(qapp, tmp_path):
    project = Project(chain_graph(), name="chain")
    text = dumps_project(project)
    out = render_project(project, tmp_path / "net.png", "png")
    assert out == tmp_path / "net.png"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    img = QImage(str(out))
    assert not img.isNull()
    # four cards of 200 units in a row, drawn at 2x: wider than 4 * 400 pixels
    assert img.width() > 1600 and img.width() > 3 * img.height()
    assert img.pixelColor(2, 2).name() == "#ffffff"
    assert dumps_project(project) == text  # the picture changes nothing


def test_svg_holds_the_cards_as_vector_text(qapp, tmp_path):
    out = render_project(Project(residual_unplaced(), name="res"), tmp_path / "net.svg", "svg")
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    body = out.read_text(encoding="utf-8")
    for word in ("Input", "Linear", "Add", "head", "[16]"):
        assert word in body


def test_unplaced_cards_are_arranged_for_the_picture(qapp, tmp_path):
    out = render_project(Project(residual_unplaced()), tmp_path / "res.png")
    img = QImage(str(out))
    assert img.width() > 2 * img.height()  # laid out left to right, not piled at the origin


def test_dark_theme_picture_and_bad_format(qapp, tmp_path):
    out = render_project(Project(chain_graph()), tmp_path / "dark.png", "png", theme_name="dark")
    assert QImage(str(out)).pixelColor(2, 2).lightness() < 60
    with pytest.raises(RenderError, match="unknown picture format"):
        render_project(Project(chain_graph()), tmp_path / "x.gif")


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_cli_export_picture(qapp, tmp_path, capsys, fmt):
    path = tmp_path / "x.vnn"
    save_project(Project(residual_unplaced(), name="res"), path)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(path), "--format", fmt, "-o", str(out)]) == 0
    assert out.exists() and out.stat().st_size > 1000
    assert str(out) in capsys.readouterr().out
