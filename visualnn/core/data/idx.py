"""IDX files (the MNIST format): reading, writing, the MNIST set and its download."""
from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

from visualnn.core.i18n import N_, tr

from .dataset import DataError

# IDX type byte -> big-endian numpy dtype.
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
_TYPE_CODES = {np.dtype(v).newbyteorder("="): k for k, v in IDX_TYPES.items()}

MNIST_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
               "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


def _open(path: Path):
    with open(path, "rb") as f:
        head = f.read(2)
    return gzip.open(path, "rb") if head == b"\x1f\x8b" else open(path, "rb")


def read_idx(path) -> np.ndarray:
    """Read an IDX file (optionally gzip-compressed) into a native-endian array.

    Types: unsigned/signed byte, int16, int32, float32, float64.
    """
    from .limits import MAX_DECOMPRESSED, check_file, check_values, read_bounded

    path = check_file(Path(path), N_("an IDX file"))
    try:
        with _open(path) as f:
            head = f.read(4)
            if len(head) == 4 and head[0] == 0 and head[1] == 0 and head[2] in IDX_TYPES:
                dims = f.read(4 * head[3])
                if len(dims) == 4 * head[3]:
                    shape = struct.unpack(f">{head[3]}I", dims)
                    count = int(np.prod(shape, dtype=object)) if shape else 1
                    check_values(count, path.name)
                    size = count * np.dtype(IDX_TYPES[head[2]]).itemsize
                    raw = head + dims + read_bounded(f, min(size, MAX_DECOMPRESSED), path.name)
                else:
                    raw = head + dims
            else:
                raw = head
    except FileNotFoundError:
        raise DataError(tr("{path}: file not found", path=path)) from None
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DataError(tr("{name}: cannot read ({exc})", name=path.name, exc=exc)) from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in IDX_TYPES:
        raise DataError(tr("{name}: not an IDX file (bad magic number)", name=path.name))
    dtype, ndim = np.dtype(IDX_TYPES[raw[2]]), raw[3]
    if len(raw) < 4 + 4 * ndim:
        raise DataError(tr("{name}: IDX header is cut short", name=path.name))
    shape = struct.unpack(f">{ndim}I", raw[4:4 + 4 * ndim])
    count = int(np.prod(shape, dtype=np.int64))
    body = raw[4 + 4 * ndim:]
    if len(body) < count * dtype.itemsize:
        raise DataError(tr("{name}: expected {count} values of shape {shape}, file holds only {value}", name=path.name, count=count, shape=tuple(shape), value=len(body) // dtype.itemsize))
    arr = np.frombuffer(body, dtype=dtype, count=count).reshape(shape)
    return arr.astype(dtype.newbyteorder("="))


def write_idx(path, array: np.ndarray) -> None:
    """Write ``array`` as an IDX file (gzip-compressed when the name ends in .gz)."""
    array = np.asarray(array)
    code = _TYPE_CODES.get(array.dtype.newbyteorder("="))
    if code is None:
        raise DataError(tr("IDX cannot store dtype {dtype}", dtype=array.dtype))
    data = (struct.pack(">BBBB", 0, 0, code, array.ndim)
            + struct.pack(f">{array.ndim}I", *array.shape)
            + array.astype(IDX_TYPES[code]).tobytes())
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wb") as f:
        f.write(data)


def images_to_x(images: np.ndarray, flatten: bool = False) -> np.ndarray:
    """IDX images ``(N, H, W)`` -> float32 ``(N, 1, H, W)`` (or ``(N, H*W)``);
    byte images are scaled to [0, 1]. Other shapes pass through as float32."""
    x = images.astype(np.float32)
    if images.dtype == np.uint8:
        x /= 255.0
    if x.ndim == 3:
        x = x.reshape(len(x), x.shape[1] * x.shape[2]) if flatten else x[:, None]
    return x


# ---------------------------------------------------------------- MNIST


FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                   "Sneaker", "Bag", "Ankle boot"]


def mnist_dir(params: dict | None = None, base_dir: Path | None = None, name: str = "mnist") -> Path:
    """The folder searched for the MNIST (or Fashion-MNIST) files: the ``path`` parameter,
    else the download folder (``$VISUALNN_DATA/NAME``, else the platform's cache folder)."""
    from .download import data_dir

    params = params or {}
    if params.get("path"):
        path = Path(str(params["path"])).expanduser()
        return path if path.is_absolute() or base_dir is None else Path(base_dir) / path
    return data_dir(name)


def find_mnist_files(folder: Path, name: str = "mnist") -> list[Path]:
    """The four MNIST-format files in ``folder`` (plain or .gz), or a DataError saying
    which folder was searched, what to put there and how to get it."""
    from .download import manual_instructions

    found, missing = [], []
    for file in MNIST_FILES:
        for candidate in (folder / file, folder / f"{file}.gz"):
            if candidate.is_file():
                found.append(candidate)
                break
        else:
            missing.append(file)
    if missing:
        raise DataError(tr("{name} is not downloaded yet ({folder} lacks {missing}): press "
                           "Download in the Data panel, or run `visualnn data download {name}`, or "
                           "{manual}", name=name, folder=str(folder), missing=", ".join(missing),
                           manual=manual_instructions(name, folder)))
    return found


_CACHE: dict = {}


def _read_cached(path: Path, reader=None) -> np.ndarray:
    key = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
    if key not in _CACHE:
        if len(_CACHE) >= 8:
            _CACHE.clear()
        arr = (reader or read_idx)(path)
        arr.flags.writeable = False
        _CACHE[key] = arr
    return _CACHE[key]


def _draw(name, tr_x, tr_y, te_x, te_y, params, seed, test_fraction, class_names, to_x):
    """``samples`` training items drawn (seeded) from the training files; the test split
    from the official test files, sized so that it is ``test_fraction`` of the whole."""
    from .split import STREAM_DATA, check_fraction, num_test, rng_for, wrap

    if len(tr_x) != len(tr_y) or len(te_x) != len(te_y):
        raise DataError(tr("{name}: image and label files hold different counts", name=name))
    f = check_fraction(test_fraction)
    n_train = min(int(params["samples"]), len(tr_x))
    n_test = min(num_test(int(round(n_train / (1 - f))), f), len(te_x))
    rng = rng_for(seed, STREAM_DATA)
    pick_tr = rng.choice(len(tr_x), n_train, replace=False)  # random order too
    pick_te = np.sort(rng.choice(len(te_x), n_test, replace=False))
    return wrap(name, to_x(tr_x[pick_tr]), tr_y[pick_tr], to_x(te_x[pick_te]), te_y[pick_te],
                task="classification", class_names=list(class_names),
                num_classes=len(class_names))


def load_mnist(params: dict, *, seed: int, test_fraction: float, base_dir=None, name="mnist", **_):
    """MNIST or Fashion-MNIST: ``samples`` training images drawn (seeded) from the 60,000;
    the test split comes from the official 10,000 test images, sized so that it is
    ``test_fraction`` of the whole (none when the fraction is 0)."""
    files = find_mnist_files(mnist_dir(params, base_dir, name), name)
    arrays = [_read_cached(p) for p in files]
    classes = FASHION_CLASSES if name == "fashion_mnist" else [str(i) for i in range(10)]
    flatten = bool(params.get("flatten", False))
    return _draw(name, *arrays, params, seed, test_fraction, classes,
                 lambda a: images_to_x(a, flatten))


def load_fashion_mnist(params: dict, **kw):
    return load_mnist(params, name="fashion_mnist", **kw)


def download_mnist(dest=None, base_url: str | None = None, progress=None) -> Path:
    """Download MNIST's four files into ``dest`` (default: the download folder), checked
    against their MD5 sums (see :func:`visualnn.core.data.download.download`)."""
    from .download import download

    return download("mnist", dest, base_url, progress)


# ---------------------------------------------------------------- CIFAR-10

CIFAR_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                 "ship", "truck"]
_CIFAR_RECORD = 1 + 3 * 32 * 32


