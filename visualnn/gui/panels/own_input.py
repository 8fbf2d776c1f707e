"""Your own input: draw a digit (at the data set's resolution), type a sentence, or click
a point of the plane, and the network answers at once: its prediction here, every
activation on the canvas (the training process computes them with the current weights).
For 2-D classification sets, "Edit points" makes clicks add a point of the chosen class
(left button) or remove the nearest one (right button), as an undoable edit of the
project's data (it becomes a table of its points)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QBoxLayout, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
                               QStackedWidget, QVBoxLayout, QWidget)

from visualnn.gui import theme
from visualnn.gui.panels.draw_pad import DrawPad, PlanePad
from visualnn.gui.workers.frames import class_scores


def input_kind(session) -> str | None:
    """"image", "text" or "plane": which pad fits the session's data (None: none does)."""
    if session is None:
        return None
    if getattr(session, "image_shape", None) is not None:
        return "image"
    if getattr(session, "vocab", ()) and len(session.shapes.get(session.input_id, ())) == 1:
        return "text"
    if session.is_2d:
        return "plane"
    return None


class Bars(QWidget):
    """The prediction: one bar per class with its name and probability."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(30)
        self.rows: list[tuple[str, float]] = []

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.setFont(theme.font(10))
        fm = p.fontMetrics()
        n = max(len(self.rows), 1)
        h = min(22.0, self.height() / n)
        name_w = min(max([fm.horizontalAdvance(a) for a, _ in self.rows] + [20]) + 8, self.width() * 0.4)
        best = max(range(len(self.rows)), key=lambda i: self.rows[i][1]) if self.rows else -1
        for i, (name, v) in enumerate(self.rows):
            y = i * h
            p.setPen(QColor(t["text"] if i == best else t["text_params"]))
            p.drawText(QRectF(0, y, name_w - 6, h), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       fm.elidedText(name, Qt.TextElideMode.ElideRight, int(name_w - 6)))
            full = self.width() - name_w - 56
            p.fillRect(QRectF(name_w, y + 3, max(full, 0) * float(np.clip(v, 0, 1)), h - 6),
                       QColor(t["accent"] if i == best else t["edge"]))
            p.drawText(QRectF(self.width() - 54, y, 54, h), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       f"{100 * v:.0f} %")
        p.end()


class OwnInputView(QWidget):
    @property
    def title(self) -> str:
        return self.tr("Your input")

    requested = Signal(object)  # the input as an array in the network's input shape, or None
    request_kind = "input"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.ctl = None
        self.value = None        # what was last sent
        self.prediction = None   # the network's output for it: (output array, scores or None)
        self.heading = QLabel()
        self.heading.setFont(theme.font(11, bold=True))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.pad = DrawPad()
        self.clear_button = QPushButton()
        self.sentence = QLineEdit()
        self.tokens = QLabel()
        self.tokens.setWordWrap(True)
        self.plane = PlanePad()
        self.edit_box = QCheckBox()
        self.class_box = QComboBox()
        self.back = QPushButton()
        self.answer = QLabel()
        self.answer.setFont(theme.font(13, bold=True))
        self.answer.setWordWrap(True)
        self.bars = Bars()
        # a narrow pane cuts these short instead of widening the pane
        for w in (self.back, self.clear_button, self.class_box, self.heading):
            w.setSizePolicy(QSizePolicy.Policy.Ignored, w.sizePolicy().verticalPolicy())
        self.class_box.setMinimumContentsLength(3)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._page(self.pad, self.clear_button))
        self.pages.addWidget(self._page(self.sentence, self.tokens))
        row = QHBoxLayout()
        row.addWidget(self.edit_box)
        row.addWidget(self.class_box, 1)
        self.pages.addWidget(self._page(self.plane, row))
        self.pages.addWidget(QWidget())
        right = QVBoxLayout()
        right.addWidget(self.answer)
        right.addWidget(self.bars, 1)
        right.addWidget(self.back)
        body = self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.addWidget(self.pages, 1)
        body.addLayout(right, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addLayout(body, 1)
        self.pad.changed.connect(self._send_pad)
        self.clear_button.clicked.connect(self.pad.clear)
        self.sentence.textChanged.connect(self._send_sentence)
        self.plane.picked.connect(self._send_point)
        self.plane.edit.connect(self._edit_point)
        self.edit_box.toggled.connect(self._on_editing)
        self.back.clicked.connect(self._back)
        self._retranslate()

    def _retranslate(self) -> None:
        self.heading.setText(self.tr("Try the network on your own input"))
        self.clear_button.setText(self.tr("Clear"))
        self.sentence.setPlaceholderText(self.tr("Type a sentence, e.g. the film was great"))
        self.edit_box.setText(self.tr("Edit points"))
        self.edit_box.setToolTip(self.tr("Left click adds a training point of the chosen class, right click "
                                         "removes the nearest one (Undo takes it back)"))
        self.back.setText(self.tr("Training sample"))
        self.back.setToolTip(self.tr("Back to the training sample on the canvas"))
        self._show_kind()

    def resizeEvent(self, event) -> None:
        # a narrow pane puts the answer under the pad
        wide = event.size().width() >= 1.1 * event.size().height() and event.size().width() >= 380
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    @staticmethod
    def _page(top, bottom) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(top, 1)
        v.addLayout(bottom) if isinstance(bottom, QHBoxLayout) else v.addWidget(bottom)
        return w

    def attach(self, controller) -> None:
        """The controller whose document the point edits change."""
        self.ctl = controller

    # -- the session ------------------------------------------------------------------------
    def set_session(self, session) -> None:
        self.session = session
        self.plane.session = session
        self.plane.grid = None
        self.prediction = None
        if session.image_shape is not None:
            self.pad.set_shape(session.image_shape)
        self.class_box.clear()
        names = list(session.class_names) or [str(i) for i in range(session.num_classes)]
        self.class_box.addItems(names)
        self._show_kind()

    def _show_kind(self) -> None:
        kind = input_kind(self.session)
        self.pages.setCurrentIndex({"image": 0, "text": 1, "plane": 2}.get(kind, 3))
        # a table of the points keeps the data only where the points are the inputs themselves
        editable = kind == "plane" and self.session.task == "classification" and \
            self.session.plane_features in ((), ("x1", "x2"))
        self.edit_box.setVisible(editable)
        self.class_box.setVisible(editable)
        self.hint.setText({
            "image": self.tr("Draw with the left mouse button, erase with the right one."),
            "text": self.tr("The sentence is cut into the words the network knows; unknown words become <unk>."),
            "plane": self.tr("Click a point of the plane."),
        }.get(kind, self.tr("For images, sentences and points of a plane")))
        self._show_answer()

    # -- sending ------------------------------------------------------------------------------
    def input_shape(self) -> tuple:
        return tuple(self.session.shapes[self.session.input_id])

    def _send(self, value) -> None:
        self.value = value
        self.requested.emit(value)

    @Slot()
    def _send_pad(self) -> None:
        if self.session is None:
            return
        lo, hi = self.session.value_range
        x = (lo + (hi - lo) * self.pad.pixels).astype(np.float32)
        self._send(x.reshape(self.input_shape()))

    @Slot(str)
    def _send_sentence(self, text: str) -> None:
        from visualnn.core.views.words import encode_sentence

        s = self.session
        if s is None or not s.vocab:
            return
        ids, tokens = encode_sentence(text, s.vocab, self.input_shape()[0], s.pad_start, s.tokenizer)
        shown = [f"'{w}' → {i}" if s.vocab[i] == w else f"'{w}' → {i} (<unk>)"
                 for w, i in zip(tokens, [int(v) for v in ids if v != 0])]
        self.tokens.setText("   ".join(shown))
        self._send(ids)

    @Slot(float, float)
    def _send_point(self, x: float, y: float) -> None:
        point = np.array([x, y], dtype=np.float32)
        if self.session.plane_features:  # feature inputs: what the network takes for that point
            from visualnn.core.data.features import plane_inputs

            point = plane_inputs(point[None], self.session.plane_features)[0]
        self._send(point)

    @Slot()
    def _back(self) -> None:
        self.value = None
        self.prediction = None
        self.requested.emit(None)
        self._show_answer()

    @Slot(bool)
    def _on_editing(self, on: bool) -> None:
        self.plane.editing = on
        self.plane.update()

    @Slot(float, float, bool)
    def _edit_point(self, x: float, y: float, remove: bool) -> None:
        """Add (or remove) a training point: the data becomes a table of its points."""
        from visualnn.core.views.points import edited_table, nearest
        from visualnn.gui.commands import ChangeData

        s = self.session
        if s is None or self.ctl is None or s.points is None:
            return
        pts, labels = s.points, s.labels
        if s.test_points is not None:
            pts = np.concatenate([pts, s.test_points])
            labels = np.concatenate([labels, s.test_labels])
        if s.num_train > len(s.points):
            return  # only part of the set reached the views: a table of it would lose points
        x0, x1, y0, y1 = s.extent
        if remove:
            i = nearest(pts, (x, y), 0.05 * max(x1 - x0, y1 - y0))
            if i is None:
                return
            data, text = edited_table(pts, labels, remove=i), self.tr("Remove a data point")
        else:
            data, text = edited_table(pts, labels, add=(x, y, self.class_box.currentIndex())), \
                self.tr("Add a data point")
        doc = self.ctl.doc
        doc.undo_stack.push(ChangeData(doc, data, text=text))

    # -- frames -------------------------------------------------------------------------------
    def showEvent(self, event):
        super().showEvent(event)
        if self.value is not None:
            self.requested.emit(self.value)

    def hideEvent(self, event):
        super().hideEvent(event)
        if self.value is not None:
            self.requested.emit(None)  # the canvas goes back to the training sample

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        if frame.grid is not None and frame.grid is not self.plane.grid:
            self.plane.grid = frame.grid
            self.plane.update()
        if frame.own_input and self.value is not None:
            out = np.asarray(frame.probe.output).reshape(1, -1)
            scores = None
            if self.session.task == "classification":
                scores = class_scores(out, self.session.loss)[0]
                scores = scores / max(float(scores.sum()), 1e-12)
            self.prediction = (out[0], scores)
            self._show_answer()

    def _show_answer(self) -> None:
        s = self.session
        if self.prediction is None or s is None:
            self.answer.setText(self.tr("Prediction: —"))
            self.bars.rows = []
        else:
            out, scores = self.prediction
            if scores is not None:
                names = list(s.class_names) if len(s.class_names) == len(scores) else \
                    [str(i) for i in range(len(scores))]
                k = int(np.argmax(scores))
                self.answer.setText(self.tr("Prediction: {name} ({p} %)").format(name=names[k],
                                                                                    p=f"{100 * scores[k]:.0f}"))
                self.bars.rows = list(zip(names, [float(v) for v in scores]))
            else:
                self.answer.setText(self.tr("Output: {values}").format(values=", ".join(f"{v:.4g}" for v in out[:6])))
                self.bars.rows = []
        self.bars.update()

    def predicted_class(self) -> int | None:
        if self.prediction is None or self.prediction[1] is None:
            return None
        return int(np.argmax(self.prediction[1]))
