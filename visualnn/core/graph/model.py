"""The Graph: nodes (layers), edges (tensors), positions; the one source of truth.

Every change goes through a method here and emits one `GraphEvent` to the subscribers,
and only when something really changed (so two-way bindings cannot loop).
"""

from __future__ import annotations

import copy
import keyword
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from visualnn.core.i18n import tr



class GraphError(ValueError):
    """An edit that the graph refuses (unknown node, duplicate id, ...)."""


@dataclass
class Node:
    id: str
    type: str
    params: dict = field(default_factory=dict)
    pos: tuple[float, float] | None = None
    extra: dict = field(default_factory=dict)  # unknown keys of the project file, kept on save


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str


@dataclass(frozen=True)
class GraphEvent:
    """kind: node_added, node_removed, node_changed, node_moved, node_renamed,
    edge_added, edge_removed, reset. `node` is the node id concerned (the new id for a
    rename, `old` the previous one); `edge` the edge for edge events."""

    kind: str
    node: str | None = None
    edge: Edge | None = None
    old: str | None = None


def id_problem(node_id: Any) -> str | None:
    """Why `node_id` is not a valid id, or None."""
    if not isinstance(node_id, str) or not node_id.isidentifier():
        return tr("id {node_id!r} must start with a letter (of any script) or _ and hold only letters, digits and _",
                  node_id=node_id)
    if keyword.iskeyword(node_id):
        return tr("id {node_id!r} is a Python keyword", node_id=node_id)
    return None


