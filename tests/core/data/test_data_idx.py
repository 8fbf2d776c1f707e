"""IDX files, the ``idx`` data kind, the MNIST loader and its download."""
import struct

import numpy as np
import pytest

from visualnn.core.data import MNIST_FILES, DataError, load_dataset, mnist_dir, read_idx, write_idx


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_idx_round_trip(tmp_path, dtype, suffix):
    arr = (np.arange(24).reshape(2, 3, 4) - 5).astype(dtype)
    write_idx(tmp_path / f"a{suffix}", arr)
    back = read_idx(tmp_path / f"a{suffix}")
    assert back.dtype == np.dtype(dtype) and back.dtype.isnative
    np.testing.assert_array_equal(back, arr)
    if suffix:
        assert (tmp_path / "a.gz").read_bytes()[:2] == b"\x1f\x8b"


def test_idx_hand_written_bytes(tmp_path):
    raw = struct.pack(">BBBBII", 0, 0, 0x0B, 2, 2, 2) + struct.pack(">4h", 1, -2, 300, -400)
    (tmp_path / "s").write_bytes(raw)
    np.testing.assert_array_equal(read_idx(tmp_path / "s"), [[1, -2], [300, -400]])
    (tmp_path / "bad").write_bytes(b"\x01\x02\x03\x04")
    with pytest.raises(DataError, match="bad: not an IDX file"):
        read_idx(tmp_path / "bad")
    (tmp_path / "short").write_bytes(raw[:-2])
    with pytest.raises(DataError, match="expected 4 values"):
        read_idx(tmp_path / "short")
    with pytest.raises(DataError, match="file not found"):
        read_idx(tmp_path / "none")


def tiny_mnist(folder, n_train=30, n_test=12, gz=False):
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    arrays = [rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
              (np.arange(n_train) % 10).astype(np.uint8),
              rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
              (np.arange(n_test) % 10).astype(np.uint8)]
    for name, arr in zip(MNIST_FILES, arrays):
        write_idx(folder / (name + (".gz" if gz else "")), arr)
    return arrays


def test_idx_data_kind(tmp_path):
    images, labels, test_images, test_labels = tiny_mnist(tmp_path / "m")
    data = {"kind": "idx", "images": "m/" + MNIST_FILES[0], "labels": "m/" + MNIST_FILES[1]}
    ds = load_dataset(data, base_dir=tmp_path, test_fraction=0.2)
    assert ds.input_shape == (1, 28, 28) and ds.num_classes == 10
    assert len(ds.x_train) == 24 and len(ds.x_test) == 6 and ds.x_train.max() <= 1.0
    data.update(test_images="m/" + MNIST_FILES[2], test_labels="m/" + MNIST_FILES[3])
    ds = load_dataset(data, base_dir=tmp_path)
    assert len(ds.x_train) == 30 and len(ds.x_test) == 12
    np.testing.assert_allclose(ds.x_test[:, 0], test_images / 255.0, atol=1e-6)
    np.testing.assert_array_equal(ds.y_test, test_labels)
    with pytest.raises(DataError, match="idx data needs 'labels'"):
        load_dataset({"kind": "idx", "images": str(tmp_path / "m" / MNIST_FILES[0])})


def test_mnist_missing_folder_message(tmp_path, monkeypatch):
    monkeypatch.setenv("VISUALNN_DATA", str(tmp_path / "data"))
    with pytest.raises(DataError) as err:
        load_dataset({"kind": "builtin", "name": "mnist"})
    message = str(err.value)
    assert str(tmp_path / "data" / "mnist") in message
    for name in MNIST_FILES:
        assert name in message
    assert "https://" in message and "\n" not in message


def test_mnist_from_folder_param_and_env(tmp_path, monkeypatch):
    tiny_mnist(tmp_path / "cache" / "mnist", gz=True)
    monkeypatch.setenv("VISUALNN_DATA", str(tmp_path / "cache"))
    assert mnist_dir() == tmp_path / "cache" / "mnist"
    ds = load_dataset({"kind": "builtin", "name": "mnist", "params": {"samples": 100}},
                      test_fraction=0.2)
    assert ds.x_train.shape == (30, 1, 28, 28) and ds.x_test.shape == (8, 1, 28, 28)  # 8 / 38 ~ 0.2
    assert sorted(ds.y_train.tolist()) == sorted(list(range(10)) * 3)
    monkeypatch.delenv("VISUALNN_DATA")
    tiny_mnist(tmp_path / "proj" / "m")
    params = {"path": "m", "samples": 100, "flatten": True}
    ds = load_dataset({"kind": "builtin", "name": "mnist", "params": params},
                      base_dir=tmp_path / "proj", test_fraction=0, seed=5)
    again = load_dataset({"kind": "builtin", "name": "mnist", "params": params},
                         base_dir=tmp_path / "proj", test_fraction=0, seed=5)
    assert ds.x_train.shape == (30, 784) and ds.x_test.shape == (0, 784)
    np.testing.assert_array_equal(ds.x_train, again.x_train)
