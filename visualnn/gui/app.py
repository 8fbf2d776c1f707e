"""Start the app: `visualnn` (the default example) or `visualnn open net.vnn`.

Start-up stays fast: nothing here imports torch or pyqtgraph (the core graph, validation
and project modules do not either); the views that need them import them when first used.
`on_quit(fn)` registers clean-up (stop training threads) run when the application quits.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable

from visualnn.gui.settings import APPLICATION, ORGANIZATION

_cleanups: list[Callable[[], None]] = []


def on_quit(fn: Callable[[], None]) -> None:
    """Run `fn()` when the application is about to quit (every function, in order, even if
    one fails)."""
    _cleanups.append(fn)


def _run_cleanups() -> None:
    while _cleanups:
        fn = _cleanups.pop(0)
        try:
            fn()
        except Exception as e:  # clean-up must not stop the other clean-ups
            print(f"visualnn: clean-up failed: {type(e).__name__}: {e}", file=sys.stderr)


def make_app(argv: list[str] | None = None):
    """The QApplication with visualnn's name (for QSettings), icon, fonts and theme."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if QApplication.instance() is None:  # fractional scaling (150 %) stays crisp
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv if argv is not None else [sys.argv[0]])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setApplicationDisplayName("visualnn")
    QGuiApplication.setDesktopFileName("visualnn")
    from visualnn import __version__
    from visualnn.gui.icons import app_icon
    from visualnn.gui.settings import theme_name
    from visualnn.gui.style import apply_theme, resolve_theme, setup_fonts

    QCoreApplication.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    setup_fonts(app)
    apply_theme(resolve_theme(theme_name()))
    if not app.property("visualnnCleanups"):
        app.aboutToQuit.connect(_run_cleanups)
        app.setProperty("visualnnCleanups", True)
    return app


def load_start_project(path=None):
    """(project, error message or None): the file asked for, or the default example."""
    from visualnn.core.io import Project, ProjectError, load_project
    from visualnn.examples import example_path

    error = None
    if path is not None:
        try:
            from visualnn.gui.files import is_example

            project = load_project(path)
            if is_example(path):
                project.path = None  # an untitled copy of a bundled example or lesson
            return project, None
        except ProjectError as e:
            error = str(e)
    try:
        project = load_project(example_path())
        project.path = None  # an untitled copy: saving never overwrites the bundled example
        return project, error
    except ProjectError as e:
        return Project(name="Untitled"), error or str(e)


def create_window(path=None):
    """The main window on `path` (or the default example); a file that cannot be read is
    reported in a dialog once the window shows."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    project, error = load_start_project(path)
    window = MainWindow(Document(project))
    if path is not None and error is None and project.path is not None:
        window.files._remember(project.path)
    if error:
        QTimer.singleShot(0, lambda: QMessageBox.critical(window, "Cannot open the project", error))
    return window


def missing_display_library() -> str | None:
    """Why no window can open (no display, missing X11 libraries), one line, or None."""
    from visualnn.gui.display_check import display_problem

    return display_problem()


def run_app(path=None) -> int:
    """Run the app until its window closes; returns the exit status (1 when no window can
    be opened, with the reason on stderr)."""
    started = time.perf_counter()
    missing = missing_display_library()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    app = make_app()
    window = create_window(path)
    from visualnn.gui import file_open

    file_open.install(app, lambda: window)  # macOS Finder double-clicks on .vnn files
    window.show()
    if os.environ.get("VISUALNN_STARTUP_PROBE"):
        _probe_first_paint(app, window, started)
    code = app.exec()
    _exit_now(code)
    return code  # not reached


def _exit_now(code: int) -> None:
    """End the process at once once the window has closed: the clean-ups and the exit
    handlers have run (training stopped, settings written), and tearing down every Qt
    and PyTorch object one by one would only keep a closed app alive for seconds."""
    import atexit

    _run_cleanups()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _probe_first_paint(app, window, started: float) -> None:
    """Print the wall-clock time of the first paint and quit (for packaging/startup_time.py)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, self.done)
            return False

        def done(self):
            print(f"first-paint-epoch {time.time():.6f} in-process {time.perf_counter() - started:.3f}", flush=True)
            app.quit()

    probe = Probe(window)
    target = window.canvas.viewport() if hasattr(window.canvas, "viewport") else window
    target.installEventFilter(probe)


def main() -> int:
    """The `visualnn-app` entry point and the desktop build's executable:
    `visualnn-app [PROJECT]` opens the app; `visualnn-app COMMAND ...` (train, validate,
    step, export, ... or --help / --version) runs the command line, so the desktop build
    has one too (`visualnn.exe train net.vnn`)."""
    argv = sys.argv[1:]
    if argv and is_command_line(argv):
        attach_console()
        from visualnn.cli import main as cli_main

        return cli_main(argv)
    args = [a for a in argv if not a.startswith("-")]
    return run_app(args[0] if args else None)


def is_command_line(argv: list[str]) -> bool:
    """Whether `argv` asks for the command line rather than a project to open."""
    from visualnn.cli import COMMANDS

    first = argv[0]
    if first in ("-h", "--help", "--version", "--lang"):
        return True
    return first in COMMANDS and first != "open" and not os.path.isfile(first)


def attach_console() -> None:
    """On Windows the desktop build is a windowed program without a console: print to the
    console it was started from, when there is one."""
    if os.name != "nt" or sys.stdout is not None and sys.stdout.isatty():
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115


if __name__ == "__main__":
    sys.exit(main())
