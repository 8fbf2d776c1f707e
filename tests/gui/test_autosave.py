"""Autosave writes a recovery copy after an edit; a crash (the copy left behind by a
process that is gone) is offered at the next start and restores the edit; a second app
opening the same file is told it is open elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from tests.gui.main_helpers import open_window
from visualnn.core.io import load_project, recovery
from visualnn.gui.autosave import recovery_folder


def _rename(window, old, new):
    from visualnn.gui.commands import RenameNode

    window.document.undo_stack.push(RenameNode(window.document, old, new))


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_autosave_writes_a_recovery_copy_after_an_edit(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    saver = window.autosaver
    copy = recovery_folder() / f"{saver.session}.vnn"
    saver.timer.setInterval(20)
    qtbot.wait(60)
    assert not copy.exists()  # nothing unsaved yet
    _rename(window, "fc1", "edited")
    qtbot.waitUntil(copy.exists, timeout=3000)
    assert "edited" in load_project(copy).graph.nodes
    meta = json.loads(copy.with_suffix(".json").read_text())
    assert meta["pid"] == os.getpid() and meta["path"] == str(window.document.project.path)
    qtbot.keyClick(window, "s", modifier=_ctrl())   # saved: nothing left to recover
    assert not copy.exists()


def _crash_copy(project, session: str, pid: int | None = None) -> dict:
    """The recovery copy a crashed app (process `pid`, by default one that is gone) left of
    `project`; returns its metadata."""
    folder = recovery_folder()
    recovery.write_recovery(folder, session, project)
    meta_file = folder / f"{session}.json"
    meta = json.loads(meta_file.read_text())
    meta["pid"] = pid or _dead_pid()   # as after kill -9: the process that wrote it is gone
    meta_file.write_text(json.dumps(meta))
    return meta


def _when_dialog_shows(qtbot, answer):
    """Call `answer(dialog)` once the recovery dialog is up (it runs modal, from a timer)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from visualnn.gui.recovery_dialog import RecoveryDialog

    seen = []
    poll = QTimer()
    poll.setInterval(10)

    def check():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RecoveryDialog) and dialog.isVisible() and not seen:
            seen.append(dialog)
            poll.stop()
            answer(dialog)

    poll.timeout.connect(check)
    poll.start()
    return seen, poll


def _rows(dialog) -> list[tuple[str, str, str]]:
    from visualnn.gui.recovery_dialog import AUTOSAVED

    return [(r.name.text(), r.detail.text(), dialog.table.item(i, AUTOSAVED).text()) for i, r in enumerate(dialog.rows)]


def _local(meta) -> str:
    import time

    return time.strftime("%Y-%m-%d %H:%M", time.localtime(meta["saved_at"]))


def _click(qtbot, widget):
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_two_crashed_projects_are_offered_named_and_timed_one_restored_one_discarded(qtbot, tmp_path):
    from tests.gui.main_helpers import spiral_project

    window = open_window(qtbot, tmp_path)
    _rename(window, "fc1", "before_crash")
    original = window.document.project.path
    first = _crash_copy(window.document.project, "crashed_a")
    window.document.undo_stack.undo()
    window.document.mark_saved()
    scratch = spiral_project()
    scratch.name, scratch.path = "Scratch net", None
    second = _crash_copy(scratch, "crashed_b")
    folder = recovery_folder()

    offered = []

    def answer(dialog):
        offered.extend(_rows(dialog))
        row = next(i for i, r in enumerate(dialog.rows) if r.entry.session == "crashed_b")
        _click(qtbot, dialog.rows[row].buttons["discard"])   # the other keeps Restore, the default
        _click(qtbot, dialog.apply_button)

    seen, poll = _when_dialog_shows(qtbot, answer)
    from visualnn.gui.app import create_window

    started = create_window(None)
    qtbot.addWidget(started, before_close_func=lambda w: w.document.mark_saved())
    qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    poll.stop()
    assert sorted(offered) == sorted([
        ("spiral.vnn", str(original.parent), _local(first)),
        ("Untitled", "“Scratch net”, never saved", _local(second))])
    assert "before_crash" in started.document.project.graph.nodes   # restored in the new app's window
    assert started.document.project.path == original and started.document.dirty
    assert not (folder / "crashed_a.vnn").exists() and not (folder / "crashed_b.vnn").exists()
    copy = folder / f"{started.autosaver.session}.vnn"   # and autosaved again at once, under its own session
    assert copy.exists() and "before_crash" in load_project(copy).graph.nodes


