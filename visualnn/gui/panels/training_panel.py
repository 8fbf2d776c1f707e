"""The training controls: Play / Step / Step epoch / Reset, speed, counters, settings.

Settings edits are ChangeTrain commands (undoable); the controller passes what changed
to the running worker, so they apply between two steps, as in TensorFlow Playground.
The seed, the test split and the device apply at the next Reset.
"""

from __future__ import annotations

import copy
import math
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QSlider, QSpinBox,
    QToolButton, QToolTip, QVBoxLayout, QWidget,
)

from visualnn.gui import theme
from visualnn.gui.commands import ChangeTrain
from visualnn.gui.elided_label import ElidedLabel
from visualnn.gui.panels.optimizer_settings import OptimizerSettings

RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
# optimizer names are PyTorch's class names (not translated); the other texts are
# translated where shown (context "TrainingPanel")
OPTIMIZERS = (("sgd", "SGD"), ("adam", "Adam"), ("adamw", "AdamW"), ("rmsprop", "RMSprop"), ("adagrad", "Adagrad"))
LOSSES = (("cross_entropy", QT_TRANSLATE_NOOP("TrainingPanel", "Cross-entropy")),
          ("bce_logits", QT_TRANSLATE_NOOP("TrainingPanel", "BCE with logits")),
          ("bce", QT_TRANSLATE_NOOP("TrainingPanel", "BCE (probabilities)")),
          ("mse", QT_TRANSLATE_NOOP("TrainingPanel", "Mean squared error")),
          ("half_sse", QT_TRANSLATE_NOOP("TrainingPanel", "½ sum of squares")),
          ("l1", QT_TRANSLATE_NOOP("TrainingPanel", "Mean absolute error")))
DEVICES = (("auto", QT_TRANSLATE_NOOP("TrainingPanel", "Auto")), ("cpu", "CPU"),
           ("cuda", QT_TRANSLATE_NOOP("TrainingPanel", "CUDA GPU")), ("mps", QT_TRANSLATE_NOOP("TrainingPanel", "Apple MPS")))
# speed slider positions: steps per second (None = full speed); the lowest is slow motion
SPEEDS = (1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 300.0, None)
COUNTERS_EVERY_S = 0.1
DEFAULTS = {"lr": 0.03, "batch_size": 10, "optimizer": "sgd", "loss": "cross_entropy", "l1": 0.0,
            "weight_decay": 0.0, "epochs": 10, "seed": 0, "device": "auto", "momentum": 0.0}


