"""The dataset panel: choose a set, see it, match the network's Input and output to it,
change its parameters and the test split, import a CSV file (and see its errors)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from visualnn.gui.panels import data_import


def _wait_loaded(qtbot, panel, action):
    with qtbot.waitSignal(panel.loaded, timeout=30000) as blocker:
        action()
    return blocker.args[0]


def _loaded_window(qtbot, main_window):
    panel = main_window.dataset_panel
    if panel.dataset is None:  # the first load starts after the first paint
        qtbot.waitUntil(lambda: panel.dataset is not None or bool(panel.error), timeout=30000)
    return main_window, panel


def test_the_panel_shows_the_project_data(qtbot, main_window):
    w, panel = _loaded_window(qtbot, main_window)
    assert panel.source.currentText() == "spiral"
    assert "spiral" in panel.description.text()
    assert panel.dataset.input_shape == (2,) and panel.dataset.num_train == 160
    assert "200 samples (160 train, 40 test)" in panel.info.text() and "2 classes" in panel.info.text()
    assert panel.preview.mode == "scatter"
    assert not panel.match_box.isVisible()
    assert panel._editors["samples"][0].box.value() == 200


def test_switching_to_digits_offers_to_match_the_input(qtbot, main_window):
    w, panel = _loaded_window(qtbot, main_window)
    combo = panel.source
    combo.setFocus()
    ds = _wait_loaded(qtbot, panel, lambda: qtbot.keyClicks(combo, "digits"))
    assert w.document.project.data == {"kind": "builtin", "name": "digits"}
    assert ds.input_shape == (1, 8, 8) and ds.num_classes == 10
    assert panel.preview.mode == "images"
    assert panel.match_box.isVisible()
    text = panel.match_label.text()
    assert "Input is [2], data gives [1, 8, 8]" in text and "out gives 2 outputs, data has 10 classes" in text
    qtbot.mouseClick(panel.match_button, Qt.MouseButton.LeftButton)
    graph = w.document.graph
    assert graph.nodes["x"].params["shape"] == [1, 8, 8]
    (flat,) = [n for n in graph.nodes if graph.nodes[n].type == "Flatten"]
    assert graph.inputs_of(flat) == ["x"] and graph.outputs_of(flat) == ["fc1"]
    assert graph.nodes["out"].params["out_features"] == 10
    assert w.status_text().endswith("valid: output [10]")
    assert not panel.match_box.isVisible()
    assert w.acts.undo.text() == "&Undo Match the network to the data"
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step
    assert graph.nodes["x"].params["shape"] == [2] and flat not in graph.nodes
    assert panel.match_box.isVisible()


def test_noise_and_test_split_are_undoable_settings(qtbot, main_window):
    w, panel = _loaded_window(qtbot, main_window)
    noise = panel._editors["noise"][0].box
    edit = noise.lineEdit()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "0.3")
    ds = _wait_loaded(qtbot, panel, lambda: qtbot.keyClick(edit, Qt.Key.Key_Return))
    assert w.document.project.data["params"] == {"samples": 200, "noise": 0.3}
    assert ds.num_train == 160
    split = panel.split
    split.lineEdit().selectAll()
    qtbot.keyClicks(split.lineEdit(), "50")
    ds = _wait_loaded(qtbot, panel, lambda: qtbot.keyClick(split.lineEdit(), Qt.Key.Key_Return))
    assert w.document.project.train["test_fraction"] == 0.5 and ds.num_test == 100
    w.canvas.setFocus()
    _wait_loaded(qtbot, panel, lambda: qtbot.keyClick(w.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert w.document.project.train["test_fraction"] == 0.2 and split.value() == 20


def _import_csv(qtbot, monkeypatch, panel, path, target=None):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "CSV files (*.csv)"))
    shown = []

    def accept(dialog):
        shown.append(dialog)
        if target:
            dialog.target.setCurrentText(target)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(data_import.CsvImportDialog, "exec", accept)
    ds = _wait_loaded(qtbot, panel, lambda: qtbot.mouseClick(panel.buttons["csv"], Qt.MouseButton.LeftButton))
    return ds, shown[0]


def test_importing_a_csv_file_previews_it_and_uses_it(qtbot, main_window, monkeypatch, tmp_path):
    w, panel = _loaded_window(qtbot, main_window)
    csv = tmp_path / "points.csv"
    csv.write_text("a,b,label\n" + "".join(f"{i / 10},{-i / 10},{i % 2}\n" for i in range(20)), encoding="utf-8")
    ds, dialog = _import_csv(qtbot, monkeypatch, panel, csv, target="label")
    assert dialog.table.columnCount() == 3 and dialog.table.rowCount() == 8
    assert dialog.table.item(1, 0).text() == "0.1"
    assert w.document.project.data == {"kind": "csv", "path": "points.csv", "target": "label"}
    assert panel.source.currentText() == "CSV: points.csv"
    assert ds.input_shape == (2,) and ds.num_classes == 2 and not panel.error_label.isVisible()


def test_a_bad_csv_shows_the_line_in_red(qtbot, main_window, monkeypatch, tmp_path):
    w, panel = _loaded_window(qtbot, main_window)
    csv = tmp_path / "bad.csv"
    csv.write_text("a,b,label\n1,2,0\n3,4,1\n5,oops,0\n", encoding="utf-8")
    ds, _ = _import_csv(qtbot, monkeypatch, panel, csv)
    assert ds is None
    assert panel.error_label.isVisible()
    assert "bad.csv line 4" in panel.error_label.text() and "'oops' is not a number" in panel.error_label.text()
    assert panel.preview.mode == "message"


def _pgm(path, value: int) -> None:
    path.write_bytes(b"P5\n6 4\n255\n" + bytes([value]) * 24)


def test_image_folder_and_idx_imports_preview_the_images(qtbot, tmp_path):
    import numpy as np

    from visualnn.core.data import write_idx

    for cls, value in (("cat", 30), ("dog", 220)):
        (tmp_path / "pics" / cls).mkdir(parents=True)
        for i in range(3):
            _pgm(tmp_path / "pics" / cls / f"{i}.pgm", value)
    dialog = data_import.ImagesImportDialog(tmp_path / "pics", base_dir=tmp_path)
    qtbot.addWidget(dialog)
    assert "6 images in 2 classes: cat (3), dog (3)" == dialog.summary.text()
    assert (dialog.h.value(), dialog.w.value()) == (4, 6) and dialog.preview.mode == "images"
    assert dialog.data() == {"kind": "images", "path": "pics", "size": [4, 6], "color": "gray"}

    write_idx(tmp_path / "x.idx", np.arange(5 * 3 * 3, dtype=np.uint8).reshape(5, 3, 3))
    write_idx(tmp_path / "y.idx", np.array([0, 1, 2, 1, 0], dtype=np.uint8))
    dialog = data_import.IdxImportDialog(tmp_path / "x.idx", tmp_path / "y.idx", base_dir=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "5 images of 3×3 pixels, 3 classes"
    assert dialog.data() == {"kind": "idx", "images": "x.idx", "labels": "y.idx"}
    bad = data_import.IdxImportDialog(tmp_path / "x.idx", tmp_path / "missing.idx")
    qtbot.addWidget(bad)
    assert bad.error.isVisibleTo(bad) and "missing.idx" in bad.error.text()
    assert not bad.buttons.button(bad.buttons.StandardButton.Ok).isEnabled()


def test_download_button_fetches_a_missing_set_and_loads_it(qtbot, main_window, monkeypatch, tmp_path):
    import dataclasses
    import hashlib

    import numpy as np

    from visualnn.core.data import download as dl
    from visualnn.core.data import write_idx
    from visualnn.core.data.idx import MNIST_FILES

    src = tmp_path / "mirror"
    src.mkdir()
    for name in MNIST_FILES:
        n = 120 if name.startswith("train") else 20
        arr = np.zeros((n, 28, 28), np.uint8) if "images" in name else np.arange(n, dtype=np.uint8) % 10
        write_idx(src / f"{name}.gz", arr)
    files = tuple((f"{n}.gz", hashlib.md5((src / f"{n}.gz").read_bytes()).hexdigest()) for n in MNIST_FILES)
    monkeypatch.setitem(dl.REMOTES, "fashion_mnist", dataclasses.replace(
        dl.REMOTES["fashion_mnist"], files=files, base_urls=(src.as_uri() + "/",)))
    monkeypatch.setenv("VISUALNN_DATA", str(tmp_path / "cache"))
    w, panel = _loaded_window(qtbot, main_window)
    panel.source.setFocus()
    _wait_loaded(qtbot, panel, lambda: qtbot.keyClicks(panel.source, "fashion_mnist"))
    assert panel.dataset is None and "not downloaded yet" in panel.error_label.text()
    assert panel.download_button.isVisible()
    with qtbot.waitSignal(panel.loaded, timeout=30000) as loaded:
        qtbot.mouseClick(panel.download_button, Qt.MouseButton.LeftButton)
    ds = loaded.args[0]
    assert ds is not None and ds.class_names[0] == "T-shirt/top" and ds.input_shape == (1, 28, 28)
    assert not panel.download_button.isVisible()
    assert (tmp_path / "cache" / "fashion_mnist" / "t10k-labels-idx1-ubyte.gz").is_file()
