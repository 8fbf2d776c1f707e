"""The embedding map: the Embedding's rows of the frame in 2-D by PCA, with their words."""

from __future__ import annotations

import numpy as np

from tests.gui.views.helpers import run, sentiment_project
from visualnn.gui.panels.embedding_map import EmbeddingMapView
from visualnn.gui.panels.live_views import applies


def test_embedding_map_shows_the_models_word_vectors(qtbot):
    from sklearn.decomposition import PCA

    trainer, session, frame = run(sentiment_project(), steps=5)
    assert applies("embedding", session)
    view = EmbeddingMapView()
    qtbot.addWidget(view)
    view.resize(500, 360)
    view.set_session(session)
    view.show_frame(frame)
    view.show()
    qtbot.waitExposed(view)
    w = trainer.model.layer("emb").weight.detach().numpy()[2:152]
    want = PCA(n_components=2).fit_transform(w)
    pos = view.words_at()
    vocab = list(session.vocab)
    for word in ("the", "great", vocab[40]):
        k = vocab.index(word) - 2
        got = np.array(pos[word])
        signs = np.sign(np.sum(np.array([view.map.coords[:, i] * want[:, i] for i in range(2)]), axis=1))
        np.testing.assert_allclose(got, signs * want[k], rtol=1e-4, atol=1e-5)
    view.grab()
