"""The UI side of live training: owns the training thread, drains it ~30 times a second,
keeps the timeline of frames and tells the views what to draw.

Views connect to the signals; none of them is emitted per training step. Settings edits
reach the worker through the document: the training panel pushes ChangeTrain / ChangeData
commands, the document emits settingsChanged, and the controller sends the worker only
what changed (so undo and redo reach the running worker too).
"""

from __future__ import annotations

import copy
import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from visualnn.gui.live.timeline_store import TimelineStore
from visualnn.gui.workers.training_worker import TrainingProblem, TrainingWorker

TICK_MS = 33
LIVE_TRAIN_KEYS = ("lr", "batch_size", "optimizer", "loss", "l1", "weight_decay", "momentum", "nesterov", "betas",
                   "eps", "epochs", "seed", "test_fraction", "device")


FREEZE_OVER = 20_000  # container objects in the collector's sight worth moving out of it


def _freeze_long_lived() -> None:
    """Move what exists when a run starts (PyTorch, Qt, pyqtgraph, the windows and the
    project: about 280,000 container objects at the first run, living as long as the app)
    out of the garbage collector's sight. A full collection walks every object in sight:
    0.2 s with the interpreter lock held, which froze the window every few seconds of
    training. Done when a run starts and more than FREEZE_OVER objects are in sight (a
    new window, another project), after collecting what is already garbage."""
    if len(gc.get_objects()) > FREEZE_OVER:
        gc.collect()
        gc.freeze()


