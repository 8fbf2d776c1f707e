"""Sentences to ids as the data set encodes them; embeddings in 2-D as scikit-learn's PCA."""

from __future__ import annotations

import numpy as np

from visualnn.core.views.words import embedding_map, encode_sentence, words_of

VOCAB = ["<pad>", "<unk>", "the", "film", "was", "great", "bad"]


def test_sentence_is_encoded_as_the_data_set_does():
    ids, tokens = encode_sentence("The film was GREAT, really", VOCAB, 6, pad_start=True)
    assert tokens == ["the", "film", "was", "great", "really"]
    assert ids.tolist() == [0, 2, 3, 4, 5, 1]
    ids, _ = encode_sentence("bad film", VOCAB, 4, pad_start=False)
    assert ids.tolist() == [6, 3, 0, 0]
    assert words_of([5, 1, 99], VOCAB) == ["great", "<unk>", "?"]


def test_embedding_map_is_pca():
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(0)
    w = rng.standard_normal((7, 5))
    m = embedding_map(w, VOCAB)
    pca = PCA(n_components=2).fit(w[2:])
    want = pca.transform(w[2:])
    for k in range(2):  # a component's sign is arbitrary
        sign = np.sign(np.dot(m.coords[:, k], want[:, k]))
        np.testing.assert_allclose(m.coords[:, k], sign * want[:, k], atol=1e-9)
    np.testing.assert_allclose(m.shares, pca.explained_variance_ratio_, atol=1e-9)
    assert m.words == ("the", "film", "was", "great", "bad")


def test_texts_are_split_as_their_data_was():
    from visualnn.core.views.words import text_settings

    assert text_settings({"kind": "text", "path": "a.csv", "tokens": "chars", "pad": "end"}) == ("chars", False)
    assert text_settings({"kind": "builtin", "name": "sentiment", "params": {"language": "zh"}}) == ("auto", True)
    assert text_settings({"kind": "builtin", "name": "sentiment", "params": {}}) == ("words", True)
    vocab = ["<pad>", "<unk>", "很", "好", "iphone"]
    ids, kept = encode_sentence("iPhone 很好用", vocab, 5, pad_start=True, tokens="auto")
    assert kept == ["iphone", "很", "好", "用"] and ids.tolist() == [0, 4, 2, 3, 1]
