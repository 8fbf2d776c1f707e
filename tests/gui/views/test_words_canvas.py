"""Text on the canvas: the Input shows the sentence's words, the Embedding's rows and the
attention matrix's axes are labelled with them; typing your own sentence changes them."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from tests.gui.views.helpers import attention_text_project, open_project_window
from visualnn.core.data import load_dataset
from visualnn.gui.live.words_overlay import LabelledHeat, TokenColumn

WAIT_MS = 20000


def test_tokens_label_the_input_embedding_and_attention(qtbot, tmp_path):
    project = attention_text_project()
    w = open_project_window(qtbot, tmp_path, project)
    ui, ctl = w.training, w.training.controller
    ov = ui.canvas_live.overlays
    assert isinstance(ov["x"], TokenColumn) and isinstance(ov["emb"], LabelledHeat) and isinstance(ov["att"], LabelledHeat)
    ds = load_dataset(project.data, seed=0, test_fraction=0.2)
    ids = ds.x_train[ctl.current.sample]
    words = [ds.vocab[i] for i in ids]
    qtbot.waitUntil(lambda: ov["x"].words == words, timeout=WAIT_MS)
    assert ov["x"].ids == ids.tolist()
    assert ov["emb"].row_words == words and ov["att"].row_words == words
    np.testing.assert_allclose(ov["att"].values, ctl.current.probe.attention["att"][0], rtol=1e-6)
    np.testing.assert_allclose(ov["emb"].values, ctl.current.probe.activations["emb"][0], rtol=1e-6)
    # your own sentence: typed in the input view, shown on the canvas
    ui.views.show_view("input")
    view = ui.views.views["input"]
    qtbot.keyClicks(view.sentence, "a great film")
    qtbot.waitUntil(lambda: ov["x"].words[-3:] == ["a", "great", "film"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.prediction is not None, timeout=WAIT_MS)
    assert ov["att"].row_words[-3:] == ["a", "great", "film"]
    assert view.answer.text().startswith("Prediction: ")
    qtbot.mouseClick(view.back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ov["x"].words == words, timeout=WAIT_MS)
