"""Editors generated from a layer's ParamSpec schema (and a dataset's ParamInfo list).

Each editor is a QWidget with `edited(value)` (the user changed it: emitted once per
finished edit, not per keystroke) and `set_value(value)` (the model changed: no signal).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QToolButton, QWidget,
)
from visualnn.gui.i18n import translate
from visualnn.core.i18n import tr as core_tr


INT_MIN, INT_MAX = -(2**31), 2**31 - 1


class FloatSpinBox(QDoubleSpinBox):
    """A spin box that shows 1e-05 as 1e-05 (not 0.00) and accepts scientific notation."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDecimals(12)

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip())
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        t = text.strip()
        try:
            v = float(t)
        except ValueError:
            ok = re.fullmatch(r"[-+]?(\d*\.?\d*([eE][-+]?\d*)?)?", t) is not None
            return (QValidator.State.Intermediate if ok else QValidator.State.Invalid), text, pos
        if self.minimum() <= v <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos


class _AppUndo(QObject):
    """Leaves Ctrl+Z / Ctrl+Shift+Z to the window's Undo and Redo (the edit is already in
    the undo stack), instead of the text field's own undo."""

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination().toCombined() == QKeySequence("Ctrl+Shift+Z")[0].toCombined()):
            event.ignore()
            return True
        return False


_app_undo = None


def route_undo_to_app(widget: QWidget) -> None:
    """Install the filter on every text field inside `widget` (a spin box forwards the
    shortcut check to its line edit directly, so the spin box gets the filter too)."""
    global _app_undo
    if _app_undo is None:
        _app_undo = _AppUndo()
    for edit in widget.findChildren(QLineEdit) + widget.findChildren(QAbstractSpinBox):
        edit.installEventFilter(_app_undo)


class ParamEditor(QWidget):
    edited = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)

    def set_value(self, value) -> None:
        raise NotImplementedError

    def value(self):
        raise NotImplementedError

    def _emit(self, *_):
        self.edited.emit(self.value())


def _int_box(minimum, maximum) -> QSpinBox:
    box = QSpinBox()
    box.setRange(int(minimum) if minimum is not None else INT_MIN, int(maximum) if maximum is not None else INT_MAX)
    box.setKeyboardTracking(False)  # "16" is one edit, not "1" then "16"
    box.setAccelerated(True)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class IntEditor(ParamEditor):
    def __init__(self, minimum=None, maximum=None, parent=None):
        super().__init__(parent)
        self.box = _int_box(minimum, maximum)
        self._layout.addWidget(self.box)
        self.box.valueChanged.connect(self._emit)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setValue(int(value) if isinstance(value, (int, float)) else self.box.minimum())
        self.box.blockSignals(False)

    def value(self):
        return self.box.value()


class FloatEditor(ParamEditor):
    def __init__(self, minimum=None, maximum=None, parent=None):
        super().__init__(parent)
        self.box = FloatSpinBox()
        lo = float(minimum) if minimum is not None else -1e12
        hi = float(maximum) if maximum is not None else 1e12
        self.box.setRange(lo, hi)
        self.box.setSingleStep(0.01 if hi - lo <= 1.0 else 0.1)
        self.box.setKeyboardTracking(False)
        self.box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._layout.addWidget(self.box)
        self.box.valueChanged.connect(self._emit)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        if isinstance(value, (int, float)) and math.isfinite(value):
            self.box.setValue(float(value))
        self.box.blockSignals(False)

    def value(self):
        return float(self.box.value())


class BoolEditor(ParamEditor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.box = QCheckBox()
        self._layout.addWidget(self.box)
        self.box.toggled.connect(self._emit)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)

    def value(self):
        return self.box.isChecked()


class ChoiceEditor(ParamEditor):
    def __init__(self, choices, parent=None):
        super().__init__(parent)
        self.choices = tuple(choices)
        self.box = QComboBox()
        for c in self.choices:
            self.box.addItem(str(c).lower() if isinstance(c, bool) else str(c))
        self._layout.addWidget(self.box)
        self.box.currentIndexChanged.connect(self._emit)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        if value in self.choices:
            self.box.setCurrentIndex(self.choices.index(value))
        self.box.blockSignals(False)

    def value(self):
        i = self.box.currentIndex()
        return self.choices[i] if 0 <= i < len(self.choices) else None


