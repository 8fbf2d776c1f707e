"""Compare and share in the main window: Compare > Race Variants… and Show Runs, File >
Export View… and Export Animation…, and a right-click menu on every live view to save it
as a figure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from visualnn.gui.i18n import relabel


class Sharing(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.race_dialog = None
        self.race = QAction(window)
        self.race.setObjectName("action_race")
        self.race.triggered.connect(self.show_race)
        menus = window.menus
        self.menu = menus.get("compare") or _menu(window)
        self.menu.addAction(self.race)
        self.runs = QAction(window)
        self.runs.triggered.connect(self.show_runs)
        self.menu.addAction(self.runs)
        self.export_view = QAction(window)
        self.export_view.triggered.connect(lambda: self.show_export_view())
        self.export_animation = QAction(window)
        self.export_animation.triggered.connect(self.show_export_animation)
        self.export_walk = QAction(window)
        self.export_walk.triggered.connect(lambda: self.save_walk())
        relabel(self, self._retranslate)
        file_menu = menus["file"]
        before = window.acts.import_weights
        for act in (self.export_view, self.export_animation, self.export_walk):
            file_menu.insertAction(before, act)
        self._menu_views: dict = {}
        views = self.views()
        views.viewsMade.connect(self._on_views_made)
        if views.views:
            self._on_views_made(views.views)

    def _retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Compare"))
        for act, text, tip in (
                (self.race, self.tr("&Race Variants…"),
                 self.tr("Train variants of this network side by side: optimizers, learning rates, ...")),
                (self.runs, self.tr("Show &Runs"), self.tr("The kept runs of this project: show, hide, rename, delete")),
                (self.export_view, self.tr("Export &View…"),
                 self.tr("Save a live view as a PNG picture, an SVG drawing or CSV numbers")),
                (self.export_animation, self.tr("Export &Animation…"),
                 self.tr("Record training as an animated GIF or an MP4 video")),
                (self.export_walk, self.tr("Export Step-through &Walk…"),
                 self.tr("Record the step-through of one update, stage by stage, as a GIF"))):
            act.setText(text)
            act.setStatusTip(tip)

    def views(self):
        return self.window.training.views

    def show_race(self) -> None:
        from visualnn.gui.share.race_dialog import RaceDialog

        if self.race_dialog is None:
            self.race_dialog = RaceDialog(self.window.document, self.views().runs, self.window)
        self.race_dialog.show()
        self.race_dialog.raise_()

    def _start_path(self) -> Path:
        project = self.window.document.project
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(project.name)).strip("_") or "visualnn"
        return (project.base_dir or Path.home()) / name

    def show_export_view(self, current: str | None = None):
        from visualnn.gui.share.export_dialogs import ExportViewDialog

        views = self.views().ensure_views()
        dlg = ExportViewDialog(views, self._start_path(), current, self.window)
        dlg.open()
        return dlg

    def show_export_animation(self):
        from visualnn.gui.share.export_dialogs import ExportAnimationDialog

        dlg = ExportAnimationDialog(self.window.document.project.copy(), self._start_path(), self.window)
        dlg.open()
        return dlg

    def save_walk(self, path=None) -> Path | None:
        """Record the step-through walk (asks for the file when `path` is None), with a
        progress dialog and Cancel; problems are said in a message box."""
        from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

        from visualnn.gui.share.animation import AnimationError, Cancelled
        from visualnn.gui.share.export_dialogs import ask_path
        from visualnn.gui.share.walk import record_walk

        if path is None:
            path = ask_path(self.window, self.tr("Export the step-through walk"), "gif",
                            self._start_path().with_name(self._start_path().name + "_walk"))
            if path is None:
                return None
        dlg = QProgressDialog(self.tr("Recording the step-through…"), self.tr("Cancel"), 0, 1, self.window)
        dlg.setMinimumDuration(0)

        def progress(done, total):
            dlg.setMaximum(total)
            dlg.setValue(done)

        def stop():
            QApplication.processEvents()
            return dlg.wasCanceled()

        try:
            return record_walk(self.window, path, progress=progress, should_stop=stop)
        except Cancelled:
            return None
        except (AnimationError, OSError) as e:
            QMessageBox.warning(self.window, self.tr("Cannot record the walk"), str(e))
            return None
        finally:
            dlg.close()

    # -- right-click on a view ------------------------------------------------------------------
    def _on_views_made(self, views: dict) -> None:
        self._menu_views = {}  # the views of another project replace the last one's
        for name, view in views.items():
            for w in [view, *view.findChildren(QWidget)]:
                self._menu_views[w] = name
                w.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.ContextMenu and obj in self._menu_views:
            self.view_menu(self._menu_views[obj]).exec(event.globalPos())
            return True
        return super().eventFilter(obj, event)

    def view_menu(self, name: str) -> QMenu:
        """The right-click menu of the view `name`: save it as PNG, SVG (or CSV)."""
        from visualnn.gui.share.figures import can_csv

        view = self.views().views[name]
        menu = QMenu(self.window)
        menu.addAction(self.tr("Save as PNG…"), lambda: self._quick_save(name, "png"))
        menu.addAction(self.tr("Save as SVG…"), lambda: self._quick_save(name, "svg"))
        if can_csv(view):
            menu.addAction(self.tr("Save numbers as CSV…"), lambda: self._quick_save(name, "csv"))
        menu.addSeparator()
        menu.addAction(self.tr("Export View…"), lambda: self.show_export_view(name))
        return menu

    def _quick_save(self, name: str, fmt: str) -> None:
        from visualnn.gui.share.export_dialogs import ExportViewDialog

        dlg = ExportViewDialog(self.views().views, self._start_path(), name, self.window)
        dlg.format.setCurrentIndex(dlg.format.findData(fmt))
        dlg.save()

    def show_runs(self) -> None:
        views = self.views()
        self.window.training.views_dock.show()
        views.show_view("curves")
        views.ensure_views()["curves"].runs_button.setChecked(True)


def _menu(window):
    from PySide6.QtWidgets import QMenu

    menu = QMenu(window)
    menu.setToolTipsVisible(True)
    window.menuBar().insertMenu(window.menus["help"].menuAction(), menu)
    window.menus["compare"] = menu
    return menu


def install_sharing(window) -> Sharing:
    return Sharing(window)
