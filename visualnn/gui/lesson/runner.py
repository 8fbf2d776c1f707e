"""The lesson being taught in the window: which step is open, the step's actions carried
out on the app when it opens, and its goal checked at every finished epoch of live training.

Actions change the running app, not the saved lesson: settings are written into the
project as the lesson says (not as undoable edits of the user), training is started and
paused through the training controller, views and modes are brought forward by name.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal, Slot

from visualnn.core.lesson import LessonError, goal_met, metric_value, parse_lesson, set_value

# training speeds of the presets, in steps per second ("epoch": one epoch a second)
SPEED_STEPS = {"full": None, "step": 1.0, "slow": 5.0}


class LessonRunner(QObject):
    lessonChanged = Signal()          # a lesson was opened, edited or closed
    stepChanged = Signal(int)         # the open step (0-based)
    goalMet = Signal(int)             # the goal of step i was reached
    message = Signal(str)             # one line for the status bar
    viewShown = Signal(str)           # a live view was brought to the front by name
    progressed = Signal(object)       # the open goal's metric at the last finished epoch (float or None)

    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window = window
        self.doc = window.document
        self.lesson = None
        self.index = 0
        self.met: set[int] = set()
        self.error: str | None = None
        self._train_until: int | None = None   # pause when this many epochs are done
        self._until_goal = False
        ctl = self.controller
        ctl.lossesAdded.connect(self._on_losses)
        ctl.countersChanged.connect(self._on_counters)
        ctl.sessionStarted.connect(self._on_session)
        self._steps_per_epoch = None
        self._speed_preset = None
        self.front_view: str | None = None
        self.last_value = None            # the open goal's metric at the last finished epoch
        self._highlighted: list[str] = []
        self.student = None               # the StudentMode, whose hidden views stay hidden

    @property
    def controller(self):
        return self.window.training.controller

    # -- the lesson ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read the document's lesson (after a project was opened or the lesson edited)."""
        doc = self.doc.project.extra.get("lesson")
        self.error = None
        try:
            self.lesson = None if doc is None else parse_lesson(doc)
        except LessonError as e:
            self.lesson, self.error = None, str(e)
        if self.lesson is None or self.index >= len(self.lesson.steps):
            self.index = 0
        self.lessonChanged.emit()

    def restart(self) -> None:
        """A newly opened lesson: its first step, nothing met yet."""
        self.index = 0
        self.met = set()
        self.load()
        if self.lesson is not None:
            self.go(0)

    @property
    def step(self):
        return self.lesson.steps[self.index] if self.lesson else None

    @property
    def count(self) -> int:
        return len(self.lesson.steps) if self.lesson else 0

    # -- moving -----------------------------------------------------------------------------
    def go(self, index: int, run_actions: bool = True) -> None:
        if not self.lesson:
            return
        index = max(0, min(int(index), self.count - 1))
        self.index = index
        self.last_value = None
        self._train_until, self._until_goal = None, False
        self._clear_highlights()
        self.stepChanged.emit(index)
        if run_actions:
            for action in self.step.actions:
                self.apply(action)

    @Slot()
    def next(self) -> None:
        if self.lesson and self.index < self.count - 1:
            self.go(self.index + 1)

    @Slot()
    def back(self) -> None:
        if self.lesson and self.index > 0:
            self.go(self.index - 1)

    # -- actions -----------------------------------------------------------------------------
    def apply(self, action: dict) -> None:
        """Carry out one action on the app; a problem is said in the status bar."""
        try:
            self._apply(action)
        except (LessonError, ValueError, KeyError) as e:
            self.message.emit(self.tr("Lesson step {0}: {1}").format(self.index + 1, e))

    def _apply(self, action: dict) -> None:
        w, ctl, do = self.window, self.controller, action["do"]
        if do in ("select", "highlight"):
            scene = w.canvas.canvas_scene
            nodes = [n for n in action["nodes"] if n in self.doc.graph.nodes]
            w.canvas.select_ids(nodes)
            if do == "highlight":
                self._clear_highlights()
                for nid in nodes:
                    item = scene.node_item(nid)
                    if item is not None:
                        item.highlight("current")
                        self._highlighted.append(nid)
        elif do == "set":
            self._set(action["key"], action["value"])
        elif do == "data":
            self.doc.project.data = copy.deepcopy(action["data"])
            self.doc.settingsChanged.emit()
        elif do == "reset":
            ctl.reset()
        elif do == "pause":
            self._train_until, self._until_goal = None, False
            ctl.pause()
        elif do == "play":
            self._leave_step_through()
            ctl.play()
        elif do == "train":
            self._leave_step_through()
            ctl.ensure_started()
            # the training process pauses itself after the epochs asked for, exactly
            epochs = int(action["epochs"]) if "epochs" in action else int(action.get("max_epochs", 2000))
            self._train_until = ctl.epoch + epochs
            self._until_goal = "epochs" not in action
            ctl.play(epochs)
        elif do == "stepthrough":
            self._step_through(action.get("stage", 0), action.get("sample", 0))
        elif do == "edit":
            self._leave_step_through()
        elif do == "show":
            self.show_view(action["view"])
        elif do == "speed":
            self.set_speed(action["preset"])

    def _clear_highlights(self) -> None:
        scene = self.window.canvas.canvas_scene
        for nid in self._highlighted:
            item = scene.node_item(nid)
            if item is not None and item.highlight_state() == "current":
                item.highlight(None)
        self._highlighted = []

    def _set(self, key: str, value) -> None:
        project = self.doc.project
        if key.startswith("nodes."):
            nid, _, param = key[6:].partition(".")
            if nid not in self.doc.graph.nodes:
                raise LessonError(self.tr("no layer named {0}").format(nid))
            if param == "init":  # the layer's initialisation, used at the next reset
                self.doc.graph.set_init(nid, copy.deepcopy(value))
            else:
                self.doc.graph.set_param(nid, param, copy.deepcopy(value))
            return
        set_value(project, key, value)
        self.doc.settingsChanged.emit()
        panel = self.window.training.panel
        panel.sync_from_document()

    def _leave_step_through(self) -> None:
        if self.window.mode != "edit":
            self.window.set_mode("edit")

    def _step_through(self, stage: int, sample: int) -> None:
        st = self.window.step_through
        session = st.session
        if session.sample != sample:
            session.sample = sample
            st.invalidate()
        self.window.set_mode("step")
        if session.stages:
            session.go(stage)  # moves the views too (they follow stageChanged)
        else:
            session.index = stage  # where the trace being computed opens

    def show_view(self, name: str) -> bool:
        """Bring the live view `name` to the front (the live views' dock shows)."""
        ui = self.window.training
        views = ui.views.ensure_views()
        if name not in views:
            self.message.emit(self.tr("The view {0} is not available in this version").format(name))
            return False
        if self.student is not None and (self.student.is_hidden(f"views.{name}") or self.student.is_hidden("live")):
            return False  # what the lesson hides stays hidden
        self._leave_step_through()
        ui.views_dock.show()
        ui.views_dock.raise_()
        ui.views.show_view(name)
        self.front_view = name
        self.viewShown.emit(name)
        return True

    def set_speed(self, preset: str) -> None:
        """A training speed slow enough to narrate: 'epoch' (one epoch a second), 'step'
        (one update a second), 'slow' (five a second) or 'full'."""
        from visualnn.gui.panels.training_panel import speed_text

        self._speed_preset = preset
        sps = SPEED_STEPS.get(preset)
        if preset == "epoch":
            sps = float(self._steps_per_epoch or 1)
        self.controller.set_speed(sps)
        ui = self.window.training
        ui.panel.speed_label.setText(speed_text(sps))
        ui.canvas_live.set_pulse_seconds(None if sps is None else 0.95 / sps)

    # -- live -----------------------------------------------------------------------------------
    @Slot(object)
    def _on_session(self, session) -> None:
        self._steps_per_epoch = getattr(session, "steps_per_epoch", None)
        if self._speed_preset == "epoch":
            self.set_speed("epoch")

    @Slot(int, int)
    def _on_counters(self, step: int, epoch: int) -> None:
        if self._train_until is not None and epoch >= self._train_until:
            self._train_until, self._until_goal = None, False
            self.controller.pause()

    @Slot(object)
    def _on_losses(self, drained) -> None:
        if not self.lesson or not drained.epochs:
            return
        goal = self.step.goal
        if goal is None:
            return
        value = metric_value(goal.metric, drained.epochs[-1])
        if value is not None:
            self.last_value = value
            self.progressed.emit(value)
        if self.index in self.met:
            return
        for row in drained.epochs:
            if goal_met(goal, row, self.doc.graph):
                self.met.add(self.index)
                if self._until_goal:
                    self._train_until, self._until_goal = None, False
                    self.controller.pause()
                self.goalMet.emit(self.index)
                return

    def check_now(self, row: dict) -> bool:
        """Check the open step's goal against a history row (as an epoch's end does)."""
        goal = self.step.goal if self.lesson else None
        if goal is not None and goal_met(goal, row, self.doc.graph):
            if self.index not in self.met:
                self.met.add(self.index)
                self.goalMet.emit(self.index)
            return True
        return False
