"""Read and write `.vnn` project files (see the design: versioned UTF-8 JSON, atomic writes,
unknown keys kept). Loading never executes code: it is `json.loads` and plain records."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from visualnn.core.graph.model import Graph, GraphError
from visualnn.core.io.jsonfmt import dumps
from visualnn.core.i18n import pick, tr

FORMAT = "visualnn"
VERSION = 1
KNOWN_KEYS = ("format", "version", "name", "nodes", "edges", "data", "train", "state")


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
        raise ProjectError(tr('{source}: not a visualnn project ("format" is {get!r}, expected "visualnn")', source=source, get=doc.get('format')))
    version = doc.get("version")
    if version != VERSION:
        if isinstance(version, int) and version > VERSION:
            raise ProjectError(tr("{source}: written by a newer visualnn (file version {version}; this one reads version {VERSION})", source=source, version=version, VERSION=VERSION))
        raise ProjectError(tr("{source}: unknown project version {version!r} (this visualnn reads version {VERSION})", source=source, version=version, VERSION=VERSION))
    nodes, edges = doc.get("nodes", []), doc.get("edges", [])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise ProjectError(tr('{source}: "nodes" and "edges" must be lists', source=source))
    try:
        graph = Graph.from_records(nodes, edges)
    except GraphError as e:
        raise ProjectError(f"{source}: {e}") from None
    for key in ("data", "train"):
        if not isinstance(doc.get(key, {}), dict):
            raise ProjectError(tr('{source}: "{key}" must be an object', source=source, key=key))
    state = doc.get("state")
    if state is not None and not isinstance(state, dict):
        raise ProjectError(tr('{source}: "state" must be an object', source=source))
    name = doc.get("name", "Untitled")
    if not (isinstance(name, dict) and name and all(isinstance(v, str) for v in name.values())):
        name = str(name)
    return Project(
        graph=graph, name=copy.deepcopy(name), data=copy.deepcopy(doc.get("data", {})),
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
    return dumps(project_to_dict(project)) + "\n"


def load_project(path) -> Project:
    """Read a .vnn file. Raises ProjectError with one line naming the file and the problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError(tr("{path}: no such file", path=path)) from None
    except IsADirectoryError:
        raise ProjectError(tr("{path}: is a folder, not a project file", path=path)) from None
    except UnicodeDecodeError:
        raise ProjectError(tr("{path}: not a visualnn project (not UTF-8 text)", path=path)) from None
    except OSError as e:
        raise ProjectError(tr("{path}: cannot read ({strerror})", path=path, strerror=e.strerror)) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProjectError(tr("{path}: broken JSON at line {lineno}, column {colno}: {msg}", path=path, lineno=e.lineno, colno=e.colno, msg=e.msg)) from None
    project = project_from_dict(doc, str(path))
    project.path = path
    return project


def save_project(project: Project, path=None) -> Path:
    """Write atomically: a temporary file in the same folder, flushed, then renamed over."""
    path = Path(path or project.path)
    text = dumps_project(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    project.path = path
    return path
