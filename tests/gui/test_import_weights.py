"""File > Import Weights: a state dict saved by the exported script loads into the open
project as one undo step; a mismatching file gets a dialog and changes nothing."""

import torch
from PySide6.QtWidgets import QMessageBox

from visualnn.core.compile import compile_graph, state_to_lists


def test_import_weights_sets_state_and_undoes(main_window, tmp_path):
    win = main_window
    model = compile_graph(win.document.project.graph, seed=42)
    pt = tmp_path / "trained.pt"
    torch.save(model.state_dict(), pt)
    assert win.document.project.state is None

    assert win.files.import_weights(pt)
    assert win.document.project.state == state_to_lists(model)
    assert win.document.dirty
    assert win.document.undo_stack.undoText() == "Import weights from trained.pt"

    win.document.undo_stack.undo()
    assert win.document.project.state is None


def test_mismatching_weights_show_a_dialog(main_window, tmp_path, monkeypatch):
    win = main_window
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Ok)
    pt = tmp_path / "wrong.pt"
    torch.save({"fc1.weight": torch.zeros(3, 3), "fc1.bias": torch.zeros(8)}, pt)
    assert not win.files.import_weights(pt)
    assert win.document.project.state is None
    assert shown and "wrong.pt" in shown[0] and "fc1" in shown[0]
