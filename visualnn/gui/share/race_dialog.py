"""Race: one setting, several values, the same network and data trained side by side,
live: their curves together, a small decision boundary each (2-D data) and a table of
final results. The finished variants join the project's runs."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (QComboBox, QDialog, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from visualnn.gui.i18n import relabel
from visualnn.gui.live.runs_model import RunsModel, run_color

KEYS = ("optimizer", "lr", "batch_size", "weight_decay", "momentum", "l1", "dropout", "seed", "loss")
SUGGESTED = {"optimizer": "sgd, adam, rmsprop", "lr": "0.3, 0.03, 0.003", "batch_size": "1, 10, 50",
             "weight_decay": "0, 0.001, 0.01", "momentum": "0, 0.5, 0.9", "l1": "0, 0.001, 0.01",
             "dropout": "0, 0.2, 0.5", "seed": "0, 1, 2", "loss": "cross_entropy, mse"}
COLUMNS = ("run", "train_loss", "test_loss", "train_accuracy", "test_accuracy")
TICK_MS = 100


class RaceDialog(QDialog):
    def __init__(self, document, runs: RunsModel | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Race variants"))
        self.doc = document
        self.project_runs = runs
        self.worker = None
        self.variants = []
        lay = QVBoxLayout(self)
        form = QHBoxLayout()
        self.key = QComboBox()
        for key in KEYS:
            self.key.addItem(key, key)  # the text, the setting's name and its key, is set in _retranslate
        self.key.setToolTip(self.tr("The setting that differs between the variants"))
        self.values = QLineEdit(SUGGESTED["optimizer"])
        self.values.setToolTip(self.tr("Its values, separated by commas"))
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 10_000)
        self.epochs.setValue(max(1, int(document.project.train.get("epochs", 10) or 10)))
        self.epochs.setSuffix(self.tr(" epochs"))
        self.start_button = QPushButton(self.tr("Race"))
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        for w in (QLabel(self.tr("Vary")), self.key, self.values, self.epochs, self.start_button, self.cancel_button):
            form.addWidget(w, 1 if w is self.values else 0)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("raceMessage")
        lay.addWidget(self.message)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        lay.addWidget(self.progress)

        from visualnn.gui.panels.curves import CurvesView

        self.model = RunsModel(parent=self)
        self.model.changed.connect(self._recolour_landscape)  # a theme switch recolours the runs
        self.curves = CurvesView(runs=self.model)
        self.curves.summary.hide()
        self.curves.emphasise_last = False  # the variants are equals
        self.boards = QWidget()
        self.boards_layout = QGridLayout(self.boards)
        self.boards_layout.setContentsMargins(0, 0, 0, 0)
        self.boundaries = []
        from visualnn.gui.share.race_landscape_view import RaceLandscapeView

        self.landscape = RaceLandscapeView()
        self.side = QTabWidget()
        self.side.setDocumentMode(True)
        self.side.addTab(self.boards, self.tr("Boundaries"))
        self.side.addTab(self.landscape, self.tr("Loss landscape"))
        split = QSplitter(Qt.Orientation.Vertical)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.curves)
        top.addWidget(self.side)
        split.addWidget(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Run"), self.tr("Train loss"), self.tr("Test loss"),
                                              self.tr("Train accuracy"), self.tr("Test accuracy")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        split.addWidget(self.table)
        split.setSizes([440, 170])
        top.setSizes([540, 420])
        lay.addWidget(split, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.drain)
        self.key.currentIndexChanged.connect(lambda _: self.values.setText(SUGGESTED.get(self.key.currentData(), "")))
        relabel(self, self._label_keys)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.values.returnPressed.connect(self.start)
        self.resize(960, 640)

    # -- running ------------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        from visualnn.core.train.compare import make_variants, parse_vary
        from visualnn.core.train.config import ConfigError
        from visualnn.gui.share.race_worker import RaceWorker

        if self.worker is not None:
            return
        try:
            key, values = parse_vary(f"{self.key.currentData()}={self.values.text()}")
            self.variants = make_variants(self.doc.project, [(key, values)])
        except ConfigError as e:
            self.message.setText(str(e))
            return
        self.message.setText("")
        self.model.clear()
        self.rows = {i: [] for i in range(len(self.variants))}
        self.runs = [self.model.log.add(v.settings, name=v.label) for v in self.variants]
        self.model.changed.emit()
        self._make_boundaries()
        self.table.setRowCount(len(self.variants))
        for i, v in enumerate(self.variants):
            self._set_row(i, v.label, {})
        self.progress.setRange(0, len(self.variants) * self.epochs.value())
        self.progress.setValue(0)
        self.worker = RaceWorker(self.variants, self.epochs.value(), self)
        self.worker.finished.connect(self._on_finished)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.worker.start()
        self.timer.start()

    @Slot()
    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.message.setText(self.tr("Cancelling…"))

    @Slot()
    def drain(self) -> None:
        if self.worker is None:
            return
        got = self.worker.drain()
        for e in got:
            run = self.runs[e.index]
            if e.error:
                self._set_row(e.index, self.variants[e.index].label, {}, e.error)
                continue
            run.add_rows([e.row])
            self.rows[e.index].append(e.row)
            self._set_row(e.index, self.variants[e.index].label, e.row)
            if e.grid is not None and e.index < len(self.boundaries):
                view = self.boundaries[e.index]
                if view.session is None:
                    view.set_session(e.session)
                view.show_frame(SimpleNamespace(grid=e.grid, evaluation=None, snapshot=None))
                acc = e.row.get("test_accuracy") if e.row.get("test_accuracy") is not None else e.row.get("train_accuracy")
                view.caption = self.variants[e.index].label + (f" · {100 * acc:.1f} %" if acc is not None else "")
                view.update()
        if got:
            self.progress.setValue(sum(len(r) for r in self.rows.values()))
            self.curves.add_losses(None)
        if self.worker.mapping:
            self.message.setText(self.tr("Mapping the loss landscape of the paths…"))

    @Slot()
    def _on_finished(self) -> None:
        self.timer.stop()
        self.drain()
        worker, self.worker = self.worker, None
        if worker.failure:
            self.message.setText(self.tr("The race stopped: {0}").format(worker.failure))
        elif worker.cancelled:
            self.message.setText(self.tr("Cancelled; the epochs trained so far are kept."))
        else:
            self.message.setText(self.tr("Done: the variants are kept in the project's runs."))
        if worker.landscape is not None or worker.landscape_note:
            self.landscape.show_result(worker.landscape, [run_color(r) for r in self.runs],
                                       [v.label for v in self.variants])
        if self.project_runs is not None:
            from visualnn.core.train.runs import run_settings

            for v, rows in zip(self.variants, self.rows.values()):
                if rows:
                    self.project_runs.add_finished(run_settings(v.project), rows)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        worker.deleteLater()

    def _label_keys(self) -> None:
        """Each setting by its name in the user's language, with the key that `visualnn
        compare --vary` takes for it."""
        names = {"optimizer": self.tr("Optimizer"), "lr": self.tr("Learning rate"), "batch_size": self.tr("Batch size"),
                 "weight_decay": self.tr("L2 (weight decay)"), "momentum": self.tr("Momentum"), "l1": self.tr("L1"),
                 "dropout": self.tr("Dropout p"), "seed": self.tr("Seed"), "loss": self.tr("Loss")}
        for i in range(self.key.count()):
            key = self.key.itemData(i)
            self.key.setItemText(i, f"{names.get(key, key)} ({key})")

    @Slot()
    def _recolour_landscape(self) -> None:
        result = self.landscape.result
        if result is not None and len(self.runs) == len(result["paths"]):
            self.landscape.show_result(result, [run_color(r) for r in self.runs], [v.label for v in self.variants])

    # -- pieces --------------------------------------------------------------------------------
    def _make_boundaries(self) -> None:
        from visualnn.gui.panels.boundary import BoundaryView

        for view in self.boundaries:
            self.boards_layout.removeWidget(view)
            view.deleteLater()
        self.boundaries = []
        cols = 2 if len(self.variants) <= 4 else 3
        for i in range(len(self.variants)):
            view = BoundaryView()
            view.setMinimumSize(120, 120)
            view.caption = self.variants[i].label
            self.boards_layout.addWidget(view, i // cols, i % cols)
            self.boundaries.append(view)
        QTimer.singleShot(0, self._show_boards_if_2d)

    def _show_boards_if_2d(self) -> None:
        on = any(v.session is not None and v.session.is_2d for v in self.boundaries)
        self.side.setTabVisible(0, on)
        if not on:
            self.side.setCurrentIndex(1)

    def _set_row(self, i: int, label: str, row: dict, error: str | None = None) -> None:
        self.table.setItem(i, 0, QTableWidgetItem(label))
        for c, key in enumerate(COLUMNS[1:], start=1):
            v = row.get(key)
            text = error if (error and c == 1) else ("" if v is None else f"{v:.4f}")
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, c, item)
        if row and any(b.session is not None for b in self.boundaries):
            self._show_boards_if_2d()

    def done(self, result: int) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
            self._on_finished()
        super().done(result)

    def closeEvent(self, event):
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
            self._on_finished()
        super().closeEvent(event)
