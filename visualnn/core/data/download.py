"""Data sets fetched from the internet on request: MNIST, Fashion-MNIST and CIFAR-10 (its
binary version: no pickle). Files go to the platform's cache folder (or
``$VISUALNN_DATA``), are checked against their published MD5 sums, and an interrupted
download resumes where it stopped.

    download("mnist", progress=lambda file, done, total: True)   # False cancels
"""
from __future__ import annotations

import hashlib
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from visualnn.core.i18n import N_, tr

from .dataset import DataError

CHUNK = 1 << 16


@dataclass(frozen=True)
class Remote:
    """A downloadable set: where it lives, its files with their MD5 sums, and what the
    folder must hold once it is unpacked."""
    name: str
    title: str
    base_urls: tuple[str, ...]
    files: tuple[tuple[str, str], ...]  # (file name, md5)
    ready: tuple[str, ...]  # files the loader reads
    source: str


_MNIST_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
_CIFAR_BINS = tuple(f"data_batch_{i}.bin" for i in range(1, 6)) + ("test_batch.bin",)

REMOTES = {r.name: r for r in [
    Remote("mnist", N_("MNIST handwritten digits"),
           ("https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/"),
           tuple(zip((f"{n}.gz" for n in _MNIST_FILES),
                     ("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                      "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"))),
           tuple(f"{n}.gz" for n in _MNIST_FILES),
           "Y. LeCun, C. Cortes, C. Burges, CC BY-SA 3.0"),
    Remote("fashion_mnist", N_("Fashion-MNIST clothing pictures"),
           ("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",),
           tuple(zip((f"{n}.gz" for n in _MNIST_FILES),
                     ("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                      "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"))),
           tuple(f"{n}.gz" for n in _MNIST_FILES),
           "Zalando Research, MIT licence"),
    Remote("cifar10", N_("CIFAR-10 colour pictures (binary version)"),
           ("https://www.cs.toronto.edu/~kriz/",),
           (("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530"),),
           _CIFAR_BINS + ("batches.meta.txt",),
           "A. Krizhevsky, V. Nair, G. Hinton, University of Toronto"),
]}


class DownloadCancelled(DataError):
    """The user cancelled; the partial file stays so that the next try resumes."""


def cache_root() -> Path:
    """Where downloaded sets live: ``$VISUALNN_DATA``, else the platform's cache folder
    (``~/.cache/visualnn`` on Linux, ``~/Library/Caches/visualnn`` on macOS,
    ``%LOCALAPPDATA%\\visualnn\\Cache`` on Windows)."""
    root = os.environ.get("VISUALNN_DATA")
    if root:
        return Path(root).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("visualnn", appauthor=False))


def remote(name: str) -> Remote:
    try:
        return REMOTES[name]
    except (KeyError, TypeError):
        raise DataError(tr("unknown downloadable data set {name!r} (one of {names})",
                           name=name, names=", ".join(REMOTES))) from None


def data_dir(name: str) -> Path:
    """The folder a downloadable set is read from and downloaded into."""
    return cache_root() / remote(name).name


def is_ready(name: str, folder: Path | None = None) -> bool:
    folder = Path(folder) if folder is not None else data_dir(name)
    return all((folder / f).is_file() for f in remote(name).ready)


def manual_instructions(name: str, folder: Path | None = None) -> str:
    """What to do without internet: which files, from where, into which folder."""
    r = remote(name)
    folder = Path(folder) if folder is not None else data_dir(name)
    urls = " ".join(r.base_urls[0] + f for f, _ in r.files)
    return tr("download {urls} by other means and put the files in {folder}",
              urls=urls, folder=str(folder))


def md5_of(path: Path) -> str:
    h = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _open_from(url: str, offset: int):
    """(stream, total size or None, resumed) for `url` starting at byte `offset`."""
    import urllib.request  # here, not at import: the app starts faster
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path))
        f = open(path, "rb")
        size = path.stat().st_size
        f.seek(min(offset, size))
        return f, size, offset > 0
    request = urllib.request.Request(url, headers={"Range": f"bytes={offset}-"} if offset else {})
    response = urllib.request.urlopen(request, timeout=60)
    resumed = offset > 0 and response.status == 206
    length = response.headers.get("Content-Length")
    total = int(length) + (offset if resumed else 0) if length and length.isdigit() else None
    return response, total, resumed


def _fetch(url: str, target: Path, md5: str, progress) -> None:
    part = target.with_name(target.name + ".part")
    offset = part.stat().st_size if part.is_file() else 0
    stream, total, resumed = _open_from(url, offset)
    with stream, open(part, "ab" if resumed else "wb") as out:
        done = offset if resumed else 0
        while block := stream.read(CHUNK):
            out.write(block)
            done += len(block)
            if progress is not None and progress(target.name, done, total) is False:
                raise DownloadCancelled(tr("download cancelled ({file}: {done:,} bytes kept; "
                                           "the next download resumes there)",
                                           file=target.name, done=done))
    got = md5_of(part)
    if got != md5:
        part.unlink(missing_ok=True)
        raise DataError(tr("{file}: checksum mismatch (MD5 {got}, expected {md5}); the file "
                           "was removed, download it again", file=target.name, got=got, md5=md5))
    os.replace(part, target)


def _unpack_cifar(archive: Path, folder: Path) -> None:
    """Take only the expected regular members out of the archive (no paths from it)."""
    wanted = set(remote("cifar10").ready)
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            base = member.name.rsplit("/", 1)[-1]
            if base in wanted and member.isfile():
                src = tar.extractfile(member)
                tmp = folder / (base + ".part")
                with src, open(tmp, "wb") as out:
                    while block := src.read(1 << 20):
                        out.write(block)
                os.replace(tmp, folder / base)
    missing = [f for f in remote("cifar10").ready if not (folder / f).is_file()]
    if missing:
        raise DataError(tr("{file} lacks {missing}", file=archive.name, missing=", ".join(missing)))


def download(name: str, dest=None, base_url: str | None = None, progress=None) -> Path:
    """Fetch a set into ``dest`` (default :func:`data_dir`), verify every file's MD5 and
    unpack what needs it. ``progress(file, bytes_done, bytes_total)`` is called as data
    arrives (total None when unknown); returning False cancels (DownloadCancelled, the
    partial file kept for resuming). Files already complete are kept. Without a
    connection, the DataError says which URLs to fetch by hand and where to put them.
    Returns the folder."""
    r = remote(name)
    folder = Path(dest) if dest is not None else data_dir(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(tr("cannot create {folder}: {error}", folder=str(folder), error=exc.strerror or exc)) from None
    if is_ready(name, folder):
        return folder
    bases = (base_url,) if base_url else r.base_urls
    for file, md5 in r.files:
        target = folder / file
        if target.is_file() and md5_of(target) == md5:
            continue
        errors = []
        for base in bases:
            url = (base if base.endswith("/") else base + "/") + file
            try:
                _fetch(url, target, md5, progress)
                break
            except DataError:
                raise
            except (OSError, ValueError) as exc:
                errors.append(f"{url}: {getattr(exc, 'reason', None) or exc}")
        else:
            raise DataError(tr("cannot download {title}: {errors}; {manual}", title=tr(r.title),
                               errors="; ".join(errors), manual=manual_instructions(name, folder)))
    if name == "cifar10":
        _unpack_cifar(folder / r.files[0][0], folder)
    return folder
