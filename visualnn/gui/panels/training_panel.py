"""The training controls: Play / Step / Step epoch / Reset, speed, counters, settings.

Settings edits are ChangeTrain commands (undoable); the controller passes what changed
to the running worker, so they apply between two steps, as in TensorFlow Playground.
The seed, the test split and the device apply at the next Reset.
"""

from __future__ import annotations

import copy
import math
import time

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QProgressBar, QSlider, QSpinBox, QToolButton, QToolTip,
    QVBoxLayout, QWidget,
)

from visualnn.gui import theme
from visualnn.gui.commands import ChangeTrain
from visualnn.gui.elided_label import ElidedLabel
from visualnn.gui.panels.optimizer_settings import OptimizerSettings

RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
OPTIMIZERS = (("sgd", "SGD"), ("adam", "Adam"), ("adamw", "AdamW"), ("rmsprop", "RMSprop"), ("adagrad", "Adagrad"))
LOSSES = (("cross_entropy", "Cross-entropy"), ("bce_logits", "BCE with logits"), ("bce", "BCE (probabilities)"),
          ("mse", "Mean squared error"), ("half_sse", "½ sum of squares"), ("l1", "Mean absolute error"))
DEVICES = (("auto", "Auto"), ("cpu", "CPU"), ("cuda", "CUDA GPU"), ("mps", "Apple MPS"))
# speed slider positions: steps per second (None = full speed); the lowest is slow motion
SPEEDS = (1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 300.0, None)
COUNTERS_EVERY_S = 0.1
DEFAULTS = {"lr": 0.03, "batch_size": 10, "optimizer": "sgd", "loss": "cross_entropy", "l1": 0.0,
            "weight_decay": 0.0, "epochs": 10, "seed": 0, "device": "auto", "momentum": 0.0}


def fmt_rate(v: float) -> str:
    return "0" if v == 0 else f"{v:g}"


def speed_text(sps) -> str:
    if sps is None:
        return "full speed"
    if sps <= 1:
        return "slow motion (1 step/s)"
    return f"{sps:g} steps/s"


class RateCombo(QComboBox):
    """An editable combo of preset rates that takes any number typed; `edited(float)`."""

    edited = Signal(float)
    rejected = Signal(str)  # what was typed and why it was not taken (the value stays)

    def __init__(self, presets, minimum: float, parent=None):
        super().__init__(parent)
        self.minimum = minimum
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for v in presets:
            self.addItem(fmt_rate(v), v)
        self.activated.connect(self._commit)
        self.lineEdit().editingFinished.connect(self._commit)
        self._value = None

    def set_value(self, v: float) -> None:
        self._value = float(v)
        self.blockSignals(True)
        self.setEditText(fmt_rate(float(v)))
        self.blockSignals(False)

    @Slot()
    def _commit(self, *_):
        try:
            v = float(self.currentText().strip())
        except ValueError:
            v = math.nan
        if not math.isfinite(v) or v < self.minimum or (self.minimum > 0 and v == 0):
            typed = self.currentText().strip()
            self.set_value(self._value if self._value is not None else self.itemData(0))
            need = "a number > 0" if self.minimum > 0 else f"a number >= {self.minimum:g}"
            why = f"{typed!r} is not {need}; kept {self.currentText()}"
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), why, self)
            self.rejected.emit(why)
            return
        if self._value is None or v != self._value:
            self._value = v
            self.edited.emit(v)


