"""The control strip of step-through mode: sample, mini-batch, digits, and the stage
navigation (Home, Back, Play, Next, End, a stage picker). It only talks to a StepSession."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget,
)

from visualnn.gui import theme
from visualnn.gui.icons import tool_icon

from visualnn.gui.stepthrough.session import MAX_DIGITS, StepSession

KIND_NAMES = {"forward": "Forward", "loss": "Loss", "backward": "Backward", "update": "Update"}


def short_list(values, digits: int, limit: int = 8) -> str:
    """A list of numbers as '[0.05, 0.1]' (nested lists flattened, long ones cut)."""
    from visualnn.core.backprop.numfmt import vec

    return vec(values, digits, limit)


class StepControls(QWidget):
    def __init__(self, session: StepSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._playing = False

        self.sample_spin = QSpinBox(objectName="stepSample")
        self.sample_spin.setRange(0, 0)
        self.sample_spin.setToolTip("The sample whose update is taken apart")
        self.sample_spin.setKeyboardTracking(False)
        self.batch_spin = QSpinBox(objectName="stepBatch")
        self.batch_spin.setRange(1, 256)
        self.batch_spin.setToolTip("1: one sample; more: a mini-batch starting at the sample")
        self.batch_spin.setKeyboardTracking(False)
        self.digits_spin = QSpinBox(objectName="stepDigits")
        self.digits_spin.setRange(1, MAX_DIGITS)
        self.digits_spin.setValue(session.digits)
        self.digits_spin.setToolTip("Digits after the decimal point in the equations")
        self.sample_total = QLabel(objectName="stepSampleTotal")
        self.sample_info = QLabel(objectName="stepSampleInfo")
        self.sample_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sample_info.setWordWrap(True)

        def tool(name, tip, slot):
            b = QToolButton(objectName=name)
            b.setToolTip(tip)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            return b

        self.home_btn = tool("stepHome", "First stage (Home)", session.first)
        self.back_btn = QPushButton("Back", objectName="stepBack")
        self.back_btn.setToolTip("Previous stage (Left)")
        self.back_btn.clicked.connect(session.back)
        self.play_btn = tool("stepPlay", "Play the stages slowly (Space)", session.toggle_play)
        self.next_btn = QPushButton("Next", objectName="stepNext")
        self.next_btn.setToolTip("Next stage (Right)")
        self.next_btn.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.next_btn.clicked.connect(session.next)
        self.end_btn = tool("stepEnd", "Last stage (End)", session.last)
        self._apply_icons()
        theme.on_change(self._apply_icons)
        self.stage_box = QComboBox(objectName="stepStagePicker")
        self.stage_box.setToolTip("Jump to a stage")
        self.stage_box.setMinimumContentsLength(22)
        self.stage_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.position = QLabel(objectName="stepPosition")
        self.pick_label = QLabel(objectName="stepPickLabel")
        self.pick_spins: list[QSpinBox] = []
        self.pick_box = QHBoxLayout()
        self.pick_row = QWidget(objectName="stepPickRow")
        pick_lay = QHBoxLayout(self.pick_row)
        pick_lay.setContentsMargins(0, 0, 0, 0)
        pick_lay.addWidget(self.pick_label)
        pick_lay.addLayout(self.pick_box)
        pick_lay.addStretch(1)
        self.pick_row.hide()
        self._pick_key = None
        self._pick_base = 1
        self.busy_bar = QProgressBar(objectName="stepBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(10)
        self.cancel_btn = QPushButton("Cancel", objectName="stepCancel")
        self.cancel_btn.clicked.connect(session.cancel)
        self.busy_label = QLabel("Computing the trace...")

        top = QHBoxLayout()
        for label, w in (("Sample", self.sample_spin), ("Mini-batch", self.batch_spin), ("Digits", self.digits_spin)):
            top.addWidget(QLabel(label))
            top.addWidget(w)
            if w is self.sample_spin:
                top.addWidget(self.sample_total)
            top.addSpacing(10)
        top.addStretch(1)
        nav = QHBoxLayout()
        for w in (self.home_btn, self.back_btn, self.play_btn, self.next_btn, self.end_btn):
            nav.addWidget(w)
        nav.addSpacing(6)
        nav.addWidget(self.stage_box, 1)
        nav.addWidget(self.position)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar, 1)
        busy.addWidget(self.cancel_btn)
        self.busy_row = QWidget()
        self.busy_row.setLayout(busy)
        self.busy_row.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.sample_info)
        lay.addLayout(nav)
        lay.addWidget(self.pick_row)
        lay.addWidget(self.busy_row)

        self.sample_spin.valueChanged.connect(session.set_sample)
        self.batch_spin.valueChanged.connect(session.set_batch)
        self.digits_spin.valueChanged.connect(session.set_digits)
        self.stage_box.activated.connect(session.go)
        session.traceChanged.connect(self._on_trace)
        session.stageChanged.connect(self._on_stage)
        session.busyChanged.connect(self._on_busy)
        session.playingChanged.connect(self._on_playing)
        session.digitsChanged.connect(lambda d: self._on_trace())
        self._on_trace()

    # -- slots -----------------------------------------------------------------------
    @Slot()
    def _on_trace(self) -> None:
        s = self.session
        if s.samples:
            self.sample_spin.blockSignals(True)
            self.sample_spin.setRange(0, max(0, s.samples - 1))
            self.sample_spin.setValue(s.sample)
            self.sample_spin.blockSignals(False)
            self.sample_total.setText(f"of {s.samples}")
        self.stage_box.blockSignals(True)
        self.stage_box.clear()
        for i, st in enumerate(s.stages):
            self.stage_box.addItem(f"{i + 1}. {KIND_NAMES.get(st.kind, st.kind)}: {st.title}")
        self.stage_box.blockSignals(False)
        self.sample_info.setText(self._sample_text())
        self._on_stage(s.index)

    def _sample_text(self) -> str:
        s = self.session
        if s.error:
            return f"<span style='color:#c62828'>{s.error}</span>"
        if not s.trace:
            return ""
        d = s.digits
        x = (s.trace.get("input") or {}).get("value")
        target = (s.trace.get("loss") or {}).get("target")
        which = f"samples {s.sample}-{s.sample + s.batch - 1}" if s.batch > 1 else f"sample {s.sample}"
        parts = [f"<b>{which}</b>"]
        if x is not None:
            parts.append(f"input <code>{short_list(x, d)}</code>")
        if target is not None:
            parts.append(f"target <code>{short_list(target, d)}</code>")
        return " &nbsp;·&nbsp; ".join(parts)

    @Slot(int)
    def _on_stage(self, index: int) -> None:
        n = len(self.session.stages)
        self.stage_box.blockSignals(True)
        if n:
            self.stage_box.setCurrentIndex(index)
        self.stage_box.blockSignals(False)
        self.position.setText(f"{index + 1} / {n}" if n else "-")
        self.back_btn.setEnabled(n > 0 and index > 0)
        self.home_btn.setEnabled(n > 0 and index > 0)
        self.next_btn.setEnabled(n > 0 and index < n - 1)
        self.end_btn.setEnabled(n > 0 and index < n - 1)
        self.play_btn.setEnabled(n > 1)
        self._update_pick()

    # -- picking a neuron or pixel of a big layer -------------------------------------
    def _update_pick(self) -> None:
        """A row of spin boxes to choose the output position the panel writes out, for the
        stages of a Linear too big for one stage per neuron, and for a Conv2d's pixels."""
        s = self.session
        stage, trace = s.stage, s.trace
        entry = None
        if stage is not None and trace is not None and stage.neuron is None and stage.kind in ("forward", "backward"):
            entry = next((e for e in trace["forward"] if e["node"] == stage.node), None)
        pickable = entry is not None and (entry["type"] == "Linear" or (entry["type"] == "Conv2d" and stage.kind == "forward"))
        self.pick_row.setVisible(pickable)
        if not pickable:
            self._pick_key = None
            return
        shape = [int(n) for n in entry["shape"]]
        if entry["type"] == "Linear":
            shape = shape[-1:]
        names = ["neuron"] if entry["type"] == "Linear" else ["channel", "row", "column"]
        # neurons count from 1 as their subscripts (z1, z2); a map's channels, rows and columns
        # count from 0 as the convolution's formula and the receptive field's rows do
        base = 1 if entry["type"] == "Linear" else 0
        key = (stage.node, tuple(shape), base)
        focus = s.focus.get(stage.node)
        if key != self._pick_key:
            self._pick_key = key
            for sp in self.pick_spins:
                sp.deleteLater()
            self.pick_spins = []
            for i, (n, name) in enumerate(zip(shape, names)):
                sp = QSpinBox(objectName=f"stepPick{i}")
                sp.setRange(base, max(base, n - 1 + base))
                sp.setPrefix(f"{name} ")
                sp.setToolTip(f"Which {name} to write out ({base} to {n - 1 + base})")
                sp.setKeyboardTracking(False)
                sp.valueChanged.connect(self._on_pick)
                self.pick_box.addWidget(sp)
                self.pick_spins.append(sp)
        what = "neuron" if entry["type"] == "Linear" else "output pixel"
        self.pick_label.setText(f"Write out {what} of <b>{stage.node}</b>:")
        default = [0] * len(shape) if entry["type"] == "Linear" else [0, shape[1] // 2, shape[2] // 2]
        values = list(focus) if focus and len(focus) == len(shape) else default
        self._pick_base = base
        for sp, v in zip(self.pick_spins, values):
            sp.blockSignals(True)
            sp.setValue(v + base)
            sp.blockSignals(False)

    @Slot()
    def _on_pick(self) -> None:
        stage = self.session.stage
        if stage is not None and self.pick_spins:
            self.session.set_focus(stage.node, tuple(sp.value() - self._pick_base for sp in self.pick_spins))

    def _apply_icons(self) -> None:
        """The buttons' icons in the theme's text colour (Play shows Pause while playing)."""
        ink = theme.current()["text"]
        for button, name in ((self.home_btn, "first"), (self.back_btn, "back"), (self.next_btn, "next"),
                             (self.end_btn, "last"), (self.play_btn, "pause" if self._playing else "play")):
            button.setIcon(tool_icon(name, ink))

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.busy_row.setVisible(busy)

    @Slot(bool)
    def _on_playing(self, playing: bool) -> None:
        self._playing = playing
        self._apply_icons()
        self.play_btn.setToolTip("Pause (Space)" if playing else "Play the stages slowly (Space)")
