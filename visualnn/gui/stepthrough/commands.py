"""Undoable edits of hand-set numbers: one parameter value in the project's `state`, one
input or target value in the project's table data.

A node that has no entry in `state` yet is initialised from the project's seed, exactly as
training and the trace would initialise it; setting one of its values writes the whole
node into `state`, so the other values stay what the user saw. Undo puts the node's entry
back as it was (absent again if it was absent).
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from visualnn.gui.commands import ChangeData
from visualnn.gui.i18n import translate


class EditError(ValueError):
    """A hand-set value cannot be applied: one line naming the place."""


def node_state(project, node: str) -> dict:
    """The node's parameters as nested lists: from `state`, else as the seed initialises them."""
    state = project.state or {}
    if node in state:
        return copy.deepcopy(state[node])
    seed = int((project.train or {}).get("seed", 0) or 0)
    from visualnn.core.compile.module import compile_graph, state_to_lists  # torch: only when needed

    try:
        module = compile_graph(project.graph, state=state or None, seed=seed)
    except ValueError as e:
        raise EditError(translate("commands", "node {node}: cannot build the network ({e})").format(
            node=node, e=e)) from None
    full = state_to_lists(module)
    if node not in full:
        raise EditError(translate("commands", "node {node}: has no parameters").format(node=node))
    return full[node]


def _get(nested, index):
    for i in index:
        nested = nested[i]
    return nested


def _set(nested, index, value) -> None:
    if not index:
        raise EditError(translate("commands", "an index is needed"))
    for i in index[:-1]:
        nested = nested[i]
    nested[index[-1]] = value


def _checked_float(value, where: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise EditError(translate("commands", "{where}: {value!r} is not a number").format(
            where=where, value=value)) from None
    if v != v or v in (float("inf"), float("-inf")):
        raise EditError(translate("commands", "{where}: must be a finite number").format(where=where))
    return v


def _notify(document, signal_name: str) -> None:
    signal = getattr(document, signal_name, None)
    if signal is not None:
        signal.emit()


class SetStateValue(QUndoCommand):
    """Set one value of one parameter (`index` into its nested list; () for a scalar)."""

    def __init__(self, document, node: str, param: str, index, value, parent=None):
        super().__init__(parent)
        self.document, self.node, self.param = document, node, param
        self.index = tuple(int(i) for i in index)
        project = document.project
        where = translate("commands", "node {node}: {param}").format(
            node=node, param=f"{param}{list(self.index) if self.index else ''}")
        value = _checked_float(value, where)
        self.old = copy.deepcopy((project.state or {}).get(node))
        self.had_state = project.state is not None
        new = node_state(project, node)
        if param not in new:
            raise EditError(translate("commands", "node {node}: no parameter '{param}' (it has: {value})").format(
                node=node, param=param, value=', '.join(sorted(new))))
        try:
            if self.index:
                _get(new[param], self.index)
                _set(new[param], self.index, value)
            elif isinstance(new[param], list):
                raise EditError(translate("commands", "{where}: an index is needed").format(where=where))
            else:
                new[param] = value
        except (IndexError, TypeError):
            raise EditError(translate("commands", "{where}: index out of range").format(where=where)) from None
        self.new = new
        self.setText(translate("commands", "Set {name} = {value}").format(
            name=f"{node}.{param}{list(self.index) if self.index else ''}", value=f"{value:g}"))

    def redo(self) -> None:
        project = self.document.project
        if project.state is None:
            project.state = {}
        project.state[self.node] = copy.deepcopy(self.new)
        _notify(self.document, "stateChanged")

    def undo(self) -> None:
        project = self.document.project
        if self.old is None:
            (project.state or {}).pop(self.node, None)
            if not self.had_state and not project.state:
                project.state = None
        else:
            project.state[self.node] = copy.deepcopy(self.old)
        _notify(self.document, "stateChanged")


def table_value_command(document, which: str, row: int, index, value) -> ChangeData:
    """A ChangeData setting one input or target value of a `table` data row (`which`
    "inputs" or "targets"; `index` is the position inside the row, () when the row is a
    single number)."""
    if which not in ("inputs", "targets"):
        raise EditError(translate("commands", "data: unknown table part {which!r}").format(which=which))
    data = document.project.data or {}
    if data.get("kind") != "table":
        raise EditError(translate("commands", "data: {which} can be typed in only for table data (this project uses "
                                              "{value!r} data)").format(which=which, value=data.get('kind', 'no')))
    row, index = int(row), tuple(int(i) for i in index)
    where = translate("commands", "data {which} row {row}").format(
        which=which, row=f"{row}{list(index) if index else ''}")
    value = _checked_float(value, where)
    new = copy.deepcopy(data)
    rows = new.get(which) or []
    try:
        if index:
            if not isinstance(rows[row], list):
                raise EditError(translate("commands", "{where}: the row is a single number").format(where=where))
            _get(rows[row], index)
            _set(rows[row], index, value)
        else:
            rows[row] = [value] if isinstance(rows[row], list) else value
    except (IndexError, TypeError):
        raise EditError(translate("commands", "{where}: index out of range").format(where=where)) from None
    return ChangeData(document, new, text=translate("commands", "Set {which} row {row} = {value}").format(
        which=which, row=f"{row}{list(index) if index else ''}", value=f"{value:g}"))


class ReplaceState(QUndoCommand):
    """Replace the project's whole `state` (weights imported from a file); undo restores it."""

    def __init__(self, document, state: dict | None, text: str | None = None, parent=None):
        super().__init__(text or translate("commands", "Import weights"), parent)
        self.document = document
        self.old = copy.deepcopy(document.project.state)
        self.new = copy.deepcopy(state)

    def redo(self) -> None:
        self.document.project.state = copy.deepcopy(self.new)
        _notify(self.document, "stateChanged")

    def undo(self) -> None:
        self.document.project.state = copy.deepcopy(self.old)
        _notify(self.document, "stateChanged")
