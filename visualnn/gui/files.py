"""New, open, save, recent files, exports and the save prompt of the main window.

A file that cannot be read (broken JSON, a newer version) gets a dialog with the loader's
one-line message, and the open project stays as it was. Bundled examples open as untitled
copies, so saving never writes into the installed examples.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from visualnn.core.graph import Graph
from visualnn.core.io import Project, ProjectError, load_project, save_project
from visualnn.gui import settings as user_settings

FILTER = "visualnn projects (*.vnn);;All files (*)"
EXPORTS = {
    # format: (menu text, file filter, suffix)
    "py": ("PyTorch code…", "Python files (*.py)", ".py"),
    "onnx": ("ONNX model…", "ONNX models (*.onnx)", ".onnx"),
    "png": ("Picture (PNG)…", "PNG pictures (*.png)", ".png"),
    "svg": ("Picture (SVG)…", "SVG pictures (*.svg)", ".svg"),
}


def blank_project() -> Project:
    """A new project: one Input of 2 features on the spiral data, ready for layers."""
    g = Graph()
    g.add_node("Input", "x", {"shape": [2]}, (0.0, 0.0))
    return Project(graph=g, name="Untitled", data={"kind": "builtin", "name": "spiral"},
                   train={"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.03, "batch_size": 10,
                          "epochs": 20, "seed": 0, "device": "auto", "test_fraction": 0.2})


def is_example(path) -> bool:
    """A bundled example or lesson (opened as an untitled copy: saving never overwrites it)."""
    from visualnn.core.lesson.check import lessons_dir
    from visualnn.examples import examples_dir

    try:
        return Path(path).resolve().parent in (examples_dir().resolve(), lessons_dir().resolve())
    except OSError:
        return False


class FileController(QObject):
    recentChanged = Signal(list)
    opened = Signal(object)  # the new Project
    saved = Signal(object)   # Path

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    @property
    def doc(self):
        return self.window.document

    # -- prompts --------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; False means stay."""
        if not self.doc.dirty:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                          f"Save the changes to “{self.doc.project.title}” before closing it?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.window)
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.window, title, message)

    # -- new / open ------------------------------------------------------------------------------
    def new_blank(self) -> bool:
        if not self.maybe_save():
            return False
        self._install(blank_project())
        return True

    def new_from_example(self) -> bool:
        from visualnn.gui.gallery import ExampleGallery

        dialog = ExampleGallery(self.window)
        if not dialog.exec() or dialog.selected_path() is None:
            return False
        return self.open_example(dialog.selected_path())

    def open_example(self, path) -> bool:
        """Open a bundled example as an untitled copy."""
        if not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except ProjectError as e:
            self.error("Cannot open the example", str(e))
            return False
        project.path = None
        self._install(project)
        return True

    def open(self, path=None) -> bool:
        """Open `path` (or ask for one). A file that cannot be read leaves the project as it was."""
        if path is None:
            start = str(self.doc.project.base_dir or Path.home())
            path, _ = QFileDialog.getOpenFileName(self.window, "Open a project", start, FILTER)
            if not path:
                return False
        try:
            project = load_project(path)
        except ProjectError as e:
            self.error("Cannot open the project", str(e))
            return False
        if not self.maybe_save():
            return False
        if is_example(path):
            project.path = None
        else:
            self._remember(path)
        self._install(project)
        return True

    def _install(self, project: Project) -> None:
        self.doc.set_project(project)
        self.opened.emit(project)

    # -- save ------------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.project.path is None:
            return self.save_as()
        return self._write(self.doc.project.path)

    def save_as(self, path=None) -> bool:
        if path is None:
            name = self.doc.project.path or Path.home() / (_file_stem(self.doc.project.title) + ".vnn")
            path, _ = QFileDialog.getSaveFileName(self.window, "Save the project as", str(name), FILTER)
            if not path:
                return False
        path = Path(path)
        if path.suffix.lower() != ".vnn":
            path = path.with_name(path.name + ".vnn")
        return self._write(path)

    def _write(self, path) -> bool:
        try:
            written = save_project(self.doc.project, path)
        except OSError as e:
            self.error("Cannot save the project", f"{path}: {e.strerror or e}")
            return False
        self.doc.mark_saved()
        self._remember(written)
        self.saved.emit(written)
        return True

    # -- recent files -----------------------------------------------------------------------------------
    def recent(self) -> list[str]:
        return user_settings.recent_files(self.window.settings)

    def _remember(self, path) -> None:
        self.recentChanged.emit(user_settings.add_recent_file(path, self.window.settings))

    def fill_recent_menu(self, menu) -> None:
        """The Open Recent menu: newest first, numbered, with the full path as tooltip."""
        menu.clear()
        recent = self.recent()
        for i, path in enumerate(recent):
            act = menu.addAction(f"&{i + 1}  {Path(path).name}" if i < 9 else Path(path).name)
            act.setToolTip(path)
            act.triggered.connect(lambda _=False, p=path: self.open(p))
        if recent:
            menu.addSeparator()
            menu.addAction("Clear Menu", self.clear_recent)
        menu.setEnabled(bool(recent))

    def clear_recent(self) -> None:
        user_settings.clear_recent_files(self.window.settings)
        self.recentChanged.emit([])

    # -- export --------------------------------------------------------------------------------------------
    def export(self, fmt: str, path=None):
        """Write PyTorch code, an ONNX model or a picture of the canvas; returns the path or None.
        After training, code and ONNX carry the trained weights or the project's, as the user says."""
        from visualnn.gui.export_weights import project_to_export

        text, filt, suffix = EXPORTS[fmt]
        project = project_to_export(self.window, fmt)
        if project is None:
            return None
        if path is None:
            base = self.doc.project.path.with_suffix(suffix) if self.doc.project.path else \
                Path.home() / (_file_stem(self.doc.project.title) + suffix)
            path, _ = QFileDialog.getSaveFileName(self.window, f"Export {text.rstrip('…')}", str(base), filt)
            if not path:
                return None
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self._export(fmt, path, project)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _export(self, fmt: str, path: Path, project):
        try:
            if fmt == "py":
                from visualnn.core.io.export_py import export_python as run
            elif fmt == "onnx":
                from visualnn.core.io.export_onnx import export_onnx as run
            else:
                from visualnn.gui.render import render_project

                def run(p, out):
                    return render_project(p, out, fmt)
        except ImportError as e:
            QMessageBox.information(self.window, "Export not available",
                                    f"Export to {fmt.upper()} is not available in this installation ({e}).")
            return None
        try:
            run(project, path)
        except Exception as e:  # one clear line, never a traceback
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            self.error("Export failed", f"{path.name}: {msg}")
            return None
        self.window.statusBar().showMessage(f"Exported {path}", 5000)
        return path


    # -- import ------------------------------------------------------------------------------------------------
    def import_weights(self, path=None) -> bool:
        """Load a state dict (.pt, as the exported script saves it) into the open project.

        Names and shapes are checked against the network; a mismatch gets a dialog naming
        the node and parameter and changes nothing. The import is one undo step."""
        if path is None:
            start = str(self.doc.project.base_dir or Path.home())
            path, _ = QFileDialog.getOpenFileName(self.window, "Import weights", start,
                                                  "PyTorch state dicts (*.pt *.pth);;All files (*)")
            if not path:
                return False
        from visualnn.core.io.export_py import import_state_dict
        from visualnn.gui.stepthrough.commands import ReplaceState

        try:
            state = import_state_dict(self.doc.project, Path(path))
        except Exception as e:  # one clear line, never a traceback
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            self.error("Cannot import weights", f"{Path(path).name}: {msg}")
            return False
        self.doc.undo_stack.push(ReplaceState(self.doc, state, f"Import weights from {Path(path).name}"))
        self.window.statusBar().showMessage(f"Imported weights from {path}", 5000)
        return True


def _file_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip().replace(" ", "_")
    return stem or "project"
