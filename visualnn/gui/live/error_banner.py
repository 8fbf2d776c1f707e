"""The banner above the canvas when Play or Step cannot start or training stopped on an
error: what happened, the layer concerned (highlighted on the canvas), and what to try.
While it shows, the canvas's view starts below it, so it hides no card."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout

from visualnn.gui import style

WIDTH = 640
MARGIN = 6


class ErrorBanner(QFrame):
    showLayer = Signal(str)
    resetRequested = Signal()

    def __init__(self, host, parent=None):
        super().__init__(parent or host)
        self.host = host
        self.node = None
        self.setObjectName("trainingErrorBanner")
        err = style.hex_color("error")
        self.setStyleSheet(f"""
            QFrame#trainingErrorBanner {{ background: {style.hex_color('base')}; border: 1px solid {err};
                                          border-left: 6px solid {err}; border-radius: 8px; }}
            QLabel#bannerTitle {{ color: {err}; font-weight: 700; font-size: 12pt; }}
            QLabel#bannerHint {{ font-size: 11pt; }}""")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 10, 8, 10)
        text = QVBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("bannerTitle")
        self.title.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("bannerHint")
        self.hint.setWordWrap(True)
        text.addWidget(self.title)
        text.addWidget(self.hint)
        lay.addLayout(text, 1)
        self.show_button = QPushButton("Show layer")
        self.show_button.clicked.connect(lambda: self.node and self.showLayer.emit(self.node))
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Start again from the seed with the current settings")
        self.reset_button.clicked.connect(self.resetRequested.emit)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Hide this message")
        close.clicked.connect(self.hide)
        for w in (self.show_button, self.reset_button):
            lay.addWidget(w, 0, Qt.AlignmentFlag.AlignVCenter)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_problem(self, problem) -> None:
        if problem is None:
            self.hide()
            return
        self.node = problem.node
        where = f" (layer {problem.node})" if problem.node else ""
        self.title.setText(f"Training paused: {problem.message}{where}")
        self.hint.setText(f"What to try: {problem.hint}" if problem.hint else "")
        self.show_button.setVisible(bool(problem.node))
        self._place()
        self.host.installEventFilter(self)  # follows the canvas's size while shown
        self.show()
        self.raise_()

    def hideEvent(self, event):
        self.host.removeEventFilter(self)
        self.host.setViewportMargins(0, 0, 0, 0)
        super().hideEvent(event)

    def text(self) -> str:
        return f"{self.title.text()} {self.hint.text()}".strip()

    def _place(self) -> None:
        w = min(WIDTH, self.host.width() - 24)
        self.setFixedWidth(max(200, w))
        self.adjustSize()
        self.move((self.host.width() - self.width()) // 2, MARGIN)
        self.host.setViewportMargins(0, self.height() + 2 * MARGIN, 0, 0)  # the cards move down, out from under it

    def eventFilter(self, obj: QObject, event) -> bool:
        if obj is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