def device_model(combo: QComboBox, available: dict) -> None:
    """Fill `combo` with the devices; those not present are disabled with the reason as
    tooltip (`available`: name -> None when usable, else why not)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for key, text in DEVICES:
        reason = None if key == "auto" else available.get(key, "unknown device")
        label = text if reason is None else f"{text} — not available"
        combo.addItem(label, key)
        i = combo.count() - 1
        item = combo.model().item(i) if isinstance(combo.model(), QStandardItemModel) else None
        if reason is not None and item is not None:
            item.setEnabled(False)
            item.setToolTip(reason)
        elif key == "auto":
            best = next((d for d in ("cuda", "mps") if available.get(d) is None), "cpu")
            combo.setItemData(i, f"the best present: {best}", Qt.ItemDataRole.ToolTipRole)
    if current is not None:
        i = combo.findData(current)
        if i >= 0:
            combo.setCurrentIndex(i)
    combo.blockSignals(False)


def device_enabled(combo: QComboBox, key: str) -> bool:
    i = combo.findData(key)
    item = combo.model().item(i) if i >= 0 else None
    return bool(item is not None and item.isEnabled())


class TrainingPanel(QWidget):
    """Controls for `controller` (a TrainingController) on `doc`; `actions` holds the
    shared QActions play, step, epoch, reset (the toolbar uses the same ones)."""

    sampleChosen = Signal(int)  # the shown sample's index, or -1 for the batch mean
    message = Signal(str)       # a one-line note for the status bar (a value typed and not taken)

    def __init__(self, doc, controller, actions: dict, parent=None):
        super().__init__(parent)
        self.doc, self.ctl, self.actions = doc, controller, actions
        self._session_text = ""  # what the status line says of the run (samples, steps, device)
        self.setObjectName("trainingPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(8)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.buttons = {}
        for key in ("play", "step", "epoch", "reset"):
            b = QToolButton()
            b.setDefaultAction(actions[key])
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)  # narrow: fits a small screen's dock
            b.setObjectName(f"train_{key}")
            buttons.addWidget(b, 2 if key == "play" else 1)
            self.buttons[key] = b
        f = self.buttons["play"].font()
        f.setBold(True)
        self.buttons["play"].setFont(f)
        lay.addLayout(buttons)

        counters = QHBoxLayout()
        self.epoch_label = ElidedLabel()  # a narrow dock cuts the counters, never widens the window
        self.step_label = ElidedLabel()
        for w in (self.epoch_label, self.step_label):
            w.setFont(theme.font(13, bold=True))
        self.epoch_label.setObjectName("epochLabel")
        self.step_label.setObjectName("stepLabel")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        counters.addWidget(self.epoch_label, 3)
        counters.addStretch(1)
        counters.addWidget(self.step_label, 2)
        lay.addLayout(counters)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setToolTip("Epochs done of the project's number of epochs; training pauses there")
        lay.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("trainStatus")
        lay.addWidget(self.status)

        speed_row = QHBoxLayout()
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setPageStep(1)
        self.speed.setToolTip("Training speed: full speed down to slow motion (one update a second, every step shown)")
        self.speed_label = ElidedLabel(speed_text(None))
        speed_row.addWidget(QLabel("Speed"))
        speed_row.addWidget(self.speed, 2)
        speed_row.addWidget(self.speed_label, 1)
        lay.addLayout(speed_row)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lay.addWidget(line)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.lr = RateCombo(RATES, 1e-12)
        self.lr.setToolTip("Learning rate: the size of each update (applies at the next step)")
        self.batch = QSpinBox()
        self.batch.setRange(1, 65536)
        self.batch.setToolTip("Samples per update (applies at the next step)")
        self.optimizer = QComboBox()
        for key, text in OPTIMIZERS:
            self.optimizer.addItem(text, key)
        self.loss = QComboBox()
        for key, text in LOSSES:
            self.loss.addItem(text, key)
        self.l1 = RateCombo(REG_RATES, 0.0)
        self.l1.setToolTip("L1 regularisation: adds rate × Σ|w| to the loss (pushes weights to exactly 0)")
        self.l2 = RateCombo(REG_RATES, 0.0)
        self.l2.setToolTip("L2 regularisation (the optimizer's weight decay): shrinks every weight a little each step")
        self.epochs = QSpinBox()
        self.epochs.setRange(0, 1_000_000)
        self.epochs.setSpecialValueText("no limit")
        self.epochs.setToolTip("Play pauses after this many epochs (0: trains until paused)")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip("Seed of the initial weights, the data split and the sample order (applies at Reset)")
        self.device = QComboBox()
        self.device.setToolTip("Where training runs (applies at Reset)")
        device_model(self.device, {"cpu": None})
        self.sample = QSpinBox()
        self.sample.setRange(-1, 0)
        self.sample.setSpecialValueText("batch mean")
        self.sample.setToolTip("The training sample whose activations colour the neurons on the canvas "
                               "(lowest: the mean over the shown batch)")
        for combo in (self.lr, self.optimizer, self.loss, self.l1, self.l2, self.device):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)  # long item names never widen the dock
        for label, w in (("Learning rate", self.lr), ("Batch size", self.batch), ("Optimizer", self.optimizer),
                         ("Loss", self.loss), ("L1", self.l1), ("L2 (weight decay)", self.l2),
                         ("Epochs", self.epochs), ("Seed", self.seed), ("Device", self.device),
                         ("Shown sample", self.sample)):
            form.addRow(label, w)
            if w is self.optimizer:
                self.optimizer_settings = OptimizerSettings(self)
                self.optimizer_settings.add_to(form)
        lay.addLayout(form)
        if "keep" in actions:
            keep = QToolButton()
            keep.setDefaultAction(actions["keep"])
            keep.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            keep.setObjectName("train_keep")
            self.buttons["keep"] = keep
            lay.addWidget(keep, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)

        for label, combo in (("Learning rate", self.lr), ("L1", self.l1), ("L2", self.l2)):
            combo.rejected.connect(lambda why, label=label: self.message.emit(f"{label}: {why}"))
        self.lr.edited.connect(lambda v: self._set("lr", v))
        self.l1.edited.connect(lambda v: self._set("l1", v))
        self.l2.edited.connect(lambda v: self._set("weight_decay", v))
        self.batch.editingFinished.connect(lambda: self._set("batch_size", self.batch.value()))
        self.epochs.editingFinished.connect(lambda: self._set("epochs", self.epochs.value()))
        self.seed.editingFinished.connect(lambda: self._set("seed", self.seed.value()))
        self.optimizer.activated.connect(lambda _: self._set("optimizer", self.optimizer.currentData()))
        self.loss.activated.connect(lambda _: self._set("loss", self.loss.currentData()))
        self.device.activated.connect(lambda _: self._set("device", self.device.currentData()))
        self.sample.editingFinished.connect(lambda: self.sampleChosen.emit(self.sample.value()))
        self.speed.valueChanged.connect(self._on_speed)
        self.optimizer_settings.changed.connect(self._set_optimizer_setting)

        self._counted_at, self._last_epoch = 0.0, -1
        doc.settingsChanged.connect(self.sync_from_document)
        doc.projectReplaced.connect(self.sync_from_document)
        controller.countersChanged.connect(self._on_counters)
        controller.stateChanged.connect(self._on_state)
        controller.sessionStarted.connect(self._on_session)
        controller.finished.connect(self._on_finished)
        self.sync_from_document()
        self._on_counters(controller.step, controller.epoch)
        self._on_state(controller.state)

    # -- settings -------------------------------------------------------------------------
    def train(self) -> dict:
        return self.doc.project.train

    def _value(self, key):
        return self.train().get(key, DEFAULTS.get(key))

    def _set(self, key: str, value) -> None:
        if self._value(key) == value and key in self.train():
            return
        new = copy.deepcopy(self.train())
        new[key] = value
        if key == "momentum" and not value:
            new.pop("nesterov", None)  # Nesterov needs momentum: turning it off ends both
        if key == "optimizer" and value not in ("sgd", "rmsprop"):
            new.pop("momentum", None) if not new.get("momentum") else None
            new.pop("nesterov", None) if not new.get("nesterov") else None
        from visualnn.core.train.config import ConfigError, TrainConfig
        try:
            TrainConfig.from_dict(new)
        except ConfigError as e:
            self.status.setText(f"⚠ {e}")
            self.sync_from_document()
            return
        label = {"lr": "learning rate", "weight_decay": "L2", "batch_size": "batch size"}.get(key, key)
        self.doc.undo_stack.push(ChangeTrain(self.doc, new, merge_key=key, text=f"Set {label}"))

    @Slot()
    def sync_from_document(self) -> None:
        """Show the project's train settings (after an edit, undo, or another project)."""
        v = self._value
        self.lr.set_value(v("lr"))
        self.l1.set_value(v("l1"))
        self.l2.set_value(v("weight_decay"))
        for spin, key in ((self.batch, "batch_size"), (self.epochs, "epochs"), (self.seed, "seed")):
            if spin.value() != v(key):
                spin.blockSignals(True)
                spin.setValue(int(v(key)))
                spin.blockSignals(False)
        for combo, key in ((self.optimizer, "optimizer"), (self.loss, "loss"), (self.device, "device")):
            i = combo.findData(v(key))
            if i >= 0 and i != combo.currentIndex():
                combo.blockSignals(True)
                combo.setCurrentIndex(i)
                combo.blockSignals(False)
        self.optimizer_settings.sync(self.train())
        self._on_counters(self.ctl.step, self.ctl.epoch)

    @Slot(str, object)
    def _set_optimizer_setting(self, key: str, value) -> None:
        self._set(key, value)

    def set_devices(self, available: dict) -> None:
        device_model(self.device, available)
        i = self.device.findData(self._value("device"))
        if i >= 0:
            self.device.setCurrentIndex(i)

    # -- controller -----------------------------------------------------------------------
    @Slot(int)
    def _on_speed(self, pos: int) -> None:
        sps = SPEEDS[pos]
        self.speed_label.setText(speed_text(sps))
        self.ctl.set_speed(sps)

    @Slot(int, int)
    def _on_counters(self, step: int, epoch: int) -> None:
        now = time.perf_counter()
        if self.ctl.state == "running" and now - self._counted_at < COUNTERS_EVERY_S and epoch == self._last_epoch:
            return  # while running, the numbers change 10 times a second (each change repaints the dock)
        self._counted_at, self._last_epoch = now, epoch
        epochs = int(self._value("epochs") or 0)
        if epochs and epoch > epochs:  # Play pressed again after the project's number of epochs
            self.epoch_label.setText(f"Epoch {epoch:,} (set: {epochs:,})")
        else:
            self.epoch_label.setText(f"Epoch {epoch:,}" + (f" / {epochs:,}" if epochs else ""))
        self.step_label.setText(f"Step {step:,}")
        top, value = max(1, epochs), (min(epoch, epochs) if epochs else 0)
        if self.progress.maximum() != top:
            self.progress.setMaximum(top)
        if self.progress.value() != value:  # setValue repaints at once
            self.progress.setValue(value)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state == "failed":
            self.status.setText("Training cannot start: see the message above")
        elif state == "running" and self._session_text:
            self.status.setText(self._session_text)  # not "paused after N epochs" any more

    @Slot(object)
    def _on_session(self, session) -> None:
        self.sample.setMaximum(max(0, session.num_train - 1))
        if self.sample.value() != session.sample and self.sample.value() >= 0:
            self.sample.blockSignals(True)
            self.sample.setValue(session.sample)
            self.sample.blockSignals(False)
        devs = getattr(session, "devices", None)
        if devs:
            self.set_devices(devs)
        spe = session.steps_per_epoch
        self._session_text = (f"{session.num_train:,} training samples, {spe:,} steps per epoch, "
                              f"on {session.device.upper()}")
        self.status.setText(self._session_text)

    @Slot(int)
    def _on_finished(self, epoch: int) -> None:
        self.status.setText(f"Paused after {epoch:,} epochs (the project's number); press Play to go on")
