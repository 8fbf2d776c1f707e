"""Live training in the main window: the Training dock (controls), the Live views dock,
Play / Step / Reset in the toolbar (Space plays and pauses), values on the canvas, and
the error banner. `install_training(window)` does it all; the window calls it once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from visualnn.gui import theme
from visualnn.gui.live.canvas_live import LiveCanvas
from visualnn.gui.live.controller import TrainingController
from visualnn.gui.live.error_banner import ErrorBanner
from visualnn.gui.live.starting_sign import StartingSign
from visualnn.gui.panels.live_views import LiveViews
from visualnn.gui.panels.training_panel import SPEEDS, TrainingPanel

PRELOAD_MS = 800
VIEWS_HEIGHT = 360  # the live views' dock, at first start (the window then remembers it)


def make_actions(window) -> dict:
    acts = {}
    for key, text, tip, keys in (
        ("play", "Play", "Train (Space plays and pauses)", "Space"),
        ("step", "Step", "One update on one mini-batch (Ctrl+Right)", "Ctrl+Right"),
        ("epoch", "Epoch", "Train to the end of this epoch", None),
        ("reset", "Reset", "Start again from the seed (the curves keep this run, faded)", "Ctrl+R"),
        ("keep", "Keep weights", "Make the trained weights the project's own: saved with it, and Reset comes back "
         "to them (undoable)", None),
    ):
        act = QAction(text, window)
        act.setToolTip(tip)
        act.setObjectName(f"action_train_{key}")
        if keys:
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        acts[key] = act
    return acts


class TrainingUI(QObject):
    def __init__(self, window, *, device: str | None = None):
        super().__init__(window)
        self.window = window
        doc = window.document
        self.controller = ctl = TrainingController(doc, self, device=device)
        self.actions = make_actions(window)
        for act in self.actions.values():
            window.addAction(act)
        self.panel = TrainingPanel(doc, ctl, self.actions)
        self.views = LiveViews(ctl)
        self.canvas_live = LiveCanvas(window.canvas, ctl)
        self.banner = ErrorBanner(window.canvas)
        self.train_dock = window.add_dock(self.panel, Qt.DockWidgetArea.RightDockWidgetArea, "Training", "training",
                                          tabify_with="inspector", scroll=True)
        self.views_dock = window.add_dock(self.views, Qt.DockWidgetArea.BottomDockWidgetArea, "Live views", "live")
        self.train_dock.raise_()
        window.resizeDocks([self.views_dock], [VIEWS_HEIGHT], Qt.Orientation.Vertical)
        window.add_toolbar_section([self.actions["play"], self.actions["step"], self.actions["reset"]])

        self.asked = False  # the user asked to train since the last edit: a problem then gets the banner
        self.starting = StartingSign(self.panel, ctl, window.statusBar(), self)
        for key in ("play", "step", "epoch", "reset"):
            self.actions[key].triggered.connect(self._on_asked)
        self.actions["play"].triggered.connect(ctl.toggle)
        self.actions["step"].triggered.connect(ctl.step_once)
        self.actions["epoch"].triggered.connect(ctl.step_epoch)
        self.actions["reset"].triggered.connect(ctl.reset)
        self.actions["keep"].triggered.connect(ctl.request_state)
        ctl.trainedState.connect(self._keep_state)
        if hasattr(window.canvas, "spaceTapped"):
            window.canvas.spaceTapped.connect(self._on_asked)
            window.canvas.spaceTapped.connect(ctl.toggle)
        window.document.graphChanged.connect(self._on_edited)
        window.document.settingsChanged.connect(self._on_edited)
        ctl.projectSwitched.connect(self._on_edited)
        ctl.stateChanged.connect(self._on_state)
        ctl.problemRaised.connect(self._on_problem)
        self.banner.resetRequested.connect(ctl.reset)
        self.banner.showLayer.connect(self.show_layer)
        self.panel.speed.valueChanged.connect(self._on_speed)
        self.panel.sampleChosen.connect(self.show_sample)
        self.canvas_live.probed.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.panel.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        if hasattr(window, "inspector"):  # the activation picture's histogram follows the frames
            window.inspector.node_page.activation_plot.attach(ctl)
        if hasattr(window, "dataset_panel"):
            window.dataset_panel.loaded.connect(self.views.preview_data)
        if hasattr(window, "modeChanged"):
            window.modeChanged.connect(self._on_mode)
        if hasattr(window, "closing"):
            window.closing.connect(self.shutdown)
        try:
            from visualnn.gui.app import on_quit
            on_quit(self.shutdown)
        except ImportError:  # pragma: no cover
            pass
        self._highlighted = None
        self._views_shown = None
        self._sized = bool(window.settings.value("window/state")) if hasattr(window, "settings") else False
        self._on_state(ctl.state)
        theme.on_change(self._apply_icons)
        self._on_speed(self.panel.speed.value())
        # the training thread starts a moment after the window shows, so the canvas shows
        # the network's initial values and Play answers at once
        self._preload = QTimer(self)
        self._preload.setSingleShot(True)
        self._preload.setInterval(PRELOAD_MS)
        self._preload.timeout.connect(ctl.ensure_started)
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Show:
            self.window.removeEventFilter(self)  # once: a filter costs a Python call per event
            if self.controller.worker is None:
                self._preload.start()
            if not self._sized:
                self._sized = True
                QTimer.singleShot(0, lambda: self.window.resizeDocks([self.views_dock], [VIEWS_HEIGHT],
                                                                     Qt.Orientation.Vertical))
        return False

    # -- slots ----------------------------------------------------------------------------
    @Slot(str)
    def _on_state(self, state: str) -> None:
        play = self.actions["play"]
        running = state == "running"
        play.setText("Pause" if running else "Play")
        self._apply_icons()
        self.actions["step"].setEnabled(not running)
        self.actions["epoch"].setEnabled(not running)

    def _apply_icons(self) -> None:
        """The actions' icons in the theme's text colour (Play shows Pause while running)."""
        from visualnn.gui.icons import tool_icon

        ink = theme.current()["text"]
        for key, act in self.actions.items():
            name = "pause" if key == "play" and self.controller.state == "running" else key
            act.setIcon(tool_icon(name, ink))

    @Slot()
    def _on_asked(self) -> None:
        self.asked = True
        self.starting.asked()

    @Slot()
    def _on_edited(self, *_) -> None:
        """While the user edits, problems are the cards' badges and the status bar's: the
        banner waits until Play or Step cannot start (an edit that stops a running training
        is said there, as it stops what the user asked for)."""
        if self.controller.state != "running":
            self.asked = False
            self.banner.hide()

    @Slot(object)
    def _on_problem(self, problem) -> None:
        if problem is None or self.asked:
            self.banner.show_problem(problem)
        else:
            self.banner.hide()
        scene = self.window.canvas.canvas_scene
        old = scene.node_item(self._highlighted) if self._highlighted else None
        if old is not None and old.highlight_state() == "error":
            old.highlight(None)
        self._highlighted = None
        if problem is not None and problem.node:
            item = scene.node_item(problem.node)
            if item is not None:
                try:
                    item.highlight("error")
                except ValueError:  # a canvas without the error highlight
                    item.highlight("current")
                self._highlighted = problem.node
        if problem is not None:
            text = (self.tr("Training paused: {message}") if self.asked else
                    self.tr("Not ready to train: {message}")).format(message=problem.message)
            self.window.statusBar().showMessage(text, 10000)

    @Slot(str)
    def show_layer(self, node_id: str) -> None:
        canvas = self.window.canvas
        item = canvas.canvas_scene.node_item(node_id)
        if item is not None:
            canvas.select_ids([node_id])
            canvas.centerOn(item)

    @Slot(object)
    def _keep_state(self, state: dict) -> None:
        from visualnn.gui.stepthrough.commands import ReplaceState

        self.window.document.undo_stack.push(ReplaceState(self.window.document, state, "Keep the trained weights"))
        self.window.statusBar().showMessage("The trained weights are now the project's (saved with it)", 6000)

    @Slot(int)
    def show_sample(self, index: int) -> None:
        """Colour the neurons by training sample `index`, or by the batch mean (-1)."""
        self.canvas_live.mode = "batch" if index < 0 else "sample"
        if index >= 0:
            self.controller.set_sample(index)
        elif self.controller.current is not None:
            self.canvas_live.show_frame(self.controller.current)

    @Slot(int)
    def _on_speed(self, pos: int) -> None:
        sps = SPEEDS[pos]
        self.canvas_live.set_pulse_seconds(None if sps is None else 0.95 / sps)

    @Slot(str)
    def _on_mode(self, key: str) -> None:
        """Another mode (step-through) has the canvas and the bottom area: training pauses
        and the live views step aside until the edit mode is back."""
        editing = key == "edit"
        if not editing:
            self.controller.pause()
            if self._views_shown is None:
                self._views_shown = self.views_dock.isVisible()
                self.views_dock.hide()
        elif self._views_shown is not None:
            self.views_dock.setVisible(self._views_shown)
            self._views_shown = None
        self.canvas_live.set_enabled(editing)

    @Slot()
    def shutdown(self) -> None:
        """Stop the training thread and wait for it (window closing, app quitting); it
        does not start again."""
        self._preload.stop()
        self.controller.closed = True
        self.controller.shutdown()


def install_training(window, device: str | None = None) -> TrainingUI:
    """Add live training to `window` (a MainWindow); returns the TrainingUI."""
    return TrainingUI(window, device=device)
