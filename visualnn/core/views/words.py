"""Words for text models: a sentence as the network's token ids, ids back to words, and
an Embedding's vectors mapped to 2-D by principal components, with their words."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PAD_ID, UNK_ID = 0, 1


def text_settings(data: dict | None) -> tuple[str, bool]:
    """(tokenizer name, pad at the start) with which the project's text data was encoded:
    the `text` kind's `tokens` and `pad`; the sentiment set's words (characters and words
    "auto" for its Chinese reviews)."""
    data = data or {}
    if data.get("kind") == "text":
        return str(data.get("tokens", "auto")), data.get("pad", "start") == "start"
    params = data.get("params") or {}
    return ("auto" if params.get("language", "en") == "zh" else "words"), params.get("pad", "start") == "start"


def encode_sentence(text: str, vocab, seq_len: int, pad_start: bool = True,
                    tokens: str = "words") -> tuple[np.ndarray, list[str]]:
    """(ids (seq_len,) int64, the tokens kept) for `text` as the data encodes its texts:
    split by the tokenizer `tokens` (words, chars, auto), unknown tokens as <unk> (id 1),
    cut to seq_len and padded with 0 at the start (pad_start) or the end."""
    from visualnn.core.data.textdata import TOKENIZERS, encode

    kept = TOKENIZERS.get(tokens, TOKENIZERS["words"])(text)[:seq_len]
    index = {w: i for i, w in enumerate(vocab)}
    return np.asarray(encode(kept, index, seq_len, pad_start), dtype=np.int64), kept


def words_of(ids, vocab) -> list[str]:
    """The vocabulary's word for each id ("?" for an id outside it)."""
    n = len(vocab)
    return [str(vocab[i]) if 0 <= i < n else "?" for i in (int(v) for v in np.asarray(ids).ravel())]


@dataclass(frozen=True)
class EmbeddingMap:
    """coords: (n, 2) the first n embedding rows projected on their two principal
    components (centred); words: the row's word; shares: the variance share of each
    component (0..1)."""

    coords: np.ndarray
    words: tuple
    shares: tuple


def embedding_map(weight: np.ndarray, vocab=None, rows: int = 200, skip: int = 2) -> EmbeddingMap:
    """The Embedding's rows skip .. skip+rows (by default past <pad> and <unk>: the most
    frequent words come first in the vocabulary) in 2-D by PCA (as scikit-learn's PCA:
    centred, the top two right singular vectors)."""
    w = np.asarray(weight, dtype=np.float64)
    lo = min(skip, max(w.shape[0] - 2, 0))
    part = w[lo:lo + rows]
    if part.shape[0] < 2 or part.shape[1] < 1:
        return EmbeddingMap(np.zeros((part.shape[0], 2)), tuple(), (0.0, 0.0))
    centred = part - part.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    k = min(2, vt.shape[0])
    coords = np.zeros((part.shape[0], 2))
    coords[:, :k] = centred @ vt[:k].T
    var = s ** 2
    total = float(var.sum()) or 1.0
    shares = tuple(float(v / total) for v in list(var[:2]) + [0.0] * (2 - len(var[:2])))
    words = tuple(words_of(range(lo, lo + part.shape[0]), vocab)) if vocab is not None else \
        tuple(str(i) for i in range(lo, lo + part.shape[0]))
    return EmbeddingMap(coords, words, shares)


def sample_words(project, x) -> list[str] | None:
    """The words of the token ids `x` (one sample) for a project whose Input holds token ids
    of a data set with a vocabulary (None otherwise, or when its data cannot be loaded)."""
    from visualnn.core.data import DataError, load_dataset
    from visualnn.core.train.config import TrainConfig
    from visualnn.core.train.targets import data_task

    graph = project.graph
    inputs = graph.input_ids()
    if not inputs or graph.nodes[inputs[0]].params.get("dtype", "float") != "long":
        return None
    cfg = TrainConfig.from_dict(project.train)
    try:
        ds = load_dataset(project.data, seed=cfg.seed, test_fraction=cfg.test_fraction, base_dir=project.base_dir,
                          task=data_task(cfg.loss, project.data))
    except DataError:
        return None
    if not ds.vocab:
        return None
    return words_of(np.asarray(x).reshape(np.asarray(x).shape[0], -1)[0] if np.ndim(x) > 1 else x, ds.vocab)
