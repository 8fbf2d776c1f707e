"""Atomic file writes that keep what the user set up around the file.

Every save (projects, `train --out`, worksheets, exports) writes a temporary
`.NAME.xxxx.tmp` in the target's folder, flushes it to disk, gives it the mode the file
should have and renames it over the target:

- an existing file keeps its permission bits (0664 stays 0664);
- a new file gets the default mode under the user's umask (0666 & ~umask), like any editor;
- a symbolic link stays a link: its target is the file replaced (atomically, in the
  target's folder).

A save killed half-way leaves only a `.NAME.xxxx.tmp`; `clean_temporaries` removes those
of a folder (the app does so for the files it opens).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Callable

_TMP_RE = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{6,}\.tmp$")


def current_umask() -> int:
    """The process's umask (read from /proc where it can be, without changing it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def resolve_target(path) -> Path:
    """The file a write to `path` must replace: the final target of a symbolic link
    (a dangling link's target is created), else `path` itself."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def write_with(path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)` to produce the new content, then put it in place atomically
    (mode kept, links followed). Returns the path written (the link's target for a link)."""
    target = resolve_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


def write_bytes(path, data: bytes) -> Path:
    def put(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    return write_with(path, put)


def write_text(path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def clean_temporaries(folder, older_than_s: float = 60.0) -> list[Path]:
    """Remove the `.NAME.xxxx.tmp` files a killed save left in `folder` (only those older
    than `older_than_s`, so a save running now in another process is left alone)."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not _TMP_RE.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime >= older_than_s:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