class SizeEditor(ParamEditor):
    """One number (a square window), or [height, width] once "h × w" is switched on."""

    def __init__(self, minimum=None, maximum=None, parent=None):
        super().__init__(parent)
        self.h = _int_box(minimum, maximum)
        self.w = _int_box(minimum, maximum)
        self.times = QLabel("×")
        self.split = QToolButton()
        self.split.setCheckable(True)
        self.split.setAutoRaise(True)
        self.split.setText("h × w")
        self.split.setToolTip(translate("param_widgets", "Give height and width separately ([h, w]); off: one number "
                                                         "for both"))
        self.h.setToolTip(translate("param_widgets", "Size (height when h × w is on)"))
        self.w.setToolTip(translate("param_widgets", "Width"))
        for w in (self.h, self.times, self.w, self.split):
            self._layout.addWidget(w)
        self._layout.setStretch(0, 1)
        self._layout.setStretch(2, 1)
        self.h.valueChanged.connect(self._emit)
        self.w.valueChanged.connect(self._emit)
        self.split.toggled.connect(self._on_split)
        self._show_pair(False)

    @property
    def linked(self) -> bool:
        return not self.split.isChecked()

    def _show_pair(self, pair: bool) -> None:
        self.w.setVisible(pair)
        self.times.setVisible(pair)

    def _on_split(self, pair: bool) -> None:
        self._show_pair(pair)
        if pair:
            self.w.blockSignals(True)
            self.w.setValue(self.h.value())
            self.w.blockSignals(False)
        self._emit()

    def set_value(self, value) -> None:
        pair = tuple(value) if isinstance(value, (list, tuple)) and len(value) == 2 else (value, value)
        for box in (self.h, self.w, self.split):
            box.blockSignals(True)
        self.h.setValue(int(pair[0]) if isinstance(pair[0], (int, float)) else self.h.minimum())
        self.w.setValue(int(pair[1]) if isinstance(pair[1], (int, float)) else self.w.minimum())
        is_pair = isinstance(value, (list, tuple))
        self.split.setChecked(is_pair)
        self._show_pair(is_pair)
        for box in (self.h, self.w, self.split):
            box.blockSignals(False)

    def value(self):
        return [self.h.value(), self.w.value()] if self.split.isChecked() else self.h.value()


class IntsEditor(ParamEditor):
    """A list of ints typed as "1, 8, 8"; a bad entry turns red and is not applied."""

    def __init__(self, minimum=None, parent=None):
        super().__init__(parent)
        self.minimum = minimum
        self.line = QLineEdit()
        self.line.setPlaceholderText(translate("param_widgets", "e.g. 1, 8, 8"))
        self._layout.addWidget(self.line)
        self.line.editingFinished.connect(self._on_finished)
        self.line.textEdited.connect(lambda _: self._mark(self.parse(self.line.text())[1]))
        self._last = None

    def parse(self, text: str):
        """(list of ints, None) or (None, the reason)."""
        parts = [p for p in re.split(r"[\s,;x×\[\]]+", text.strip()) if p]
        if not parts:
            return None, translate("param_widgets", "needs at least one number")
        try:
            values = [int(p) for p in parts]
        except ValueError:
            return None, translate("param_widgets", "whole numbers separated by commas, e.g. 1, 8, 8")
        if self.minimum is not None and any(v < self.minimum for v in values):
            return None, translate("param_widgets", "every number must be >= {minimum}").format(
                minimum=int(self.minimum))
        return values, None

    def _mark(self, problem):
        self.line.setStyleSheet("" if problem is None else "QLineEdit { border: 1px solid #d92d20; }")
        self.line.setToolTip(problem or "")

    def _on_finished(self):
        values, problem = self.parse(self.line.text())
        self._mark(problem)
        if values is not None and values != self._last:
            self._last = values
            self.edited.emit(values)

    def set_value(self, value) -> None:
        values = list(value) if isinstance(value, (list, tuple)) else []
        self._last = values
        self.line.setText(", ".join(str(v) for v in values))
        self._mark(None)

    def value(self):
        return self.parse(self.line.text())[0]


class OptionalEditor(ParamEditor):
    """A checkbox that switches an optional parameter between None and a value."""

    def __init__(self, inner: ParamEditor, default_value, parent=None):
        super().__init__(parent)
        self.inner = inner
        self.enabled = QCheckBox()
        self.enabled.setToolTip(translate("param_widgets", "Set a value (off: the layer's default)"))
        self._fallback = default_value
        self._layout.addWidget(self.enabled)
        self._layout.addWidget(inner, 1)
        self.enabled.toggled.connect(self._on_toggled)
        inner.edited.connect(lambda _: self._emit())

    def _on_toggled(self, on):
        self.inner.setEnabled(on)
        self._emit()

    def set_value(self, value) -> None:
        self.enabled.blockSignals(True)
        self.enabled.setChecked(value is not None)
        self.enabled.blockSignals(False)
        self.inner.setEnabled(value is not None)
        self.inner.set_value(value if value is not None else self._fallback)

    def value(self):
        return self.inner.value() if self.enabled.isChecked() else None


def editor_for(kind: str, *, minimum=None, maximum=None, choices=(), optional=False,
               fallback=None, help: str = "") -> ParamEditor:
    """The editor for one parameter kind: int, float, bool, choice, size or ints."""
    if kind == "int":
        ed = IntEditor(minimum, maximum)
    elif kind == "float":
        ed = FloatEditor(minimum, maximum)
    elif kind == "bool":
        ed = BoolEditor()
    elif kind == "choice":
        ed = ChoiceEditor(choices or ())
    elif kind == "size":
        ed = SizeEditor(minimum, maximum)
    elif kind == "ints":
        ed = IntsEditor(minimum)
    else:
        ed = IntsEditor(None)
    if optional:
        ed = OptionalEditor(ed, fallback if fallback is not None else (minimum if minimum is not None else 1))
    ed.setToolTip(help)
    route_undo_to_app(ed)
    return ed


def editor_for_spec(spec) -> ParamEditor:
    """The editor for a layer's ParamSpec."""
    return editor_for(spec.kind, minimum=spec.minimum, maximum=spec.maximum, choices=spec.choices,
                      optional=spec.optional, fallback=spec.default, help=core_tr(spec.help))
