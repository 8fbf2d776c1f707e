"""After Save As, the window's title names the file an untitled project was saved as."""

from __future__ import annotations

from tests.gui.main_helpers import open_window


def test_save_as_names_the_window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    assert w.files.new_blank()
    assert "Untitled" in w.windowTitle()
    assert w.files.save_as(tmp_path / "my network.vnn")
    assert "my network" in w.windowTitle() and "Untitled" not in w.windowTitle()
    assert w.windowFilePath().endswith("my network.vnn")
    w.training.shutdown()
