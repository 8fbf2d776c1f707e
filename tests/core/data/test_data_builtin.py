"""Builtin data sets: shapes, dtypes, determinism, noise, splits, parameters."""
import numpy as np
import pytest

from visualnn.core.data import (DataError, Dataset, builtin_names, builtin_params,
                                builtin_task, describe, load_dataset)
from visualnn.core.data.assets import asset_path
from visualnn.core.data.sequences import read_corpus, tokenize

DOWNLOADED = {"mnist", "fashion_mnist", "cifar10"}  # need files (test_data_download)
LOCAL = [n for n in builtin_names() if n not in DOWNLOADED]


def load(name, seed=0, test_fraction=0.2, **params):
    return load_dataset({"kind": "builtin", "name": name, "params": params},
                        seed=seed, test_fraction=test_fraction)


EXPECTED = {  # name: (input_shape, task, output_dim, is_2d, input_dtype)
    "circle": ((2,), "classification", 2, True, "float"),
    "xor": ((2,), "classification", 2, True, "float"),
    "gauss": ((2,), "classification", 2, True, "float"),
    "spiral": ((2,), "classification", 2, True, "float"),
    "plane": ((2,), "regression", 1, True, "float"),
    "multi_gauss": ((2,), "regression", 1, True, "float"),
    "blobs": ((2,), "classification", 3, True, "float"),
    "line": ((1,), "regression", 1, False, "float"),
    "digits": ((1, 8, 8), "classification", 10, False, "float"),
    "iris": ((4,), "classification", 3, False, "float"),
    "wine": ((13,), "classification", 3, False, "float"),
    "breast_cancer": ((30,), "classification", 2, False, "float"),
    "sine": ((20, 1), "regression", 1, False, "float"),
    "sentiment": ((12,), "classification", 2, False, "long"),
}


def test_every_builtin_is_listed_and_described():
    assert set(builtin_names()) == set(EXPECTED) | DOWNLOADED
    for name in builtin_names():
        line = describe(name)
        assert line and "\n" not in line
        assert builtin_task(name) in ("classification", "regression")
        for info in builtin_params(name):
            assert info.kind in ("int", "float", "choice")
            if info.kind == "choice":
                assert info.default in info.choices
            else:
                assert info.min <= info.default <= info.max
    with pytest.raises(DataError, match="unknown data set 'nope'"):
        describe("nope")


@pytest.mark.parametrize("name", LOCAL)
def test_shapes_and_dtypes(name):
    shape, task, out_dim, is_2d, in_dtype = EXPECTED[name]
    ds = load(name)
    assert isinstance(ds, Dataset) and ds.name == name
    assert ds.input_shape == shape and ds.task == task and ds.output_dim == out_dim
    assert ds.is_2d == is_2d and ds.input_dtype == in_dtype
    assert ds.x_train.dtype == (np.int64 if in_dtype == "long" else np.float32)
    assert ds.x_train.shape[1:] == shape and ds.x_test.shape[1:] == shape
    n, m = len(ds.x_train), len(ds.x_test)
    assert n > 0 and m > 0 and len(ds.y_train) == n and len(ds.y_test) == m
    assert abs(m / (n + m) - 0.2) < 0.01
    if task == "classification":
        assert ds.y_train.dtype == np.int64 and ds.y_train.shape == (n,)
        assert ds.num_classes == out_dim == len(ds.class_names)
        assert set(np.unique(ds.y_train)) <= set(range(out_dim))
    else:
        assert ds.y_train.dtype == np.float32 and ds.y_train.shape == (n, out_dim)
        assert ds.num_classes == 0
    assert np.all(np.isfinite(ds.x_train.astype(np.float64)))


@pytest.mark.parametrize("name", LOCAL)
def test_same_seed_same_arrays_other_seed_differs(name):
    a, b, c = load(name, seed=3), load(name, seed=3), load(name, seed=4)
    for field in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    assert not np.array_equal(a.x_train, c.x_train)


@pytest.mark.parametrize("name", ["circle", "xor", "gauss", "spiral", "plane",
                                  "multi_gauss", "sine"])
def test_noise_changes_the_data(name):
    clean, noisy = load(name, noise=0.0), load(name, noise=0.5)
    same_x = np.array_equal(clean.x_train, noisy.x_train)
    same_y = np.array_equal(clean.y_train, noisy.y_train)
    assert not (same_x and same_y)


@pytest.mark.parametrize("name", ["circle", "xor", "gauss", "spiral", "plane", "multi_gauss"])
def test_samples_and_playground_range(name):
    ds = load(name, samples=123, test_fraction=0.0)
    assert len(ds.x_train) == 123 and ds.x_test.shape == (0, 2)
    assert ds.y_test.shape == ((0,) if ds.task == "classification" else (0, 1))
    assert np.abs(ds.x_train).max() <= 6.5
    if ds.task == "classification":
        counts = np.bincount(ds.y_train, minlength=2)
        assert counts.min() > 30  # both classes present, roughly balanced


def test_playground_geometry_without_noise():
    x, y = (lambda d: (d.x_train, d.y_train))(load("circle", test_fraction=0))
    r = np.hypot(x[:, 0], x[:, 1])
    assert np.all(r[y == 1] <= 2.5) and np.all(r[y == 0] >= 3.5)
    x, y = (lambda d: (d.x_train, d.y_train))(load("xor", test_fraction=0))
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] >= 0).astype(np.int64))
    assert np.abs(x).min() >= 0.3  # playground pads points away from the axes
    d = load("plane", test_fraction=0)
    np.testing.assert_allclose(d.y_train[:, 0], d.x_train.sum(axis=1) / 10, atol=1e-6)
    d = load("spiral", test_fraction=0)
    assert np.hypot(*d.x_train.T).max() < 5.0
    d = load("multi_gauss", test_fraction=0)
    assert -1.0 <= d.y_train.min() < 0 < d.y_train.max() <= 1.0
    bump = d.y_train[np.hypot(d.x_train[:, 0] - 4, d.x_train[:, 1] - 2.5) < 0.5]
    assert len(bump) and np.all(bump > 0.7)


