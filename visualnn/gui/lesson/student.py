"""Student mode: the parts a lesson hides are gone and the parts it locks cannot change.

Part names (see visualnn.core.lesson.model): panels (`palette`, `inspector`, `data`,
`training`, `live`, `history`, `toolbar`, `stepthrough`), `graph`, `data`, settings as
`train.KEY`, views as `views.NAME`. A locked part's widgets are disabled, and every edit
of it that reaches the undo stack (a key, a menu, a paste) is refused with a message in
the status bar. A teacher switches it all off with one action: a classroom aid, not
security.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout

from visualnn.gui import commands as cmd

GRAPH_COMMANDS = (cmd.AddNode, cmd.RemoveNodes, cmd.Connect, cmd.Disconnect, cmd.SetParams, cmd.RenameNode,
                  cmd.ReplaceGraph)
# the training panel's field of each setting
TRAIN_FIELDS = {"lr": "lr", "batch_size": "batch", "optimizer": "optimizer", "loss": "loss", "l1": "l1",
                "weight_decay": "l2", "epochs": "epochs", "seed": "seed", "device": "device"}


def refused_by(command, lock: set) -> str | None:
    """The locked part `command` would change, else None (a macro: any of its parts)."""
    if "graph" in lock and isinstance(command, GRAPH_COMMANDS):
        return "graph"
    if "data" in lock and isinstance(command, cmd.ChangeData):
        return "data"
    if isinstance(command, cmd.ChangeTrain):
        changed = {k for k in set(command.old) | set(command.new) if command.old.get(k) != command.new.get(k)}
        for key in sorted(changed):
            if f"train.{key}" in lock:
                return f"train.{key}"
    for i in range(command.childCount()):
        part = refused_by(command.child(i), lock)
        if part:
            return part
    return None


class StudentMode(QObject):
    """Hides and locks the lesson's parts in `window`; `apply(hide, lock)`, `clear()`."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hide: set[str] = set()
        self.lock: set[str] = set()
        self.active = False
        self._hidden_docks: list = []
        self._rows: list = []
        self._disabled: list = []
        stack = window.document.undo_stack
        self._push = stack.push
        stack.push = self._gated_push  # every edit passes here (commands.py: edits are pushed)

    def _gated_push(self, command) -> None:
        if self.active:
            part = refused_by(command, self.lock)
            if part:
                text = self.tr("{0} is locked by the lesson (a teacher can unlock it: Lesson > Teacher Mode)")
                self.window.statusBar().showMessage(text.format(part), 6000)
                self.window.training.panel.sync_from_document()
                return
        self._push(command)

    def is_hidden(self, part: str) -> bool:
        return self.active and part in self.hide

    def is_locked(self, part: str) -> bool:
        return self.active and part in self.lock

    # -- on and off -------------------------------------------------------------------------
    def apply(self, hide, lock) -> None:
        self.clear()
        self.hide, self.lock, self.active = set(hide), set(lock), True
        w = self.window
        for name, dock in w.docks.items():
            if name in self.hide:
                if dock.isVisible():
                    self._hidden_docks.append(dock)
                dock.hide()
                dock.toggleViewAction().setVisible(False)
        if "toolbar" in self.hide:
            w.toolbar.hide()
        if "stepthrough" in self.hide:
            self._disable(w.step_through.mode_action, visible=True)
            self._disable(w.step_through.toggle_action)
        panel = w.training.panel
        for key, attr in TRAIN_FIELDS.items():
            widget = getattr(panel, attr)
            if f"train.{key}" in self.hide:
                self._hide_row(widget)
            elif f"train.{key}" in self.lock:
                self._disable(widget)
        views = w.training.views
        views.hidden = {p[6:] for p in self.hide if p.startswith("views.")}
        views.apply_hidden()
        if "graph" in self.lock:
            self._disable(w.palette)
            self._disable(w.inspector)
        if "data" in self.lock:
            self._disable(w.dataset_panel)
        for part in self.lock:
            if part in w.docks and part not in ("data",):
                self._disable(w.docks[part].widget())

    def _disable(self, widget, visible: bool = False) -> None:
        if visible:
            widget.setVisible(False)
        else:
            widget.setEnabled(False)
        self._disabled.append((widget, visible))

    def _hide_row(self, widget) -> None:
        for form in self.window.training.panel.findChildren(QFormLayout):
            row, _ = form.getWidgetPosition(widget)
            if row >= 0:
                form.setRowVisible(row, False)
                self._rows.append((form, row))

    def clear(self) -> None:
        """Everything back: hidden parts shown, locked parts editable."""
        if not self.active:
            return
        w = self.window
        self.active = False
        for dock in w.docks.values():
            dock.toggleViewAction().setVisible(True)
        for dock in self._hidden_docks:
            dock.show()
        w.toolbar.show()
        for widget, visible in self._disabled:
            widget.setVisible(True) if visible else widget.setEnabled(True)
        for form, row in self._rows:
            form.setRowVisible(row, True)
        views = w.training.views
        views.hidden = set()
        views.apply_hidden()
        self._hidden_docks, self._disabled, self._rows = [], [], []
