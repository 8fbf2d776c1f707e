"""Start the app: `visualnn` (the default example) or `visualnn open net.vnn`.

Start-up stays fast: nothing here imports torch or pyqtgraph (the core graph, validation
and project modules do not either); the views that need them import them when first used.
`on_quit(fn)` registers clean-up (stop training threads) run when the application quits.
"""

from __future__ import annotations

import os
import sys
import time
import weakref
from typing import Callable

from visualnn.gui.settings import APPLICATION, ORGANIZATION

_cleanups: list[Callable[[], None]] = []
_windows: list = []  # windows opened beside the first one (restored projects), kept alive while open


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


def make_app(argv: list[str] | None = None, lang: str | None = None):
    """The QApplication with visualnn's name (for QSettings), icon, fonts, theme and language
    (`lang` as --lang gives it, else VISUALNN_LANG, else the remembered choice, else the locale)."""
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
    from visualnn.gui.i18n import install_language, startup_language
    from visualnn.gui.settings import app_settings, theme_name
    from visualnn.gui.style import apply_theme, resolve_theme, setup_fonts

    QCoreApplication.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    setup_fonts(app)
    if lang is not None or not app.property("visualnnLanguage"):  # once, or when asked for
        install_language(startup_language(lang, app_settings()))
        app.setProperty("visualnnLanguage", True)
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
        except Exception as e:  # noqa: BLE001 - the app starts whatever file it is given
            error = f"{path}: {str(e).strip()[:300] or type(e).__name__}"
    try:
        project = load_project(example_path())
        project.path = None  # an untitled copy: saving never overwrites the bundled example
        return project, error
    except ProjectError as e:
        from PySide6.QtCore import QCoreApplication

        return Project(name=QCoreApplication.translate("app", "Untitled")), error or str(e)


def create_window(path=None):
    """The main window on `path` (or the default example); a file that cannot be read is
    reported in a dialog once the window shows."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QMessageBox

    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    from visualnn.core.io.recovery import lock_holder
    from visualnn.gui.autosave import recovery_folder

    project, error = load_start_project(path)
    holder = lock_holder(recovery_folder(), project.path) if project.path is not None else None
    try:
        window = MainWindow(Document(project))
    except Exception as e:  # noqa: BLE001 - a project the window cannot show: the default one instead
        if path is None:
            raise
        project, _ = load_start_project(None)
        error = f"{path}: {str(e).strip()[:300] or type(e).__name__}"
        window = MainWindow(Document(project))
    if path is not None and error is None and project.path is not None:
        window.files._remember(project.path)
    if error:
        QTimer.singleShot(0, lambda: QMessageBox.critical(
            window, QCoreApplication.translate("app", "Cannot open the project"), error))
    if holder is not None:
        QTimer.singleShot(0, lambda: QMessageBox.warning(
            window, QCoreApplication.translate("app", "Open elsewhere"),
            QCoreApplication.translate("app", "“{name}” is also open in another visualnn window (process {pid}). "
                                              "Saving in both overwrites one's changes with the other's.").format(
                name=project.path.name, pid=holder)))
    from visualnn.gui.autosave import offer_recovery

    # work a crashed visualnn left unsaved; a project asked for on the command line stays in this window
    QTimer.singleShot(0, lambda: offer_recovery(window, replace_current=path is None))
    return window


def open_window(project, near=None):
    """A new main window on `project`, shown (a little below and right of `near`); it lives
    until it is closed. The app quits when its last window closes."""
    from PySide6.QtCore import QPoint, QTimer

    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    window = MainWindow(Document(project))
    _windows.append(window)
    ref = weakref.ref(window)  # the connection must not keep the window alive
    window.closing.connect(lambda: QTimer.singleShot(0, lambda: _forget_window(ref())))
    if near is not None:
        window.resize(near.size())
        window.move(near.pos() + QPoint(32, 32))
    window.show()
    return window


def _forget_window(window) -> None:
    if window in _windows:
        _windows.remove(window)


def front_window(fallback):
    """The main window in front (where a file handed to the app opens), else `fallback`."""
    from PySide6.QtWidgets import QApplication

    from visualnn.gui.main_window import MainWindow

    active = QApplication.activeWindow()
    if isinstance(active, MainWindow):
        return active
    open_ones = [w for w in _windows if w.isVisible()]
    return fallback if fallback.isVisible() or not open_ones else open_ones[-1]


def missing_display_library() -> str | None:
    """Why no window can open (no display, missing X11 libraries), one line, or None."""
    from visualnn.gui.display_check import display_problem

    return display_problem()


def run_app(path=None, lang: str | None = None) -> int:
    """Run the app until its window closes; returns the exit status (1 when no window can
    be opened, with the reason on stderr)."""
    started = time.perf_counter()
    if lang:  # the message below in the language asked for
        from visualnn.core.i18n import set_language

        set_language(lang)
    missing = missing_display_library()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    app = make_app(lang=lang)
    window = create_window(path)
    from visualnn.gui import file_open

    file_open.install(app, lambda: front_window(window))  # macOS Finder double-clicks on .vnn files
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
    `visualnn-app [--lang en|zh] [PROJECT]` opens the app; `visualnn-app COMMAND ...` (train,
    validate, step, export, ... or --help / --version) runs the command line, so the desktop
    build has one too (`visualnn.exe train net.vnn`)."""
    argv = sys.argv[1:]
    if argv and is_command_line(argv):
        attach_console()
        from visualnn.cli import main as cli_main

        return cli_main(argv)
    lang, args = None, []
    while argv:
        a = argv.pop(0)
        if a == "--lang" and argv:
            lang = argv.pop(0)
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
        elif not a.startswith("-"):
            args.append(a)
    return run_app(args[0] if args else None, lang=lang)


def is_command_line(argv: list[str]) -> bool:
    """Whether `argv` asks for the command line rather than a project to open."""
    from visualnn.cli import COMMANDS

    rest = _without_lang(argv)  # `--lang zh` alone or before a project opens the app in that language
    if not rest:
        return False
    first = rest[0]
    if first in ("-h", "--help", "--version"):
        return True
    return first in COMMANDS and first != "open" and not os.path.isfile(first)


def _without_lang(argv: list[str]) -> list[str]:
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a == "--lang":
            skip = True
        elif not a.startswith("--lang="):
            out.append(a)
    return out


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
