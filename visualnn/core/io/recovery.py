"""Recovery copies of unsaved work, and locks on open project files (no Qt here).

A running app writes its unsaved project (with the current weights) to
`<folder>/<session>.vnn` beside a small `<session>.json` saying whose it is (name, file,
time, process). A clean close or a save removes them; what is left after a crash or a
`kill -9` belongs to a process that no longer runs, and the next start offers it back.

A lock `<folder>/locks/<hash>.json` marks a project file as open in a running app, so a
second app opening the same file is told it is open elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from visualnn.core.io import atomic


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovered project: `file` is the recovery copy, `path` the project's own file
    (None for an untitled project), `saved_at` the autosave's time (epoch seconds)."""

    session: str
    name: str
    path: Path | None
    saved_at: float
    pid: int
    file: Path


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _display_name(name) -> str:
    from visualnn.core.i18n import pick

    return str(pick(name)) if isinstance(name, dict) else str(name)


def write_recovery(folder, session: str, project) -> Path:
    """Write `project` (graph, settings and state) as the recovery copy of `session`."""
    from visualnn.core.io.project import dumps_project

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"{session}.vnn"
    atomic.write_text(file, dumps_project(project))
    meta = {"name": _display_name(project.name), "path": str(project.path) if project.path else None,
            "saved_at": time.time(), "pid": os.getpid(), "host": socket.gethostname()}
    atomic.write_text(folder / f"{session}.json", json.dumps(meta))
    return file


def discard_recovery(folder, session: str) -> None:
    for suffix in (".vnn", ".json"):
        try:
            (Path(folder) / f"{session}{suffix}").unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def orphaned(folder) -> list[RecoveryEntry]:
    """Recovery copies whose app is no longer running, newest first."""
    out = []
    folder = Path(folder)
    if not folder.is_dir():
        return out
    for meta_file in folder.glob("*.json"):
        session = meta_file.stem
        file = folder / f"{session}.vnn"
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            pid = int(meta.get("pid", 0))
            same_host = meta.get("host") in (None, socket.gethostname())
            if not file.is_file() or (same_host and pid_alive(pid)):
                continue  # its app still runs (this one included)
            out.append(RecoveryEntry(session, str(meta.get("name", "")), Path(meta["path"]) if meta.get("path") else None,
                                     float(meta.get("saved_at", 0.0)), pid, file))
        except (OSError, ValueError, TypeError, AttributeError):
            continue
    return sorted(out, key=lambda e: -e.saved_at)


def offerable(folder) -> list[RecoveryEntry]:
    """The recovery copies to offer at start, newest first: orphaned ones, less those of a
    project file another running app has open (restoring it here would make two editors of
    one file; it is offered once that app has let go of the file)."""
    return [e for e in orphaned(folder) if e.path is None or lock_holder(folder, e.path) is None]


def claim(entry: RecoveryEntry) -> None:
    """Mark `entry` as this process's while it offers it, so a second app starting at the
    same time does not offer it too; after a crash of this process it is orphaned again."""
    meta_file = entry.file.with_suffix(".json")
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        meta.update(pid=os.getpid(), host=socket.gethostname())
        atomic.write_text(meta_file, json.dumps(meta))
    except (OSError, ValueError, TypeError, AttributeError):
        pass  # a copy that cannot be claimed is still offered here


def restore(entry: RecoveryEntry):
    """The recovered project, with the path of the file it came from."""
    from visualnn.core.io.project import load_project

    project = load_project(entry.file)
    project.path = entry.path
    return project


# -- locks ------------------------------------------------------------------------------------
def _lock_file(folder, path) -> Path:
    key = hashlib.sha1(str(Path(path).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return Path(folder) / "locks" / f"{key}.json"


def lock_holder(folder, path) -> int | None:
    """The process id of another running app that holds `path` open, else None."""
    try:
        meta = json.loads(_lock_file(folder, path).read_text(encoding="utf-8"))
        pid = int(meta["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if pid == os.getpid() or meta.get("host") != socket.gethostname() or not pid_alive(pid):
        return None
    return pid


def acquire_lock(folder, path) -> None:
    file = _lock_file(folder, path)
    file.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(file, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                        "path": str(path), "since": time.time()}))


def release_lock(folder, path) -> None:
    file = _lock_file(folder, path)
    try:
        meta = json.loads(file.read_text(encoding="utf-8"))
        if int(meta.get("pid", 0)) == os.getpid():
            file.unlink()
    except (OSError, ValueError, TypeError):
        pass
