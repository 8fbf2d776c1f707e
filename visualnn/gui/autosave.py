"""Autosave, crash recovery and the lock against a second editor, for the main window.

Unsaved changes are written to the recovery folder (beside the settings file) every
INTERVAL_MS and when the app loses focus, with the weights training has reached; a save
or a clean close removes the copy. At start the copies a crashed app left behind are
offered back, one dialog each, named and timed. A project file open in this app is
locked, so a second app opening it is warned that it is open elsewhere.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from visualnn.core.io import atomic, recovery

INTERVAL_MS = 45_000  # autosave every 45 s while there are unsaved changes


def recovery_folder() -> Path:
    """The recovery folder: `recovery` beside the settings file (tests redirect it with
    settings.use_settings_dir)."""
    from visualnn.gui.settings import app_settings

    return Path(app_settings().fileName()).parent / "recovery"


class Autosaver(QObject):
    """Writes the window's project to the recovery folder while it has unsaved changes."""

    def __init__(self, window, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.folder = recovery_folder()
        self.session = uuid.uuid4().hex[:12]
        self.saved_at: float | None = None   # time of the last recovery copy
        self._written_index: tuple | None = None
        self._locked: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        doc = window.document
        doc.dirtyChanged.connect(self._on_dirty)
        doc.projectReplaced.connect(self._on_project)
        window.closing.connect(self.finish)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_app_state)
        window.training.controller.weightsRead.connect(self._write_with_weights)
        self._on_project()

    # -- autosave --------------------------------------------------------------------------
    @Slot()
    def autosave(self) -> None:
        """Write the recovery copy now when there is something unsaved (the weights
        training has reached follow as soon as the training process sends them)."""
        doc = self.window.document
        if not doc.dirty and not self._training_moved():
            return
        ctl = self.window.training.controller
        if ctl.session is not None and ctl.step > 0:
            ctl.read_weights()  # _write_with_weights follows with the current weights
        self._write(doc.project)

    def _training_moved(self) -> bool:
        ctl = self.window.training.controller
        return ctl.session is not None and ctl.step > 0 and (ctl.session, ctl.step) != self._written_index

    @Slot(object)
    def _write_with_weights(self, lists) -> None:
        project = self.window.document.project.copy()
        project.state = lists
        self._write(project)
        ctl = self.window.training.controller
        self._written_index = (ctl.session, ctl.step)

    def _write(self, project) -> None:
        try:
            recovery.write_recovery(self.folder, self.session, project)
            self.saved_at = time.time()
        except OSError as e:  # a full disk must not stop the user's work
            self.window.statusBar().showMessage(
                self.tr("Autosave failed: {reason}").format(reason=e.strerror or e), 5000)

    @Slot(bool)
    def _on_dirty(self, dirty: bool) -> None:
        if not dirty:  # saved (or reverted to the saved state): nothing to recover
            recovery.discard_recovery(self.folder, self.session)

    @Slot(Qt.ApplicationState)
    def _on_app_state(self, state) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.autosave()

    # -- lock ------------------------------------------------------------------------------------
    @Slot()
    def _on_project(self) -> None:
        path = self.window.document.project.path
        if self._locked is not None and self._locked != path:
            recovery.release_lock(self.folder, self._locked)
            self._locked = None
        if path is not None and self._locked != path:
            atomic.clean_temporaries(Path(path).parent)
            try:
                recovery.acquire_lock(self.folder, path)
                self._locked = Path(path)
            except OSError:
                pass

    @Slot()
    def finish(self) -> None:
        """A clean close: no recovery copy, no lock left."""
        self.timer.stop()
        recovery.discard_recovery(self.folder, self.session)
        if self._locked is not None:
            recovery.release_lock(self.folder, self._locked)
            self._locked = None


def confirm_open_elsewhere(window, path) -> bool:
    """True when `path` may be opened: not open in another running visualnn, or the user
    chose to open it anyway."""
    pid = recovery.lock_holder(recovery_folder(), path)
    if pid is None:
        return True
    answer = QMessageBox.warning(
        window, window.tr("Open elsewhere"),
        window.tr("“{name}” is open in another visualnn window (process {pid}). Saving in both "
                  "overwrites one's changes with the other's. Open it anyway?").format(name=Path(path).name, pid=pid),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Open


def offer_recovery(window) -> bool:
    """Offer each project a crashed visualnn left unsaved; True when one was restored.
    Restore opens it (unsaved, with its own file's path); Discard deletes the copy; Later
    keeps it for the next start."""
    folder = recovery_folder()
    for entry in recovery.orphaned(folder):
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.saved_at))
        where = str(entry.path) if entry.path else window.tr("never saved")
        box = QMessageBox(QMessageBox.Icon.Question, window.tr("Recover unsaved work"),
                          window.tr("visualnn closed without saving “{name}”. Its changes were autosaved at "
                                    "{when}. Restore them?").format(name=entry.name, when=when), parent=window)
        box.setInformativeText(window.tr("File: {where}").format(where=where))
        restore = box.addButton(window.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(window.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(window.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is discard:
            recovery.discard_recovery(folder, entry.session)
        elif box.clickedButton() is restore:
            try:
                project = recovery.restore(entry)
            except Exception as e:  # noqa: BLE001 - a broken copy: said, and kept for a look
                QMessageBox.critical(window, window.tr("Cannot restore"), str(e).splitlines()[0][:300])
                continue
            if not window.files.maybe_save():
                return False
            window.files._install(project)
            window.document.mark_dirty()
            recovery.discard_recovery(folder, entry.session)
            window.statusBar().showMessage(window.tr("Restored “{name}” as autosaved at {when}").format(
                name=entry.name, when=when), 8000)
            return True
    return False
