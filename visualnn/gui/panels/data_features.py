"""Two data choices of the Data panel: the feature inputs of a 2-D set (checkboxes as in
TensorFlow Playground; the Input's shape follows in the same undo step) and whether the
columns of a table or CSV file are standardised (with what that does to the weights)."""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from visualnn.core.data.features import DEFAULT_FEATURES, FEATURE_NAMES
from visualnn.gui.commands import ChangeData, SetParams
from visualnn.gui.i18n import translate

LABELS = {"x1": "X₁", "x2": "X₂", "x1^2": "X₁²", "x2^2": "X₂²", "x1*x2": "X₁X₂", "sin(x1)": "sin(X₁)",
          "sin(x2)": "sin(X₂)"}


def _grid_places(names) -> dict[str, tuple[int, int]]:
    """(row, column) of each feature: the inputs, then their squares and product, then
    their sines, a row each (three columns at most: it fits a narrow dock)."""
    rows = [[n for n in names if n in ("x1", "x2")],
            [n for n in names if "^" in n or "*" in n],
            [n for n in names if n.startswith("sin")]]
    placed = {n for row in rows for n in row}
    rows.append([n for n in names if n not in placed])
    out, r = {}, 0
    for row in rows:
        for i, n in enumerate(row):
            out[n] = (r + i // 3, i % 3)
        r += (len(row) + 2) // 3
    return out


class FeatureChoice(QWidget):
    """Checkboxes of the features; edited(list of names, in FEATURE_NAMES order). The last
    checked one cannot be unchecked (a network needs an input)."""

    edited = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("muted")
        self.title.setWordWrap(True)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        self.boxes: dict[str, QCheckBox] = {}
        places = _grid_places(FEATURE_NAMES)
        for name in FEATURE_NAMES:
            box = QCheckBox(LABELS[name])
            box.setObjectName(f"feature_{name}")
            box.toggled.connect(lambda on, n=name: self._on_toggled(n, on))
            grid.addWidget(box, *places[name])
            self.boxes[name] = box
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.title)
        lay.addLayout(grid)
        self._retranslate()

    def _retranslate(self) -> None:
        self.title.setText(translate("DataFeatures", "Features: what each point (X₁, X₂) gives the network as inputs"))
        for name, box in self.boxes.items():
            box.setToolTip(translate("DataFeatures", "Feed {feature} of each point to the network").format(
                feature=LABELS[name]))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def features(self) -> list[str]:
        return [n for n in FEATURE_NAMES if self.boxes[n].isChecked()]

    def set_features(self, features) -> None:
        chosen = set(features or DEFAULT_FEATURES)
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(name in chosen)
            box.blockSignals(False)

    def _on_toggled(self, name: str, on: bool) -> None:
        if not on and not self.features():
            box = self.boxes[name]
            box.blockSignals(True)
            box.setChecked(True)
            box.blockSignals(False)
            return
        self.edited.emit(self.features())


def set_features(doc, features: list[str]) -> None:
    """Choose the 2-D set's features and set the Input's shape to their number: one undo step."""
    data = copy.deepcopy(doc.project.data or {})
    params = data.setdefault("params", {})
    if list(features) == list(DEFAULT_FEATURES):
        params.pop("features", None)
    else:
        params["features"] = list(features)
    stack = doc.undo_stack
    stack.beginMacro(translate("DataFeatures", "Choose the features"))
    stack.push(ChangeData(doc, data))
    inputs = doc.graph.input_ids()
    if inputs:
        node = doc.graph.node(inputs[0])
        if node.params.get("shape") != [len(features)]:
            stack.push(SetParams(doc, node.id, {**node.params, "shape": [len(features)]}))
    stack.endMacro()


class StandardizeChoice(QCheckBox):
    """Whether a table's or CSV file's input columns are standardised; edited(bool)."""

    edited = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("data_standardize")
        self.toggled.connect(self.edited.emit)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setText(translate("DataFeatures", "Standardize the inputs"))
        self.setToolTip(translate("DataFeatures",
            "Scale each input column to mean 0 and standard deviation 1 (by the training split) before "
            "training. Training is easier, but the learned weights then belong to the scaled inputs: "
            "w and b are not the slope and intercept of your raw numbers (w = slope × the column's "
            "standard deviation). Turn it off to learn the weights of the numbers as written."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def set_value(self, on: bool) -> None:
        self.blockSignals(True)
        self.setChecked(bool(on))
        self.blockSignals(False)


def set_standardize(doc, on: bool) -> None:
    data = copy.deepcopy(doc.project.data or {})
    data["standardize"] = bool(on)
    doc.undo_stack.push(ChangeData(doc, data, text=translate("DataFeatures", "Standardize the inputs") if on else
                                   translate("DataFeatures", "Use the inputs as written")))