class Graph:
    def __init__(self):
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self._subscribers: list[Callable[[GraphEvent], None]] = []

    # -- events -----------------------------------------------------------------
    def subscribe(self, callback: Callable[[GraphEvent], None]) -> None:
        self._subscribers.append(callback)

    def unsubscribe(self, callback: Callable[[GraphEvent], None]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def _emit(self, kind: str, **kw) -> None:
        event = GraphEvent(kind, **kw)
        for cb in list(self._subscribers):
            cb(event)

    # -- queries ------------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise GraphError(tr("no node '{node_id}'", node_id=node_id)) from None

    def __contains__(self, node_id: str) -> bool:
        return node_id in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def inputs_of(self, node_id: str) -> list[str]:
        """Predecessors in connection order (the order Concat joins them)."""
        return [e.src for e in self.edges if e.dst == node_id]

    def outputs_of(self, node_id: str) -> list[str]:
        return [e.dst for e in self.edges if e.src == node_id]

    def has_edge(self, src: str, dst: str) -> bool:
        return Edge(src, dst) in self.edges

    def input_ids(self) -> list[str]:
        return [n.id for n in self.nodes.values() if n.type == "Input"]

    def sinks(self) -> list[str]:
        used = {e.src for e in self.edges}
        return [nid for nid in self.nodes if nid not in used]

    def output_id(self) -> str | None:
        sinks = [s for s in self.sinks() if self.nodes[s].type != "Input" or len(self.nodes) == 1]
        return sinks[0] if len(sinks) == 1 else None

    def adjacency(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """(inputs by node, outputs by node), in connection order: one pass over the edges,
        for code that asks about every node (validation stays linear in nodes plus edges)."""
        ins: dict[str, list[str]] = {nid: [] for nid in self.nodes}
        outs: dict[str, list[str]] = {nid: [] for nid in self.nodes}
        for e in self.edges:
            if e.src in outs and e.dst in ins:
                ins[e.dst].append(e.src)
                outs[e.src].append(e.dst)
        return ins, outs

    def topo_order(self) -> list[str]:
        """Nodes in a topological order (stable: file order among ready nodes).

        Raises GraphError naming the nodes on a cycle."""
        from collections import deque

        ins, outs = self.adjacency()
        indeg = {nid: len(v) for nid, v in ins.items()}
        order, ready = [], deque(nid for nid in self.nodes if indeg[nid] == 0)
        while ready:
            nid = ready.popleft()
            order.append(nid)
            for dst in outs[nid]:
                indeg[dst] -= 1
                if indeg[dst] == 0:
                    ready.append(dst)
        if len(order) != len(self.nodes):
            done = set(order)
            stuck = [nid for nid in self.nodes if nid not in done]
            raise GraphError("cycle through " + ", ".join(stuck))
        return order

    def reaches(self, src: str, dst: str) -> bool:
        """True when a path src -> ... -> dst exists."""
        seen, stack = set(), [src]
        while stack:
            nid = stack.pop()
            if nid == dst:
                return True
            if nid not in seen:
                seen.add(nid)
                stack.extend(self.outputs_of(nid))
        return False

    def unique_id(self, base: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_]", "_", base) or "node"
        if not re.match(r"[A-Za-z_]", base[0]):
            base = "n_" + base
        if base not in self.nodes and not id_problem(base):
            return base
        i = 1
        while f"{base}{i}" in self.nodes:
            i += 1
        return f"{base}{i}"

    # -- edits --------------------------------------------------------------------
    def add_node(self, type_name: str, node_id: str | None = None, params: dict | None = None,
                 pos: tuple[float, float] | None = None, extra: dict | None = None) -> Node:
        node_id = node_id or self.unique_id(type_name.lower())
        if node_id in self.nodes:
            raise GraphError(tr("a node '{node_id}' already exists", node_id=node_id))
        node = Node(node_id, type_name, dict(params or {}), tuple(pos) if pos is not None else None, dict(extra or {}))
        self.nodes[node_id] = node
        self._emit("node_added", node=node_id)
        return node

    def insert_node(self, node: Node, index: int) -> None:
        """Put back a removed node at its old position in the node order (for undo)."""
        if node.id in self.nodes:
            raise GraphError(tr("a node '{id}' already exists", id=node.id))
        items = list(self.nodes.items())
        items.insert(min(index, len(items)), (node.id, node))
        self.nodes = dict(items)
        self._emit("node_added", node=node.id)

    def remove_node(self, node_id: str) -> tuple[Node, int, list[tuple[int, Edge]]]:
        """Remove a node and its edges; returns (node, its index, [(edge index, edge)]) for undo."""
        node = self.node(node_id)
        removed = [(i, e) for i, e in enumerate(self.edges) if node_id in (e.src, e.dst)]
        for _, e in reversed(removed):
            self.edges.remove(e)
            self._emit("edge_removed", edge=e)
        index = list(self.nodes).index(node_id)
        del self.nodes[node_id]
        self._emit("node_removed", node=node_id)
        return node, index, removed

    def connect(self, src: str, dst: str, index: int | None = None) -> Edge:
        """Add the edge src -> dst (no shape check: see validate.check_connect)."""
        self.node(src), self.node(dst)
        edge = Edge(src, dst)
        if edge in self.edges:
            raise GraphError(tr("'{src}' is already connected to '{dst}'", src=src, dst=dst))
        if index is None:
            self.edges.append(edge)
        else:
            self.edges.insert(index, edge)
        self._emit("edge_added", edge=edge)
        return edge

    def disconnect(self, src: str, dst: str) -> int:
        """Remove the edge; returns its index (for undo)."""
        edge = Edge(src, dst)
        if edge not in self.edges:
            raise GraphError(tr("'{src}' is not connected to '{dst}'", src=src, dst=dst))
        index = self.edges.index(edge)
        self.edges.pop(index)
        self._emit("edge_removed", edge=edge)
        return index

    def set_params(self, node_id: str, params: dict) -> None:
        """Replace the node's explicit parameters (values equal to a default may stay explicit)."""
        node = self.node(node_id)
        if node.params != params:
            node.params = dict(params)
            self._emit("node_changed", node=node_id)

    def set_param(self, node_id: str, name: str, value: Any) -> None:
        node = self.node(node_id)
        params = dict(node.params)
        if value is None and name in params and name not in ("stride", "padding_idx"):
            params.pop(name)
        else:
            params[name] = value
        self.set_params(node_id, params)

    def set_init(self, node_id: str, init: dict | None) -> None:
        """Set the node's `init` ({"scheme": ..., ...}; see core/graph/init.py), or remove it
        with None. Not checked here: validation reports a bad one at the node."""
        node = self.node(node_id)
        if node.extra.get("init") != init:
            if init is None:
                node.extra.pop("init", None)
            else:
                node.extra["init"] = copy.deepcopy(init)
            self._emit("node_changed", node=node_id)

    def set_type(self, node_id: str, type_name: str, params: dict | None = None) -> None:
        node = self.node(node_id)
        if node.type != type_name or (params is not None and params != node.params):
            node.type = type_name
            node.params = dict(params or {})
            self._emit("node_changed", node=node_id)

    def move_node(self, node_id: str, pos: tuple[float, float] | None) -> None:
        """Set the card's top-left position on the canvas; None = not placed (undo of a first move)."""
        node = self.node(node_id)
        pos = None if pos is None else (float(pos[0]), float(pos[1]))
        if node.pos != pos:
            node.pos = pos
            self._emit("node_moved", node=node_id)

    def rename_node(self, old: str, new: str) -> None:
        if old == new:
            return
        node = self.node(old)
        problem = id_problem(new)
        if problem:
            raise GraphError(problem)
        if new in self.nodes:
            raise GraphError(tr("a node '{new}' already exists", new=new))
        node.id = new
        self.nodes = {(new if k == old else k): v for k, v in self.nodes.items()}
        self.edges = [Edge(new if e.src == old else e.src, new if e.dst == old else e.dst) for e in self.edges]
        self._emit("node_renamed", node=new, old=old)

    def replace_with(self, other: "Graph") -> None:
        """Take over the nodes and edges of `other` (open a file, undo a big edit)."""
        self.nodes = {k: copy.deepcopy(v) for k, v in other.nodes.items()}
        self.edges = list(other.edges)
        self._emit("reset")

    def copy(self) -> "Graph":
        g = Graph()
        g.nodes = {k: copy.deepcopy(v) for k, v in self.nodes.items()}
        g.edges = list(self.edges)
        return g

    # -- plain records (the project file's "nodes" and "edges") ---------------------
    def to_records(self) -> tuple[list[dict], list[dict]]:
        nodes = []
        for n in self.nodes.values():
            rec = {"id": n.id, "type": n.type}
            if n.params:
                rec["params"] = _jsonable(n.params)
            if n.pos is not None:
                rec["pos"] = [_coord(n.pos[0]), _coord(n.pos[1])]  # 330, not 330.0: files stay tidy
            rec.update(n.extra)
            nodes.append(rec)
        edges = [{"from": e.src, "to": e.dst} for e in self.edges]
        return nodes, edges

    @classmethod
    def from_records(cls, nodes: list[dict], edges: list[dict]) -> "Graph":
        """Build a graph from the file's records. Structural problems (duplicate ids,
        edges to unknown nodes) raise GraphError; layer problems are left to validation."""
        g = cls()
        for i, rec in enumerate(nodes):
            if not isinstance(rec, dict) or "id" not in rec or "type" not in rec:
                raise GraphError(tr("nodes[{i}] needs an 'id' and a 'type'", i=i))
            nid = rec["id"]
            if not isinstance(nid, str):
                raise GraphError(tr("nodes[{i}]: id must be a string, not {nid!r}", i=i, nid=nid))
            if nid in g.nodes:
                raise GraphError(tr("node {nid}: the id is used twice", nid=nid))
            params = rec.get("params") or {}
            if not isinstance(params, dict):
                raise GraphError(tr("node {nid}: params must be an object", nid=nid))
            pos = rec.get("pos")
            if pos is not None and (not isinstance(pos, (list, tuple)) or len(pos) != 2):
                raise GraphError(tr("node {nid}: pos must be [x, y]", nid=nid))
            extra = {k: v for k, v in rec.items() if k not in ("id", "type", "params", "pos")}
            g.nodes[nid] = Node(nid, rec["type"], dict(params), tuple(map(float, pos)) if pos else None, extra)
        for i, rec in enumerate(edges):
            if not isinstance(rec, dict) or "from" not in rec or "to" not in rec:
                raise GraphError(tr("edges[{i}] needs 'from' and 'to'", i=i))
            for end in ("from", "to"):
                if rec[end] not in g.nodes:
                    raise GraphError(tr("node {rec}: edges[{i}] names a node that does not exist", rec=rec[end], i=i))
            e = Edge(rec["from"], rec["to"])
            if e in g.edges:
                raise GraphError(tr("node {dst}: the edge from '{src}' is listed twice", dst=e.dst, src=e.src))
            g.edges.append(e)
        return g


def _coord(v):
    return int(v) if float(v).is_integer() else v


def _jsonable(value):
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value
