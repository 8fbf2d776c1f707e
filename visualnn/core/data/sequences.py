"""Sequence sets: a sine wave to continue, and short sentences to classify."""
from __future__ import annotations

import numpy as np

from .assets import asset_path
from .dataset import DataError
from .split import STREAM_DATA, assemble, rng_for
from .textdata import auto, token_dataset, words

from visualnn.core.i18n import tr


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
    return words(text)


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


def sentiment(params: dict, *, seed: int, test_fraction: float, **_):
    """The bundled review sentences: 0 = negative, 1 = positive.

    ``language`` "en": about 1,200 English reviews split into words; "zh": 326 Chinese
    reviews written for visualnn, split into characters. The vocabulary comes from the
    training split only, so test tokens never seen in training become ``<unk>``.
    Sentences longer than ``seq_len`` are cut; shorter ones are padded with 0 at the
    start (``pad="start"``, so the last time step of a recurrent layer is a real token)
    or at the end.
    """
    zh = params.get("language", "en") == "zh"
    labels, texts = read_corpus(asset_path("corpora", "sentiment_zh.tsv" if zh else "sentiment.tsv"))
    tokens = [auto(t) if zh else words(t) for t in texts]
    return token_dataset("sentiment", tokens, labels, seed=seed, test_fraction=test_fraction,
                         seq_len=int(params["seq_len"]), min_count=int(params["min_count"]),
                         pad_start=params["pad"] == "start")
