"""The open project as the GUI sees it: the core Project, its undo stack, its validation.

Every view reads the graph from here and every edit goes through `undo_stack.push`
(see commands.py); the document revalidates on each real graph change and emits
`validated` with the core `Report` (problems and inferred shapes).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from visualnn.core.graph import GraphEvent, Report, check_graph
from visualnn.core.io import Project


class Document(QObject):
    validated = Signal(object)        # Report, after every graph change
    graphChanged = Signal(object)     # GraphEvent, forwarded from the core graph
    projectReplaced = Signal()        # a new project (open / new): views rebuild
    settingsChanged = Signal()        # data / train sections changed
    stateChanged = Signal()           # project.state changed (hand-set values, training results)
    dirtyChanged = Signal(bool)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
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

    def revalidate(self) -> Report:
        self.report = check_graph(self.project.graph)
        self.validated.emit(self.report)
        return self.report

    # -- slots -----------------------------------------------------------------------
    def _on_graph_event(self, event: GraphEvent) -> None:
        self.graphChanged.emit(event)
        if event.kind != "node_moved":
            self.revalidate()

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        self.dirtyChanged.emit(self.dirty)
