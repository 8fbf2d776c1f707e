"""Starting visualnn again, in another language: the panels that build their texts once
(the data panel, the live views) take a new language at start-up.
The user is asked; the project is saved (or not) as on closing."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QProcess, QProcessEnvironment
from PySide6.QtWidgets import QMessageBox

from visualnn.gui.i18n import translate


def restart_command(argv: list[str] | None = None) -> tuple[str, list[str]]:
    """(program, arguments) that start this app again, without a `--lang` given before (the
    remembered choice applies)."""
    if getattr(sys, "frozen", False):  # the desktop build: the executable is the app
        program, args = sys.executable, list(sys.argv[1:] if argv is None else argv)
    else:
        program = sys.executable
        args = list(getattr(sys, "orig_argv", [sys.executable, *sys.argv])[1:] if argv is None else argv)
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a == "--lang":
            skip = True
        elif not a.startswith("--lang="):
            out.append(a)
    return program, out


def offer_restart(window, code: str) -> bool:
    """Ask to start again so that every panel shows language `code`; True when restarting."""
    answer = QMessageBox.question(
        window, translate("restart", "Restart visualnn?"),
        translate("restart", "The menus, the canvas, the inspector, the training panel and step-through show the new "
                  "language now; the data panel and the live views show it after a restart. Restart visualnn now?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes or not window.files.maybe_save():
        return False
    program, args = restart_command()
    path = window.document.project.path
    if path is not None and str(path) not in args:
        args = [a for a in args if not a.endswith(".vnn")] + [str(path)]
    proc = QProcess()
    env = QProcessEnvironment.systemEnvironment()
    env.insert("VISUALNN_LANG", code)  # wins over a VISUALNN_LANG this run was started with
    proc.setProcessEnvironment(env)
    proc.setProgram(program)
    proc.setArguments(args)
    proc.setWorkingDirectory(os.getcwd())
    started = proc.startDetached()
    if not (started[0] if isinstance(started, tuple) else started):
        return False
    if window.document.dirty:  # the user chose Discard: closing must not ask again
        window.document.mark_saved()
    window.close()
    return True
