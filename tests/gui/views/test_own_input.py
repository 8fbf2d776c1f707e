"""Your own input: drawing on the pad, typing a sentence and clicking the plane send the
network an input, and the prediction shown is the model's forward pass on it."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import QPoint, Qt

from tests.gui.views.helpers import digits_project, frame_for, run, sentiment_project, table_2d_project
from visualnn.gui.panels.own_input import OwnInputView


def _view(qtbot, session):
    view = OwnInputView()
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.set_session(session)
    view.show()
    qtbot.waitExposed(view)
    sent = []
    view.requested.connect(sent.append)
    return view, sent


def _forward(trainer, x):
    trainer.model.eval()
    with torch.no_grad():
        return trainer.model(torch.as_tensor(x).unsqueeze(0)).numpy()[0]


def _cell(pad, i, j) -> QPoint:
    r = pad.pad_rect()
    h, w = pad.pixels.shape
    return QPoint(int(r.left() + (j + 0.5) * r.width() / w), int(r.top() + (i + 0.5) * r.height() / h))


def test_drawing_on_the_pad_changes_the_prediction_to_the_models(qtbot):
    trainer, session, _ = run(digits_project(), steps=40)
    view, sent = _view(qtbot, session)
    assert view.pages.currentIndex() == 0 and view.pad.pixels.shape == (8, 8)
    # a vertical stroke: a "1"
    qtbot.mousePress(view.pad, Qt.MouseButton.LeftButton, pos=_cell(view.pad, 1, 4))
    for i in range(2, 7):
        qtbot.mouseMove(view.pad, _cell(view.pad, i, 4))
    qtbot.mouseRelease(view.pad, Qt.MouseButton.LeftButton, pos=_cell(view.pad, 6, 4))
    x = sent[-1]
    assert x.shape == (1, 8, 8) and x[0, 1:7, 4].min() == session.value_range[1]
    view.show_frame(frame_for(trainer, session, x))
    out = _forward(trainer, x)
    probs = torch.softmax(torch.from_numpy(out), 0).numpy()
    np.testing.assert_allclose(view.prediction[1], probs, rtol=1e-5, atol=1e-6)
    first = view.predicted_class()
    assert first == int(probs.argmax()) and view.answer.text().startswith("Prediction: ")
    # a horizontal bar across the middle turns it into another digit's input
    for j in range(0, 8):
        qtbot.mouseClick(view.pad, Qt.MouseButton.LeftButton, pos=_cell(view.pad, 3, j))
    x2 = sent[-1]
    view.show_frame(frame_for(trainer, session, x2))
    want = torch.softmax(torch.from_numpy(_forward(trainer, x2)), 0).numpy()
    np.testing.assert_allclose(view.prediction[1], want, rtol=1e-5, atol=1e-6)
    assert not np.allclose(want, probs)
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert not sent[-1].any()


def test_typing_a_sentence_sends_its_word_ids(qtbot):
    trainer, session, _ = run(sentiment_project(), steps=10)
    view, sent = _view(qtbot, session)
    assert view.pages.currentIndex() == 1
    qtbot.keyClicks(view.sentence, "a great film")
    ids = sent[-1]
    vocab = list(session.vocab)
    assert ids.tolist()[-3:] == [vocab.index(w) if w in vocab else 1 for w in ("a", "great", "film")]
    assert f"'great' → {vocab.index('great')}" in view.tokens.text()
    view.show_frame(frame_for(trainer, session, ids))
    want = torch.softmax(torch.from_numpy(_forward(trainer, ids)), 0).numpy()
    np.testing.assert_allclose(view.prediction[1], want, rtol=1e-5, atol=1e-6)


def test_clicking_the_plane_probes_that_point_and_editing_adds_and_removes_points(qtbot):
    from visualnn.gui.document import Document
    from types import SimpleNamespace

    project = table_2d_project()
    trainer, session, frame = run(project, steps=10)
    view, sent = _view(qtbot, session)
    doc = Document(project)
    view.attach(SimpleNamespace(doc=doc))
    view.show_frame(frame)
    assert view.pages.currentIndex() == 2
    at = view.plane.to_pixel(0.5, -0.5)
    qtbot.mouseClick(view.plane, Qt.MouseButton.LeftButton, pos=at.toPoint())
    x = sent[-1]
    np.testing.assert_allclose(x, [0.5, -0.5], atol=0.05)
    view.show_frame(frame_for(trainer, session, x))
    want = torch.softmax(torch.from_numpy(_forward(trainer, x)), 0).numpy()
    np.testing.assert_allclose(view.prediction[1], want, rtol=1e-5, atol=1e-6)
    # editing: a click adds a point of the chosen class, undo takes it back
    n = len(project.data["inputs"])
    qtbot.mouseClick(view.edit_box, Qt.MouseButton.LeftButton)
    view.class_box.setCurrentIndex(2)
    qtbot.mouseClick(view.plane, Qt.MouseButton.LeftButton, pos=at.toPoint())
    data = doc.project.data
    assert data["kind"] == "table" and len(data["inputs"]) == n + 1 and data["targets"][-1] == [2]
    np.testing.assert_allclose(data["inputs"][-1], [0.5, -0.5], atol=0.05)
    doc.undo_stack.undo()
    assert len(doc.project.data["inputs"]) == n
    # the right button removes the nearest point
    px, py = session.points[0]
    qtbot.mouseClick(view.plane, Qt.MouseButton.RightButton, pos=view.plane.to_pixel(float(px), float(py)).toPoint())
    left = doc.project.data["inputs"]
    assert len(left) == n - 1 and not any(np.allclose(p, [px, py]) for p in left)
