"""Downloading a data set from the Data panel: a progress dialog with Cancel; the
download runs in a background thread (the core's `download`, checksums and resume
included) and never freezes the window."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog


class _Relay(QObject):
    progress = Signal(str, object, object)  # file, bytes done, bytes total (or None)
    finished = Signal(str, str)  # folder ("" when it failed), error message


class DownloadDialog(QProgressDialog):
    """Downloads one set; `finished(folder, error)` when done, failed or cancelled."""

    finished_download = Signal(str, str)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        from visualnn.core.data.download import data_dir, remote

        self.name = name
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self.setWindowTitle(self.tr("Download {0}").replace("{0}", remote(name).title))
        self.setLabelText(self.tr("Connecting…") + "\n" + str(data_dir(name)))
        self.setCancelButtonText(self.tr("Cancel"))
        self.setRange(0, 0)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.canceled.connect(self._cancel.set)

    def start(self, base_url: str | None = None) -> None:
        relay, cancel, name = self._relay, self._cancel, self.name

        def work():
            from visualnn.core.data import DataError
            from visualnn.core.data.download import download

            def progress(file, done, total):
                relay.progress.emit(file, done, total)
                return not cancel.is_set()

            try:
                folder = download(name, base_url=base_url, progress=progress)
                result = (str(folder), "")
            except DataError as e:
                result = ("", str(e))
            except Exception as e:  # never a crash: the dialog says why
                result = ("", f"{type(e).__name__}: {e}")
            try:
                relay.finished.emit(*result)
            except RuntimeError:  # the dialog was closed meanwhile
                pass

        threading.Thread(target=work, name="visualnn-download", daemon=True).start()
        self.show()

    @Slot(str, object, object)
    def _on_progress(self, file: str, done, total) -> None:
        if total:
            self.setRange(0, 1000)
            self.setValue(int(1000 * done / total))
            text = self.tr("{0}: {1} of {2} MB")
            self.setLabelText(text.replace("{0}", file).replace("{1}", f"{done / 1e6:.1f}")
                              .replace("{2}", f"{total / 1e6:.1f}"))
        else:
            self.setLabelText(self.tr("{0}: {1} MB").replace("{0}", file).replace("{1}", f"{done / 1e6:.1f}"))

    @Slot(str, str)
    def _on_finished(self, folder: str, error: str) -> None:
        self.hide()
        self.finished_download.emit(folder, error)
        self.deleteLater()
