"""The gradient check dialog: every analytic gradient next to its finite-difference
estimate, with the relative error coloured (green: agrees, amber: suspicious, red: wrong).

The check runs in a JobThread (it evaluates the loss twice per checked value), with a busy
bar and Cancel; the table fills when it is done.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QProgressBar, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from visualnn.gui.stepthrough.worker import JobThread, abandon
from visualnn.gui.i18n import translate


GOOD, FAIR = 1e-6, 1e-3   # relative error: below GOOD agrees, below FAIR is suspicious, above is wrong
COLUMNS = (QT_TRANSLATE_NOOP("gradcheck_view", "node"), QT_TRANSLATE_NOOP("gradcheck_view", "parameter"), QT_TRANSLATE_NOOP("gradcheck_view", "index"), QT_TRANSLATE_NOOP("gradcheck_view", "analytic dE/dw"),
           QT_TRANSLATE_NOOP("gradcheck_view", "numeric (central difference)"), QT_TRANSLATE_NOOP("gradcheck_view", "relative error"))


def run_check(project, sample: int, batch: int) -> dict:
    from visualnn.core.backprop.gradcheck import gradient_check

    return gradient_check(project, sample=sample, batch=batch if batch > 1 else None)


def error_color(rel: float) -> QColor:
    if rel < GOOD:
        return QColor("#d1fadf")
    if rel < FAIR:
        return QColor("#fef0c7")
    return QColor("#fee4e2")


class GradientCheckDialog(QDialog):
    def __init__(self, project, sample: int, batch: int, digits: int = 6, parent=None):
        super().__init__(parent)
        self.setObjectName("gradientCheckDialog")
        self.setWindowTitle(translate("gradcheck_view", "Gradient check"))
        self.digits = max(6, digits)
        self.result: dict | None = None
        self.summary = QLabel(translate("gradcheck_view", "Comparing every gradient with a finite-difference "
                                                          "estimate..."), objectName="gradSummary")
        self.summary.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.table = QTableWidget(0, len(COLUMNS), objectName="gradTable")
        self.table.setHorizontalHeaderLabels([translate("gradcheck_view", c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.busy)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.buttons)
        self.resize(820, 520)
        self.thread = JobThread(run_check, (project.copy(), sample, batch), 0, self)
        self.thread.done.connect(self._on_done)
        self.thread.failed.connect(self._on_failed)

    def start(self) -> None:
        self.thread.start()

    def wait(self, msecs: int = 60000) -> bool:
        return self.thread.wait(msecs)

    def done(self, r: int) -> None:  # closed while the check runs: it finishes unseen
        abandon(self.thread)
        super().done(r)

    @Slot(object, int)
    def _on_done(self, result: dict, _ticket: int) -> None:
        self.result = result
        self.busy.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(True)
        rows = result["rows"]
        self.table.setRowCount(len(rows))
        d = self.digits
        for r, row in enumerate(rows):
            cells = (row["node"], row["param"], str(row["index"]), f"{row['analytic']:.{d}e}",
                     f"{row['numeric']:.{d}e}", f"{row['rel_error']:.2e}")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 5:
                    item.setBackground(error_color(row["rel_error"]))
                    item.setForeground(QColor("#101828"))
                self.table.setItem(r, c, item)
        worst = result["max_rel_error"]
        verdict = (translate("gradcheck_view", "the gradients agree") if worst < GOOD else
                   translate("gradcheck_view", "close, but check the largest errors") if worst < FAIR else translate("gradcheck_view", "some gradients disagree"))
        if result["checked"] == result["total"]:
            checked = translate("gradcheck_view", "{n} values checked").format(n=result['checked'])
        else:
            checked = translate("gradcheck_view", "{n} values checked (a seeded sample of {n} of the {total} "
                                                  "values)").format(
                n=result['checked'], total=result['total'])
        self.summary.setText(translate("gradcheck_view", "<b>Largest relative error {worst}</b>: {verdict}. {checked}, "
                                                         "eps = {eps}; "
                                       "relative error = |analytic - numeric| / max(|analytic|, |numeric|).").format(
            worst=f"{worst:.2e}", verdict=verdict, checked=checked, eps=f"{result['eps']:g}"))

    @Slot(str, int)
    def _on_failed(self, message: str, _ticket: int) -> None:
        self.busy.hide()
        self.summary.setText(translate("gradcheck_view", "<span style='color:#c62828'>Gradient check failed: "
                                                         "{message}</span>").format(
            message=message))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(True)
