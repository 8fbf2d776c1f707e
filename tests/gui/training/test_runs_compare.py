"""Runs compared in the app: two runs trained from the Training panel are two paths of
their colours on the live landscape and two rows of their colours in the metrics view; a
hidden run leaves both; training makes the project unsaved while opening one with saved
runs does not; the projector theme gives the runs its colour-blind-safe colours."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from tests.gui.main_helpers import open_window, spiral_project
from tests.gui.training.conftest import WAIT_MS, paused
from visualnn.core.io import save_project
from visualnn.core.train.runs import RunLog, final_figures
from visualnn.gui import theme
from visualnn.gui.live.runs_model import run_color


def pixels_near(image, rect, color: str, tol: int = 24) -> int:
    """How many pixels of `image` inside `rect` are within `tol` of `color` on each channel."""
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    rgb = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    rgb = rgb[:, : img.width() * 3].reshape(img.height(), img.width(), 3).astype(int)
    r = rect.toRect()
    part = rgb[max(r.top(), 0): r.bottom(), max(r.left(), 0): r.right()]
    c = QColor(color)
    return int((np.abs(part - [c.red(), c.green(), c.blue()]) <= tol).all(axis=2).sum())


def train_an_epoch(w, qtbot, run_number: int) -> None:
    ctl, ui = w.training.controller, w.training
    qtbot.mouseClick(ui.panel.buttons["epoch"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.epoch == 1 and paused(ctl), timeout=WAIT_MS)
    runs = ui.views.runs
    qtbot.waitUntil(lambda: runs.current is not None and bool(runs.current.history), timeout=WAIT_MS)
    assert runs.run_numbered(run_number) is runs.current


def test_two_runs_in_their_colours_on_the_landscape_and_in_the_metrics(thread_window, qtbot):
    w = thread_window
    ui, ctl = w.training, w.training.controller
    views = ui.views.ensure_views()
    ui.views.show_view("landscape")
    landscape, metrics, curves = views["landscape"], views["confusion"], views["curves"]
    qtbot.waitUntil(lambda: landscape.isVisible() and ctl.view_requests.get("landscape") is not None,
                    timeout=WAIT_MS)
    assert not w.document.dirty
    train_an_epoch(w, qtbot, 1)
    assert w.document.dirty  # the run's epoch is the project's now: closing asks first

    panel = ui.panel  # Adam for the second run, chosen as a person would, then Reset
    panel.optimizer.setFocus()
    adam = panel.optimizer.findData("adam")
    while panel.optimizer.currentIndex() != adam:
        qtbot.keyClick(panel.optimizer, Qt.Key.Key_Down if panel.optimizer.currentIndex() < adam else Qt.Key.Key_Up)
    assert w.document.project.train["optimizer"] == "adam"
    qtbot.mouseClick(panel.buttons["reset"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.step == 0 and ctl.session is not None and ctl.session.run == 2, timeout=WAIT_MS)
    train_an_epoch(w, qtbot, 2)
    runs = ui.views.runs
    first, second = runs.runs
    assert runs.log.labels() == ["sgd", "adam"]
    qtbot.waitUntil(lambda: landscape.map is not None and landscape.map.step == ctl.step
                    and [n for n, _ in landscape.map.others] == [1], timeout=WAIT_MS)

    picture = landscape.grab().toImage()
    drawn = landscape.drawn
    assert [run for run, _, _ in drawn] == [first, second]  # the run in progress drawn last: on top
    assert [c for _, c, _ in drawn] == [run_color(first), run_color(second)] and run_color(first) != run_color(second)
    assert len(drawn[0][2]) >= 10 and not np.allclose(drawn[0][2][-1], drawn[1][2][-1])
    assert pixels_near(picture, landscape.plot_frame().rect, run_color(second)) > 30

    rows = metrics.run_rows()  # the metrics view: each run's last epoch, in its colour, the one in progress marked
    assert [(r[0], r[2], r[4]) for r in rows] == [(first, run_color(first), False), (second, run_color(second), True)]
    for run, _, _, figures, _ in rows:
        last = run.history[-1]
        assert figures == final_figures(run.history)
        assert figures["split"] == "test" and figures["loss"] == last["test_loss"]
        assert figures["accuracy"] == last["test_accuracy"] and figures["f1"] == last["test_f1"]
    ui.views.show_view("confusion")
    qtbot.waitUntil(metrics.isVisible, timeout=WAIT_MS)
    metrics.grab()
    tips = [text for _, text in metrics.tips]
    assert "sgd: epoch 1, test split" in tips and "adam: epoch 1, test split" in tips
    assert metrics.accent() == QColor(run_color(second))  # its correct cells in the run's colour

    # hidden from the runs list over the curves: gone from the landscape and the metrics
    ui.views.show_view("curves")
    qtbot.mouseClick(curves.runs_button, Qt.MouseButton.LeftButton)
    lst = curves.runs_list
    lst.setFocus()
    for hide, show in ((1, None), (0, 1)):  # the second run hidden, then the first instead
        lst.setCurrentRow(hide)
        qtbot.keyClick(lst, Qt.Key.Key_Space)
        if show is not None:
            lst.setCurrentRow(show)
            qtbot.keyClick(lst, Qt.Key.Key_Space)
        hidden, shown = runs.runs[hide], runs.runs[1 - hide]
        assert not hidden.visible and shown.visible
        ui.views.show_view("landscape")
        qtbot.waitUntil(landscape.isVisible, timeout=WAIT_MS)
        picture = landscape.grab().toImage()
        plot = landscape.plot_frame().rect
        assert [run for run, _, _ in landscape.drawn] == [shown]
        assert pixels_near(picture, plot, run_color(hidden)) < 5 < 10 < pixels_near(picture, plot, run_color(shown))
        assert [r[0] for r in metrics.run_rows()] == [shown]
        ui.views.show_view("curves")

    assert ctl.state != "running"  # Space in the list shows and hides runs: it is not the window's Play

    try:  # the projector theme, from the menu: its colour-blind-safe colours on every view
        w.acts.theme["projector"].trigger()
        okabe = theme.RUN_COLORS_BY_THEME["projector"]
        assert run_color(first) == okabe[first.color] and run_color(second) == okabe[second.color]
        assert curves.runs[second.uid].color == okabe[second.color]
        assert f"color:{okabe[second.color]}" in curves.legend.text()
        landscape.grab()
        assert landscape.drawn[-1][1] == okabe[second.color]
        assert metrics.run_rows()[-1][2] == okabe[second.color]
    finally:
        w.set_theme("light")
    assert run_color(second) == theme.RUN_COLORS[second.color]

    # Delete in the list deletes the run, not the layers selected on the canvas
    w.canvas.select_ids(["t1"])
    lst.setFocus()
    lst.setCurrentRow(0)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    assert runs.runs == [second] and "t1" in w.document.graph.nodes


def test_opening_a_project_with_saved_runs_leaves_it_saved(qtbot, tmp_path):
    log = RunLog()
    for optimizer, loss in (("sgd", 0.6), ("adam", 0.4)):
        log.add({"optimizer": optimizer}, [{"epoch": 1, "step": 16, "train_loss": loss, "test_loss": loss + 0.1,
                                            "train_accuracy": 0.7, "test_accuracy": 0.6, "test_f1": 0.55}])
    project = spiral_project()
    project.extra["runs"] = log.to_json()
    path = save_project(project, tmp_path / "with_runs.vnn")
    w = open_window(qtbot, tmp_path / "first")
    assert w.files.open(path)
    views = w.training.views.ensure_views()
    runs = w.training.views.runs
    assert runs.log.labels() == ["sgd", "adam"] and not w.document.dirty
    assert [r[1] for r in views["confusion"].run_rows()] == ["sgd", "adam"]
    assert len(views["curves"].runs) == 2 and not w.document.dirty
