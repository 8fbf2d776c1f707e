"""Downloads (served from file:// URLs): checksums, resume, cancel, offline message,
CIFAR-10's binary archive, and the npz data kind."""
import dataclasses
import hashlib
import io
import tarfile

import numpy as np
import pytest

from visualnn.core.data import DataError, load_dataset, read_idx, write_idx
from visualnn.core.data import download as dl
from visualnn.core.data.idx import MNIST_FILES


def md5(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


@pytest.fixture
def served_mnist(tmp_path, monkeypatch):
    """A tiny MNIST in a folder served by file://, with the remote's sums set to match."""
    src = tmp_path / "server"
    src.mkdir()
    rng = np.random.default_rng(0)
    for name in MNIST_FILES:
        n = 30 if name.startswith("train") else 10
        arr = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8) if "images" in name else np.arange(n, dtype=np.uint8) % 10
        write_idx(src / f"{name}.gz", arr)
    files = tuple((f"{n}.gz", md5(src / f"{n}.gz")) for n in MNIST_FILES)
    monkeypatch.setitem(dl.REMOTES, "mnist", dataclasses.replace(dl.REMOTES["mnist"], files=files,
                                                                  base_urls=(src.as_uri() + "/",)))
    monkeypatch.setenv("VISUALNN_DATA", str(tmp_path / "cache"))
    return src


def test_download_verifies_and_loads(served_mnist, tmp_path):
    calls = []
    folder = dl.download("mnist", progress=lambda f, done, total: calls.append((f, done, total)))
    assert folder == tmp_path / "cache" / "mnist"
    assert {c[0] for c in calls} == {f"{n}.gz" for n in MNIST_FILES}
    assert all(done <= total for _, done, total in calls)
    assert not list(folder.glob("*.part"))
    ds = load_dataset({"kind": "mnist", "samples": 100}, test_fraction=0.2)  # the data kind
    assert ds.x_train.shape == (30, 1, 28, 28) and ds.num_classes == 10
    # Complete: nothing is fetched again, even from a dead address.
    dl.download("mnist", base_url=(tmp_path / "gone").as_uri())


def test_checksum_mismatch_removes_the_file(served_mnist, tmp_path, monkeypatch):
    bad = dataclasses.replace(dl.REMOTES["mnist"], files=(("train-images-idx3-ubyte.gz", "0" * 32),))
    monkeypatch.setitem(dl.REMOTES, "mnist", bad)
    with pytest.raises(DataError, match="checksum mismatch"):
        dl.download("mnist", tmp_path / "d")
    assert not list((tmp_path / "d").iterdir())


def test_cancel_keeps_the_part_and_the_next_download_resumes(served_mnist, tmp_path, monkeypatch):
    monkeypatch.setattr(dl, "CHUNK", 64)
    with pytest.raises(dl.DownloadCancelled, match="cancelled"):
        dl.download("mnist", tmp_path / "r", progress=lambda f, done, total: done < 200)
    part = tmp_path / "r" / "train-images-idx3-ubyte.gz.part"
    kept = part.stat().st_size
    assert kept >= 200
    first = []
    dl.download("mnist", tmp_path / "r", progress=lambda f, done, total: first.append(done) if not first else None)
    assert first[0] == kept + 64  # resumed from the partial file, not from zero
    assert md5(tmp_path / "r" / "train-images-idx3-ubyte.gz") == md5(served_mnist / "train-images-idx3-ubyte.gz")
    assert read_idx(tmp_path / "r" / "train-images-idx3-ubyte.gz").shape == (30, 28, 28)


def test_offline_message_names_urls_and_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VISUALNN_DATA", str(tmp_path / "cache"))
    with pytest.raises(DataError) as err:
        dl.download("fashion_mnist", base_url=(tmp_path / "nowhere").as_uri())
    text = str(err.value)
    assert "cannot download" in text and str(tmp_path / "cache" / "fashion_mnist") in text
    assert "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz" in text
    with pytest.raises(DataError, match="not downloaded yet.*visualnn data download fashion_mnist"):
        load_dataset({"kind": "builtin", "name": "fashion_mnist"})


