"""Texts in any language: the tokenizers, the `text` data kind (a CSV/TSV of text,label
rows) and its refusals, and the Chinese review corpus behind `sentiment` with language zh."""

import numpy as np
import pytest

from visualnn.core.data import DataError, load_dataset
from visualnn.core.data.assets import asset_path
from visualnn.core.data.sequences import read_corpus
from visualnn.core.data.textdata import auto, chars, words

ROWS = [("这部电影太好看了，推荐！", "positive"), ("服务很差，再也不来了。", "negative"),
        ("Great food, I loved it", "positive"), ("boring and far too long", "negative"),
        ("iPhone 很好用", "positive"), ("东西很差", "negative"), ("菜很好吃", "positive"),
        ("太失望了", "negative"), ("很满意", "positive"), ("质量很差", "negative")]


def write_csv(tmp_path, rows=ROWS, header="text,label", name="reviews.csv", sep=","):
    lines = [header] + [f'"{t}"{sep}{lab}' if sep == "," else f"{t}{sep}{lab}" for t, lab in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_text(path, seed=0, test_fraction=0.2, **options):
    return load_dataset({"kind": "text", "path": path.name, **options}, seed=seed,
                        test_fraction=test_fraction, base_dir=path.parent)


def test_tokenizers():
    assert words("I didn't like it, NOT at all!") == ["i", "didn't", "like", "it", "not", "at", "all"]
    assert chars("好吃！Ok 3") == ["好", "吃", "o", "k", "3"]
    assert auto("iPhone 很好用！") == ["iphone", "很", "好", "用"]
    assert auto("I didn't like it") == words("I didn't like it")
    assert auto("日本語のテキスト") == list("日本語のテキスト")
    assert auto("정말 좋아요") == ["정말", "좋아요"]  # Korean is written with spaces: words
    assert words("很好用 真的") == ["很好用", "真的"]  # words mode keeps what spaces separate


def test_text_kind_builds_padded_token_ids_from_the_training_split(tmp_path):
    ds = load_text(write_csv(tmp_path), seq_len=6)
    assert ds.input_dtype == "long" and ds.task == "classification"
    assert ds.class_names == ["negative", "positive"] and ds.num_classes == 2
    assert ds.x_train.shape == (8, 6) and ds.x_test.shape == (2, 6)
    assert ds.vocab[:2] == ["<pad>", "<unk>"] and "很" in ds.vocab and "great" in ds.vocab
    index = {w: i for i, w in enumerate(ds.vocab)}
    # padded at the start by default: the last position holds the last token of each text
    assert (ds.x_train[:, -1] > 0).all()
    row = next(r for r in ds.x_train if [ds.vocab[i] for i in r if i] == ["东", "西", "很", "差"])
    assert list(row[:2]) == [0, 0] and row[2] == index["东"]
    # the vocabulary is the training split's: every test token outside it is <unk> (1)
    test_tokens = {ds.vocab[i] for i in ds.x_test.ravel() if i > 1}
    assert test_tokens <= set(ds.vocab)
    again = load_text(write_csv(tmp_path), seq_len=6)
    assert np.array_equal(again.x_train, ds.x_train) and np.array_equal(again.y_test, ds.y_test)


def test_text_kind_options(tmp_path):
    tsv = write_csv(tmp_path, header="review\tstars", name="r.tsv", sep="\t",
                    rows=[(t, "5" if lab == "positive" else "1") for t, lab in ROWS])
    ds = load_text(tsv, text="review", label="stars", tokens="words", pad="end", test_fraction=0.0)
    assert ds.class_names == ["1", "5"] and "很好用" in ds.vocab and "iphone" in ds.vocab
    assert ds.x_train.shape[1] >= 1 and (ds.x_train[:, 0] > 0).all()  # padded at the end
    chars_ds = load_text(tsv, text="review", label="stars", tokens="chars", test_fraction=0.0, min_count=2)
    assert "g" in chars_ds.vocab and "great" not in chars_ds.vocab
    assert all(chars_ds.vocab.count(w) == 1 for w in chars_ds.vocab)


@pytest.mark.parametrize("content, expected", [
    ("", "reviews.csv is empty"),
    ("\n\n", "reviews.csv is empty"),
    ("text,label\n", "reviews.csv has a header but no data rows"),
    ("text,grade\n好,1\n差,0\n", "reviews.csv: no label column 'label' (columns: text, grade)"),
    ("review,label\n好,1\n差,0\n", "reviews.csv: no text column 'text' (columns: review, label)"),
    ("text,label\n好,1\n差,1\n", "reviews.csv: every row has the label '1'; a classifier needs at least two labels"),
    ("text,label\n好,1\n差,\n", "reviews.csv line 3: the label is empty"),
    ("text,label\n好\n", "reviews.csv line 2: expected 2 values, found 1"),
])
def test_text_kind_refusals(tmp_path, content, expected):
    path = tmp_path / "reviews.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_text(path)
    assert str(e.value).startswith(expected), str(e.value)


def test_a_file_that_is_not_utf8_is_refused_with_a_hint(tmp_path, chinese):
    path = tmp_path / "gbk.csv"
    path.write_bytes("text,label\n这部电影很好看,positive\n很差,negative\n".encode("gbk"))
    with pytest.raises(DataError) as e:
        load_text(path)
    assert str(e.value).startswith("gbk.csv：不是 UTF-8 编码的文本文件") and "CSV UTF-8" in str(e.value)


def test_text_kind_refuses_bad_options_and_missing_files(tmp_path):
    path = write_csv(tmp_path)
    for options, message in [({"tokens": "letters"}, "tokens must be 'auto', 'words' or 'chars'"),
                             ({"seq_len": 0}, "seq_len must be a whole number"),
                             ({"pad": "middle"}, "pad must be 'start' or 'end'")]:
        with pytest.raises(DataError, match=message):
            load_text(path, **options)
    with pytest.raises(DataError, match="text data needs 'path'"):
        load_dataset({"kind": "text"})
    with pytest.raises(DataError, match="missing.csv: file not found"):
        load_text(tmp_path / "missing.csv")


def test_the_chinese_corpus_is_balanced_distinct_and_large_enough():
    labels, texts = read_corpus(asset_path("corpora", "sentiment_zh.tsv"))
    assert len(texts) >= 300 and len(set(texts)) == len(texts)
    assert labels.count("positive") == labels.count("negative")
    assert all(any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts)
    ds = load_dataset({"kind": "builtin", "name": "sentiment", "params": {"language": "zh", "seq_len": 24}},
                      seed=0, test_fraction=0.2)
    assert ds.x_train.shape == (389, 24) and ds.class_names == ["negative", "positive"]
    assert "好" in ds.vocab and "差" in ds.vocab and all(len(w) == 1 for w in ds.vocab[2:])


def test_a_text_project_trains(tmp_path):
    from tests.core.io.export_helpers import graph, project_of
    from visualnn.core.train.headless import train_project

    path = write_csv(tmp_path, rows=ROWS * 3)
    g = graph([("文本", "Input", {"shape": [8], "dtype": "long"}),
               ("嵌入", "Embedding", {"num_embeddings": 64, "embedding_dim": 4, "padding_idx": 0}),
               ("rnn", "GRU", {"hidden_size": 4}), ("out", "Linear", {"out_features": 2})],
              [("文本", "嵌入"), ("嵌入", "rnn"), ("rnn", "out")])
    project = project_of(g, data={"kind": "text", "path": str(path), "seq_len": 8},
                         train={"loss": "cross_entropy", "optimizer": "adam", "lr": 0.05, "epochs": 3, "seed": 0})
    result = train_project(project)
    assert result.error is None and result.history[-1]["train_loss"] < result.history[0]["train_loss"]
