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


def test_a_crashed_session_is_offered_and_restored(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    _rename(window, "fc1", "before_crash")
    original = window.document.project.path
    folder = recovery_folder()
    recovery.write_recovery(folder, "crashed", window.document.project)
    meta_file = folder / "crashed.json"
    meta = json.loads(meta_file.read_text())
    meta["pid"] = _dead_pid()   # as after kill -9: the process that wrote it is gone
    meta_file.write_text(json.dumps(meta))
    window.document.undo_stack.undo()
    window.document.mark_saved()

    asked = []

    def choose_restore(box):
        asked.append(box.text() + " " + box.informativeText())
        next(b for b in box.buttons() if b.text() == "Restore").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_restore)
    from visualnn.gui.app import create_window

    second = create_window(None)
    qtbot.addWidget(second, before_close_func=lambda w: w.document.mark_saved())
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    assert "Spiral test" in asked[0] and str(original) in asked[0]
    assert "before_crash" in second.document.project.graph.nodes
    assert second.document.project.path == original and second.document.dirty
    assert not (folder / "crashed.vnn").exists()


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
