"""Size limits for data, checked before anything is allocated.

A data file's header says how big its content will be (an IDX's dimensions, a PNG's width
and height, a table's rows and columns, the number of classes); these limits are checked
against that before the memory is taken, so a hostile or mistaken file gets a message
naming the limit instead of filling the machine's memory. Special files (FIFOs, devices)
are refused before they are opened: reading one would block or never end.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from visualnn.core.i18n import N_, tr

from .dataset import DataError

MAX_CLASSES = 10_000               # distinct classes of a classification target
MAX_FILE_BYTES = 4 * 1024**3       # one data file on disk
MAX_VALUES = 500_000_000           # samples x features of a data set (2 GB as float32)
MAX_IMAGE_PIXELS = 40_000_000      # one image (a 6,000 x 6,000 picture)
MAX_DECOMPRESSED = 2 * 1024**3     # what a gzip file or a PNG's pixel data may expand to


def check_file(path, what: str = N_("a data file")) -> Path:
    """`path` if it is a regular file within MAX_FILE_BYTES; else DataError (missing files
    are left to the caller's own message)."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return path
    except OSError as e:
        raise DataError(tr("{name}: cannot read ({reason})", name=path.name, reason=e.strerror)) from None
    if stat.S_ISDIR(st.st_mode):
        return path
    if not stat.S_ISREG(st.st_mode):
        raise DataError(tr("{path}: is not a regular file (a pipe, socket or device cannot be read as {what})",
                           path=path, what=tr(what)))
    if st.st_size > MAX_FILE_BYTES:
        raise DataError(tr("{name}: {size} MB is larger than the limit of {limit} MB for a data file",
                           name=path.name, size=st.st_size // 2**20, limit=MAX_FILE_BYTES // 2**20))
    return path


def check_classes(n: int, where: str) -> None:
    if n > MAX_CLASSES:
        raise DataError(tr("{where}: {n} classes is more than the limit of {limit} (is the target a class index?)",
                           where=where, n=f"{n:,}", limit=f"{MAX_CLASSES:,}"))


def check_values(n: int, where: str) -> None:
    if n > MAX_VALUES:
        raise DataError(tr("{where}: {n} values is more than the limit of {limit} for a data set",
                           where=where, n=f"{n:,}", limit=f"{MAX_VALUES:,}"))


def check_pixels(width: int, height: int, where: str) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise DataError(tr("{where}: a {w} x {h} image is more than the limit of {limit} pixels",
                           where=where, w=width, h=height, limit=f"{MAX_IMAGE_PIXELS:,}"))


def bounded_decompress(data: bytes, limit: int, where: str) -> bytes:
    """zlib-decompress `data`, refusing output beyond `limit` bytes (a decompression bomb)."""
    import zlib

    d = zlib.decompressobj()
    out = d.decompress(data, limit + 1)
    if len(out) > limit or d.unconsumed_tail:
        raise DataError(tr("{where}: the compressed data expands to more than {limit} MB",
                           where=where, limit=max(1, limit // 2**20)))
    return out


def read_bounded(f, limit: int, where: str) -> bytes:
    """Read a (possibly gzip) stream, refusing more than `limit` bytes."""
    raw = f.read(limit + 1)
    if len(raw) > limit:
        raise DataError(tr("{where}: the data expands to more than {limit} MB",
                           where=where, limit=max(1, limit // 2**20)))
    return raw
