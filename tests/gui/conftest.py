"""Shared GUI test setup: offscreen Qt, and no QThread may outlive its test."""

from __future__ import annotations

import os
import weakref

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VISUALNN_LANG"] = "en"  # the app starts in English whatever the machine's locale (tests read its texts)

import pytest  # noqa: E402
from PySide6.QtCore import QThread  # noqa: E402

_started: "weakref.WeakSet[QThread]" = weakref.WeakSet()
_start = QThread.start


def _recording_start(self, *args, **kwargs):
    _started.add(self)
    return _start(self, *args, **kwargs)


QThread.start = _recording_start


@pytest.fixture(autouse=True)
def no_running_qthreads():
    """Fail the test if a QThread it started is still running at its end (the thread is
    then stopped, so one leak does not abort the whole run)."""
    yield
    running = []
    for thread in list(_started):
        try:
            alive = thread.isRunning()
        except RuntimeError:  # the C++ object is gone: it was cleaned up
            continue
        if alive:
            running.append(type(thread).__name__)
            thread.requestInterruption()
            thread.quit()
            thread.wait(5000)
    _started.clear()
    if running:
        pytest.fail(f"QThread left running after the test: {', '.join(running)}")


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path_factory):
    """Every test gets its own settings folder: tests never read or write the user's
    real settings (recent files, window state, theme)."""
    from visualnn.gui.settings import use_settings_dir

    folder = tmp_path_factory.mktemp("settings")
    use_settings_dir(folder)
    return folder


@pytest.fixture
def main_window(qtbot, tmp_path):
    """The main window on a saved copy of tests/gui/main_helpers.spiral_project(), shown
    offscreen; closed without the save prompt at the test's end."""
    from tests.gui.main_helpers import open_window

    return open_window(qtbot, tmp_path)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """Main windows a test leaves open close without the save prompt: pytest-qt closes them
    after the test, and a modal "Unsaved changes" dialog there would block the whole run."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    for widget in app.topLevelWidgets() if app is not None else []:
        doc = getattr(widget, "document", None)
        if doc is not None and hasattr(doc, "mark_saved") and getattr(doc, "dirty", False):
            doc.mark_saved()
    return (yield)


@pytest.fixture(autouse=True)
def collector_sight_restored():
    """A run's start moves the app's long-lived objects out of the garbage collector's
    sight (gc.freeze); a test's windows do not live as long as an app's, so they are put
    back after each test, to be collected."""
    import gc

    yield
    gc.unfreeze()
