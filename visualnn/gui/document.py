"""The open project as the GUI sees it: the core Project, its undo stack, its validation.

Every view reads the graph from here and every edit goes through `undo_stack.push`
(see commands.py); the document revalidates on each real graph change and emits
`validated` with the core `Report` (problems and inferred shapes).
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from visualnn.core.graph import GraphEvent, Report, check_graph
from visualnn.core.io import Project


class BatchedUndoStack(QUndoStack):
    """An undo stack whose pushes, macros, undos, redos and jumps validate the graph once,
    at their end (a paste of 20 layers, its undo and its redo are one validation each, not
    one per layer and edge). Qt's own widgets that call `setIndex` from C++ (the history
    list) go around these methods: `HistoryView` batches its input events instead."""

    def __init__(self, doc: "Document"):
        super().__init__(doc)
        self._doc = doc

    def push(self, command) -> None:
        with self._doc.batch():
            super().push(command)

    def beginMacro(self, text: str) -> None:
        self._doc._batch += 1
        super().beginMacro(text)

    def endMacro(self) -> None:
        super().endMacro()
        self._doc._end_batch()

    def undo(self) -> None:
        with self._doc.batch():
            super().undo()

    def redo(self) -> None:
        with self._doc.batch():
            super().redo()

    def setIndex(self, index: int) -> None:
        with self._doc.batch():
            super().setIndex(index)


class Document(QObject):
    validated = Signal(object)        # Report, after every graph change
    graphChanged = Signal(object)     # GraphEvent, forwarded from the core graph
    projectReplaced = Signal()        # a new project (open / new): views rebuild
    settingsChanged = Signal()        # data / train sections changed
    stateChanged = Signal()           # project.state changed (hand-set values, training results)
    dirtyChanged = Signal(bool)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._batch = 0            # open batches: graph changes validate once at the end
        self._pending = False      # a change came during a batch
        self.validations = 0       # how many times the graph was validated (for tests, benches)
        self.undo_stack = BatchedUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.project = project or Project()
        self.report: Report = check_graph(self.project.graph)
        self._extra_dirty = False
        self.project.graph.subscribe(self._on_graph_event)

    # -- the project -----------------------------------------------------------------
    @property
    def graph(self):
        return self.project.graph

    def set_project(self, project: Project) -> None:
        """Replace the whole project (open, new): clears undo history, marks clean."""
        self.project.graph.unsubscribe(self._on_graph_event)
        self.project = project
        project.graph.subscribe(self._on_graph_event)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._extra_dirty = False
        self.report = check_graph(project.graph)
        self.projectReplaced.emit()
        self.validated.emit(self.report)
        self.dirtyChanged.emit(False)

    def mark_saved(self) -> None:
        self.undo_stack.setClean()
        self._extra_dirty = False
        self.dirtyChanged.emit(False)

    def mark_dirty(self) -> None:
        """For changes outside the undo stack (training state)."""
        if not self._extra_dirty:
            self._extra_dirty = True
            self.dirtyChanged.emit(True)

    @property
    def dirty(self) -> bool:
        return self._extra_dirty or not self.undo_stack.isClean()

    @contextmanager
    def batch(self):
        """Graph changes inside validate once, when the outermost batch ends."""
        self._batch += 1
        try:
            yield
        finally:
            self._end_batch()

    def _end_batch(self) -> None:
        self._batch -= 1
        if self._batch == 0 and self._pending:
            self._pending = False
            self.revalidate()

    def revalidate(self) -> Report:
        self.validations += 1
        self.report = check_graph(self.project.graph)
        self.validated.emit(self.report)
        return self.report

    # -- slots -----------------------------------------------------------------------
    def _on_graph_event(self, event: GraphEvent) -> None:
        self.graphChanged.emit(event)
        if event.kind != "node_moved":
            if self._batch:
                self._pending = True
            else:
                self.revalidate()

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        self.dirtyChanged.emit(self.dirty)
