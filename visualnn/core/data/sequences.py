"""Sequence sets: a sine wave to continue, and short sentences to classify."""
from __future__ import annotations

import re
from collections import Counter

import numpy as np

from .assets import asset_path
from .dataset import DataError
from .split import STREAM_DATA, STREAM_SPLIT, assemble, check_fraction, num_test, rng_for

from visualnn.core.i18n import tr

PAD, UNK = "<pad>", "<unk>"
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def sine(params: dict, *, seed: int, test_fraction: float, **_):
    """Windows of a sine wave; the target is the next value.

    Each sample has its own phase and a frequency of 0.5..1.5 radians per unit of
    time, sampled every 0.3 units (a period of about 14 to 42 steps), amplitude 1.
    ``noise`` adds ``uniform(-1, 1) * noise`` to the inputs only, so the target
    stays the clean next value.
    """
    n, seq_len, noise = int(params["samples"]), int(params["seq_len"]), float(params["noise"])
    rng = rng_for(seed, STREAM_DATA)
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    freq = rng.uniform(0.5, 1.5, (n, 1))
    t = np.arange(seq_len + 1)[None, :] * 0.3
    wave = np.sin(freq * t + phase)
    x = wave[:, :seq_len] + rng.uniform(-1, 1, (n, seq_len)) * noise
    y = wave[:, seq_len:]
    return assemble("sine", x[:, :, None], y, task="regression", seed=seed,
                    test_fraction=test_fraction, feature_names=["value"])


def tokenize(text: str) -> list[str]:
    """Lower-case words (letters and digits, inner apostrophes kept: ``didn't``)."""
    return _WORD.findall(text.lower())


def read_corpus(path) -> tuple[list[str], list[str]]:
    """Read ``label<TAB>sentence`` lines; returns (labels, sentences)."""
    labels, texts = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or not text.strip():
            raise DataError(tr("{name} line {number}: expected label<TAB>sentence", name=path.name, number=number))
        labels.append(label.strip())
        texts.append(text.strip())
    return labels, texts


def build_vocab(token_lists, min_count: int = 1) -> list[str]:
    """Index 0 is ``<pad>``, 1 is ``<unk>``; then words by falling count, ties
    alphabetically, keeping words seen at least ``min_count`` times."""
    counts = Counter(w for tokens in token_lists for w in tokens)
    words = sorted((w for w, c in counts.items() if c >= min_count),
                   key=lambda w: (-counts[w], w))
    return [PAD, UNK, *words]


def encode(tokens: list[str], index: dict, seq_len: int, pad_start: bool) -> list[int]:
    ids = [index.get(w, 1) for w in tokens][:seq_len]
    padding = [0] * (seq_len - len(ids))
    return padding + ids if pad_start else ids + padding


def sentiment(params: dict, *, seed: int, test_fraction: float, **_):
    """The bundled review sentences: 0 = negative, 1 = positive.

    The vocabulary comes from the training split only, so test words never seen in
    training become ``<unk>``. Sentences longer than ``seq_len`` are cut; shorter
    ones are padded with 0 at the start (``pad="start"``, so the last time step of
    a recurrent layer is a real word) or at the end.
    """
    seq_len = int(params["seq_len"])
    labels, texts = read_corpus(asset_path("corpora", "sentiment.tsv"))
    class_names = sorted(set(labels))
    y = np.array([class_names.index(lab) for lab in labels], dtype=np.int64)
    tokens = [tokenize(t) for t in texts]
    # Split first (on indices) so the vocabulary sees the training sentences only.
    f = check_fraction(test_fraction)
    n = len(tokens)
    order = rng_for(seed, STREAM_SPLIT).permutation(n)
    train_ids = order[: n - num_test(n, f)]
    vocab = build_vocab([tokens[i] for i in train_ids], int(params["min_count"]))
    index = {w: i for i, w in enumerate(vocab)}
    pad_start = params["pad"] == "start"
    x = np.array([encode(t, index, seq_len, pad_start) for t in tokens], dtype=np.int64)
    return assemble("sentiment", x.reshape(n, seq_len), y, task="classification",
                    seed=seed, test_fraction=f, class_names=class_names,
                    num_classes=len(class_names), input_dtype="long", vocab=vocab)
