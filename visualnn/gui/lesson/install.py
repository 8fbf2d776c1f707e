"""Lessons in the main window: the Lesson panel (docked left), the Lesson menu (steps with
Page Up / Page Down, Teacher Mode, presentation mode, full screen, UI scale, training speed
presets), student mode for lessons opened, and the teacher's editing bar.
`install_lessons(window)` does it all; the window calls it once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visualnn.gui.i18n import relabel
from visualnn.gui.lesson.editor import LessonEditor
from visualnn.gui.lesson.panel import LessonPanel
from visualnn.gui.lesson.present import SCALES, Presenter, set_ui_scale
from visualnn.gui.lesson.runner import LessonRunner
from visualnn.gui.lesson.student import StudentMode

PAGE_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class LessonUI(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.runner = LessonRunner(window, self)
        self.student = StudentMode(window)
        self.runner.student = self.student
        self.presenter = Presenter(window, self.runner)
        self.teacher = False
        self.panel = LessonPanel(self.runner)
        self.editor = LessonEditor(window, self.runner)
        self.editor.hide()
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.panel, 1)
        lay.addWidget(self.editor)
        self.dock = window.add_dock(holder, Qt.DockWidgetArea.LeftDockWidgetArea, lambda: self.tr("Lesson"), "lesson",
                                    tabify_with="palette")  # a teacher's Layers are one tab away
        self.dock.setProperty("staysInModes", True)  # step-through keeps the lesson beside it
        self.dock.hide()
        self._make_actions()
        self.runner.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.runner.goalMet.connect(self._on_goal_met)
        self.runner.viewShown.connect(self._on_view_shown)
        self.editor.previewToggled.connect(self._on_preview)
        window.document.projectReplaced.connect(self._on_project)
        window.modeChanged.connect(self._on_mode)
        scale = int(window.settings.value("ui/scale", 100) or 100)
        if scale != 100:
            QTimer.singleShot(0, lambda: self.set_scale(scale, save=False))
        QTimer.singleShot(0, self._on_project)
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        # the window saves its layout as it closes: the layout of the user's own panels,
        # not the one a lesson or presentation mode made (a cancelled close gets it back)
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.presenter.stop()
            self.present_action.setChecked(False)
            if self.student.active:
                self.student.clear()
                QTimer.singleShot(0, self._apply_student)
        return False

    def _action(self, slot, keys=None, checkable=False) -> QAction:
        act = QAction(self.window)
        if keys:
            act.setShortcuts([QKeySequence(k) for k in ([keys] if isinstance(keys, str) else keys)])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(checkable)
        act.triggered.connect(slot)
        self.window.addAction(act)
        return act

    def _make_actions(self) -> None:
        w, r = self.window, self.runner
        self.next_action = self._action(r.next, "PgDown")
        self.back_action = self._action(r.back, "PgUp")
        self.teacher_action = self._action(self.set_teacher, "Ctrl+Shift+L", checkable=True)
        self.present_action = self._action(self.toggle_presentation, "Ctrl+Shift+P", checkable=True)
        self.full_action = self._action(self.presenter.toggle_full_screen, "F11")
        self.new_action = self._action(self.new_lesson)
        menu = self.menu = w.menuBar().addMenu("")
        w.menus["lesson"] = menu
        menu.setToolTipsVisible(True)
        menu.addActions([self.back_action, self.next_action])
        menu.addSeparator()
        menu.addActions([self.teacher_action, self.new_action])
        menu.addSeparator()
        menu.addActions([self.present_action, self.full_action])
        self.scale_menu = menu.addMenu("")
        self.scale_group = QActionGroup(self)
        self.scale_actions = {}
        for s in SCALES:
            act = QAction(f"{s} %", w)
            act.setCheckable(True)
            act.triggered.connect(lambda _=False, s=s: self.set_scale(s))
            self.scale_group.addAction(act)
            self.scale_menu.addAction(act)
            self.scale_actions[s] = act
        self.scale_actions[100].setChecked(True)
        self.speed_menu = menu.addMenu("")
        self.speed_actions = {}
        for preset in ("full", "epoch", "slow", "step"):
            act = QAction(w)
            act.triggered.connect(lambda _=False, p=preset: self.runner.set_speed(p))
            self.speed_menu.addAction(act)
            self.speed_actions[preset] = act
        if "projector" in w.acts.theme:
            menu.addAction(w.acts.theme["projector"])
        relabel(self, self._retranslate)

    def _retranslate(self) -> None:
        """The Lesson menu's texts, again after View > Language."""
        self.menu.setTitle(self.tr("&Lesson"))
        self.scale_menu.setTitle(self.tr("UI &Scale"))
        self.speed_menu.setTitle(self.tr("Training S&peed"))
        for act, text, tip in (
                (self.next_action, self.tr("&Next Step"), self.tr("The lesson's next step (Page Down)")),
                (self.back_action, self.tr("&Previous Step"), self.tr("The lesson's previous step (Page Up)")),
                (self.teacher_action, self.tr("&Teacher Mode"),
                 self.tr("Unlock everything the lesson hides or locks, and edit the lesson (Ctrl+Shift+L)")),
                (self.present_action, self.tr("&Presentation Mode"),
                 self.tr("Only the lesson, the network and one large view (Ctrl+Shift+P)")),
                (self.full_action, self.tr("&Full Screen"), self.tr("The window fills the screen, or leaves it (F11)")),
                (self.new_action, self.tr("&New Lesson in This Project"),
                 self.tr("Start writing a lesson for this project (teacher mode)"))):
            act.setText(text)
            act.setToolTip(tip)
            act.setStatusTip(tip)
        for preset, text in (("full", self.tr("Full speed")), ("epoch", self.tr("One epoch a second")),
                             ("slow", self.tr("Five updates a second")), ("step", self.tr("One update a second"))):
            self.speed_actions[preset].setText(text)

    # -- the project -------------------------------------------------------------------------
    @Slot()
    def _on_project(self) -> None:
        self.presenter.stop()
        self.present_action.setChecked(False)
        self.runner.restart()
        has = self.runner.lesson is not None or self.runner.error is not None
        self.dock.setVisible(has)
        if has:
            self.dock.raise_()
            w = self.window
            w.resizeDocks([self.dock], [max(300, int(w.width() * 0.28))], Qt.Orientation.Horizontal)
        self._apply_student()

    def _apply_student(self) -> None:
        lesson = self.runner.lesson
        preview = self.editor.buttons["preview"].isChecked()
        if lesson is not None and (not self.teacher or preview):
            self.student.apply(lesson.hide, lesson.lock)
        else:
            self.student.clear()
        self.editor.setVisible(self.teacher)

    @Slot(bool)
    def set_teacher(self, on: bool) -> None:
        """Teacher mode: every hidden and locked part back, and the editing bar."""
        self.teacher = bool(on)
        self.teacher_action.setChecked(self.teacher)
        if not self.teacher:
            self.editor.buttons["preview"].setChecked(False)
        if self.teacher or self.runner.lesson is not None:
            self.dock.show()
        self._apply_student()
        self.window.statusBar().showMessage(
            self.tr("Teacher mode: everything unlocked; the lesson can be edited") if self.teacher
            else self.tr("Student mode"), 5000)

    @Slot(bool)
    def _on_preview(self, on: bool) -> None:
        self._apply_student()

    def new_lesson(self) -> None:
        self.set_teacher(True)
        if self.runner.lesson is None:
            self.editor.add_step()
            self.dock.show()
            self.dock.raise_()

    # -- presenting ------------------------------------------------------------------------------
    def toggle_presentation(self) -> None:
        self.presenter.toggle()
        self.present_action.setChecked(self.presenter.presenting)

    def set_scale(self, percent: int, save: bool = True) -> None:
        percent = set_ui_scale(percent, self.window)
        if percent in self.scale_actions:
            self.scale_actions[percent].setChecked(True)
        if save:
            self.window.settings.setValue("ui/scale", percent)

    @Slot(str)
    def _on_view_shown(self, name: str) -> None:
        if self.presenter.presenting:
            self.presenter.large_view(name)

    @Slot(int)
    def _on_goal_met(self, index: int) -> None:
        self.window.statusBar().showMessage(self.tr("Goal met! Go on with Next (Page Down)"), 8000)

    @Slot(str)
    def _on_mode(self, key: str) -> None:
        """Page Up / Page Down turn the lesson's pages, also in step-through mode."""
        if self.runner.lesson is None:
            return
        for sc in self.window.step_through.shortcuts:
            if sc.key()[0].key() in PAGE_KEYS:
                sc.setEnabled(False)
        if self.dock.isHidden() and key != "edit":
            self.dock.show()


def install_lessons(window) -> LessonUI:
    """Add lessons to `window` (a MainWindow); returns the LessonUI."""
    return LessonUI(window)
