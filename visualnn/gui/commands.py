"""Undoable edits: small QUndoCommands that call only the core Graph / Project API.

Every user edit is one of these pushed on `doc.undo_stack`; compound edits (paste,
delete a selection, insert a layer into an edge) are macros of them, so undo and redo
are complete by construction. Each command stores exactly what it needs to go back
(node order, edge indices), so undoing everything gives back the saved file byte for byte.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from visualnn.core.graph import Graph
from visualnn.gui.i18n import translate


# ids for QUndoCommand.mergeWith: consecutive commands of one kind and key become one step
MOVE_ID, PARAMS_ID, DATA_ID, TRAIN_ID = 1001, 1002, 1003, 1004


class _DocCommand(QUndoCommand):
    def __init__(self, doc, text: str):
        super().__init__(text)
        self.doc = doc

    @property
    def graph(self) -> Graph:
        return self.doc.graph


class AddNode(_DocCommand):
    """Add a layer (at the end of the node order)."""

    def __init__(self, doc, type_name: str, node_id: str | None = None, params: dict | None = None,
                 pos=None, extra: dict | None = None):
        super().__init__(doc, translate("commands", "Add {type_name}").format(type_name=type_name))
        self.type_name, self.params, self.extra = type_name, dict(params or {}), dict(extra or {})
        self.node_id = node_id or doc.graph.unique_id(type_name.lower())
        self.pos = tuple(pos) if pos is not None else None

    def redo(self):
        self.graph.add_node(self.type_name, self.node_id, copy.deepcopy(self.params), self.pos,
                            copy.deepcopy(self.extra))

    def undo(self):
        self.graph.remove_node(self.node_id)


class RemoveNodes(_DocCommand):
    """Remove layers with their edges (and their trained state); undo puts back the node
    order, the edge order and the state exactly."""

    def __init__(self, doc, node_ids):
        ids = [n for n in doc.graph.nodes if n in set(node_ids)]
        super().__init__(doc, translate("commands", "Delete {node}").format(
            node=ids[0]) if len(ids) == 1 else translate("commands", "Delete {n_ids} layers").format(n_ids=len(ids)))
        self.ids = ids
        self.removed: list = []
        self.state_keys: list[str] = []
        self.state_removed: dict = {}

    def redo(self):
        state = self.doc.project.state or {}
        self.state_keys = list(state)
        self.state_removed = {nid: state.pop(nid) for nid in self.ids if nid in state}
        self.removed = [self.graph.remove_node(nid) for nid in self.ids]

    def undo(self):
        for node, index, edges in reversed(self.removed):
            self.graph.insert_node(node, index)
            for i, e in edges:
                self.graph.connect(e.src, e.dst, i)
        if self.state_removed:
            state = self.doc.project.state or {}
            back = {k: self.state_removed.get(k, state.get(k)) for k in self.state_keys
                    if k in self.state_removed or k in state}
            back.update({k: v for k, v in state.items() if k not in back})
            self.doc.project.state = back


class Connect(_DocCommand):
    """Add the edge src -> dst (at `index` in the edge order, else at the end)."""

    def __init__(self, doc, src: str, dst: str, index: int | None = None):
        super().__init__(doc, translate("commands", "Connect {src} → {dst}").format(src=src, dst=dst))
        self.src, self.dst, self.index = src, dst, index

    def redo(self):
        self.graph.connect(self.src, self.dst, self.index)

    def undo(self):
        self.graph.disconnect(self.src, self.dst)


class Disconnect(_DocCommand):
    def __init__(self, doc, src: str, dst: str):
        super().__init__(doc, translate("commands", "Disconnect {src} → {dst}").format(src=src, dst=dst))
        self.src, self.dst, self.index = src, dst, None

    def redo(self):
        self.index = self.graph.disconnect(self.src, self.dst)

    def undo(self):
        self.graph.connect(self.src, self.dst, self.index)


class MoveNodes(_DocCommand):
    """Move cards: {id: new (x, y)}. Consecutive moves with the same `drag_id` (one drag,
    or a run of arrow-key nudges) merge into one undo step."""

    def __init__(self, doc, positions: dict, drag_id=None, text: str | None = None):
        ids = list(positions)
        super().__init__(doc, text or (translate("commands", "Move {node}").format(node=ids[0]) if len(ids) == 1
                                     else translate("commands", "Move {n} layers").format(n=len(ids))))
        self.new = {n: (None if p is None else (float(p[0]), float(p[1]))) for n, p in positions.items()}
        self.old = {n: doc.graph.node(n).pos for n in ids}
        self.drag_id = drag_id

    def id(self):
        return MOVE_ID

    def mergeWith(self, other) -> bool:
        if self.drag_id is None or other.drag_id != self.drag_id or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self):
        for n, p in self.new.items():
            self.graph.move_node(n, p)

    def undo(self):
        for n, p in self.old.items():
            self.graph.move_node(n, p)


class _NodeValueCommand(_DocCommand):
    """Set one value of a node (old -> new through `_apply`). Consecutive edits with the
    same node and `merge_key` (e.g. one spin box being stepped) merge into one undo step."""

    def __init__(self, doc, text: str, node_id: str, old, new, merge_key=None):
        super().__init__(doc, text)
        self.node_id, self.merge_key = node_id, merge_key
        self.old, self.new = copy.deepcopy(old), copy.deepcopy(new)

    def _apply(self, value) -> None:
        raise NotImplementedError

    def mergeWith(self, other) -> bool:
        if self.merge_key is None or (other.node_id, other.merge_key) != (self.node_id, self.merge_key):
            return False
        self.new = copy.deepcopy(other.new)
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self):
        self._apply(copy.deepcopy(self.new))

    def undo(self):
        self._apply(copy.deepcopy(self.old))


class SetParams(_NodeValueCommand):
    """Replace a node's params; edits of one `merge_key` merge into one undo step."""

    def __init__(self, doc, node_id: str, params: dict, merge_key=None, text: str | None = None):
        super().__init__(doc, text or translate("commands", "Edit {node}").format(node=node_id), node_id,
                         doc.graph.node(node_id).params, params, merge_key)

    def id(self):
        return PARAMS_ID

    def _apply(self, value) -> None:
        self.graph.set_params(self.node_id, value)


