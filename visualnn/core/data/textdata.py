"""Texts to classify: tokenizers for any language, token-id sequences, and the ``text``
data kind (a CSV/TSV of text,label rows).

    {"kind": "text", "path": "reviews.csv", "text": "text", "label": "label",
     "tokens": "auto", "seq_len": 32, "min_count": 1, "pad": "start"}

``tokens``: ``words`` splits on spaces and punctuation (lower-cased; ``didn't`` stays one
word); ``chars`` makes every letter, digit or symbol a token; ``auto`` (the default)
splits words, except that every Chinese or Japanese character (Han, kana: languages
written without spaces) is a token of its own, so ``"iPhone 很好用"`` gives
``iphone 很 好 用``. ``seq_len`` defaults to the length that 95 % of the training texts
fit in (at most 256). The vocabulary comes from the training split only: index 0 is
``<pad>``, 1 is ``<unk>`` (a test token never seen in training).
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

from .dataset import DataError
from .limits import check_file
from .split import STREAM_SPLIT, assemble, check_fraction, num_test, rng_for

from visualnn.core.i18n import N_, tr

PAD, UNK = "<pad>", "<unk>"
TOKENS = ("auto", "words", "chars")
MAX_AUTO_LEN = 256
# Han (with its extensions and compatibility forms) and kana: scripts written without spaces
SPACELESS = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_AUTO = re.compile(rf"[{SPACELESS}]|(?:(?![{SPACELESS}])[^\W_])+(?:'(?:(?![{SPACELESS}])[^\W_])+)*")


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits, inner apostrophes kept: ``didn't``)."""
    return _WORD.findall(text.lower())


def chars(text: str) -> list[str]:
    """Every letter, digit or symbol (emoji too), lower-cased; spaces and punctuation dropped."""
    return [c for c in text.lower() if unicodedata.category(c)[0] in "LNS"]


def auto(text: str) -> list[str]:
    """Words, with every Chinese or Japanese character a token of its own."""
    return _AUTO.findall(text.lower())


TOKENIZERS = {"auto": auto, "words": words, "chars": chars}


def build_vocab(token_lists, min_count: int = 1) -> list[str]:
    """Index 0 is ``<pad>``, 1 is ``<unk>``; then tokens by falling count, ties in code
    point order, keeping tokens seen at least ``min_count`` times."""
    counts = Counter(w for tokens in token_lists for w in tokens)
    kept = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    return [PAD, UNK, *kept]


def encode(tokens: list[str], index: dict, seq_len: int, pad_start: bool) -> list[int]:
    """Token ids cut to ``seq_len``, padded with 0 at the start or the end."""
    ids = [index.get(w, 1) for w in tokens][:seq_len]
    padding = [0] * (seq_len - len(ids))
    return padding + ids if pad_start else ids + padding


def label_order(labels) -> list[str]:
    """The class names: whole numbers in numeric order, else in code point order."""
    names = set(labels)
    if all(re.fullmatch(r"-?\d+", s) for s in names):
        return sorted(names, key=int)
    return sorted(names)


def token_dataset(name: str, tokens: list[list[str]], labels: list[str], *, seed: int, test_fraction: float,
                  seq_len: int | None = None, min_count: int = 1, pad_start: bool = True):
    """The classification Dataset of token lists and their labels: padded token-id
    sequences (``input_dtype`` long) with the vocabulary of the training split."""
    class_names = label_order(labels)
    y = np.array([class_names.index(lab) for lab in labels], dtype=np.int64)
    f = check_fraction(test_fraction)
    n = len(tokens)
    # Split first (on indices), the same split assemble() makes, so the vocabulary sees training texts only.
    order = rng_for(seed, STREAM_SPLIT).permutation(n)
    train_ids = order[: n - num_test(n, f)]
    if seq_len is None:
        lengths = [len(tokens[i]) for i in train_ids] or [1]
        seq_len = int(min(MAX_AUTO_LEN, max(1, np.ceil(np.percentile(lengths, 95)))))
    vocab = build_vocab([tokens[i] for i in train_ids], min_count)
    index = {w: i for i, w in enumerate(vocab)}
    x = np.array([encode(t, index, seq_len, pad_start) for t in tokens], dtype=np.int64).reshape(n, seq_len)
    return assemble(name, x, y, task="classification", seed=seed, test_fraction=f, class_names=class_names,
                    num_classes=len(class_names), input_dtype="long", vocab=vocab)