def fmt_rate(v: float) -> str:
    return "0" if v == 0 else f"{v:g}"


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP above, in the current language."""
    return QCoreApplication.translate("TrainingPanel", text)


translate = QCoreApplication.translate


def speed_text(sps) -> str:
    if sps is None:
        return translate("TrainingPanel", "full speed")
    if sps <= 1:
        return translate("TrainingPanel", "slow motion (1 step/s)")
    return translate("TrainingPanel", "{sps} steps/s").format(sps=f"{sps:g}")


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
            if self.minimum > 0:
                why = self.tr("{typed} is not a number > 0; kept {kept}")
            else:
                why = self.tr("{typed} is not a number >= {minimum}; kept {kept}")
            why = why.format(typed=repr(typed), minimum=f"{self.minimum:g}", kept=self.currentText())
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
        reason = None if key == "auto" else available.get(key, translate("TrainingPanel", "unknown device"))
        label = _t(text) if reason is None else translate("TrainingPanel", "{device} — not available").format(
            device=_t(text))
        combo.addItem(label, key)
        i = combo.count() - 1
        item = combo.model().item(i) if isinstance(combo.model(), QStandardItemModel) else None
        if reason is not None and item is not None:
            item.setEnabled(False)
            item.setToolTip(reason)
        elif key == "auto":
            best = next((d for d in ("cuda", "mps") if available.get(d) is None), "cpu")
            combo.setItemData(i, translate("TrainingPanel", "the best present: {device}").format(
                device=best), Qt.ItemDataRole.ToolTipRole)
    if current is not None:
        i = combo.findData(current)
        if i >= 0:
            combo.setCurrentIndex(i)
    combo.blockSignals(False)


def device_enabled(combo: QComboBox, key: str) -> bool:
    i = combo.findData(key)
    item = combo.model().item(i) if i >= 0 else None
    return bool(item is not None and item.isEnabled())


TRANSPORT = ("play", "step", "epoch", "reset")


class TrainingPanel(QWidget):
    """Controls for `controller` (a TrainingController) on `doc`; `actions` holds the
    shared QActions play, step, epoch, reset (the toolbar uses the same ones)."""

    sampleChosen = Signal(int)  # the shown sample's index, or -1 for the batch mean
    message = Signal(str)       # a one-line note for the status bar (a value typed and not taken)

    def __init__(self, doc, controller, actions: dict, parent=None):
        super().__init__(parent)
        self.doc, self.ctl, self.actions = doc, controller, actions
        self._session_text = None  # what the status line says of the run (samples, steps, device): a function
        self.setObjectName("trainingPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(8)

        self.button_grid = QGridLayout()
        self.button_grid.setSpacing(6)
        self.buttons = {}
        for key in TRANSPORT:
            b = QToolButton()
            b.setDefaultAction(actions[key])
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)  # narrow: fits a small screen's dock
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setObjectName(f"train_{key}")
            self.buttons[key] = b
        f = self.buttons["play"].font()
        f.setBold(True)
        self.buttons["play"].setFont(f)
        self._button_columns = 0
        self._arrange_buttons(4)
        lay.addLayout(self.button_grid)

        counters = QHBoxLayout()
        self.epoch_label = ElidedLabel()  # a narrow dock cuts the counters, never widens the window
        self.step_label = ElidedLabel()
        for w in (self.epoch_label, self.step_label):
            w.setFont(theme.font(13, bold=True))
        self.epoch_label.setObjectName("epochLabel")
        self.step_label.setObjectName("stepLabel")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        counters.addWidget(self.epoch_label, 3)  # (no gap between: a narrow dock needs every pixel for them)
        counters.addWidget(self.step_label, 2)
        lay.addLayout(counters)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
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
        self.speed_label = ElidedLabel(speed_text(None))
        self.speed_title = QLabel()
        speed_row.addWidget(self.speed_title)
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
        self.batch = QSpinBox()
        self.batch.setRange(1, 65536)
        self.optimizer = QComboBox()
        for key, text in OPTIMIZERS:
            self.optimizer.addItem(text, key)
        self.loss = QComboBox()
        for key, text in LOSSES:
            self.loss.addItem(_t(text), key)
        self.l1 = RateCombo(REG_RATES, 0.0)
        self.l2 = RateCombo(REG_RATES, 0.0)
        self.epochs = QSpinBox()
        self.epochs.setRange(0, 1_000_000)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.device = QComboBox()
        self._available = {"cpu": None}
        device_model(self.device, self._available)
        self.sample = QSpinBox()
        self.sample.setRange(-1, 0)
        for combo in (self.lr, self.optimizer, self.loss, self.l1, self.l2, self.device):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)  # long item names never widen the dock
        self.form_labels = {}
        for key, w in (("lr", self.lr), ("batch_size", self.batch), ("optimizer", self.optimizer),
                       ("loss", self.loss), ("l1", self.l1), ("weight_decay", self.l2),
                       ("epochs", self.epochs), ("seed", self.seed), ("device", self.device),
                       ("sample", self.sample)):
            self.form_labels[key] = QLabel()
            form.addRow(self.form_labels[key], w)
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

        for key, combo in (("lr", self.lr), ("l1", self.l1), ("weight_decay", self.l2)):
            combo.rejected.connect(lambda why, key=key: self.message.emit(
                self.tr("{setting}: {why}").format(setting=self.form_labels[key].text(), why=why)))
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
        self._status = None  # (function giving the status line's text in the current language)
        doc.settingsChanged.connect(self.sync_from_document)
        doc.projectReplaced.connect(self.sync_from_document)
        controller.countersChanged.connect(self._on_counters)
        controller.stateChanged.connect(self._on_state)
        controller.sessionStarted.connect(self._on_session)
        controller.finished.connect(self._on_finished)
        self.sync_from_document()
        self.retranslate()
        self._on_state(controller.state)

    def _arrange_buttons(self, columns: int) -> None:
        """Play, Step, Epoch and Reset in one row, or two rows of two in a dock too narrow
        for one (a 1024-pixel screen, long labels in another language): never sideways
        scrolling."""
        if columns == self._button_columns:
            return
        self._button_columns = columns
        grid = self.button_grid
        transport = [self.buttons[k] for k in TRANSPORT]
        for b in transport:
            grid.removeWidget(b)
        for i, b in enumerate(transport):
            grid.addWidget(b, i // columns, i % columns)
        for c in range(4):  # in one row Play is twice as wide as the others
            grid.setColumnStretch(c, 0 if c >= columns else 2 if columns == 4 and c == 0 else 1)

    def _one_row_width(self) -> int:
        m = self.layout().contentsMargins()
        return (sum(self.buttons[k].sizeHint().width() for k in TRANSPORT) + 3 * self.button_grid.spacing()
                + m.left() + m.right())

    def _fit_buttons(self) -> None:
        # the room is the scroll area's (the parent viewport's) width: this panel itself is
        # never narrower than its layout's minimum, which the one-row buttons would set
        room = self.parentWidget().width() if self.parentWidget() is not None else self.width()
        self._arrange_buttons(4 if room >= self._one_row_width() else 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._fit_buttons()
        super().resizeEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            self.parentWidget().installEventFilter(self)
        return super().event(event)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit_buttons()
        return False

    def retranslate(self) -> None:
        """Every text of the panel in the current language (at start and on LanguageChange)."""
        self.progress.setToolTip(self.tr("Epochs done of the project's number of epochs; training pauses there"))
        self.speed.setToolTip(self.tr("Training speed: full speed down to slow motion (one update a second, "
                                      "every step shown)"))
        self.speed_title.setText(self.tr("Speed"))
        self.speed_label.setText(speed_text(SPEEDS[self.speed.value()]))
        self.lr.setToolTip(self.tr("Learning rate: the size of each update (applies at the next step)"))
        self.batch.setToolTip(self.tr("Samples per update (applies at the next step)"))
        self.l1.setToolTip(self.tr("L1 regularisation: adds rate × Σ|w| to the loss (pushes weights to exactly 0)"))
        self.l2.setToolTip(self.tr("L2 regularisation (the optimizer's weight decay): shrinks every weight a little "
                                   "each step"))
        self.epochs.setSpecialValueText(self.tr("no limit"))
        self.epochs.setToolTip(self.tr("Play pauses after this many epochs (0: trains until paused)"))
        self.seed.setToolTip(self.tr("Seed of the initial weights, the data split and the sample order (applies at "
                                     "Reset)"))
        self.device.setToolTip(self.tr("Where training runs (applies at Reset)"))
        self.sample.setSpecialValueText(self.tr("batch mean"))
        self.sample.setToolTip(self.tr("The training sample whose activations colour the neurons on the canvas "
                                       "(lowest: the mean over the shown batch)"))
        for key, text in (("lr", self.tr("Learning rate")), ("batch_size", self.tr("Batch size")),
                          ("optimizer", self.tr("Optimizer")), ("loss", self.tr("Loss")), ("l1", self.tr("L1")),
                          ("weight_decay", self.tr("L2 (weight decay)")), ("epochs", self.tr("Epochs")),
                          ("seed", self.tr("Seed")), ("device", self.tr("Device")), ("sample", self.tr("Shown sample"))):
            self.form_labels[key].setText(text)
        for i, (_key, text) in enumerate(LOSSES):
            self.loss.setItemText(i, _t(text))
        device_model(self.device, self._available)
        self._last_epoch = -1
        self._counted_at = 0.0
        self._on_counters(self.ctl.step, self.ctl.epoch)
        if self._status is not None:
            self.status.setText(self._status())

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, text_of) -> None:
        """Show a status line given by `text_of()` (run again after a language switch)."""
        self._status = text_of
        self.status.setText(text_of())

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
            self._say(lambda e=e: f"⚠ {e}")
            self.sync_from_document()
            return
        text = {"lr": self.tr("Set learning rate"), "weight_decay": self.tr("Set L2"),
                "batch_size": self.tr("Set batch size"), "l1": self.tr("Set L1"), "epochs": self.tr("Set epochs"),
                "seed": self.tr("Set seed"), "optimizer": self.tr("Set optimizer"), "loss": self.tr("Set loss"),
                "device": self.tr("Set device")}.get(key, self.tr("Set {setting}").format(setting=key))
        self.doc.undo_stack.push(ChangeTrain(self.doc, new, merge_key=key, text=text))

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
        self._available = dict(available)
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
            self.epoch_label.setText(self.tr("Epoch {epoch} (set: {epochs})").format(epoch=f"{epoch:,}",
                                                                                     epochs=f"{epochs:,}"))
        elif epochs:
            self.epoch_label.setText(self.tr("Epoch {epoch} / {epochs}").format(
                epoch=f"{epoch:,}", epochs=f"{epochs:,}"))
        else:
            self.epoch_label.setText(self.tr("Epoch {epoch}").format(epoch=f"{epoch:,}"))
        self.step_label.setText(self.tr("Step {step}").format(step=f"{step:,}"))
        top, value = max(1, epochs), (min(epoch, epochs) if epochs else 0)
        if self.progress.maximum() != top:
            self.progress.setMaximum(top)
        if self.progress.value() != value:  # setValue repaints at once
            self.progress.setValue(value)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state == "failed":
            self._say(lambda: self.tr("Training cannot start: see the message above"))
        elif state == "running" and self._session_text:
            self._say(self._session_text)  # not "paused after N epochs" any more

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
        self._session_text = lambda: self.tr("{samples} training samples, {steps} steps per epoch, on {device}").format(
            samples=f"{session.num_train:,}", steps=f"{spe:,}", device=session.device.upper())
        self._say(self._session_text)

    @Slot(int)
    def _on_finished(self, epoch: int) -> None:
        self._say(lambda: self.tr("Paused after {epochs} epochs (the project's number); press Play to go on").format(
            epochs=f"{epoch:,}"))
