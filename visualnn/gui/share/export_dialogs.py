"""File > Export View… (a live view as PNG at a chosen size, SVG, or CSV) and File >
Export Animation… (training recorded to GIF or MP4, with a progress bar and Cancel)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from visualnn.gui.share.figures import FigureError, can_csv, write_figure

FILTERS = {"png": "PNG picture (*.png)", "svg": "SVG drawing (*.svg)", "csv": "CSV numbers (*.csv)",
           "gif": "Animated GIF (*.gif)", "mp4": "MP4 video (*.mp4)"}


def ask_path(parent, title: str, fmt: str, start: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start.with_suffix("." + fmt)), FILTERS[fmt])
    if not path:
        return None
    path = Path(path)
    return path if path.suffix else path.with_suffix("." + fmt)


class ExportViewDialog(QDialog):
    """Which view, which format, what size; Save asks for the file."""

    def __init__(self, views: dict, start: Path, current: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export View"))
        self.views = {k: v for k, v in views.items() if v.isVisibleTo(v.window()) or k == current}
        self.start = start
        self.written: Path | None = None
        form = QFormLayout()
        self.view = QComboBox()
        for key, v in self.views.items():
            self.view.addItem(getattr(v, "title", key), key)
        if current in self.views:
            self.view.setCurrentIndex(list(self.views).index(current))
        self.format = QComboBox()
        self.width = QSpinBox()
        self.width.setRange(100, 8000)
        self.width.setSuffix(" px")
        self.height = QLabel()
        form.addRow(self.tr("View"), self.view)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Width"), self.width)
        form.addRow(self.tr("Height"), self.height)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.view.currentIndexChanged.connect(self._on_view)
        self.format.currentIndexChanged.connect(self._on_format)
        self.width.valueChanged.connect(self._on_width)
        self._on_view()

    def current_view(self) -> QWidget:
        return self.views[self.view.currentData()]

    def _on_view(self, *_):
        v = self.current_view()
        fmt = self.format.currentData()
        self.format.blockSignals(True)
        self.format.clear()
        self.format.addItem(self.tr("PNG picture"), "png")
        self.format.addItem(self.tr("SVG drawing"), "svg")
        if can_csv(v):
            self.format.addItem(self.tr("CSV numbers"), "csv")
        i = self.format.findData(fmt)
        self.format.setCurrentIndex(max(i, 0))
        self.format.blockSignals(False)
        self.width.setValue(max(2 * v.width(), 800))
        self._on_format()

    def _on_format(self, *_):
        png = self.format.currentData() == "png"
        self.width.setEnabled(png)
        self._on_width()

    def _on_width(self, *_):
        v = self.current_view()
        if self.format.currentData() == "png":
            self.height.setText(self.tr("{0} px").format(round(v.height() * self.width.value() / max(v.width(), 1))))
        else:
            self.height.setText(self.tr("as on screen"))

    def save_to(self, path) -> bool:
        fmt = self.format.currentData()
        try:
            self.written = write_figure(self.current_view(), path, fmt, self.width.value() if fmt == "png" else None)
        except FigureError as e:
            self.message.setText(str(e))
            return False
        return True

    @Slot()
    def save(self) -> None:
        fmt = self.format.currentData()
        path = ask_path(self, self.tr("Export the view"), fmt, self.start.with_name(self.start.stem + "_" + self.view.currentData()))
        if path is not None and self.save_to(path):
            self.accept()


class ExportAnimationDialog(QDialog):
    """Record training: epochs, frames, frames per second, the views beside the canvas,
    GIF or MP4; Record asks for the file, then a progress bar runs with Cancel."""

    def __init__(self, project, start: Path, parent=None):
        super().__init__(parent)
        from visualnn.gui.share.animation import MAX_FRAMES, mp4_available
        from visualnn.gui.share.headless import view_names

        self.setWindowTitle(self.tr("Export Animation"))
        self.project = project
        self.start = start
        self.written: Path | None = None
        self._cancel = False
        self.running = False
        epochs = int(project.train.get("epochs", 10) or 10)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.addItem(self.tr("Animated GIF"), "gif")
        self.format.addItem(self.tr("MP4 video"), "mp4")
        if not mp4_available():
            item = self.format.model().item(1)
            item.setEnabled(False)
            item.setToolTip(self.tr("Needs the imageio-ffmpeg package: pip install 'visualnn[mp4]'"))
        self.epochs = QSpinBox()
        self.epochs.setRange(0, 100_000)
        self.epochs.setValue(epochs)
        self.frames = QSpinBox()
        self.frames.setRange(1, 1000)
        self.frames.setValue(min(max(epochs, 1), MAX_FRAMES))
        self.fps = QDoubleSpinBox()
        self.fps.setRange(0.5, 60)
        self.fps.setValue(10)
        self.view_boxes = {}
        row = QHBoxLayout()
        for name in view_names():
            box = QCheckBox(name)
            box.setChecked(name in ("boundary", "curves"))
            self.view_boxes[name] = box
            row.addWidget(box)
        views = QWidget()
        views.setLayout(row)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Frames"), self.frames)
        form.addRow(self.tr("Frames per second"), self.fps)
        form.addRow(self.tr("Views beside the canvas"), views)
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.record_button = QPushButton(self.tr("Record…"))
        self.record_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.progress)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        self.record_button.clicked.connect(self.record)
        self.cancel_button.clicked.connect(self.cancel)

    def chosen_views(self, session) -> list[str]:
        from visualnn.gui.panels.live_views import applies

        return [n for n, box in self.view_boxes.items() if box.isChecked() and applies(n, session)]

    @Slot()
    def cancel(self) -> None:
        if self.running:
            self._cancel = True
        else:
            self.reject()

    @Slot()
    def record(self) -> None:
        path = ask_path(self, self.tr("Export the animation"), self.format.currentData(), self.start)
        if path is not None:
            self.record_to(path)

    def record_to(self, path) -> bool:
        from PySide6.QtWidgets import QApplication

        from visualnn.gui.share.animation import AnimationError, Cancelled, record_training
        from visualnn.gui.share.headless import Feeder, ViewError

        self._cancel = False
        self.running = True
        self.record_button.setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, self.frames.value())
        self.progress.setValue(0)
        self.message.setText(self.tr("Recording…"))

        def progress(done, total):
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            QApplication.processEvents()

        def should_stop():
            QApplication.processEvents()
            return self._cancel

        try:
            session = Feeder(self.project).session
            self.written = record_training(self.project, path, self.format.currentData(), epochs=self.epochs.value(),
                                           frames=self.frames.value(), fps=self.fps.value(),
                                           views=self.chosen_views(session), progress=progress,
                                           should_stop=should_stop)
        except Cancelled:
            self.message.setText(self.tr("Cancelled: nothing was written."))
            return False
        except (AnimationError, ViewError, OSError, ValueError, RuntimeError) as e:
            self.message.setText(str(e))
            return False
        finally:
            self.running = False
            self.record_button.setEnabled(True)
        self.message.setText(self.tr("Saved {0}").format(self.written))
        return True
