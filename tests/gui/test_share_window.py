"""Compare and share in the main window: two runs kept and labelled, the menus, the
right-click menu of a view, Export View and Export Animation (progress and Cancel)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PIL import Image
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from tests.gui.main_helpers import open_window

WAIT_MS = 30_000


def test_runs_views_menus_and_figures(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    ctl, views = w.training.controller, w.training.views
    views.ensure_views()
    ctl.step_epoch()
    qtbot.waitUntil(lambda: bool(views.runs.runs and views.runs.runs[-1].history), timeout=WAIT_MS)
    w.document.project.train["lr"] = 0.5
    w.document.settingsChanged.emit()
    ctl.reset()
    ctl.step_epoch()
    qtbot.waitUntil(lambda: len(views.runs.runs) == 2 and bool(views.runs.runs[-1].history), timeout=WAIT_MS)
    assert views.runs.log.labels() == ["lr 0.1", "lr 0.5"]
    assert [r["label"] for r in w.document.project.extra["runs"]] == ["lr 0.1", "lr 0.5"]

    titles = [a.text() for a in w.menus["compare"].actions()]
    assert "&Race Variants…" in titles
    assert w.sharing.export_view in w.menus["file"].actions() and w.sharing.export_animation in w.menus["file"].actions()

    curves = views.views["curves"]
    views.show_view("curves")
    shown = []

    def close_menu():
        menu = QApplication.activePopupWidget()
        shown.append([a.text() for a in menu.actions()] if isinstance(menu, QMenu) else None)
        if menu is not None:
            menu.close()

    QTimer.singleShot(50, close_menu)
    target = curves.loss_plot.viewport()
    QApplication.sendEvent(target, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(20, 20),
                                                     target.mapToGlobal(QPoint(20, 20))))
    assert shown and shown[0][:3] == ["Save as PNG…", "Save as SVG…", "Save numbers as CSV…"]

    dlg = w.sharing.show_export_view("curves")
    dlg.format.setCurrentIndex(dlg.format.findData("png"))
    dlg.width.setValue(1000)
    assert dlg.save_to(tmp_path / "curves.png")
    assert Image.open(tmp_path / "curves.png").size[0] == 1000
    dlg.format.setCurrentIndex(dlg.format.findData("svg"))
    assert not dlg.width.isEnabled() and dlg.save_to(tmp_path / "curves.svg")
    assert ET.parse(tmp_path / "curves.svg").getroot().tag.endswith("svg")
    dlg.close()


def test_export_animation_records_and_cancels(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    dlg = w.sharing.show_export_animation()
    dlg.epochs.setValue(2)
    dlg.frames.setValue(3)
    assert dlg.record_to(tmp_path / "train.gif")
    assert Image.open(tmp_path / "train.gif").n_frames == 3 and dlg.progress.value() == 3
    dlg.epochs.setValue(200)
    dlg.frames.setValue(50)
    QTimer.singleShot(0, lambda: qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton))
    assert not dlg.record_to(tmp_path / "long.gif")
    assert "Cancelled" in dlg.message.text() and not (tmp_path / "long.gif").exists()
    dlg.close()


def test_a_step_through_walk_has_a_frame_per_stage(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    out = w.sharing.save_walk(tmp_path / "walk.gif")
    stages = len(w.step_through.session.stages)
    assert out is not None and stages > 3 and Image.open(out).n_frames == stages
    assert w.mode == "edit" and w.step_through.session.index == 0
