"""The gradient check table and the worksheet export, from the step-through panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.stepthrough.helpers import enter_step_mode



def test_gradient_check_shows_small_errors(qtbot, lesson, tmp_path):
    window = lesson
    mode = enter_step_mode(qtbot, window)
    with qtbot.waitCallback() as opened:
        mode.panel.gradientCheckRequested.connect(lambda: opened())
        qtbot.mouseClick(mode.panel.grad_btn, Qt.MouseButton.LeftButton)
    dlg = mode.last_gradient_check
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=20000)
    dlg.thread.wait()
    table = dlg.table
    assert table.rowCount() == 12          # every weight and bias of the 2-2-2 net
    assert dlg.result["max_rel_error"] < 1e-6
    rows = {(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text()): r
            for r in range(table.rowCount())}
    r = rows[("net_o", "weight", "[0, 0]")]
    assert float(table.item(r, 3).text()) == float(table.item(r, 3).text())
    assert abs(float(table.item(r, 3).text()) - 0.0821670406) < 1e-8    # dE/dw5
    assert table.item(r, 5).background().color().name() == "#d1fadf"    # green: agrees
    assert "Largest relative error" in dlg.summary.text() and "agree" in dlg.summary.text()
    dlg.close()


def test_worksheet_export_writes_every_format(qtbot, lesson, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = lesson
    mode = enter_step_mode(qtbot, window)
    expected = {"md": ("| 1 | 0.3775 | 0.5933", "0.3589"), "csv": ("0.3775", "0.3589"), "tex": ("0.3775", "\\begin{tabular}")}
    for fmt, (a, b) in expected.items():
        target = tmp_path / f"sheet.{fmt}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, t=target: (str(t), ""))
        if fmt == "tex":   # from the File > Export menu, as a user would
            assert mode.worksheet_action in mode._export_menu().actions()
            mode.worksheet_action.trigger()
        else:
            qtbot.mouseClick(mode.panel.sheet_btn, Qt.MouseButton.LeftButton)
        text = target.read_text(encoding="utf-8")
        assert a in text and b in text, fmt
        assert "0.2984" in text  # E_total

    # a name without a suffix gets the chosen format's
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "plain"), "CSV tables (*.csv)"))
    qtbot.mouseClick(mode.panel.sheet_btn, Qt.MouseButton.LeftButton)
    assert "0.3775" in (tmp_path / "plain.csv").read_text(encoding="utf-8")

    # the digits setting reaches the worksheet
    mode.panel.controls.digits_spin.setValue(7)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "seven.md"), ""))
    qtbot.mouseClick(mode.panel.sheet_btn, Qt.MouseButton.LeftButton)
    assert "0.5932700" in (tmp_path / "seven.md").read_text(encoding="utf-8") or \
        "0.59327" in (tmp_path / "seven.md").read_text(encoding="utf-8")
