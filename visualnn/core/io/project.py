"""Read and write `.vnn` project files (see the design: versioned UTF-8 JSON, atomic writes,
unknown keys kept). Loading never executes code: it is `json.loads` and plain records."""

from __future__ import annotations

import copy
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from visualnn.core.graph.model import Graph, GraphError
from visualnn.core.i18n import pick, tr
from visualnn.core.io import atomic, schema
from visualnn.core.io.jsonfmt import dumps

FORMAT = "visualnn"
VERSION = 1
KNOWN_KEYS = ("format", "version", "name", "nodes", "edges", "data", "train", "state")
MAX_FILE_BYTES = 2 * 1024**3  # a project larger than this is refused before reading


class ProjectError(ValueError):
    """The file cannot be read as a project: one line saying why (and where)."""


@dataclass
class Project:
    """A whole project: the graph plus the `data`, `train` and `state` sections as plain dicts."""

    graph: Graph = field(default_factory=Graph)
    name: str | dict = "Untitled"  # a string, or {"en": ..., "zh": ...} (kept as is on save)
    data: dict = field(default_factory=dict)
    train: dict = field(default_factory=dict)
    state: dict | None = None
    extra: dict = field(default_factory=dict)  # unknown top-level keys, written back unchanged
    path: Path | None = None

    @property
    def title(self) -> str:
        """The name in the UI language (a bilingual name's text for it, else English)."""
        return pick(self.name) or "Untitled"

    @property
    def description(self) -> str:
        """The optional `description`, in the UI language ("" when there is none)."""
        return pick(self.extra.get("description"))

    @property
    def base_dir(self) -> Path | None:
        return self.path.parent if self.path else None

    def copy(self) -> "Project":
        return Project(self.graph.copy(), self.name, copy.deepcopy(self.data), copy.deepcopy(self.train),
                       copy.deepcopy(self.state), copy.deepcopy(self.extra), self.path)


def project_from_dict(doc, source: str = "project") -> Project:
    """Parse a decoded JSON document into a Project, or raise ProjectError."""
    if not isinstance(doc, dict):
        raise ProjectError(tr("{source}: not a visualnn project (the top level is not an object)", source=source))
    if doc.get("format") != FORMAT:
        raise ProjectError(tr('{source}: not a visualnn project ("format" is {value}, expected "visualnn")',
                              source=source, value=schema.show(doc.get('format'))))
    version = doc.get("version")
    if version != VERSION or isinstance(version, bool):
        if isinstance(version, int) and version > VERSION:
            raise ProjectError(tr("{source}: written by a newer visualnn (file version {version}; this one reads "
                                  "version {VERSION})", source=source, version=version, VERSION=VERSION))
        raise ProjectError(tr("{source}: unknown project version {version} (this visualnn reads version {VERSION})",
                              source=source, version=schema.show(version), VERSION=VERSION))
    try:
        schema.check_document(doc)
    except schema.SchemaError as e:
        raise ProjectError(f"{source}: {e}") from None
    try:
        graph = Graph.from_records(doc.get("nodes", []), doc.get("edges", []))
    except GraphError as e:
        raise ProjectError(f"{source}: {e}") from None
    from visualnn.core.io.tensors import decode_state

    state = decode_state(doc.get("state"))
    name = doc.get("name", "Untitled")
    if not (isinstance(name, dict) and name and all(isinstance(v, str) for v in name.values())):
        name = str(name)
    return Project(
        graph=graph, name=name if isinstance(name, str) else copy.deepcopy(name),
        data=copy.deepcopy(doc.get("data", {})),
        train=copy.deepcopy(doc.get("train", {})), state=copy.deepcopy(state),
        extra={k: copy.deepcopy(v) for k, v in doc.items() if k not in KNOWN_KEYS},
    )


def project_to_dict(project: Project) -> dict:
    nodes, edges = project.graph.to_records()
    doc = {"format": FORMAT, "version": VERSION, "name": project.name, "nodes": nodes, "edges": edges,
           "data": project.data, "train": project.train}
    if project.state:
        doc["state"] = project.state
    doc.update(project.extra)
    return doc


def dumps_project(project: Project) -> str:
    """The file's text: large tensors of `state` in the compact form, the rest as JSON."""
    from visualnn.core.io.tensors import encode_state

    doc = project_to_dict(project)
    if doc.get("state"):
        doc["state"] = encode_state(doc["state"])
    return dumps(doc) + "\n"


def load_project(path) -> Project:
    """Read a .vnn file. Raises ProjectError with one line naming the file and the problem."""
    path = Path(path)
    text = read_text_checked(path, MAX_FILE_BYTES, ProjectError)
    try:
        doc = schema.parse_text(text)
    except json.JSONDecodeError as e:
        raise ProjectError(tr("{path}: broken JSON at line {lineno}, column {colno}: {msg}", path=path,
                              lineno=e.lineno, colno=e.colno, msg=e.msg)) from None
    except schema.SchemaError as e:
        raise ProjectError(f"{path}: {e}") from None
    except (ValueError, RecursionError, MemoryError) as e:
        raise ProjectError(tr("{path}: broken JSON ({error})", path=path, error=type(e).__name__)) from None
    del text
    project = project_from_dict(doc, str(path))
    project.path = path
    return project


def read_text_checked(path: Path, limit: int, error: type) -> str:
    """A file's UTF-8 text, refusing folders, FIFOs, devices and files over `limit` bytes
    before reading (a FIFO would block, /dev/zero would never end)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(tr("{path}: no such file", path=path)) from None
    except OSError as e:
        raise error(tr("{path}: cannot read ({reason})", path=path, reason=e.strerror)) from None
    if stat.S_ISDIR(st.st_mode):
        raise error(tr("{path}: is a folder, not a project file", path=path))
    if not stat.S_ISREG(st.st_mode):
        raise error(tr("{path}: is not a regular file (a pipe, socket or device cannot be read as a project)",
                       path=path))
    if st.st_size > limit:
        raise error(tr("{path}: {size} MB is larger than the limit of {limit} MB for a project file",
                       path=path, size=st.st_size // 2**20, limit=limit // 2**20))
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as e:
        raise error(tr("{path}: cannot read ({reason})", path=path, reason=e.strerror)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise error(tr("{path}: not a visualnn project (not UTF-8 text)", path=path)) from None


def save_project(project: Project, path=None) -> Path:
    """Write atomically (see `atomic`): a temporary file in the same folder, flushed, then
    renamed over; an existing file keeps its mode and a symbolic link stays a link."""
    path = Path(path or project.path)
    atomic.write_text(path, dumps_project(project))
    project.path = path
    return path
