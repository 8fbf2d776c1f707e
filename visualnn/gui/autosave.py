"""Autosave, crash recovery and the lock against a second editor, for the main window.

Unsaved changes are written to the recovery folder (beside the settings file) every
INTERVAL_MS and when the app loses focus, with the weights training has reached; a save
or a clean close removes the copy. At start the copies a crashed app left behind are
offered back, all in one dialog, each named and timed, to restore, discard or keep for
later; each restored project gets a window of its own. A project file open in this app is
locked, so a second app opening it is warned that it is open elsewhere, and a copy of it
left by a crash is not offered while that app has it open.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from visualnn.core.io import atomic, recovery
from visualnn.gui.i18n import translate
from visualnn.gui.recovery_dialog import RecoveryDialog, saved_time

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
        window, translate("autosave", "Open elsewhere"),
        translate("autosave", "“{name}” is open in another visualnn window (process {pid}). Saving in both "
                  "overwrites one's changes with the other's. Open it anyway?").format(name=Path(path).name, pid=pid),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Open


def offer_recovery(window, replace_current: bool = True) -> list:
    """Offer every project a crashed visualnn left unsaved, in one dialog (see
    recovery_dialog): each restored one opens unsaved, with its own file's path; the first
    in `window` when it may be replaced (`replace_current`: the app started on its default
    project, or the restored file is the one the window shows, and nothing in it is
    unsaved), the others each in a new window. Discarded copies are deleted; those left
    for later stay. Copies of a file another running app has open are not offered.
    Returns the windows that received a restored project."""
    folder = recovery_folder()
    entries = recovery.offerable(folder)
    if not entries:
        return []
    for entry in entries:
        recovery.claim(entry)  # a second app starting now does not offer them too
    dialog = RecoveryDialog(entries, window)
    if dialog.exec() != RecoveryDialog.DialogCode.Accepted:
        return []
    restored = []
    for entry, choice in dialog.choices():
        if choice == "discard":
            recovery.discard_recovery(folder, entry.session)
        elif choice == "restore":
            target = _restore(window, entry, replace_current and not restored)
            if target is not None:
                restored.append(target)
    return restored


def _restore(window, entry, may_replace: bool):
    """Open `entry`'s project (in `window` when it may be replaced, else a new window),
    write its recovery copy anew, then delete the old one; the window, or None."""
    from visualnn.gui.app import open_window

    when = saved_time(entry)
    try:
        project = recovery.restore(entry)
    except Exception as e:  # noqa: BLE001 - a broken copy: said, and kept for a look
        QMessageBox.critical(window, translate("autosave", "Cannot restore"), f"{entry.file.name}: {str(e).splitlines()[0][:300]}")
        return None
    shown = window.document.project.path
    same_file = entry.path is not None and shown is not None and Path(shown) == entry.path
    if (may_replace or same_file) and not window.document.dirty:
        if not window.files._install(project):
            return None
        target = window
    else:
        target = open_window(project, near=window)
    target.document.mark_dirty()
    target.autosaver.autosave()  # its own copy now, so a crash right after loses nothing
    recovery.discard_recovery(recovery_folder(), entry.session)
    target.statusBar().showMessage(translate("autosave", "Restored “{name}” as autosaved at {when}").format(
        name=entry.path.name if entry.path else entry.name, when=when), 8000)
    return target
