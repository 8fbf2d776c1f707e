"""The sign that training is on its way: the first Play starts a training process, which
takes seconds (PyTorch loads in it); until its first run is built, the Training panel says
"Starting training…" and its bar and the status bar's move as busy bars."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QProgressBar

def starting_text() -> str:
    return QCoreApplication.translate("StartingSign", "Starting training…")


class StartingSign(QObject):
    def __init__(self, panel, controller, status_bar, parent=None):
        super().__init__(parent)
        self.panel, self.ctl, self.status_bar = panel, controller, status_bar
        self.busy = QProgressBar()
        self.busy.setObjectName("startingBusy")
        self.busy.setRange(0, 0)  # no end known: Qt animates it
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setToolTip(starting_text())
        self.busy.hide()
        status_bar.addPermanentWidget(self.busy)
        self.showing = False
        self.text = starting_text()
        controller.sessionStarted.connect(self.done)
        controller.problemRaised.connect(lambda problem: problem is not None and self.done())
        controller.projectSwitched.connect(self.done)
        controller.stateChanged.connect(lambda state: state in ("stopped", "failed") and self.done())

    @Slot()
    def asked(self) -> None:
        """Play / Step pressed: say so at once if the run is not there yet."""
        if self.ctl.session is not None or self.ctl.closed:
            return
        self.showing = True
        self.text = starting_text()
        self.panel.status.setText(self.text)
        self.panel.progress.setRange(0, 0)
        self.busy.show()
        self.status_bar.showMessage(self.text)

    @Slot()
    def done(self, *_) -> None:
        if not self.showing:
            return
        self.showing = False
        self.busy.hide()
        self.panel.progress.setRange(0, 1)
        self.panel._on_counters(self.ctl.step, self.ctl.epoch)  # the epoch bar again
        if self.status_bar.currentMessage() == self.text:
            self.status_bar.clearMessage()
        if self.panel.status.text() == self.text:
            self.panel.status.setText("")
