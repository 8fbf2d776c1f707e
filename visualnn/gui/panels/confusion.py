"""The live confusion matrix and the metrics beside it: rows are the true classes,
columns the predicted ones, each cell's colour its share of the row, its number the
count (test split); then per class and macro-averaged precision, recall and F1
(core.train.metrics, computed with the predictions in the training process).

With the project's runs (use_runs), a strip under them compares each shown run's last
epoch (accuracy, macro F1, loss: core.train.runs.final_figures), every row in its run's
colour and the run in progress marked; the matrix's correct cells take that run's colour
(and the mistakes a neutral grey, so no run's colour reads as "wrong").

Class names are shown whole where they fit, elided with "…" where not, and in full in
the tooltip of any label."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from visualnn.core.train.runs import final_figures
from visualnn.gui import theme
from visualnn.gui.live.runs_model import run_color

ROW_H = 20.0
METRICS = ("precision", "recall", "f1")
RUN_ROWS = 5  # runs in the strip at most: the newest, the one in progress always among them


def newest(rows: list[tuple], most: int) -> list[tuple]:
    """The last `most` of run_rows() rows, in order, the run in progress always among them."""
    if len(rows) <= most:
        return rows
    current = [r for r in rows if r[4]][:max(most, 0)]
    room = max(most, 0) - len(current)
    others = [r for r in rows if not r[4]]
    picked = {id(r) for r in current + (others[-room:] if room else [])}
    return [r for r in rows if id(r) in picked]


class ConfusionView(QWidget):
    @property
    def title(self) -> str:
        return self.tr("Metrics")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setMouseTracking(True)
        self.session = None
        self.evaluation = None
        self.model = None  # the project's runs (RunsModel), once given
        self.tips: list[tuple[QRectF, str]] = []  # (label's rectangle, full text) of the last paint

    def use_runs(self, runs) -> None:
        """Compare the runs of `runs` (a RunsModel) under the matrix from now on."""
        self.model = runs
        runs.changed.connect(self.update)

    def run_rows(self) -> list[tuple]:
        """(run, label, colour, final_figures or None, is the run in progress) for each shown
        run with a finished epoch, and the run in progress; the newest RUN_ROWS of them."""
        if self.model is None:
            return []
        current = self.model.current
        rows = [(run, label, run_color(run), final_figures(run.history), run is current)
                for run, label in zip(self.model.runs, self.model.log.labels())
                if run.visible and (run.history or run is current)]
        return newest(rows, RUN_ROWS)

    def accent(self) -> QColor:
        """The colour of the correct cells: the run in progress's, else the theme's accent."""
        cur = self.model.current if self.model is not None else None
        return QColor(run_color(cur) if cur is not None and cur.visible else theme.current()["accent"])

    def set_session(self, session) -> None:
        self.session = session
        self.evaluation = None
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        if frame.evaluation is not self.evaluation:
            self.evaluation = frame.evaluation
            if self.isVisible():
                self.update()

    def matrix(self) -> np.ndarray | None:
        return None if self.evaluation is None else self.evaluation.confusion

    def names(self) -> list[str]:
        c = self.evaluation.confusion.shape[0]
        names = list(self.session.class_names) if self.session is not None else []
        return [str(n) for n in names] if len(names) == c else [str(i) for i in range(c)]

    def metric_rows(self) -> list[tuple[str, float, float, float, int | None]]:
        """(name, precision, recall, F1, support) per class, then the macro average's row."""
        r = self.evaluation.report
        if r is None:
            return []
        rows = [(n, r["precision"][i], r["recall"][i], r["f1"][i], int(r["support"][i]))
                for i, n in enumerate(self.names())]
        m = r["macro"]
        return rows + [(self.tr("macro average"), m["precision"], m["recall"], m["f1"], None)]

    def event(self, e):
        if e.type() == QEvent.Type.ToolTip:
            pos = e.position() if hasattr(e, "position") else e.pos()
            for rect, text in self.tips:
                if rect.contains(pos):
                    QToolTip.showText(e.globalPos(), text, self)
                    return True
            QToolTip.hideText()
            e.ignore()
            return True
        return super().event(e)

    def _label(self, p: QPainter, rect: QRectF, text: str, align) -> None:
        """`text` elided to fit `rect`; its full form in the tooltip."""
        fm = p.fontMetrics()
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
        p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
        self.tips.append((rect, text))

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.tips = []
        ev, s = self.evaluation, self.session
        p.setFont(theme.font(11, bold=True))
        p.setPen(QColor(t["text"]))
        head = self.tr("Confusion matrix")
        if ev is not None:
            acc = f"{100 * ev.accuracy:.1f}"
            test = ev.split == "test"
            head = (self.tr("Confusion matrix and metrics — test accuracy {acc} %") if test else
                    self.tr("Confusion matrix and metrics — training accuracy {acc} %")).format(acc=acc)
            if p.fontMetrics().horizontalAdvance(head) > self.width() - 16:  # a narrow pane: the number first
                head = (self.tr("test accuracy {acc} %") if test else
                        self.tr("training accuracy {acc} %")).format(acc=acc)
        p.drawText(QRectF(8, 2, self.width() - 16, 22), int(Qt.AlignmentFlag.AlignVCenter), head)
        runs = self.run_rows()
        strip_h = min(ROW_H * (len(runs) + 1) + 10, self.height() * 0.4) if runs else 0.0
        height = self.height() - strip_h
        if runs:
            self._draw_runs(p, runs, QRectF(8, height + 6, self.width() - 16, strip_h - 6))
        if ev is None or s is None:
            p.setFont(theme.font(10))
            p.setPen(QColor(t["text_muted"]))
            msg = self.tr("For classification") if s is not None and s.task != "classification" else \
                self.tr("Appears when training runs")
            p.drawText(QRectF(0, 0, self.width(), height), int(Qt.AlignmentFlag.AlignCenter), msg)
            p.end()
            return
        rows = self.metric_rows()
        table_h = ROW_H * (len(rows) + 1) + 8
        wide = self.width() >= 1.25 * height and self.width() > 420
        if wide:  # the table beside the matrix
            table_w = min(460.0, self.width() * 0.5)
            matrix_box = QRectF(0, 26, self.width() - table_w - 8, height - 26)
            table_box = QRectF(self.width() - table_w - 8, 30, table_w, min(table_h, height - 30))
        else:  # the table under it
            table_h = min(table_h, height * 0.5)
            matrix_box = QRectF(0, 26, self.width(), height - 26 - table_h)
            table_box = QRectF(8, height - table_h, self.width() - 16, table_h)
        self._draw_matrix(p, ev.confusion, self.names(), matrix_box)
        if rows:
            self._draw_table(p, rows, table_box)
        p.end()

    def to_csv(self) -> str:
        """The metrics shown: per class its support, precision, recall, F1 and its row of
        the confusion matrix, then the macro averages and the accuracy (core.train.metrics.
        report_to_csv), of the split the view shows."""
        from visualnn.core.train.metrics import report_from_confusion, report_to_csv

        ev = self.evaluation
        if ev is None:
            return ""
        report = {**(ev.report or report_from_confusion(ev.confusion)), "class_names": self.names()}
        return report_to_csv(report, ev.split)

    def _draw_matrix(self, p: QPainter, m: np.ndarray, names: list[str], box: QRectF) -> None:
        t = theme.current()
        c = m.shape[0]
        p.setFont(theme.font(10))
        fm = p.fontMetrics()
        label_w = min(max(fm.horizontalAdvance(n) for n in names) + 8.0, box.width() * 0.35)
        top, left = box.top() + 38.0, box.left() + label_w + 24.0
        side = max(8.0, min((box.right() - left - 8) / c, (box.bottom() - top - 6) / c))
        rows = m.sum(axis=1, keepdims=True).astype(float)
        share = np.divide(m, np.maximum(rows, 1.0))
        accent = self.accent()
        wrong = QColor(t["error"] if self.model is None else t["text_muted"])
        cell_font = theme.font(max(7.0, min(12.0, side * 0.32)))
        p.setPen(QColor(t["text_muted"]))
        p.drawText(QRectF(left, box.top(), c * side, 18), int(Qt.AlignmentFlag.AlignCenter), self.tr("predicted class →"))
        p.save()
        p.translate(box.left() + 10, top + c * side / 2)
        p.rotate(-90)
        p.drawText(QRectF(-80, -9, 160, 18), int(Qt.AlignmentFlag.AlignCenter), self.tr("true class →"))
        p.restore()
        for i in range(c):
            p.setFont(theme.font(10))
            p.setPen(QColor(t["text_params"]))
            self._label(p, QRectF(box.left() + 20, top + i * side, label_w, side), names[i], Qt.AlignmentFlag.AlignRight)
            if side >= 14:
                self._label(p, QRectF(left + i * side + 1, top - 20, side - 2, 18), names[i], Qt.AlignmentFlag.AlignHCenter)
            for j in range(c):
                col = QColor(accent if i == j else wrong)
                col.setAlphaF(0.08 + 0.85 * float(share[i, j]) if m[i, j] else 0.04)
                r = QRectF(left + j * side + 1, top + i * side + 1, side - 2, side - 2)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(col)
                p.drawRoundedRect(r, 3, 3)
                if side >= 16 and m[i, j]:
                    p.setFont(cell_font)
                    p.setPen(QColor("#ffffff") if share[i, j] > 0.5 else QColor(t["text"]))
                    p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), str(int(m[i, j])))

    def _draw_table(self, p: QPainter, rows: list, box: QRectF) -> None:
        t = theme.current()
        p.setFont(theme.font(10))
        heads = (self.tr("class"), self.tr("precision"), self.tr("recall"), self.tr("F1"), self.tr("count"))
        fm = p.fontMetrics()
        num_w = min(max(fm.horizontalAdvance(h) for h in heads[1:]) + 12.0, box.width() / 4.4)
        cols = 4 if box.width() - 4 * num_w >= 120 else 3  # a narrow pane: no count column
        heads = heads[:cols + 1]
        name_w = box.width() - cols * num_w
        fits = int(max(1, (box.height() - ROW_H) // ROW_H))
        shown = rows if len(rows) <= fits else rows[: fits - 1] + rows[-1:]  # the macro row always
        y = box.top()
        p.setPen(QColor(t["text_muted"]))
        for k, h in enumerate(heads):
            x = box.left() + (0 if k == 0 else name_w + (k - 1) * num_w)
            w = name_w if k == 0 else num_w
            self._label(p, QRectF(x, y, w - 4, ROW_H), h,
                        Qt.AlignmentFlag.AlignLeft if k == 0 else Qt.AlignmentFlag.AlignRight)
        for n, (name, prec, rec, f1, count) in enumerate(shown):
            y += ROW_H
            macro = count is None
            if macro:
                p.setPen(QColor(t["divider"]))
                p.drawLine(int(box.left()), int(y), int(box.right()), int(y))
            p.setFont(theme.font(10, bold=macro))
            p.setPen(QColor(t["text"] if macro else t["text_params"]))
            self._label(p, QRectF(box.left(), y, name_w - 4, ROW_H), name, Qt.AlignmentFlag.AlignLeft)
            cells = [f"{prec:.2f}", f"{rec:.2f}", f"{f1:.2f}", "" if macro else str(count)][:cols]
            for k, text in enumerate(cells):
                r = QRectF(box.left() + name_w + k * num_w, y, num_w - 4, ROW_H)
                p.drawText(r, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)

    def _draw_runs(self, p: QPainter, runs: list, box: QRectF) -> None:
        """The runs compared: a row each, tinted and marked in its colour, the run in
        progress in bold; accuracy, macro F1 and loss of its last epoch (a narrow pane
        keeps the first of them that fit)."""
        t = theme.current()
        heads = [self.tr("run"), self.tr("accuracy"), self.tr("macro F1"), self.tr("loss")]
        cells = [["–"] * 3 if fig is None else [
            "–" if fig["accuracy"] is None else f"{100 * fig['accuracy']:.1f} %",
            "–" if fig["f1"] is None else f"{fig['f1']:.2f}",
            "–" if fig["loss"] is None else f"{fig['loss']:.4g}"] for _, _, _, fig, _ in runs]
        bold = QFontMetricsF(theme.font(10, bold=True))
        widths = [max([bold.horizontalAdvance(h)] + [bold.horizontalAdvance(c[k]) for c in cells]) + 12.0
                  for k, h in enumerate(heads[1:])]
        cols = 3
        while cols > 1 and box.width() - sum(widths[:cols]) < 80:
            cols -= 1
        name_w = box.width() - sum(widths[:cols])
        lefts = [box.left() + name_w + sum(widths[:k]) for k in range(cols)]
        p.setFont(theme.font(10))
        p.setPen(QColor(t["divider"]))
        p.drawLine(int(box.left()), int(box.top()) - 3, int(box.right()), int(box.top()) - 3)
        p.setPen(QColor(t["text_muted"]))
        self._label(p, QRectF(box.left() + 10, box.top(), name_w - 14, ROW_H), heads[0], Qt.AlignmentFlag.AlignLeft)
        for k in range(cols):
            self._label(p, QRectF(lefts[k], box.top(), widths[k] - 4, ROW_H), heads[k + 1], Qt.AlignmentFlag.AlignRight)
        fits = int(max(0, (box.height() - ROW_H) // ROW_H))
        y = box.top()
        texts_of = {id(row): texts for row, texts in zip(runs, cells)}
        for row in newest(runs, fits):
            run, label, color, fig, current = row
            texts = texts_of[id(row)]
            y += ROW_H
            tint = QColor(color)
            tint.setAlphaF(0.16)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(tint)
            p.drawRoundedRect(QRectF(box.left(), y + 1, box.width(), ROW_H - 2), 3, 3)
            p.setBrush(QColor(color))
            p.drawRoundedRect(QRectF(box.left(), y + 1, 5, ROW_H - 2), 2, 2)
            p.setFont(theme.font(10, bold=current))
            p.setPen(QColor(t["text"]))
            name = self.tr("{run} (now)").format(run=label) if current else label
            self._label(p, QRectF(box.left() + 10, y, name_w - 14, ROW_H), name, Qt.AlignmentFlag.AlignLeft)
            if fig is not None:
                split = self.tr("test") if fig["split"] == "test" else self.tr("train")
                self.tips[-1] = (self.tips[-1][0], self.tr("{run}: epoch {epoch}, {split} split").format(
                    run=label, epoch=fig["epoch"], split=split))
            for k in range(cols):
                p.drawText(QRectF(lefts[k], y, widths[k] - 4, ROW_H),
                           int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), texts[k])
