"""The optimizer's own settings in the Training panel: momentum and Nesterov (SGD; momentum
also RMSprop) and Adam's betas (Adam, AdamW). Each row shows only for the optimizers it
applies to; `changed(key, value)` carries an edit to the panel, which makes it an
undoable ChangeTrain like the other settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from visualnn.gui.panels.param_widgets import FloatEditor

MOMENTUM_FOR = ("sgd", "rmsprop")
NESTEROV_FOR = ("sgd",)
BETAS_FOR = ("adam", "adamw")
DEFAULT_BETAS = (0.9, 0.999)


class OptimizerSettings(QObject):
    """Rows added to the panel's form by add_to(form); sync(train) shows a train section."""

    changed = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.momentum = FloatEditor(0.0, 0.999)
        self.momentum.setObjectName("train_momentum")
        self.momentum.box.setSingleStep(0.05)
        self.nesterov = QCheckBox()
        self.nesterov.setObjectName("train_nesterov")
        self.beta1 = FloatEditor(0.0, 0.9999)
        self.beta2 = FloatEditor(0.0, 0.9999)
        self.beta1.setObjectName("train_beta1")
        self.beta2.setObjectName("train_beta2")
        for ed in (self.beta1, self.beta2):
            ed.box.setSingleStep(0.001)
            ed.box.setMinimumWidth(56)  # two boxes share the field: the row must not wrap in a narrow panel
        self.betas = QWidget()
        row = QHBoxLayout(self.betas)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.beta1, 1)
        row.addWidget(self.beta2, 1)
        self.labels = {key: QLabel() for key in ("momentum", "nesterov", "betas")}
        self.form: QFormLayout | None = None
        self._betas = list(DEFAULT_BETAS)
        self.momentum.edited.connect(lambda v: self.changed.emit("momentum", float(v)))
        self.nesterov.toggled.connect(lambda on: self.changed.emit("nesterov", bool(on)))
        self.beta1.edited.connect(lambda v: self._on_beta(0, v))
        self.beta2.edited.connect(lambda v: self._on_beta(1, v))
        self.betas.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.labels["momentum"].setText(self.tr("Momentum"))
        self.labels["nesterov"].setText(self.tr("Nesterov"))
        self.labels["betas"].setText(self.tr("β1, β2"))
        self.momentum.setToolTip(self.tr("Momentum: each update keeps this share of the previous one, so steps "
                                         "build up speed along a steady slope (0: plain gradient descent)"))
        self.nesterov.setToolTip(self.tr("Nesterov momentum: take the gradient where the momentum is about to "
                                         "carry the weights (needs momentum above 0)"))
        tip = self.tr("β1: how much of the gradient's running mean is kept each step; β2: the same for the "
                      "running mean of the squared gradient (Adam's per-weight step size)")
        for w in (self.betas, self.beta1, self.beta2, self.labels["betas"]):
            w.setToolTip(tip)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.betas and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def add_to(self, form: QFormLayout) -> None:
        self.form = form
        for key, w in (("momentum", self.momentum), ("nesterov", self.nesterov), ("betas", self.betas)):
            form.addRow(self.labels[key], w)

    def _on_beta(self, i: int, value) -> None:
        betas = list(self._betas)
        betas[i] = float(value)
        self._betas = betas
        self.changed.emit("betas", betas)

    def sync(self, train: dict) -> None:
        """Show the values of `train` and only the rows its optimizer uses."""
        opt = train.get("optimizer", "sgd")
        momentum = float(train.get("momentum", 0.0) or 0.0)
        betas = train.get("betas") or DEFAULT_BETAS
        self._betas = [float(betas[0]), float(betas[1])] if len(betas) == 2 else list(DEFAULT_BETAS)
        self.momentum.set_value(momentum)
        self.beta1.set_value(self._betas[0])
        self.beta2.set_value(self._betas[1])
        self.nesterov.blockSignals(True)
        self.nesterov.setChecked(bool(train.get("nesterov", False)))
        self.nesterov.blockSignals(False)
        self.nesterov.setEnabled(momentum > 0 or self.nesterov.isChecked())
        if self.form is not None:
            self.form.setRowVisible(self.momentum, opt in MOMENTUM_FOR)
            self.form.setRowVisible(self.nesterov, opt in NESTEROV_FOR)
            self.form.setRowVisible(self.betas, opt in BETAS_FOR)
