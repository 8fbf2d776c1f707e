"""The step-through panel: controls on top, the equation panel, and beside it the numbers
editor; buttons for the gradient check and the worksheet export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from visualnn.gui.stepthrough.controls import StepControls
from visualnn.gui.stepthrough.equation_view import EquationView
from visualnn.gui.stepthrough.values_editor import ValuesEditor
from visualnn.gui.i18n import relabel, translate


class StepThroughPanel(QWidget):
    gradientCheckRequested = Signal()
    worksheetRequested = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stepThroughPanel")
        self.session = session
        self.controls = StepControls(session)
        self.equations = EquationView(session)
        self.editor = ValuesEditor(session)
        self.message = QLabel(objectName="stepMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828")
        self.message.hide()
        self.grad_btn = QPushButton(objectName="stepGradCheck")
        self.grad_btn.clicked.connect(self.gradientCheckRequested)
        self.sheet_btn = QPushButton(objectName="stepWorksheet")
        self.sheet_btn.clicked.connect(self.worksheetRequested)

        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(6, 0, 0, 0)
        title = QLabel()
        title.setWordWrap(True)

        def retranslate():
            self.grad_btn.setText(translate("panel", "Gradient check…"))
            self.grad_btn.setToolTip(translate("panel", "Compare every analytic gradient with a finite-difference "
                                                        "estimate"))
            self.sheet_btn.setText(translate("panel", "Worksheet…"))
            self.sheet_btn.setToolTip(translate("panel", "Export the whole trace as Markdown, CSV or LaTeX tables for "
                                                         "students"))
            head = translate("panel", "Hand-set numbers")
            hint = translate("panel", "(double-click a value; Ctrl+Z undoes)")
            title.setText(f"<b>{head}</b> <span style='color:gray'>{hint}</span>")

        relabel(self, retranslate)
        side_lay.addWidget(title)
        side_lay.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.grad_btn)
        buttons.addWidget(self.sheet_btn)
        side_lay.addLayout(buttons)

        main = QWidget()
        main_lay = QVBoxLayout(main)
        main_lay.setContentsMargins(0, 0, 0, 0)
        main_lay.addWidget(self.controls)
        main_lay.addWidget(self.message)
        main_lay.addWidget(self.equations, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(main)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 320])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.splitter)
        self.editor.message.connect(self.show_message)
        session.traceChanged.connect(self._on_trace)

    @Slot(str)
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @Slot()
    def _on_trace(self) -> None:
        ok = self.session.trace is not None
        self.grad_btn.setEnabled(ok)
        self.sheet_btn.setEnabled(ok)
        if ok:
            self.show_message("")
