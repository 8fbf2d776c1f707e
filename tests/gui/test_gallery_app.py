"""New from the example gallery, and how the app starts (default example, lazy imports)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from visualnn.core.lesson import list_lessons
from visualnn.examples import example_path, list_examples
from visualnn.gui.app import load_start_project
from visualnn.gui.gallery import ExampleGallery

ROOT = Path(__file__).resolve().parents[2]


def test_gallery_lists_every_example_with_a_picture(qtbot):
    gallery = ExampleGallery()
    qtbot.addWidget(gallery)
    gallery.show()
    examples = list_examples()
    lessons = list_lessons()
    assert gallery.list.count() == len(examples) + len(lessons) and examples and lessons
    qtbot.waitUntil(lambda: not gallery.drawing, timeout=60000)
    for i, ex in enumerate(examples):
        item = gallery.list.item(i)
        assert item.text() == ex.name and ex.description in item.toolTip()
        assert not item.icon().isNull()
    for j, lesson in enumerate(lessons):  # the lessons follow the examples
        assert gallery.list.item(len(examples) + j).text() == f"Lesson: {lesson.title['en']}"
    assert gallery.select("digits_cnn.vnn")
    assert "digits_cnn.vnn" in gallery.details.text()
    assert gallery.selected_path() == example_path("digits_cnn.vnn")


def test_new_from_example_opens_an_untitled_copy(main_window, qtbot):
    w = main_window

    def pick():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExampleGallery):
            QTimer.singleShot(10, pick)
            return
        dialog.select("xor_relu.vnn")
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter opens the selected example

    QTimer.singleShot(0, pick)
    assert w.files.new_from_example()
    project = w.document.project
    assert project.path is None and project.name == json.loads(example_path("xor_relu.vnn").read_text())["name"]
    assert not w.isWindowModified() and w.document.undo_stack.count() == 0


def test_start_project_is_the_default_example_or_the_file_asked_for(tmp_path):
    project, error = load_start_project()
    assert error is None and project.path is None  # an untitled copy of the bundled example
    assert project.data["name"] == "spiral" and "Tanh" in {n.type for n in project.graph.nodes.values()}
    bad = tmp_path / "bad.vnn"
    bad.write_text("{", encoding="utf-8")
    project, error = load_start_project(bad)
    assert "bad.vnn: broken JSON at line 1" in error and project.data["name"] == "spiral"


def test_the_window_starts_without_torch(tmp_path):
    """Start-up stays fast: building and painting the window imports neither torch nor the
    plotting library before the first paint."""
    script = textwrap.dedent(f"""
        import sys
        from visualnn.gui.settings import use_settings_dir
        use_settings_dir({str(tmp_path)!r})
        from visualnn.gui.app import make_app, create_window
        app = make_app()
        window = create_window()
        window.show()
        app.processEvents()
        print("torch" in sys.modules, window.windowTitle())
        window.document.mark_saved()
    """)
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "False Spiral: a small tanh network[*] — visualnn"


def test_a_missing_x11_library_is_named_instead_of_qt_aborting(monkeypatch, capsys):
    import ctypes

    from visualnn.cli import main
    from visualnn.gui import app as app_module

    def no_library(name, *a, **k):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(app_module.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(ctypes, "CDLL", no_library)
    assert main(["open"]) == 1  # no window, no abort: the reason and the fix
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and "sudo apt install libxcb-cursor0" in err and err.count("\n") == 1
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # no X11: nothing needed
    assert app_module.missing_display_library() is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert "libxcb-cursor0" in app_module.missing_display_library()
