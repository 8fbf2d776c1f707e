"""The main window as a person uses it: title and dirty mark, save and undo back to the
saved file, broken and newer files, the save prompt, recent files, drag-to-open, theme."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMessageBox

from visualnn.core.io import dumps_project, load_project
from visualnn.gui.settings import app_settings, recent_files

from tests.gui.main_helpers import answer_next_dialog, open_window, write_spiral


def test_title_shows_the_project_and_a_star_when_dirty(main_window, qtbot):
    w = main_window
    assert w.windowTitle() == "Spiral test[*] — visualnn"
    assert not w.isWindowModified()
    w.canvas.select_ids(["t1"])
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Delete)
    assert "t1" not in w.document.graph.nodes
    assert w.isWindowModified()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "t1" in w.document.graph.nodes
    assert not w.isWindowModified()


def test_status_bar_shows_params_and_shape_problems(main_window, qtbot):
    w = main_window
    assert w.status_text().endswith("valid: output [2]")
    assert w.params_status.text() == f"{2 * 8 + 8 + 8 * 2 + 2:,} parameters"
    w.canvas.select_ids(["t1"])
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Delete)  # out loses its input
    assert "problem" in w.status_text() and "node " in w.status_text()


def test_save_then_undo_everything_gives_the_saved_file_back(main_window, qtbot, tmp_path):
    w = main_window
    original = w.document.project.path.read_text(encoding="utf-8")
    w.canvas.select_ids(["t1"])
    w.canvas.setFocus()
    w.palette.layerActivated.emit("ReLU")                  # append after t1
    qtbot.keyClick(w.canvas, Qt.Key.Key_Delete)             # delete the new ReLU (selected)
    w.canvas.select_ids(["fc1"])
    qtbot.keyClick(w.canvas, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # duplicate
    assert w.document.undo_stack.count() == 3
    assert w.files.save()
    saved = w.document.project.path.read_text(encoding="utf-8")
    assert saved != original and not w.isWindowModified()
    while w.document.undo_stack.canUndo():
        qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.isWindowModified()  # the saved state was the edited one
    assert w.files.save_as(tmp_path / "back.vnn")
    assert (tmp_path / "back.vnn").read_text(encoding="utf-8") == original
    while w.document.undo_stack.canRedo():
        qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dumps_project(w.document.project) == saved


def test_opening_a_broken_file_shows_the_error_and_keeps_the_project(main_window, qtbot, tmp_path):
    w = main_window
    bad = tmp_path / "broken.vnn"
    bad.write_text('{"format": "visualnn",\n "version": 1,\n "nodes": [}', encoding="utf-8")
    before = dumps_project(w.document.project)
    seen: list[str] = []
    answer_next_dialog(qtbot, seen=seen)
    assert not w.files.open(bad)
    assert len(seen) == 1 and "broken JSON at line 3" in seen[0] and "broken.vnn" in seen[0]
    assert dumps_project(w.document.project) == before
    assert w.windowTitle() == "Spiral test[*] — visualnn"


def test_opening_a_newer_version_names_the_version(main_window, qtbot, tmp_path):
    w = main_window
    newer = tmp_path / "newer.vnn"
    doc = json.loads(w.document.project.path.read_text(encoding="utf-8"))
    doc["version"] = 7
    newer.write_text(json.dumps(doc), encoding="utf-8")
    before = dumps_project(w.document.project)
    seen: list[str] = []
    answer_next_dialog(qtbot, seen=seen)
    assert not w.files.open(newer)
    assert "newer visualnn (file version 7" in seen[0]
    assert dumps_project(w.document.project) == before


def test_close_with_unsaved_changes_prompts(main_window, qtbot):
    w = main_window
    w.canvas.select_ids(["t1"])
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Delete)
    seen: list[str] = []
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Cancel, seen)
    assert not w.close()
    assert w.isVisible() and "Save the changes" in seen[0]
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Save, seen)
    assert w.close()  # saved to its file, then closed
    assert "t1" not in load_project(w.document.project.path).graph.nodes


def test_recent_files_and_theme_persist(qtbot, tmp_path):
    first = open_window(qtbot, tmp_path / "a")
    other = write_spiral(tmp_path / "other.vnn")
    assert first.files.open(other)
    assert recent_files(app_settings())[0] == str(other.resolve())
    first.acts.theme["dark"].trigger()
    first.close()
    second = open_window(qtbot, tmp_path / "b")
    texts = [a.toolTip() for a in second.recent_menu.actions()]
    assert str(other.resolve()) in texts
    assert second.acts.theme["dark"].isChecked()
    second.acts.theme["light"].trigger()
    second.close()


def test_the_theme_follows_the_system_unless_chosen(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from visualnn.gui import style, theme

    scheme = {"now": "dark"}
    monkeypatch.setattr(style, "system_theme", lambda: scheme["now"])
    w = open_window(qtbot, tmp_path)
    assert w.acts.theme["system"].isChecked()  # the default choice
    assert theme.current_name() == "dark"
    scheme["now"] = "light"
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current_name() == "light"
    w.acts.theme["dark"].trigger()  # chosen: the system no longer decides
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current_name() == "dark"
    w.acts.theme["system"].trigger()
    assert theme.current_name() == "light"
    w.close()


def test_dropping_a_project_file_on_the_window_opens_it(main_window, qtbot, tmp_path):
    w = main_window
    other = tmp_path / "dropped.vnn"
    project = load_project(w.document.project.path)
    project.name = "Dropped"
    other.write_text(dumps_project(project), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    pos = QPointF(w.rect().center())
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    w.dropEvent(drop)
    assert w.document.project.name == "Dropped"
    assert w.windowTitle() == "Dropped[*] — visualnn"


def test_places_for_other_views(main_window, qtbot):
    w = main_window
    dock = w.add_dock(QLabel("plots"), Qt.DockWidgetArea.RightDockWidgetArea, "Training", "training")
    assert isinstance(dock, QDockWidget) and dock.toggleViewAction() in w.panels_menu.actions()
    page = QLabel("step-through")
    seen = []
    w.modeChanged.connect(seen.append)
    act = w.add_mode("step", "Step through", page)
    assert act.isVisible() and w.mode == "edit"
    act.trigger()
    assert w.mode == "step" and w.central.currentWidget() is page and seen == ["step"]
    w.set_mode("edit")
    assert w.central.currentWidget() is w.canvas


def test_export_picture_writes_a_png(main_window, tmp_path):
    out = main_window.files.export("png", tmp_path / "net")
    assert out == tmp_path / "net.png"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_about_to_quit_runs_registered_cleanups(qtbot):
    from visualnn.gui import app as app_module

    calls = []
    app_module.on_quit(lambda: calls.append("first"))
    app_module.on_quit(lambda: 1 / 0)  # a failing clean-up does not stop the others
    app_module.on_quit(lambda: calls.append("last"))
    app_module._run_cleanups()
    assert calls == ["first", "last"]


def test_undo_history_from_the_edit_menu(main_window, qtbot):
    w = main_window
    w.canvas.select_ids(["t1"])
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Delete)
    history = next(a for a in w.menus["edit"].actions() if a.text() == "Undo &History")
    assert not w.docks["history"].isVisible()
    qtbot.keyClick(w.canvas, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert w.docks["history"].isVisible() and history.isChecked()
    assert w.history.model().rowCount() == 2  # "<opened>" and the delete
    w.history.setCurrentIndex(w.history.model().index(0, 0))  # click the first row: back to the start
    assert "t1" in w.document.graph.nodes and not w.isWindowModified()