# -- the text kind ------------------------------------------------------------------------

def _option(data: dict, key: str, default, check, message: str):
    value = data.get(key, default)
    if not check(value):
        raise DataError(tr(message, value=value))
    return value


def _whole(lo, hi):
    return lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi)


def read_text_table(path: Path, delimiter=None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows ``(line number, cells)`` of a UTF-8 CSV/TSV file."""
    check_file(path, N_("a text file"))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(tr("{name}: file not found ({path})", name=path.name, path=path)) from None
    except IsADirectoryError:
        raise DataError(tr("{path}: is a folder, not a text file", path=path)) from None
    except OSError as exc:
        raise DataError(tr("{name}: cannot read ({exc})", name=path.name, exc=exc)) from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(tr("{name}: not a UTF-8 text file (byte {at} cannot be read); save it as UTF-8 "
                           "(in Excel: CSV UTF-8)", name=path.name, at=exc.start)) from None
    if not content.strip():
        raise DataError(tr("{name} is empty", name=path.name))
    first = content.splitlines()[0]
    delim = delimiter or ("\t" if path.suffix.lower() == ".tsv" or "\t" in first else ",")
    try:
        reader = csv.reader(io.StringIO(content, newline=""), delimiter=delim)
        rows = [(reader.line_num, [c.strip() for c in cells]) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error as exc:
        raise DataError(tr("{name}: cannot read ({exc})", name=path.name, exc=exc)) from None
    header = rows[0][1]
    return header, rows[1:]


def _column(path: Path, header: list[str], wanted: str, message: str) -> int:
    if wanted not in header:
        raise DataError(tr(message, name=path.name, column=wanted, columns=", ".join(header)))
    return header.index(wanted)


def load_text_kind(data: dict, *, seed: int, test_fraction: float, base_dir=None, **_):
    """The ``text`` data kind: see the module's docstring."""
    if not data.get("path"):
        raise DataError(tr("text data needs 'path' (a CSV or TSV file of text,label rows, relative to the project)"))
    path = Path(str(data["path"])).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    mode = _option(data, "tokens", "auto", lambda v: v in TOKENS,
                   N_("text data: tokens must be 'auto', 'words' or 'chars', got {value!r}"))
    seq_len = _option(data, "seq_len", None, _whole(1, 4096), N_("text data: seq_len must be a whole number from 1 to 4096, got {value!r}"))
    min_count = _option(data, "min_count", 1, _whole(1, 1000), N_("text data: min_count must be a whole number from 1 to 1000, got {value!r}"))
    pad = _option(data, "pad", "start", lambda v: v in ("start", "end"), N_("text data: pad must be 'start' or 'end', got {value!r}"))
    header, rows = read_text_table(path, data.get("delimiter"))
    t_col = _column(path, header, str(data.get("text", "text")),
                    N_("{name}: no text column {column!r} (columns: {columns}); set \"text\" to the column that holds the texts"))
    l_col = _column(path, header, str(data.get("label", "label")),
                    N_("{name}: no label column {column!r} (columns: {columns}); set \"label\" to the column that holds the labels"))
    if not rows:
        raise DataError(tr("{name} has a header but no data rows", name=path.name))
    texts, labels = [], []
    for line, cells in rows:
        if max(t_col, l_col) >= len(cells):
            raise DataError(tr("{name} line {line}: expected {n} values, found {n2}", name=path.name, line=line,
                               n=len(header), n2=len(cells)))
        if not cells[l_col]:
            raise DataError(tr("{name} line {line}: the label is empty", name=path.name, line=line))
        texts.append(cells[t_col])
        labels.append(cells[l_col])
    if len(set(labels)) < 2:
        raise DataError(tr("{name}: every row has the label {label!r}; a classifier needs at least two labels",
                           name=path.name, label=labels[0]))
    tokenize = TOKENIZERS[mode]
    return token_dataset(path.stem, [tokenize(t) for t in texts], labels, seed=seed, test_fraction=test_fraction,
                         seq_len=seq_len, min_count=min_count, pad_start=pad == "start")
