"""The live views together: boundary, curves, gradients, weights, confusion, samples, and
the timeline under them. Views that do not apply to the data (the boundary without 2-D
points, the samples strip without images) hide their tabs.

The views are made when the panel is first shown (pyqtgraph is imported then, not at
start-up). Each is fed by the controller's signals; a view that is hidden only keeps
its data and draws when it shows again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from visualnn.gui.panels.timeline import TimelineBar
from visualnn.gui.i18n import translate

PANES = (("boundary", "regression", "sequence", "samples", "embedding"), ("curves", "landscape"), ("grads", "weights", "confusion", "input"))

# view name -> (module in visualnn.gui.panels, class): the names lessons and exports use
VIEWS = {
    "boundary": ("boundary", "BoundaryView"),
    "regression": ("regression", "RegressionView"),
    "sequence": ("sequence", "SequenceView"),
    "samples": ("samples_strip", "SamplesStrip"),
    "embedding": ("embedding_map", "EmbeddingMapView"),
    "curves": ("curves", "CurvesView"),
    "landscape": ("landscape", "LandscapeView"),
    "grads": ("grad_norms", "GradNormsView"),
    "weights": ("weights_hist", "WeightsHistView"),
    "confusion": ("confusion", "ConfusionView"),
    "input": ("own_input", "OwnInputView"),
}


def _make_views() -> dict:
    import importlib

    return {key: getattr(importlib.import_module(f"visualnn.gui.panels.{mod}"), cls)()
            for key, (mod, cls) in VIEWS.items()}


def applies(key: str, session) -> bool:
    if session is None:
        return key in ("curves", "grads", "weights")
    if key == "boundary":
        return session.is_2d
    if key == "regression":
        return getattr(session, "is_1d", False)
    if key == "landscape":
        return True
    if key == "sequence":
        return getattr(session, "is_sequence", False)
    if key == "embedding":
        from visualnn.gui.panels.embedding_map import embedding_node

        return getattr(session, "vocab", ()) != () and embedding_node(session) is not None
    if key == "input":
        from visualnn.gui.panels.own_input import input_kind

        return input_kind(session) is not None
    if key == "samples":
        return session.strip_images is not None
    if key == "confusion":
        return session.task == "classification"
    return True


class LiveViews(QWidget):
    """`grid=True` lays every view out at once (the benchmark's 'every view open')."""

    viewsMade = Signal(dict)  # name -> view, once, when the views are first made

    def __init__(self, controller, parent=None, grid: bool = False):
        super().__init__(parent)
        self.ctl = controller
        self.grid = grid
        self.views: dict = {}
        self.hidden: set = set()  # views a lesson hides (apply_hidden() after a change)
        self.solo: str | None = None  # presenting: only the pane of this view shows
        self._preview = None  # what preview_data() learnt of the data set before a session
        self.tabs: list[QTabWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.body = QWidget()
        self._layout.addWidget(self.body, 1)
        from visualnn.gui.live.runs_model import RunsModel

        self.runs = RunsModel(controller.doc, self)  # every run of the project, fed even before the views exist
        controller.projectSwitched.connect(self.runs.load)  # after the last run's final losses are drained
        self.timeline = TimelineBar(controller)
        self._layout.addWidget(self.timeline)
        controller.sessionStarted.connect(self._on_session)
        controller.runReset.connect(self._on_reset)
        controller.lossesAdded.connect(self._on_losses)
        controller.frameShown.connect(self._on_frame)
        controller.projectSwitched.connect(self._on_project_switched)

    def ensure_views(self) -> dict:
        if self.views:
            return self.views
        self.views = _make_views()
        for view in self.views.values():
            if hasattr(view, "use_runs"):  # views that draw every run (curves, landscape, metrics)
                view.use_runs(self.runs)
        for view in self.views.values():  # views that ask the training process for more data
            if hasattr(view, "attach"):
                view.attach(self.ctl)
            kind = getattr(view, "request_kind", None)
            if kind:
                view.requested.connect(lambda value, k=kind: self.ctl.request_view(k, value))
        if self.grid:
            lay = QGridLayout(self.body)
            lay.setContentsMargins(2, 2, 2, 2)
            for i, key in enumerate(VIEWS):
                lay.addWidget(self.views[key], i // 4, i % 4)
        else:
            lay = QVBoxLayout(self.body)
            lay.setContentsMargins(0, 0, 0, 0)
            split = QSplitter(Qt.Orientation.Horizontal)
            for keys in PANES:
                tabs = QTabWidget()
                tabs.setDocumentMode(True)
                for key in keys:
                    tabs.addTab(self.views[key], translate("live_views", self.views[key].title))
                split.addWidget(tabs)
                self.tabs.append(tabs)
            for i, stretch in enumerate((3, 4, 3)):
                split.setStretchFactor(i, stretch)
            lay.addWidget(split)
            self.split = split
            QTimer.singleShot(0, self._share_width)
        self._on_session(self.ctl.session)  # before a session: only the views every network has
        if self.ctl.current is not None:
            self._on_frame(self.ctl.current)
        self.viewsMade.emit(self.views)
        return self.views

    @Slot()
    def _on_project_switched(self) -> None:
        """Another project: every view is made anew (runs, axis ranges, summaries, warnings,
        pictures of the last project cannot stay), in panes as wide as they were."""
        if not self.views:
            return
        sizes = self.split.sizes() if not self.grid else None
        old, self.body = self.body, QWidget()
        self._layout.replaceWidget(old, self.body)
        old.hide()
        old.deleteLater()
        self.views, self.tabs = {}, []
        self.ensure_views()
        if sizes is not None and sum(sizes):
            QTimer.singleShot(0, lambda: self.split.setSizes(sizes))

    def _share_width(self) -> None:
        w = max(self.width(), 600)
        self.split.setSizes([int(w * 0.3), int(w * 0.42), int(w * 0.28)])

    def showEvent(self, event):
        # the plots (pyqtgraph: ~0.6 s to import) come after the window's first paint
        window = self.window()
        if hasattr(window, "after_first_paint"):
            window.after_first_paint(self.ensure_views)
        else:
            self.ensure_views()
        super().showEvent(event)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:  # the tabs' titles (the views re-label themselves)
            for tabs in self.tabs:
                for i in range(tabs.count()):
                    tabs.setTabText(i, translate("live_views", tabs.widget(i).title))
        super().changeEvent(event)

    def show_view(self, key: str) -> None:
        """Bring the view `key` to the front of its pane."""
        view = self.ensure_views()[key]
        for tabs in self.tabs:
            i = tabs.indexOf(view)
            if i >= 0:
                tabs.setCurrentIndex(i)

    # -- feeding ------------------------------------------------------------------------------
    @Slot(object)
    def preview_data(self, dataset) -> None:
        """Before training starts, show the views that will apply to `dataset` (the Data
        panel's: the same set the training will load), so the panes do not shift when
        the first run begins. A run's session decides once it is there."""
        from types import SimpleNamespace

        from visualnn.gui.workers.frames import on_line, on_plane, shows_images

        self._preview = None if dataset is None else SimpleNamespace(
            is_2d=on_plane(dataset), is_1d=on_line(dataset), task=dataset.task,
            strip_images=() if shows_images(dataset) else None)
        if self.ctl.session is None:
            self._on_session(None)

    def apply_hidden(self) -> None:
        """Show again the views that apply, less those in `hidden`."""
        self._on_session(self.ctl.session, feed=False)

    @Slot(object)
    def _on_session(self, session, feed: bool = True) -> None:
        if not self.views:
            return
        like = session if session is not None else self._preview
        for key, view in self.views.items():
            if session is not None and feed:
                view.set_session(session)
            on = applies(key, like) and key not in self.hidden
            if self.grid:
                view.setVisible(on)
        for tabs in self.tabs:
            first = None
            for i in range(tabs.count()):
                key = next(k for k, v in self.views.items() if v is tabs.widget(i))
                on = applies(key, like) and key not in self.hidden
                tabs.setTabVisible(i, on)
                if on and first is None:
                    first = i
            if first is not None and not tabs.isTabVisible(tabs.currentIndex()):
                tabs.setCurrentIndex(first)
            solo = self.solo is None or tabs.indexOf(self.views.get(self.solo)) >= 0
            tabs.setVisible(first is not None and solo)  # a pane with nothing for this data gives its room away

    @Slot(int)
    def _on_reset(self, run: int) -> None:
        self.runs.begin_run(run)
        if self.views:
            self.views["curves"].new_run()

    @Slot(object)
    def _on_losses(self, drained) -> None:
        if self.ctl.session is None:  # a late delivery from the project before a switch: not this project's
            return
        self.runs.add_losses(drained)
        if self.views:
            self.views["curves"].add_losses(drained)

    @Slot(object)
    def _on_frame(self, frame) -> None:
        if not self.views:
            return
        live = self.ctl.following
        for view in self.views.values():
            view.show_frame(frame, live)
