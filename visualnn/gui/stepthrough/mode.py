"""Step-through mode in the main window: the "Step-through" entry of the mode switch
(Ctrl+T toggles it), the step-through panel docked under the canvas, the canvas
highlighting, the keys (Right/Left, Page Down/Up for presentation clickers, Home/End, P to
play), File > Export > Worksheet, and recomputation whenever the project changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from visualnn.gui.stepthrough.canvas_link import CanvasLink
from visualnn.gui.stepthrough.export import export_dialog
from visualnn.gui.stepthrough.gradcheck_view import GradientCheckDialog
from visualnn.gui.stepthrough.panel import StepThroughPanel
from visualnn.gui.stepthrough.session import StepSession
from visualnn.gui.stepthrough.worker import wait_all

MODE = "step"
NAV_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown}


class StepThroughMode(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.session = StepSession(self.document, self)
        self.panel = StepThroughPanel(self.session)
        self.link = CanvasLink(self.session, window.canvas, self)
        self.active = False
        self._set_aside: list = []
        self._stale = True
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._recompute)

        self.dock = window.add_dock(self.panel, Qt.DockWidgetArea.BottomDockWidgetArea, "Step-through", "stepthrough",
                                    scroll=True)
        self.dock.hide()
        self.mode_action = window.add_mode(MODE, "Step-through", tooltip="Take one training update apart, "
                                           "stage by stage, with every number (Ctrl+T)")
        self.toggle_action = QAction("&Step-through Mode", window)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+T"))
        self.toggle_action.setToolTip("Switch step-through mode on or off (Ctrl+T)")
        self.toggle_action.triggered.connect(self.toggle)
        window.addAction(self.toggle_action)
        if hasattr(window, "menus") and "view" in window.menus:
            window.menus["view"].addSeparator()
            window.menus["view"].addAction(self.toggle_action)
        self.worksheet_action = QAction("&Worksheet (Markdown, CSV, LaTeX)…", window)
        self.worksheet_action.setToolTip("The step-through trace as tables for students")
        self.worksheet_action.triggered.connect(self.export_worksheet)
        menu = self._export_menu()
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.worksheet_action)

        self.shortcuts = []
        for keys, slot in ((("Right", "PgDown"), self.session.next), (("Left", "PgUp"), self.session.back),
                           (("Home",), self.session.first), (("End",), self.session.last),
                           (("P",), self.session.toggle_play)):
            for k in keys:
                sc = QShortcut(QKeySequence(k), window)
                sc.setContext(Qt.ShortcutContext.WindowShortcut)
                sc.activated.connect(slot)
                sc.setEnabled(False)
                self.shortcuts.append(sc)
        window.canvas.installEventFilter(self)

        self.panel.gradientCheckRequested.connect(self.gradient_check)
        self.panel.worksheetRequested.connect(self.export_worksheet)
        self.link.neuronPicked.connect(self._on_neuron_picked)
        self.link.weightPicked.connect(lambda n, p, i: self.panel.editor.show_value(n, p, i))
        window.modeChanged.connect(self._on_mode)
        d = self.document
        d.graphChanged.connect(self._on_graph_event)
        d.settingsChanged.connect(self.refresh_now)
        d.projectReplaced.connect(self._on_project_replaced)
        if hasattr(d, "stateChanged"):
            d.stateChanged.connect(self.refresh_now)
        if hasattr(window, "closing"):
            window.closing.connect(self.shutdown)
        # a restored window state may show the dock; it belongs to the mode
        QTimer.singleShot(0, self._sync_dock)

    @Slot()
    def _size_dock(self) -> None:
        """The equations get half the window's height (the lesson's network needs less)."""
        if self.active:
            self.window.resizeDocks([self.dock], [max(340, int(self.window.height() * 0.5))], Qt.Orientation.Vertical)

    @Slot()
    def _sync_dock(self) -> None:
        self.dock.setVisible(self.active)

    def _export_menu(self):
        file_menu = getattr(self.window, "menus", {}).get("file")
        if file_menu is None:
            return None
        for act in file_menu.actions():
            if act.menu() is not None and act.menu().title().replace("&", "") == "Export":
                return act.menu()
        return None

    # -- switching -----------------------------------------------------------------------
    @Slot()
    def toggle(self) -> None:
        self.window.set_mode("edit" if self.active else MODE)

    @Slot(str)
    def _on_mode(self, key: str) -> None:
        if key == MODE:
            self.activate()
        else:
            self.deactivate()

    def activate(self) -> None:
        if self.active:
            return
        self.active = True
        # the lesson gets the room: the editing panels at the sides step aside until the mode
        # ends (the bottom area's docks belong to modes whose owners hide them themselves)
        sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        self._set_aside = [d for name, d in getattr(self.window, "docks", {}).items()
                           if d is not self.dock and d.isVisible() and not d.isFloating()
                           and not d.property("staysInModes")
                           and self.window.dockWidgetArea(d) in sides]
        for d in self._set_aside:
            d.hide()
        self.dock.show()
        self.dock.raise_()
        self._size_dock()
        QTimer.singleShot(0, self._size_dock)  # again once the dock is laid out
        for sc in self.shortcuts:
            sc.setEnabled(True)
        if self._stale:
            self._recompute()
        self.link.activate()

    def deactivate(self) -> None:
        if not self.active:
            return
        self.active = False
        self.session.stop()
        self.dock.hide()
        for d in self._set_aside:
            d.show()
        self._set_aside = []
        for sc in self.shortcuts:
            sc.setEnabled(False)
        self.link.deactivate()

    # -- keeping the trace current ------------------------------------------------------
    @Slot()
    def invalidate(self, *_):
        """Recompute soon (graph edits come in bursts: one recomputation after them)."""
        self._stale = True
        if self.active:
            self._pending.start()

    @Slot()
    def refresh_now(self) -> None:
        """Recompute at once (a hand-set number: the equations follow the keystroke)."""
        self._stale = True
        if self.active:
            self._pending.stop()
            self._recompute()

    def _on_graph_event(self, event) -> None:
        if getattr(event, "kind", None) != "node_moved":
            self.invalidate()

    def _on_project_replaced(self) -> None:
        self.session.sample, self.session.index = 0, 0
        self.session.focus.clear()
        self.invalidate()

    @Slot()
    def _recompute(self) -> None:
        self._stale = False
        self.session.recompute()

    # -- actions -------------------------------------------------------------------------
    @Slot()
    def gradient_check(self) -> GradientCheckDialog:
        s = self.session
        dlg = GradientCheckDialog(self.document.project, s.sample, s.batch, s.digits, self.window)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_gradient_check = dlg
        dlg.start()
        dlg.show()
        return dlg

    @Slot()
    def export_worksheet(self):
        if self._stale or self.session.trace is None:
            self._recompute()
        project = self.document.project
        start = str(project.base_dir) if project.base_dir else ""
        name = (project.path.stem if project.path else "network") + f"_sample{self.session.sample}_worksheet"
        return export_dialog(self.window, self.session.trace, self.session.digits, start, name)

    def _on_neuron_picked(self, node: str, index: int) -> None:
        s = self.session
        s.set_focus(node, (index,))
        kind = s.stage.kind if s.stage else "forward"
        for k, st in enumerate(s.stages):
            if st.kind == kind and st.node == node and st.neuron is not None and st.neuron[-1] == index:
                s.go(k)
                break
        params = (s.trace or {}).get("update", {}).get("params", {}).get(node, {})
        if "bias" in params:
            self.panel.editor.show_value(node, "bias", (index,))

    # -- keys over the canvas ------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        # the canvas nudges selected cards with the arrows; in this mode they step instead
        if self.active and event.type() == QEvent.Type.ShortcutOverride and event.key() in NAV_KEYS \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.ignore()
            return True
        return False

    @Slot()
    def shutdown(self) -> None:
        self.session.stop()
        self.session.wait_for_threads()
        wait_all()


def install_step_through(window) -> StepThroughMode:
    """Add step-through mode to the main window (called once by MainWindow)."""
    return StepThroughMode(window)
