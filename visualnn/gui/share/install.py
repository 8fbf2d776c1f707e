"""Compare and share in the main window: Compare > Race Variants… and Show Runs, File > Export View…
and Export Animation…, and a right-click menu on every live view to save it as a figure."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction


class Sharing(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.race_dialog = None
        self.race = QAction(self.tr("&Race Variants…"), window)
        self.race.setObjectName("action_race")
        self.race.setStatusTip(self.tr("Train variants of this network side by side: optimizers, learning rates, ..."))
        self.race.triggered.connect(self.show_race)
        menus = window.menus
        self.menu = menus.get("compare") or _menu(window)
        self.menu.addAction(self.race)
        runs = QAction(self.tr("Show &Runs"), window)
        runs.setStatusTip(self.tr("The kept runs of this project: show, hide, rename, delete"))
        runs.triggered.connect(self.show_runs)
        self.menu.addAction(runs)

    def views(self):
        return self.window.training.views

    def show_race(self) -> None:
        from visualnn.gui.share.race_dialog import RaceDialog

        if self.race_dialog is None:
            self.race_dialog = RaceDialog(self.window.document, self.views().runs, self.window)
        self.race_dialog.show()
        self.race_dialog.raise_()

    def show_runs(self) -> None:
        views = self.views()
        self.window.training.views_dock.show()
        views.show_view("curves")
        views.ensure_views()["curves"].runs_button.setChecked(True)


def _menu(window):
    from PySide6.QtWidgets import QMenu

    menu = QMenu(window.tr("&Compare"), window)
    menu.setToolTipsVisible(True)
    window.menuBar().insertMenu(window.menus["help"].menuAction(), menu)
    window.menus["compare"] = menu
    return menu


def install_sharing(window) -> Sharing:
    return Sharing(window)
