"""The inspector's initialisation choice for a layer with weights: a scheme and its
arguments (core/graph/init.py), applied when the network is next built from the seed
(Reset, or the first training)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from visualnn.core.graph.init import CHOICES, SCHEMES, resolve_init
from visualnn.gui.panels.param_widgets import editor_for


def _t(text: str) -> str:
    return QCoreApplication.translate("InitEditor", text)


def scheme_titles() -> dict[str, str]:
    return {
        "default": _t("PyTorch default"), "zeros": _t("Zeros"), "constant": _t("Constant"),
        "normal": _t("Normal (Gaussian)"), "uniform": _t("Uniform"), "xavier_uniform": _t("Xavier uniform"),
        "xavier_normal": _t("Xavier normal"), "kaiming_uniform": _t("He / Kaiming uniform"),
        "kaiming_normal": _t("He / Kaiming normal"), "orthogonal": _t("Orthogonal"),
    }


def argument_help() -> dict[str, str]:
    return {
        "value": _t("The value every weight and bias starts at"),
        "mean": _t("Mean of the normal distribution"),
        "std": _t("Standard deviation: large values make the signals (and gradients) explode"),
        "a": _t("Lower bound (uniform), or the negative slope of the leaky ReLU that follows (Kaiming)"),
        "b": _t("Upper bound"),
        "gain": _t("Scale factor on top of the scheme's own size"),
        "mode": _t("Keep the variance of the forward signals (fan_in) or of the backward gradients (fan_out)"),
        "nonlinearity": _t("The activation that follows, for the scheme's gain"),
    }


class InitEditor(QWidget):
    """edited(init or None, merge key): the user chose a scheme or changed an argument.
    set_init(init) shows the model's value without emitting."""

    edited = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scheme = QComboBox()
        self.scheme.setObjectName("init_scheme")
        for key in SCHEMES:
            self.scheme.addItem("", key)
        self.args = QFormLayout()
        self.args.setContentsMargins(0, 0, 0, 0)
        self.editors: dict = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.scheme)
        lay.addLayout(self.args)
        self._init: dict | None = None
        self._built_for = None
        self.scheme.activated.connect(self._on_scheme)
        self._retranslate()

    def _retranslate(self) -> None:
        titles = scheme_titles()
        for i in range(self.scheme.count()):
            self.scheme.setItemText(i, titles[self.scheme.itemData(i)])
        self.scheme.setToolTip(_t("How this layer's weights start when the network is built from the seed "
                                  "(press Reset to apply). Trained weights saved in the project take precedence."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._build(self._built_for, force=True)
        super().changeEvent(event)

    def _build(self, scheme: str | None, force: bool = False) -> None:
        if scheme == self._built_for and not force:
            return
        while self.args.rowCount():
            self.args.removeRow(0)
        self.editors = {}
        self._built_for = scheme
        helps = argument_help()
        for key, default in SCHEMES.get(scheme or "default", {}).items():
            if key in CHOICES:
                ed = editor_for("choice", choices=CHOICES[key], help=helps.get(key, ""))
            else:
                lo = 0.0 if key in ("std", "gain") else None
                ed = editor_for("float", minimum=lo, help=helps.get(key, ""))
            ed.setObjectName(f"init_{key}")
            ed.edited.connect(lambda value, k=key: self._on_arg(k, value))
            label = QLabel(key)
            label.setToolTip(helps.get(key, ""))
            self.args.addRow(label, ed)
            self.editors[key] = ed

    def set_init(self, init) -> None:
        """Show `init` (a node's raw `init`, or None); an invalid one shows as typed, with its
        problem reported by validation."""
        self._init = init
        try:
            resolved = resolve_init(init)
        except ValueError:
            resolved = None
        scheme = resolved["scheme"] if resolved else (init.get("scheme") if isinstance(init, dict) else "default")
        index = self.scheme.findData(scheme if scheme in SCHEMES else "default")
        self.scheme.blockSignals(True)
        self.scheme.setCurrentIndex(index)
        self.scheme.blockSignals(False)
        self._build(self.scheme.currentData())
        for key, ed in self.editors.items():
            ed.set_value((resolved or {}).get(key, SCHEMES[self.scheme.currentData()][key]))

    def _on_scheme(self, _index: int) -> None:
        scheme = self.scheme.currentData()
        new = None if scheme == "default" else {"scheme": scheme}
        self._build(scheme)
        for key, ed in self.editors.items():
            ed.set_value(SCHEMES[scheme][key])
        self._init = new
        self.edited.emit(new, "scheme")  # stepping through the list is one undo step

    def _on_arg(self, key: str, value) -> None:
        scheme = self.scheme.currentData()
        new = dict(self._init) if isinstance(self._init, dict) and self._init.get("scheme") == scheme else {"scheme": scheme}
        if value == SCHEMES[scheme][key]:
            new.pop(key, None)  # PyTorch's default: the file stays short
        else:
            new[key] = value
        self._init = new
        self.edited.emit(new, key)