def set_param(doc, node_id: str, name: str, value) -> SetParams:
    """A SetParams for one parameter (None removes it: back to the default); merges with the
    previous edit of the same parameter."""
    params = dict(doc.graph.node(node_id).params)
    if value is None:
        params.pop(name, None)
    else:
        params[name] = value
    return SetParams(doc, node_id, params, merge_key=name, text=translate("commands", "Set {node_id}.{name}").format(
        node_id=node_id, name=name))


class RenameNode(_DocCommand):
    """Change a node's id (its trained state follows). Check `rename_problem` first."""

    def __init__(self, doc, old: str, new: str):
        super().__init__(doc, translate("commands", "Rename {old} → {new}").format(old=old, new=new))
        self.old, self.new = old, new

    def _rekey(self, a: str, b: str):
        state = self.doc.project.state
        if state and a in state:
            self.doc.project.state = {(b if k == a else k): v for k, v in state.items()}

    def redo(self):
        self.graph.rename_node(self.old, self.new)
        self._rekey(self.old, self.new)

    def undo(self):
        self.graph.rename_node(self.new, self.old)
        self._rekey(self.new, self.old)


def rename_problem(doc, old: str, new: str) -> str | None:
    """Why `old` cannot be renamed to `new`, or None."""
    from visualnn.core.graph import id_problem

    if new == old:
        return None
    problem = id_problem(new)
    if problem:
        return problem
    if new in doc.graph.nodes:
        return translate("commands", "a node '{id}' already exists").format(id=new)
    return None


class _SetSection(_DocCommand):
    key = ""
    merge_id = 0

    def __init__(self, doc, value: dict, merge_key=None, text: str | None = None):
        super().__init__(doc, text or translate("commands", "Change {setting}").format(setting=self.key))
        self.old = copy.deepcopy(getattr(doc.project, self.key))
        self.new = copy.deepcopy(value)
        self.merge_key = merge_key

    def id(self):
        return self.merge_id

    def mergeWith(self, other) -> bool:
        if self.merge_key is None or other.merge_key != self.merge_key:
            return False
        self.new = copy.deepcopy(other.new)
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def _set(self, value):
        setattr(self.doc.project, self.key, copy.deepcopy(value))
        self.doc.settingsChanged.emit()

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)


class ChangeData(_SetSection):
    """Replace the project's `data` section (emits doc.settingsChanged). Consecutive changes
    with the same `merge_key` (a slider being dragged) merge into one undo step."""

    key, merge_id = "data", DATA_ID


class ChangeTrain(_SetSection):
    """Replace the project's `train` section (emits doc.settingsChanged); merges like ChangeData."""

    key, merge_id = "train", TRAIN_ID


class ReplaceGraph(_DocCommand):
    """Swap in a whole new graph (auto-arrange of unplaced cards, a template) as one step."""

    def __init__(self, doc, graph: Graph, text: str | None = None):
        super().__init__(doc, text or translate("commands", "Replace graph"))
        self.old, self.new = doc.graph.copy(), graph.copy()

    def redo(self):
        self.graph.replace_with(self.new)

    def undo(self):
        self.graph.replace_with(self.old)