def read_cifar_bin(path) -> np.ndarray:
    """One CIFAR-10 binary batch: rows of 3,073 bytes (label, then 32x32 R, G, B planes)."""
    raw = np.fromfile(path, dtype=np.uint8)
    if raw.size == 0 or raw.size % _CIFAR_RECORD:
        raise DataError(tr("{file}: not a CIFAR-10 binary batch", file=Path(path).name))
    return raw.reshape(-1, _CIFAR_RECORD)


def load_cifar10(params: dict, *, seed: int, test_fraction: float, base_dir=None, **_):
    """CIFAR-10 (binary version): ``samples`` training pictures drawn from the 50,000, the
    test split from the official 10,000; ``(3, 32, 32)`` in [0, 1], or grey ``(1, 32, 32)``."""
    from .download import data_dir, is_ready, manual_instructions

    folder = mnist_dir(params, base_dir, "cifar10") if params.get("path") else data_dir("cifar10")
    if not is_ready("cifar10", folder):
        raise DataError(tr("{name} is not downloaded yet ({folder} lacks {missing}): press "
                           "Download in the Data panel, or run `visualnn data download {name}`, or "
                           "{manual}", name="cifar10", folder=str(folder), missing="data_batch_1.bin ...",
                           manual=manual_instructions("cifar10", folder)))
    train = np.concatenate([_read_cached(folder / f"data_batch_{i}.bin", read_cifar_bin)
                            for i in range(1, 6)])
    test = _read_cached(folder / "test_batch.bin", read_cifar_bin)
    gray = params.get("color", "rgb") == "gray"

    def to_x(rows):
        x = rows[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / np.float32(255.0)
        return x.mean(axis=1, keepdims=True, dtype=np.float32) if gray else x

    return _draw("cifar10", train, train[:, 0].astype(np.int64), test, test[:, 0].astype(np.int64),
                 params, seed, test_fraction, CIFAR_CLASSES, to_x)


def load_idx_kind(data: dict, *, seed: int, test_fraction: float, base_dir=None,
                  task=None, **_):
    """Data kind ``idx``: ``{"images": path, "labels": path}`` (+ optional
    ``test_images``/``test_labels``, then the split is theirs), paths relative to
    the project folder. Byte images are scaled to [0, 1] as ``(N, 1, H, W)``."""
    from .split import assemble, wrap

    def resolve(key):
        if not data.get(key):
            raise DataError(tr("idx data needs '{key}' (a file path)", key=key))
        p = Path(str(data[key])).expanduser()
        return p if p.is_absolute() or base_dir is None else Path(base_dir) / p

    x = images_to_x(read_idx(resolve("images")), bool(data.get("flatten", False)))
    y = read_idx(resolve("labels"))
    if len(x) != len(y):
        raise DataError(tr("idx data: {n} images but {n2} labels", n=len(x), n2=len(y)))
    n_train = len(x)
    if data.get("test_images") or data.get("test_labels"):
        tx = images_to_x(read_idx(resolve("test_images")), bool(data.get("flatten", False)))
        ty = read_idx(resolve("test_labels"))
        if len(tx) != len(ty) or tx.shape[1:] != x.shape[1:]:
            raise DataError(tr("idx data: the test files do not match the training files"))
        x, y = np.concatenate([x, tx]), np.concatenate([y, ty])
    integer = np.issubdtype(y.dtype, np.integer)
    task = task or ("classification" if integer and y.ndim == 1 else "regression")
    if task == "classification" and (not integer or y.ndim != 1 or (len(y) and y.min() < 0)):
        raise DataError(tr("idx data: classification labels must be one non-negative integer each"))
    if n_train == len(x):
        return assemble("idx", x, y, task=task, seed=seed, test_fraction=test_fraction)
    return wrap("idx", x[:n_train], y[:n_train], x[n_train:], y[n_train:], task=task)