def test_split_sizes_and_empty_test():
    for frac, n_test in [(0.0, 0), (0.1, 50), (0.5, 250)]:
        ds = load("spiral", test_fraction=frac)
        assert len(ds.x_test) == n_test and len(ds.x_train) == 500 - n_test
    ds = load("digits", test_fraction=0)
    assert ds.x_test.shape == (0, 1, 8, 8) and ds.y_test.shape == (0,)
    with pytest.raises(DataError, match="test_fraction"):
        load("spiral", test_fraction=1.0)


def test_digits_flatten_and_scale():
    ds = load("digits", flatten=True)
    assert ds.input_shape == (64,) and ds.x_train.min() == 0 and ds.x_train.max() == 1
    assert len(ds.feature_names) == 64


def test_real_sets_are_standardised_on_the_training_split():
    ds = load("wine")
    np.testing.assert_allclose(ds.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(ds.x_train.std(axis=0), 1, atol=1e-4)
    assert np.abs(ds.x_test.mean(axis=0)).max() > 1e-3  # test split uses the train stats
    raw = load("iris", standardize=False)
    assert raw.x_train.min() > 0 and raw.feature_names[0].startswith("sepal")


def test_sine_target_is_the_next_value():
    ds = load("sine", samples=50, seq_len=7, test_fraction=0)
    assert ds.x_train.shape == (50, 7, 1) and ds.y_train.shape == (50, 1)
    # A clean sinusoid sampled evenly obeys s[t+1] = 2cos(w) s[t] - s[t-1]; recover
    # 2cos(w) from the inputs and check the target continues the same wave.
    s = ds.x_train[:, :, 0].astype(np.float64)
    k = (s[:, 2] + s[:, 0]) / s[:, 1]
    ok = np.abs(s[:, 1]) > 0.2
    pred = k * s[:, -1] - s[:, -2]
    np.testing.assert_allclose(pred[ok], ds.y_train[ok, 0], atol=1e-3)


def test_sentiment_tokens_vocab_and_padding():
    ds = load("sentiment")
    assert ds.vocab[:2] == ["<pad>", "<unk>"] and ds.class_names == ["negative", "positive"]
    assert ds.x_train.max() < len(ds.vocab) and ds.x_train.min() >= 0
    assert len(ds.x_train) + len(ds.x_test) >= 1000
    assert abs(np.mean(np.concatenate([ds.y_train, ds.y_test])) - 0.5) < 0.05
    # Padding goes at the start by default, so the last id is a word.
    assert np.all(ds.x_train[:, -1] > 0)
    # Words only seen in test sentences are unknown (id 1) there, never in train.
    assert (ds.x_test == 1).any() and not (ds.x_train == 1).any()
    end = load("sentiment", pad="end", seq_len=30)
    assert np.all(end.x_train[:, 0] > 0) and np.all(end.x_train[:, -1] == 0)
    words = [end.vocab[i] for i in end.x_train[0] if i > 1]
    assert all(w == w.lower() for w in words)



def test_sentiment_corpus_is_distinct_balanced_and_shares_its_words():
    labels, texts = read_corpus(asset_path("corpora", "sentiment.tsv"))
    assert len(set(t.lower() for t in texts)) == len(texts) >= 1000
    assert labels.count("positive") == labels.count("negative") == len(labels) // 2
    # Every sentence fits the default 12 words, so none is cut.
    assert max(len(tokenize(t)) for t in texts) <= 12
    # Test sentences reuse the training words (what lets a model generalise): under
    # one test word in ten is <unk>, and every test sentence has a known word.
    ds = load("sentiment")
    words = ds.x_test[ds.x_test > 0]
    assert 0 < np.mean(words == 1) < 0.1
    assert np.all((ds.x_test > 1).any(axis=1))

def test_parameter_errors_are_clear():
    with pytest.raises(DataError, match="spiral: noise must be between 0 and 0.5, got 0.7"):
        load("spiral", noise=0.7)
    with pytest.raises(DataError, match="unknown parameter 'sampels'"):
        load("spiral", sampels=10)
    with pytest.raises(DataError, match="whole number"):
        load("spiral", samples=10.5)
    with pytest.raises(DataError, match="must be one of"):
        load("digits", flatten="yes")
    assert load("digits", flatten="true").input_shape == (64,)
    with pytest.raises(DataError, match="unknown data kind"):
        load_dataset({"kind": "magic"})
    with pytest.raises(DataError, match="unknown data set"):
        load_dataset({"kind": "builtin", "name": "cifar"})


def test_forced_task():
    reg = load_dataset({"kind": "builtin", "name": "circle"}, task="regression")
    assert reg.task == "regression" and reg.y_train.shape == (400, 1)
    assert set(np.unique(reg.y_train)) == {0.0, 1.0} and reg.y_train.dtype == np.float32
    onehot = load_dataset({"kind": "builtin", "name": "iris"}, task="regression")
    assert onehot.y_train.shape == (120, 3) and np.all(onehot.y_train.sum(axis=1) == 1)
    with pytest.raises(DataError, match="regression data set"):
        load_dataset({"kind": "builtin", "name": "plane"}, task="classification")


def test_core_data_imports_no_torch_or_qt():
    import ast
    from pathlib import Path

    import visualnn.core.data as pkg

    banned = {"torch", "PySide6", "pyqtgraph"}  # Pillow decodes images here: Qt-free
    for path in Path(pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & banned, path.name
