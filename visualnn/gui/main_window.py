"""The main window: the canvas in the middle, docks around it, menus, toolbar, status bar.

Places for other parts of the app:
- `add_dock(widget, area, title, name)` adds a dock and lists it in View > Panels
  (the training views go on the right, `Qt.DockWidgetArea.RightDockWidgetArea`); a title
  given as a function (`lambda: self.tr("Training")`) follows View > Language;
- `add_toolbar_section(actions)` puts buttons (Play, Pause, Step) in the main toolbar, and
  `add_toolbar(toolbar)` adds a whole toolbar (listed in View > Toolbars);
- `add_mode(key, text, widget=None)` adds a mode to the mode switch at the toolbar's end (the
  step-through mode); a widget given replaces the canvas while its mode is on; `modeChanged(key)`;
- `visualnn.gui.i18n.relabel(owner, fn)` runs `fn` now and after each language switch (set
  texts there), or a widget re-labels itself in `changeEvent` on `QEvent.LanguageChange`;
- `after_first_paint(fn)` runs slow set-up once the window has painted (start-up stays fast);
- `closing` is emitted once the window really closes (stop workers there), and
  `visualnn.gui.app.on_quit(fn)` runs `fn` when the application quits.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget, QMainWindow, QSizePolicy, QStackedWidget, QToolBar, QWidget,
)

from visualnn.gui import style
from visualnn.gui.canvas import CanvasView
from visualnn.gui.actions import apply_tool_icons, create_actions, create_menus, create_toolbar
from visualnn.gui.document import Document
from visualnn.gui.i18n import choose_language, current_language, relabel
from visualnn.gui.files import FileController
from visualnn.gui.history_view import HistoryView
from visualnn.gui.screen_fit import fit_to_screen, scrollable, side_dock_widths
from visualnn.gui.settings import app_settings, set_theme_name, theme_name
from visualnn.gui.status import ProjectStatus

STATE_VERSION = 1
Area = Qt.DockWidgetArea


class MainWindow(QMainWindow):
    closing = Signal()
    modeChanged = Signal(str)

    def __init__(self, document: Document | None = None, settings=None, parent: QWidget | None = None):
        super().__init__(parent)
        from visualnn.gui.panels.dataset_panel import DatasetPanel
        from visualnn.gui.panels.inspector import InspectorPanel
        from visualnn.gui.panels.palette import PalettePanel

        self.document = document or Document()
        self.settings = settings or app_settings()
        self.files = FileController(self)
        self.docks: dict[str, QDockWidget] = {}
        self.setObjectName("mainWindow")
        self.setDockNestingEnabled(True)
        self.setCorner(Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)
        self.setAcceptDrops(True)

        self.canvas = CanvasView(self.document, self)
        self._first_paint_done = False
        self._after_paint: list = []
        self.canvas.viewport().installEventFilter(self)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.canvas)
        self.setCentralWidget(self.central)
        self.palette = PalettePanel()
        self.inspector = InspectorPanel(self.document)
        self.dataset_panel = DatasetPanel(self.document, load_now=False)
        self.history = HistoryView(self.document)
        relabel(self.history, lambda: (self.history.setEmptyLabel(self.tr("<opened>")), self.history.setToolTip(
            self.tr("Every edit since the project was opened; click one to go back to it"))))

        self.acts = create_actions(self)
        self.menus = create_menus(self, self.acts)
        self.toolbar = create_toolbar(self, self.acts)
        self.addToolBar(self.toolbar)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._spacer = self.toolbar.addWidget(spacer)
        self._modes: dict[str, tuple[QAction, QWidget | None]] = {}
        self.mode_group = QActionGroup(self)
        self.add_mode("edit", lambda: self.tr("Edit"), tooltip=lambda: self.tr("Build and edit the network"))

        self.add_dock(self.palette, Area.LeftDockWidgetArea, lambda: self.tr("Layers"), "palette")
        self.add_dock(self.inspector, Area.RightDockWidgetArea, lambda: self.tr("Inspector"), "inspector", scroll=True)
        self.add_dock(self.dataset_panel, Area.RightDockWidgetArea, lambda: self.tr("Data"), "data", scroll=True)
        self.splitDockWidget(self.docks["inspector"], self.docks["data"], Qt.Orientation.Vertical)
        self.add_dock(self.history, Area.RightDockWidgetArea, lambda: self.tr("History"), "history",
                      tabify_with="inspector")
        self.docks["history"].hide()
        history = self.docks["history"].toggleViewAction()
        history.setShortcut("Ctrl+H")
        relabel(history, lambda: (history.setText(self.tr("Undo &History")), history.setToolTip(
            self.tr("Show every edit since opening; click one to go back to it (Ctrl+H)"))))
        self.menus["edit"].insertAction(self.acts.cut, history)
        self.menus["edit"].insertSeparator(self.acts.cut)
        self.docks["inspector"].raise_()
        left, right = side_dock_widths(self)
        self.resizeDocks([self.docks["palette"]], [left], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["inspector"]], [right], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["inspector"], self.docks["data"]], [600, 400], Qt.Orientation.Vertical)

        self.status = ProjectStatus(self.statusBar())
        self.shape_status, self.params_status = self.status.shape, self.status.params

        doc = self.document
        self.canvas.selectionChangedIds.connect(self.inspector.show_selection)
        self.canvas.nodeActivated.connect(self._on_node_activated)
        self.canvas.statusMessage.connect(lambda msg: self.statusBar().showMessage(msg, 6000))
        self.canvas.connectionRefused.connect(
            lambda msg: self.statusBar().showMessage(self.tr("Not connected: {why}").format(why=msg), 6000))
        self.canvas.zoomChanged.connect(self.status.set_zoom)
        self.palette.layerActivated.connect(self.canvas.append_after_selected)
        doc.validated.connect(self.update_status)
        doc.dirtyChanged.connect(self.setWindowModified)
        doc.projectReplaced.connect(self.update_title)
        doc.settingsChanged.connect(self.update_title)
        self.files.saved.connect(lambda _: self.update_title())  # Save As names the window
        self.files.recentChanged.connect(lambda _: self.update_recent_menu())
        self.update_recent_menu()
        relabel(self, self.update_title)  # a bilingual name follows View > Language
        self.update_status(doc.report)
        self.set_theme(theme_name(self.settings), save=False)
        self.acts.language[current_language()].setChecked(True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self._listens_to_system = True
        from visualnn.gui.stepthrough.mode import install_step_through

        self.step_through = install_step_through(self)
        from visualnn.gui.live.integration import install_training

        self.training = install_training(self)
        from visualnn.gui.autosave import Autosaver

        self.autosaver = Autosaver(self)
        self.files.saved.connect(self.autosaver._on_project)

        from visualnn.gui.share.install import install_sharing

        self.sharing = install_sharing(self)
        from visualnn.gui.lesson.install import install_lessons

        self.lessons = install_lessons(self)
        self.screen_fit = fit_to_screen(self)
        self._restore_state()
        self.after_first_paint(self.dataset_panel.reload)

    # -- places for other parts ------------------------------------------------------------------------------
    def add_dock(self, widget: QWidget, area=Area.RightDockWidgetArea, title: str | Callable[[], str] = "",
                 name: str | None = None, tabify_with: str | None = None, scroll: bool = False) -> QDockWidget:
        """Put `widget` in a dock (listed in View > Panels); returns the QDockWidget. `title`
        may be a function giving it in the current language (`lambda: self.tr("Training")`),
        so it follows a language switch. `scroll`: the widget sits in a scroll area, so a
        small screen shows scroll bars instead of the panel's minimum size pushing the window
        wider than the screen."""
        title_of = title if callable(title) else (lambda: title)
        name = name or title_of().lower().replace(" ", "_")
        dock = QDockWidget(title_of(), self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(scrollable(widget) if scroll else widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        if tabify_with in self.docks:
            self.tabifyDockWidget(self.docks[tabify_with], dock)
        toggle = dock.toggleViewAction()
        relabel(dock, lambda: (dock.setWindowTitle(title_of()), toggle.setStatusTip(
            self.tr("Show or hide the {title} panel").format(title=title_of()))))
        self.panels_menu.addAction(toggle)
        self.docks[name] = dock
        return dock

    def after_first_paint(self, fn) -> None:
        """Run `fn()` once the window has painted (at once, deferred, if it already has):
        the place for slow set-up (pyqtgraph plots, data loading) that must not delay start-up."""
        if self._first_paint_done:
            QTimer.singleShot(0, fn)
        else:
            self._after_paint.append(fn)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is self.canvas.viewport() and not self._first_paint_done:
            self._first_paint_done = True
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._run_after_paint)
        return super().eventFilter(obj, event)

    def _run_after_paint(self) -> None:
        while self._after_paint:
            self._after_paint.pop(0)()

    def add_toolbar_section(self, items) -> None:
        """Put actions or widgets (e.g. Play / Pause / Step) in the main toolbar, after the
        edit buttons and before the mode switch, behind a separator."""
        self.toolbar.insertSeparator(self._spacer)
        for item in items:
            if isinstance(item, QAction):
                self.toolbar.insertAction(self._spacer, item)
            else:
                self.toolbar.insertWidget(self._spacer, item)

    def add_toolbar(self, toolbar: QToolBar, area=Qt.ToolBarArea.TopToolBarArea) -> QToolBar:
        """Add a whole toolbar (listed in View > Toolbars)."""
        if not toolbar.objectName():
            toolbar.setObjectName(f"toolbar_{toolbar.windowTitle().lower().replace(' ', '_') or 'extra'}")
        self.addToolBar(area, toolbar)
        self.toolbars_menu.addAction(toolbar.toggleViewAction())
        return toolbar

    def add_mode(self, key: str, text: str | Callable[[], str], widget: QWidget | None = None,
                 tooltip: str | Callable[[], str] = "") -> QAction:
        """A mode in the switch (exclusive); `widget`, when given, shows instead of the canvas.
        `text` and `tooltip` may be functions giving them in the current language."""
        text_of = text if callable(text) else (lambda: text)
        tip_of = tooltip if callable(tooltip) else (lambda: tooltip)
        act = QAction(self)
        act.setCheckable(True)
        relabel(act, lambda: (act.setText(text_of()), act.setToolTip(tip_of() or text_of())))
        act.setData(key)
        self.mode_group.addAction(act)
        self.toolbar.addAction(act)
        if widget is not None:
            self.central.addWidget(widget)
        self._modes[key] = (act, widget)
        act.toggled.connect(lambda on, k=key: on and self._enter_mode(k))
        if len(self._modes) == 1:
            act.setChecked(True)
        for a, _ in self._modes.values():  # one mode alone needs no switch
            a.setVisible(len(self._modes) > 1)
        return act

    @property
    def mode(self) -> str:
        act = self.mode_group.checkedAction()
        return act.data() if act else "edit"

    def set_mode(self, key: str) -> None:
        self._modes[key][0].setChecked(True)

    def _enter_mode(self, key: str) -> None:
        widget = self._modes[key][1]
        self.central.setCurrentWidget(widget if widget is not None else self.canvas)
        self.modeChanged.emit(key)

    # -- canvas edits (menus and shortcuts; the canvas takes the same keys itself when focused) -------------
    def cut(self): self.canvas.cut_selection()  # noqa: E704
    def copy(self): self.canvas.copy_selection()  # noqa: E704
    def paste(self): self.canvas.paste()  # noqa: E704
    def duplicate(self): self.canvas.duplicate_selection()  # noqa: E704
    def delete(self): self.canvas.delete_selected()  # noqa: E704
    def select_all(self): self.canvas.select_ids(list(self.document.graph.nodes))  # noqa: E704
    def fit(self): self.canvas.fit()  # noqa: E704
    def auto_arrange(self): self.canvas.auto_arrange()  # noqa: E704
    def zoom(self, factor: float): self.canvas.zoom_by(factor)  # noqa: E704

    def rename(self) -> None:
        if self.canvas.start_rename() is None:
            self.statusBar().showMessage(self.tr("Select one layer to rename it"), 4000)

    @Slot(str)
    def _on_node_activated(self, node_id: str) -> None:
        self.inspector.show_selection([node_id])
        self.docks["inspector"].show()
        self.docks["inspector"].raise_()

    # -- status, title, theme, help ---------------------------------------------------------------------------
    @Slot(object)
    def update_status(self, report) -> None:
        self.status.update(self.document.graph, report)

    def status_text(self) -> str:
        """The shape status as plain text (for tests and accessibility)."""
        return self.status.text()

    def update_title(self) -> None:
        project = self.document.project
        title = project.title
        if project.path and title == "Untitled":  # saved under a file name: that names it now
            title = project.path.stem
        self.setWindowTitle(f"{title}[*] — visualnn")
        self.setWindowFilePath(str(project.path) if project.path else "")
        self.setWindowModified(self.document.dirty)

    def update_recent_menu(self) -> None:
        self.files.fill_recent_menu(self.recent_menu)

    def set_theme(self, name: str, save: bool = True) -> None:
        """Use the theme `name`: "system" (follow the desktop's light/dark setting), "light"
        or "dark"."""
        name = name if name in self.acts.theme else "light"
        self._theme_choice = name
        style.apply_theme(style.resolve_theme(name))
        self.acts.theme[name].setChecked(True)
        apply_tool_icons(self.acts)
        if save:
            set_theme_name(name, self.settings)

    def set_language(self, code: str) -> None:
        """View > Language: every text switches now (widgets re-label on LanguageChange) and
        the choice is remembered."""
        code = choose_language(code, self.settings)
        self.acts.language[code].setChecked(True)
        self.document.revalidate()  # the problems (the core's texts), canvas cards and status bar in it

    @Slot()
    def _system_scheme_changed(self, *_) -> None:
        if self._theme_choice == "system":
            self.set_theme("system", save=False)

    def show_about(self) -> None:
        from visualnn.gui.help_dialogs import show_about

        show_about(self)

    def show_layer_reference(self) -> None:
        from visualnn.gui.help_dialogs import LayerReference

        LayerReference(self).exec()

    # -- window state, drops, closing ---------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, STATE_VERSION)

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(STATE_VERSION))
        self.settings.sync()

    @staticmethod
    def _project_url(mime) -> str | None:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".vnn"):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event):
        if self._project_url(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event):
        if self._project_url(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event):
        path = self._project_url(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.files.open(path)
        else:
            super().dropEvent(event)

    def closeEvent(self, event):
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        if self._listens_to_system:  # a closed window no longer re-themes the application
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._system_scheme_changed)
            self._listens_to_system = False
        self.closing.emit()
        event.accept()
