"""IDX files (the MNIST format): reading, writing, the MNIST set and its download."""
from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import numpy as np

from .dataset import DataError

from visualnn.core.i18n import tr

# IDX type byte -> big-endian numpy dtype.
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
_TYPE_CODES = {np.dtype(v).newbyteorder("="): k for k, v in IDX_TYPES.items()}

MNIST_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
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
    path = Path(path)
    try:
        with _open(path) as f:
            raw = f.read()
    except FileNotFoundError:
        raise DataError(tr("{path}: file not found", path=path)) from None
    except (OSError, EOFError) as exc:
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


def mnist_dir(params: dict | None = None, base_dir: Path | None = None) -> Path:
    """The folder searched for the MNIST files: the ``path`` parameter, else
    ``$VISUALNN_DATA/mnist``, else ``~/.cache/visualnn/mnist``."""
    params = params or {}
    if params.get("path"):
        path = Path(str(params["path"])).expanduser()
        return path if path.is_absolute() or base_dir is None else Path(base_dir) / path
    root = os.environ.get("VISUALNN_DATA")
    if root:
        return Path(root).expanduser() / "mnist"
    return Path.home() / ".cache" / "visualnn" / "mnist"


def find_mnist_files(folder: Path) -> list[Path]:
    """The four MNIST files in ``folder`` (plain or .gz), or a DataError saying
    which folder was searched, what to put there and where to get it."""
    found, missing = [], []
    for name in MNIST_FILES:
        for candidate in (folder / name, folder / f"{name}.gz"):
            if candidate.is_file():
                found.append(candidate)
                break
        else:
            missing.append(name)
    if missing:
        raise DataError(
            tr("MNIST not found in {folder}: put {MNIST_FILES} (or the same names with .gz) there, from {MNIST_URL}, or use download_mnist; missing: {missing}", folder=folder, MNIST_FILES=', '.join(MNIST_FILES), MNIST_URL=MNIST_URL, missing=', '.join(missing)))
    return found


_CACHE: dict = {}


def _read_cached(path: Path) -> np.ndarray:
    key = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
    if key not in _CACHE:
        if len(_CACHE) >= 8:
            _CACHE.clear()
        arr = read_idx(path)
        arr.flags.writeable = False
        _CACHE[key] = arr
    return _CACHE[key]


def load_mnist(params: dict, *, seed: int, test_fraction: float, base_dir=None, **_):
    """MNIST: ``samples`` training images drawn (seeded) from the 60,000; the test
    split comes from the official 10,000 test images, sized so that it is
    ``test_fraction`` of the whole (none when the fraction is 0)."""
    from .split import STREAM_DATA, check_fraction, num_test, rng_for, wrap

    files = find_mnist_files(mnist_dir(params, base_dir))
    tr_x, tr_y, te_x, te_y = (_read_cached(p) for p in files)
    if len(tr_x) != len(tr_y) or len(te_x) != len(te_y):
        raise DataError(tr("MNIST image and label files hold different counts"))
    f = check_fraction(test_fraction)
    n_train = min(int(params["samples"]), len(tr_x))
    n_test = min(num_test(int(round(n_train / (1 - f))), f), len(te_x))
    rng = rng_for(seed, STREAM_DATA)
    pick_tr = rng.choice(len(tr_x), n_train, replace=False)  # random order too
    pick_te = np.sort(rng.choice(len(te_x), n_test, replace=False))
    flatten = bool(params.get("flatten", False))
    return wrap("mnist", images_to_x(tr_x[pick_tr], flatten), tr_y[pick_tr],
                images_to_x(te_x[pick_te], flatten), te_y[pick_te],
                task="classification", class_names=[str(i) for i in range(10)],
                num_classes=10)


def download_mnist(dest=None, base_url: str = MNIST_URL, progress=None) -> Path:
    """Download the four gzip-compressed MNIST files into ``dest`` (default: the
    folder :func:`mnist_dir` names) and check each is a readable IDX file.

    ``progress(file_name, bytes_done, bytes_total)`` is called as data arrives
    (``bytes_total`` is None when the server does not say); returning ``False``
    cancels, which raises DataError. Files already present are kept. Each file is
    written to ``NAME.part`` and renamed when complete. Returns the folder.
    """
    dest = Path(dest) if dest is not None else mnist_dir()
    dest.mkdir(parents=True, exist_ok=True)
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    for name in MNIST_FILES:
        if (dest / name).is_file() or (dest / f"{name}.gz").is_file():
            continue
        target, part = dest / f"{name}.gz", dest / f"{name}.gz.part"
        url = base_url + f"{name}.gz"
        try:
            import urllib.request  # here, not at import: the app starts faster

            with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                done = 0
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None and progress(name, done, total) is False:
                        raise DataError(tr("MNIST download cancelled"))
            read_idx(part)
        except DataError:
            part.unlink(missing_ok=True)
            raise
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise DataError(tr("cannot download {url}: {exc}", url=url, exc=exc)) from None
        os.replace(part, target)
    return dest


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