def remove_selection(doc, node_ids, edges=()) -> None:
    """Delete nodes (with their edges) and loose edges as one undo step."""
    node_ids = [n for n in node_ids if n in doc.graph.nodes]
    edges = [(s, d) for s, d in edges if s not in node_ids and d not in node_ids and doc.graph.has_edge(s, d)]
    if not node_ids and not edges:
        return
    stack = doc.undo_stack
    stack.beginMacro(translate("commands", "Delete {n} items").format(
        n=len(node_ids) + len(edges)) if len(node_ids) + len(edges) > 1 else
                     (translate("commands", "Delete {node}").format(
                         node=node_ids[0]) if node_ids else translate("commands", "Disconnect {src} → {dst}").format(
                             src=edges[0][0], dst=edges[0][1])))
    for s, d in edges:
        stack.push(Disconnect(doc, s, d))
    if node_ids:
        stack.push(RemoveNodes(doc, node_ids))
    stack.endMacro()


def paste_records(doc, nodes: list[dict], edges: list[dict], offset=(40.0, 40.0), text: str | None = None) -> list[str]:
    """Add copies of node records (as in the project file) and the edges among them, with
    fresh ids where taken, shifted by `offset`; one undo step. Returns the new ids."""
    graph = doc.graph
    taken = set(graph.nodes)
    ids: dict[str, str] = {}
    for rec in nodes:
        base = str(rec["id"])
        new = base
        if new in taken:
            stem = base.rstrip("0123456789") or base
            i = 1
            while f"{stem}{i}" in taken:
                i += 1
            new = f"{stem}{i}"
        taken.add(new)
        ids[base] = new
    stack = doc.undo_stack
    text = text or translate("commands", "Paste")
    stack.beginMacro(translate("commands", "{action} ({n} layers)").format(action=text, n=len(nodes)) if len(nodes) != 1
                     else translate("commands", "{action} (1 layer)").format(action=text))
    for rec in nodes:
        pos = rec.get("pos")
        if pos is not None:
            pos = (float(pos[0]) + offset[0], float(pos[1]) + offset[1])
        extra = {k: v for k, v in rec.items() if k not in ("id", "type", "params", "pos")}
        stack.push(AddNode(doc, rec["type"], ids[str(rec["id"])], rec.get("params") or {}, pos, extra))
    for e in edges:
        if e["from"] in ids and e["to"] in ids:
            stack.push(Connect(doc, ids[e["from"]], ids[e["to"]]))
    stack.endMacro()
    return [ids[str(rec["id"])] for rec in nodes]


def insert_after(doc, src: str, type_name: str, pos, shift: float = 0.0, params: dict | None = None) -> str:
    """Add a `type_name` layer fed by `src`. When `src` feeds exactly one layer, the new one
    goes in between (keeping the edge's place in the order, which Concat cares about), and
    the cards downstream move right by `shift`. One undo step; returns the new id."""
    graph = doc.graph
    outs = graph.outputs_of(src)
    new_id = graph.unique_id(type_name.lower())
    stack = doc.undo_stack
    stack.beginMacro(translate("commands", "Add {type_name} after {src}").format(type_name=type_name, src=src))
    if len(outs) == 1:
        dst = outs[0]
        index = graph.edges.index(next(e for e in graph.edges if e.src == src and e.dst == dst))
        if shift:
            moves = {n: (graph.nodes[n].pos[0] + shift, graph.nodes[n].pos[1]) for n in graph.nodes
                     if graph.nodes[n].pos is not None and (n == dst or graph.reaches(dst, n))}
            if moves:
                stack.push(MoveNodes(doc, moves))
        stack.push(Disconnect(doc, src, dst))
        stack.push(AddNode(doc, type_name, new_id, params, pos))
        stack.push(Connect(doc, src, new_id, index))
        stack.push(Connect(doc, new_id, dst, index + 1))
    else:
        stack.push(AddNode(doc, type_name, new_id, params, pos))
        stack.push(Connect(doc, src, new_id))
    stack.endMacro()
    return new_id


INIT_ID = 1005


class SetInit(_NodeValueCommand):
    """Set a node's `init` (None removes it); edits of one argument merge into one undo step."""

    def __init__(self, doc, node_id: str, init: dict | None, merge_key=None):
        super().__init__(doc, translate("commands", "Set {node} init").format(node=node_id), node_id,
                         doc.graph.node(node_id).extra.get("init"), init, merge_key)

    def id(self):
        return INIT_ID

    def _apply(self, value) -> None:
        self.graph.set_init(self.node_id, value)
