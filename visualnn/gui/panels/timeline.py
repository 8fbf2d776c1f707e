"""The timeline: a slider over the captured frames; dragging it back redraws every view
as it was at that step; Live (or the right end) follows training again."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from visualnn.gui.elided_label import ElidedLabel


class TimelineBar(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.ctl = controller
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setObjectName("timelineSlider")
        self.slider.setToolTip("Drag back to see the network as it was at an earlier step")
        self.label = ElidedLabel("no frames yet")
        self.live = QToolButton()
        self.live.setText("● Live")
        self.live.setToolTip("Follow training again")
        self.live.setEnabled(False)
        lay.addWidget(QLabel("Timeline"))
        lay.addWidget(self.slider, 2)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.live)
        self.slider.valueChanged.connect(self._on_slider)
        self.live.clicked.connect(self.go_live)
        controller.timelineChanged.connect(self._on_timeline)
        controller.runReset.connect(lambda _: self._on_timeline(0))
        controller.projectSwitched.connect(self._on_project_switched)
        controller.frameShown.connect(self._on_frame)
        self._pending = False
        self._labelled_at = 0.0
        self._sync = QTimer(self)  # the slider's range follows at a few Hz, not at every frame
        self._sync.setInterval(250)
        self._sync.setSingleShot(True)
        self._sync.timeout.connect(self._apply_range)

    @Slot()
    def _on_project_switched(self) -> None:
        self.label.setText("no frames yet")
        self.live.setEnabled(False)
        self._apply_range()

    @Slot(int)
    def _on_timeline(self, n: int) -> None:
        if not self._sync.isActive():
            self._sync.start()

    def _apply_range(self) -> None:
        n = len(self.ctl.timeline)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, n - 1))
        if self.ctl.following:
            self.slider.setValue(max(0, n - 1))
        self.slider.blockSignals(False)

    @Slot(int)
    def _on_slider(self, i: int) -> None:
        self.ctl.show_index(i)

    @Slot(object)
    def _on_frame(self, frame) -> None:
        live = self.ctl.following
        now = time.perf_counter()
        if live and self.ctl.state == "running" and now - self._labelled_at < 0.1:
            return  # 10 label changes a second are plenty (each one repaints the bar)
        self._labelled_at = now
        if self.live.isEnabled() == live:
            self.live.setEnabled(not live)
        self.label.setText(f"step {frame.step:,} · epoch {frame.epoch:,}" + ("" if live else "  (past)"))

    @Slot()
    def go_live(self) -> None:
        self._apply_range()
        self.ctl.follow()
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