class TrainingController(QObject):
    sessionStarted = Signal(object)     # SessionInfo of a new run (after build or reset)
    runReset = Signal(int)              # a new run began: curves start a new line
    lossesAdded = Signal(object)        # Drained: the steps' losses and finished epochs since the last tick
    frameShown = Signal(object)         # the Frame the views should draw now (live or scrubbed)
    countersChanged = Signal(int, int)  # step, epochs finished
    stateChanged = Signal(str)          # running / paused / failed / stopped
    problemRaised = Signal(object)      # TrainingProblem, or None when cleared
    finished = Signal(int)              # stopped at the project's number of epochs
    timelineChanged = Signal(int)       # frames held
    trainedState = Signal(object)       # the weights now, as the project's state lists, to keep (request_state)
    weightsRead = Signal(object)        # the weights now, as the project's state lists, to look at (read_weights)
    projectSwitched = Signal()          # another project is open: nothing of the last one may stay on screen

    def __init__(self, document, parent=None, *, device: str | None = None, autostart: bool = False,
                 where: str | None = None):
        super().__init__(parent)
        self.doc = document
        self.device = device
        self.where = where           # "process" / "thread" (TrainingWorker's `where`); None: the default
        self.worker: TrainingWorker | None = None
        self.session = None
        self.current = None          # the Frame shown
        self.latest = None           # the newest Frame received
        self.following = True        # showing the newest frame (not scrubbing)
        self.state = "paused"
        self.step = self.epoch = 0
        self.problem: TrainingProblem | None = None
        self.timeline = TimelineStore()
        self.sample = 0
        self.speed = None
        self.view_requests: dict = {}  # "landscape" / "input" -> what the views ask the worker to compute
        self.frames_shown = 0
        self.closed = False          # after the window closed: never start again
        self._train = copy.deepcopy(document.project.train)
        self._data = copy.deepcopy(document.project.data)
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self._rebuild)
        document.projectReplaced.connect(self._on_project_replaced)
        document.graphChanged.connect(self._on_graph_changed)
        document.settingsChanged.connect(self._on_settings_changed)
        if hasattr(document, "stateChanged"):
            document.stateChanged.connect(self._on_graph_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        if autostart:
            self.start()

    # -- the worker ---------------------------------------------------------------------
    def start(self) -> None:
        """Start a training thread for the document's project (stopping any other)."""
        self.shutdown()
        if self.closed:
            return
        self._stale = False
        self._train = copy.deepcopy(self.doc.project.train)
        self._data = copy.deepcopy(self.doc.project.data)
        self.timeline.clear()
        self.current = self.latest = None
        self.following = True
        self._set_problem(None)
        self.worker = TrainingWorker(self.doc.project.copy(), device=self.device, sample=self.sample,
                                     where=self.where)
        if self.speed is not None:
            self.worker.send("speed", self.speed)
        for kind, value in self.view_requests.items():
            self.worker.send(kind, value)
        self.worker.start()
        self._timer.start()

    def shutdown(self, timeout_ms: int = 15000) -> None:
        """Stop the training thread and wait for it (on close / quit / another project)."""
        self._timer.stop()
        w, self.worker = self.worker, None
        if w is not None:
            w.stop()
            if not w.wait(min(timeout_ms, 3000)):
                w.kill_child()  # it stopped answering: closing must not freeze
            while not w.wait(timeout_ms):  # a QThread deleted while it runs aborts the process
                w.kill_child()
            self.tick_from(w)
            w.deleteLater()
        self._set_state("stopped" if w is not None else self.state)

    @property
    def running(self) -> bool:
        return self.state == "running"

    def ensure_started(self) -> None:
        """Start the training thread if it is not running yet (it starts on first use)."""
        if self.worker is None and not self.closed:
            self.start()

    # -- commands -----------------------------------------------------------------------
    def _send(self, kind: str, value=None) -> bool:
        if self.worker is not None and self.worker.isFinished() and not self.closed and \
                kind in ("play", "step", "epoch", "reset"):
            self.start()  # its training process ended (it crashed): a new one, from the seed
        if self.worker is None:
            if kind in ("speed", "sample", "config", "pause") or self.closed:
                return False  # kept in the controller / the document; a new worker reads them
            self.start()
        if self._stale and kind in ("play", "step", "epoch"):
            if not self._rebuild():
                return False
        self.worker.send(kind, value)
        if kind in ("play", "step", "epoch"):
            self.follow()
        return True

    @Slot()
    def play(self, epochs: int | None = None) -> None:
        """Train on; with `epochs`, pause exactly when that many more epochs are done
        (the training process stops itself: nothing runs past the mark)."""
        if (self.problem is not None and self.worker and not self.worker.built
                and not self._stale):  # (an edited project is built anew below: no reset of the old one)
            self._send("reset")
        self._set_problem(None)
        if self._send("play", int(epochs) if epochs else None):
            self._set_state("running")

    @Slot()
    def pause(self) -> None:
        if self._send("pause"):
            self._set_state("paused")

    @Slot()
    def toggle(self) -> None:
        self.pause() if self.state == "running" else self.play()

    @Slot()
    def step_once(self) -> None:
        self._set_problem(None)
        self._send("step", 1)

    @Slot()
    def step_epoch(self) -> None:
        self._set_problem(None)
        self._send("epoch")

    @Slot()
    def reset(self) -> None:
        """Start the run again from the seed (with every setting changed so far)."""
        self._set_problem(None)
        if self._stale:
            self._rebuild()
        else:
            self._send("reset")
        self._set_state("paused")

    def set_speed(self, steps_per_s: float | None) -> None:
        """None: full speed; else at most this many steps per second (slow motion below 30,
        where every step is shown)."""
        self.speed = steps_per_s
        self._send("speed", steps_per_s)

    def request_state(self) -> None:
        """Ask for the weights as they are now, to keep them (trainedState follows)."""
        self._send("state", "keep")

    def read_weights(self) -> None:
        """Ask for the weights as they are now, only to look at them (weightsRead follows)."""
        self._send("state", "read")

    def request_view(self, kind: str, value) -> None:
        """What a view asks the training process to compute for its frames, kept for every
        later worker: "landscape" (a LandscapeSettings dict, None: no map) or "input" (the
        user's own input as an array, None: the training sample again)."""
        self.view_requests[kind] = value
        if self.worker is not None:
            self.worker.send(kind, value)

    def set_sample(self, index: int) -> None:
        """Which training sample the canvas shows."""
        self.sample = int(index)
        self._send("sample", self.sample)

    # -- document changes ---------------------------------------------------------------
    @Slot()
    def _on_project_replaced(self) -> None:
        started = self.worker is not None
        self.session = None  # first: the last run's final losses, drained on shutdown, are not the new project's
        self.shutdown()
        self.timeline.clear()
        self.current = self.latest = None
        self.following = True
        self.step = self.epoch = 0
        self._stale = False
        self._set_problem(None)
        self.countersChanged.emit(0, 0)
        self.timelineChanged.emit(0)
        self.projectSwitched.emit()
        if started:
            self.start()

    @Slot(object)
    def _on_graph_changed(self, event=None) -> None:
        if getattr(event, "kind", None) == "node_moved":
            return
        self._stale = True
        self._rebuild_timer.start()

    def _rebuild(self) -> bool:
        """Build a new Trainer for the edited graph; a graph with problems waits (the
        canvas shows them) and gets reported when Play is pressed."""
        self._rebuild_timer.stop()
        if self.worker is None:
            self._stale = False
            return False
        report = self.doc.revalidate() if not hasattr(self.doc, "report") else self.doc.report
        if report.problems:
            p = report.problems[0]
            self._set_problem(TrainingProblem(self.tr("the network has a problem: {problem}").format(problem=p),
                                              getattr(p, "node", None),
                                              self.tr("Fix the layer marked on the canvas, then press Play.")))
            self._stale = True
            self.pause()
            return False
        self._stale = False
        self._train = copy.deepcopy(self.doc.project.train)
        self._data = copy.deepcopy(self.doc.project.data)
        self.worker.send("rebuild", self.doc.project.copy())
        self._set_state("paused")
        self._set_problem(None)
        return True

    @Slot()
    def _on_settings_changed(self) -> None:
        project = self.doc.project
        if project.data != self._data:
            self._on_graph_changed()
            return
        new = project.train
        changes = {k: copy.deepcopy(v) for k, v in new.items() if self._train.get(k) != v}
        removed = [k for k in self._train if k not in new]
        if removed:  # a setting taken out of the project goes back to its default
            from visualnn.core.train.config import TrainConfig

            defaults = TrainConfig().to_dict()
            changes.update({k: defaults[k] for k in removed if k in defaults})
        self._train = copy.deepcopy(new)
        if changes:
            self._send("config", changes)

    # -- draining -----------------------------------------------------------------------
    @Slot()
    def tick(self) -> None:
        """Take what the worker produced since the last tick and tell the views."""
        if self.worker is not None:
            self.tick_from(self.worker)

    def tick_from(self, worker: TrainingWorker) -> None:
        drained = worker.buffer.drain()
        for kind, value in drained.events:
            if kind == "reset":
                self.timeline.clear()
                self.current = self.latest = None
                self.following = True
                self.runReset.emit(value)
            elif kind == "session":
                self.session = value
                self._set_problem(None)  # a new run was built: what stopped the last one is past
                self.sessionStarted.emit(value)
                QTimer.singleShot(0, _freeze_long_lived)
            elif kind == "problem":
                self._set_problem(value)
            elif kind == "finished":
                self.finished.emit(value)
            elif kind == "state":
                purpose, lists = value
                (self.trainedState if purpose == "keep" else self.weightsRead).emit(lists)
        if len(drained.steps) or drained.epochs:
            self.lossesAdded.emit(drained)
        step, epoch, state, handled = drained.counters
        if (step, epoch) != (self.step, self.epoch):
            self.step, self.epoch = step, epoch
            self.countersChanged.emit(step, epoch)
        if worker is self.worker and handled >= worker.sent:  # else a command is on its way
            self._set_state(state)
        frame = worker.mailbox.take()
        if frame is not None and (self.session is None or frame.run == self.session.run):
            self.latest = frame
            self.timeline.add(frame)
            self.timelineChanged.emit(len(self.timeline))
            if self.following:
                self._show(frame)

    def _show(self, frame) -> None:
        self.current = frame
        self.frames_shown += 1
        self.frameShown.emit(frame)

    def show_index(self, index: int) -> None:
        """Show the timeline's frame `index` (scrubbing); the last one follows live again."""
        if not len(self.timeline):
            return
        index = max(0, min(int(index), len(self.timeline) - 1))
        self.following = index == len(self.timeline) - 1
        self._show(self.timeline[index])

    def follow(self) -> None:
        """Back to the newest frame."""
        if not self.following:
            self.following = True
            if self.latest is not None:
                self._show(self.latest)

    def refresh(self) -> None:
        """Redraw the views with the frame shown (after a theme or layout change)."""
        if self.current is not None:
            self.frameShown.emit(self.current)

    # -- state ---------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def _set_problem(self, problem) -> None:
        if problem is None and self.problem is None:
            return
        self.problem = problem
        if problem is not None:
            self._set_state("paused" if self.worker and self.worker.built else "failed")
        self.problemRaised.emit(problem)
