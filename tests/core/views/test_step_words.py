"""Step-through on text writes words: "'great' -> row 281"."""

from __future__ import annotations


from tests.gui.views.helpers import sentiment_project
from visualnn.core.backprop.equations import stages
from visualnn.core.backprop.trace import trace_project
from visualnn.core.data import load_dataset


def test_embedding_stage_names_each_word_and_its_row():
    project = sentiment_project()
    trace = trace_project(project, sample=3)
    ds = load_dataset(project.data, seed=0, test_fraction=0.2)
    ids = ds.x_train[3]
    words = [ds.vocab[i] for i in ids]
    assert trace["tokens"] == words
    text = "\n".join(line for st in stages(trace) for line in (list(st.formula) + list(st.lines)))
    real = [(w, i) for w, i in zip(words, ids) if i != 0]
    w, i = real[0]
    assert f"'{w}' -> row {i} = " in text
    assert "id " + str(i) + " -> E[" not in text
    assert f"('{w}')" in text  # the backward rows name their words too