def test_cifar10_binary_archive(tmp_path, monkeypatch):
    rng = np.random.default_rng(1)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name in dl.remote("cifar10").ready:
            if name.endswith(".bin"):
                rows = rng.integers(0, 256, (20, 3073), dtype=np.uint8)
                rows[:, 0] = np.arange(20) % 10
                body = rows.tobytes()
            else:
                body = b"airplane\nautomobile\n"
            info = tarfile.TarInfo(f"cifar-10-batches-bin/{name}")
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
        evil = tarfile.TarInfo("../../escape.txt")  # never written anywhere
        evil.size = 1
        tar.addfile(evil, io.BytesIO(b"x"))
    src = tmp_path / "server"
    src.mkdir()
    (src / "cifar-10-binary.tar.gz").write_bytes(buf.getvalue())
    remote = dataclasses.replace(dl.REMOTES["cifar10"], base_urls=(src.as_uri(),),
                                 files=(("cifar-10-binary.tar.gz", md5(src / "cifar-10-binary.tar.gz")),))
    monkeypatch.setitem(dl.REMOTES, "cifar10", remote)
    monkeypatch.setenv("VISUALNN_DATA", str(tmp_path / "cache"))
    dl.download("cifar10")
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path / "cache" / "escape.txt").exists()
    ds = load_dataset({"kind": "builtin", "name": "cifar10", "params": {"samples": 100}}, test_fraction=0.1)
    assert ds.x_train.shape == (100, 3, 32, 32) and ds.class_names[3] == "cat"
    gray = load_dataset({"kind": "cifar10", "samples": 100, "color": "gray"}, test_fraction=0.1)
    assert gray.x_train.shape == (100, 1, 32, 32)


def test_npz_kind_and_refusals(tmp_path):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(40, 3)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64)
    np.savez(tmp_path / "d.npz", inputs=x, targets=y)
    ds = load_dataset({"kind": "npz", "path": "d.npz", "x": "inputs", "y": "targets"},
                      base_dir=tmp_path, test_fraction=0)
    np.testing.assert_array_equal(ds.x_train, x)
    np.testing.assert_array_equal(ds.y_train, y)
    assert ds.task == "classification" and ds.num_classes == 2
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", x[:, :1] * 2)
    reg = load_dataset({"kind": "npz", "path": "x.npy", "y_path": "y.npy"}, base_dir=tmp_path, test_fraction=0)
    assert reg.task == "regression"
    np.savez(tmp_path / "obj.npz", x=np.array([{"a": 1}] * 3, dtype=object), y=np.zeros(3))
    with pytest.raises(DataError, match="Python objects.*no pickle"):
        load_dataset({"kind": "npz", "path": str(tmp_path / "obj.npz")})
    with pytest.raises(DataError, match="no array named 'inputs'"):
        load_dataset({"kind": "npz", "path": str(tmp_path / "obj.npz"), "x": "inputs"})
    (tmp_path / "junk.npz").write_bytes(b"rubbish")
    with pytest.raises(DataError, match="junk.npz"):
        load_dataset({"kind": "npz", "path": str(tmp_path / "junk.npz")})
    with pytest.raises(DataError, match="is a folder"):
        load_dataset({"kind": "npz", "path": str(tmp_path)})


def test_cli_data_download(served_mnist, tmp_path, capsys):
    from visualnn.cli import main

    assert main(["data", "download", "mnist", "--to", str(tmp_path / "to")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "to")
    assert len(list((tmp_path / "to").glob("*.gz"))) == 4
    assert main(["data", "download", "cifar10", "--from", (tmp_path / "none").as_uri()]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot download") and err.count("\n") == 1
    assert main(["data", "list"]) == 0
    assert "mnist" in capsys.readouterr().out
