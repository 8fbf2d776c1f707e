"""The app's entry point: the command line from the desktop build's executable, and
projects handed over by the system (macOS Finder's QFileOpenEvent)."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from tests.gui.main_helpers import open_window, write_spiral
from visualnn.gui import app as app_module
from visualnn.gui import file_open


def test_the_app_executable_runs_the_command_line(tmp_path, monkeypatch, capsys):
    project = write_spiral(tmp_path / "net.vnn")
    monkeypatch.setattr(app_module.sys, "argv", ["visualnn", "validate", str(project), "--json"])
    monkeypatch.setattr(app_module, "run_app", lambda path=None: (_ for _ in ()).throw(AssertionError("no window")))
    assert app_module.main() == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    monkeypatch.setattr(app_module.sys, "argv", ["visualnn", "--version"])
    assert app_module.main() == 0
    assert capsys.readouterr().out.startswith("visualnn ")


def test_a_project_named_like_a_command_still_opens(tmp_path, monkeypatch):
    project = write_spiral(tmp_path / "train")  # a file called "train"
    monkeypatch.chdir(tmp_path)
    opened = []
    monkeypatch.setattr(app_module, "run_app", lambda path=None: opened.append(path) or 0)
    monkeypatch.setattr(app_module.sys, "argv", ["visualnn", "train"])
    assert app_module.main() == 0 and opened == ["train"]
    monkeypatch.setattr(app_module.sys, "argv", ["visualnn", str(project)])
    assert app_module.main() == 0 and opened[-1] == str(project)


def test_finder_file_open_event_opens_the_project(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path / "a")
    other = write_spiral(tmp_path / "from_finder.vnn")
    handler = file_open.install(QApplication.instance(), lambda: w)
    try:
        QCoreApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(other)))
        assert handler.opened == [str(other)]
        assert Path(w.document.project.path).resolve() == other.resolve()
    finally:
        QApplication.instance().removeEventFilter(handler)
    w.close()