def test_each_restored_project_gets_a_window_and_later_keeps_the_copy(qtbot, tmp_path):
    from tests.gui.main_helpers import spiral_project
    from visualnn.gui.autosave import offer_recovery

    window = open_window(qtbot, tmp_path, "first.vnn")
    window.document.mark_saved()
    projects = []
    for i in range(3):
        p = spiral_project()
        p.name, p.path = f"Net {i}", None
        p.graph.rename_node("fc1", f"edit{i}")
        projects.append(p)
    for i, p in enumerate(projects):
        _crash_copy(p, f"s{i}")
    folder = recovery_folder()

    def answer(dialog):
        later = next(r for r in dialog.rows if r.entry.session == "s2")
        _click(qtbot, later.buttons["later"])
        _click(qtbot, dialog.apply_button)

    _when_dialog_shows(qtbot, answer)
    windows = offer_recovery(window, replace_current=False)  # the window shows a file the user opened
    for w in windows:
        qtbot.addWidget(w, before_close_func=lambda w: w.document.mark_saved())
    assert len(windows) == 2 and window not in windows and windows[0] is not windows[1]
    assert {n for w in windows for n in w.document.graph.nodes if n.startswith("edit")} == {"edit0", "edit1"}
    assert all(w.isVisible() and w.document.dirty and w.document.project.path is None for w in windows)
    assert "fc1" in window.document.graph.nodes and not window.document.dirty   # untouched
    assert (folder / "s2.vnn").exists() and not (folder / "s0.vnn").exists() and not (folder / "s1.vnn").exists()
    assert [e.session for e in recovery.orphaned(folder)] == []   # s2 is this app's until it quits

    def decide_later(dialog):
        _click(qtbot, dialog.later_button)

    seen, _ = _when_dialog_shows(qtbot, decide_later)
    recovery.discard_recovery(folder, "s2")
    _crash_copy(projects[2], "s2")
    assert offer_recovery(window) == [] and seen   # "Decide Later": nothing restored, nothing deleted
    assert (folder / "s2.vnn").exists()


def test_a_copy_of_a_file_open_in_another_running_app_is_not_offered(qtbot, tmp_path, monkeypatch):
    from visualnn.gui.autosave import offer_recovery

    window = open_window(qtbot, tmp_path)
    _crash_copy(window.document.project, "crashed")
    lock = next((recovery_folder() / "locks").glob("*.json"))
    other = json.loads(lock.read_text())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        other["pid"] = sleeper.pid   # another running visualnn has the file open
        lock.write_text(json.dumps(other))
        assert recovery.offerable(recovery_folder()) == []
        assert offer_recovery(window) == []   # no dialog at all
        assert (recovery_folder() / "crashed.vnn").exists()   # kept for when that app lets go of it
    finally:
        sleeper.kill()
        sleeper.wait()
    assert [e.session for e in recovery.offerable(recovery_folder())] == ["crashed"]


def test_a_file_open_in_another_app_is_said(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    path = window.document.project.path
    lock = next((recovery_folder() / "locks").glob("*.json"))
    other = json.loads(lock.read_text())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        other["pid"] = sleeper.pid   # another running visualnn holds it
        lock.write_text(json.dumps(other))
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]) or QMessageBox.StandardButton.Cancel)
        assert not window.files.open(path)
        assert warned and "open in another visualnn" in warned[0]
        from visualnn.gui.app import create_window

        second = create_window(path)   # `visualnn open FILE` of a file open elsewhere
        qtbot.addWidget(second, before_close_func=lambda w: w.document.mark_saved())
        qtbot.waitUntil(lambda: len(warned) == 2, timeout=3000)
        assert "open in another visualnn" in warned[1] and second.document.project.path == path
    finally:
        sleeper.kill()
        sleeper.wait()


def _ctrl():
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier
