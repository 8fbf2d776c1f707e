"""Import a CSV file, an image folder or IDX files: pick it, look at a preview, accept.

Each `choose_*` function opens the file dialog and then the preview dialog, and returns the
project's new `data` section (paths relative to the project folder when it has one) or None.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from visualnn.gui.panels.data_preview import DataPreview

PREVIEW_ROWS = 8


def relative_path(path, base_dir) -> str:
    """`path` relative to `base_dir` when it can be (same drive), else absolute."""
    path = Path(path).resolve()
    if base_dir:
        try:
            return Path(os.path.relpath(path, Path(base_dir).resolve())).as_posix()
        except ValueError:
            pass
    return str(path)


class _PreviewDialog(QDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use this data")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)


class CsvImportDialog(_PreviewDialog):
    """The header and first rows of a CSV file, and the choice of the target column."""

    def __init__(self, path, base_dir=None, parent=None):
        super().__init__(f"Import {Path(path).name}", parent)
        from visualnn.core.data import DataError, preview_rows

        self.path, self.base_dir = Path(path), base_dir
        self.layout_.addWidget(QLabel(f"First rows of <b>{self.path.name}</b>:"))
        self.table = QTableWidget()
        self.table.setMinimumSize(QSize(520, 220))
        self.target = QComboBox()
        self.target.setToolTip("The column the network learns to predict; the other columns are its inputs")
        self.layout_.addWidget(self.table)
        form = QFormLayout()
        form.addRow("Target column", self.target)
        self.layout_.addLayout(form)
        self.finish()
        try:
            header, rows = preview_rows({"path": str(self.path)}, None, PREVIEW_ROWS)
        except DataError as e:
            self.fail(str(e))
            return
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, cell in enumerate(row[: len(header)]):
                self.table.setItem(i, j, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()
        self.target.addItems(header)
        self.target.setCurrentIndex(len(header) - 1)

    def data(self) -> dict:
        return {"kind": "csv", "path": relative_path(self.path, self.base_dir), "target": self.target.currentText()}


class ImagesImportDialog(_PreviewDialog):
    """The class folders and first images of an image folder, and the size to scale to."""

    def __init__(self, folder, base_dir=None, parent=None):
        super().__init__(f"Import {Path(folder).name}", parent)
        import numpy as np

        from visualnn.core.data import DataError, read_image
        from visualnn.core.data.images import resize, scan_folder, to_color

        self.folder, self.base_dir = Path(folder), base_dir
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = DataPreview()
        self.preview.setMinimumSize(QSize(420, 220))
        self.h, self.w = QSpinBox(), QSpinBox()
        for box in (self.h, self.w):
            box.setRange(4, 512)
            box.setValue(28)
        self.color = QComboBox()
        self.color.addItems(["gray", "rgb"])
        form = QFormLayout()
        form.addRow("Height", self.h)
        form.addRow("Width", self.w)
        form.addRow("Colour", self.color)
        for w in (self.summary, self.preview):
            self.layout_.addWidget(w)
        self.layout_.addLayout(form)
        self.finish()
        try:
            classes, files = scan_folder(self.folder)
            first = [read_image(paths[0]) for paths in files if paths][:1]
            if first:
                self.h.setValue(int(first[0].shape[0]))
                self.w.setValue(int(first[0].shape[1]))
            images, labels = [], []
            for k, paths in enumerate(files):
                for path in paths[: max(1, 24 // max(len(files), 1))]:
                    img = read_image(path)
                    img = resize(img, (self.h.value(), self.w.value())) if img.shape[:2] != (self.h.value(), self.w.value()) else img
                    images.append(to_color(img, "gray"))
                    labels.append(k)
        except DataError as e:
            self.fail(str(e))
            return
        total = sum(len(f) for f in files)
        self.summary.setText(f"{total} images in {len(classes)} classes: " + ", ".join(
            f"{c} ({len(f)})" for c, f in zip(classes, files)))
        self.preview.show_dataset(_Shown(np.stack(images), np.array(labels), classes))

    def data(self) -> dict:
        return {"kind": "images", "path": relative_path(self.folder, self.base_dir),
                "size": [self.h.value(), self.w.value()], "color": self.color.currentText()}


class IdxImportDialog(_PreviewDialog):
    """The first images of an IDX image file and its labels."""

    def __init__(self, images, labels, base_dir=None, parent=None):
        super().__init__("Import IDX files", parent)
        import numpy as np

        from visualnn.core.data import DataError, read_idx
        from visualnn.core.data.idx import images_to_x

        self.images, self.labels, self.base_dir = Path(images), Path(labels), base_dir
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = DataPreview()
        self.preview.setMinimumSize(QSize(420, 220))
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.preview)
        self.finish()
        try:
            x = images_to_x(read_idx(self.images))
            y = read_idx(self.labels)
        except DataError as e:
            self.fail(str(e))
            return
        if len(x) != len(y):
            self.fail(f"{self.images.name} holds {len(x)} images but {self.labels.name} {len(y)} labels")
            return
        classes = [str(c) for c in range(int(y.max()) + 1)] if len(y) and np.issubdtype(y.dtype, np.integer) else []
        self.summary.setText(f"{len(x)} images of {x.shape[2]}×{x.shape[3]} pixels, {len(classes)} classes")
        self.preview.show_dataset(_Shown(x[:24], y[:24], classes))

    def data(self) -> dict:
        return {"kind": "idx", "images": relative_path(self.images, self.base_dir),
                "labels": relative_path(self.labels, self.base_dir)}


class _Shown:
    """Just enough of a Dataset for DataPreview."""

    def __init__(self, x, y, classes):
        self.x_train, self.y_train, self.x_test, self.y_test = x, y, x[:0], y[:0]
        self.num_train, self.num_test = len(x), 0
        self.task, self.class_names, self.vocab, self.input_dtype = "classification", classes, None, "float"
        self.input_shape = tuple(x.shape[1:])

    def points(self, split="train"):
        return None  # images, never points of the plane


def _run(dialog: _PreviewDialog):
    return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_csv(parent, base_dir=None):
    path, _ = QFileDialog.getOpenFileName(parent, "Import a CSV file", str(base_dir or ""),
                                          "CSV files (*.csv *.tsv *.txt);;All files (*)")
    return _run(CsvImportDialog(path, base_dir, parent)) if path else None


def choose_images(parent, base_dir=None):
    folder = QFileDialog.getExistingDirectory(parent, "Import an image folder (one sub-folder per class)",
                                              str(base_dir or ""))
    return _run(ImagesImportDialog(folder, base_dir, parent)) if folder else None


def choose_idx(parent, base_dir=None):
    images, _ = QFileDialog.getOpenFileName(parent, "Import IDX images", str(base_dir or ""),
                                            "IDX files (*idx3* *.idx *.gz *-ubyte);;All files (*)")
    if not images:
        return None
    labels, _ = QFileDialog.getOpenFileName(parent, "Import the matching IDX labels", str(Path(images).parent),
                                            "IDX files (*idx1* *.idx *.gz *-ubyte);;All files (*)")
    return _run(IdxImportDialog(images, labels, base_dir, parent)) if labels else None
