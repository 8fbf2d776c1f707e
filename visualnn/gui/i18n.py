"""The app's language on the Qt side: Qt translators for visualnn's own texts
(assets/i18n/visualnn_<locale>.qm, compiled from the .ts that pyside6-lupdate extracts) and
for Qt's standard dialogs and buttons (Qt's bundled qtbase_<locale>.qm), the start-up
choice and the switch in View > Language.

The core's texts (validation messages, step-through stages, worksheets) follow through
`visualnn.core.i18n.set_language`, so one call here switches both.

Start-up language: `--lang`, else VISUALNN_LANG, else the choice remembered in the
settings, else the locale. Installing or removing a translator sends every widget a
`QEvent.LanguageChange`; widgets re-label themselves in `changeEvent`.
"""

from __future__ import annotations

import os
import weakref
from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator

from visualnn.core import i18n as core_i18n
from visualnn.core.paths import find_assets

SETTINGS_KEY = "language"
# each language named in itself, so a user can find their own whatever the UI shows now
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}
QT_LOCALES = {"en": "en_US", "zh": "zh_CN"}

_installed: list[QTranslator] = []


def qm_path(code: str):
    """The compiled catalog of visualnn's Qt texts for `code` (None when there is none)."""
    assets = find_assets()
    if assets is None or code == core_i18n.SOURCE_LANGUAGE:
        return None
    path = assets / "i18n" / f"visualnn_{QT_LOCALES[code]}.qm"
    return path if path.is_file() else None


def startup_language(explicit: str | None = None, settings=None) -> str:
    """The language to start in: `explicit` (--lang), else VISUALNN_LANG, else the one the
    user chose last (settings), else the locale's."""
    for code in (explicit, os.environ.get("VISUALNN_LANG")):
        if core_i18n.normalize(code):
            return core_i18n.normalize(code)
    if settings is not None:
        saved = core_i18n.normalize(str(settings.value(SETTINGS_KEY, "") or ""))
        if saved:
            return saved
    return core_i18n.detect_language()


def current_language() -> str:
    return core_i18n.language()


def install_language(code: str | None) -> str:
    """Use `code` for every text from now on (Qt texts, Qt's own dialogs and the core's);
    returns the language in effect. Widgets get a LanguageChange event."""
    app = QCoreApplication.instance()
    code = core_i18n.set_language(code)
    QLocale.setDefault(QLocale(QT_LOCALES[code]))
    if app is None:
        return code
    while _installed:
        app.removeTranslator(_installed.pop())
    if code != core_i18n.SOURCE_LANGUAGE:
        locale = QT_LOCALES[code]
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{locale}", qt_dir), (f"visualnn_{locale}", None)):
            translator = QTranslator(app)
            path = qm_path(code) if folder is None else os.path.join(folder, name + ".qm")
            if path is not None and translator.load(str(path)):
                app.installTranslator(translator)
                _installed.append(translator)
    from visualnn.gui import style

    style.language_fonts(code)
    return code


def choose_language(code: str, settings) -> str:
    """The user's choice in View > Language: applied now and remembered."""
    code = install_language(code)
    settings.setValue(SETTINGS_KEY, code)
    settings.sync()
    return code


class _Relabeler(QObject):
    """Runs the registered relabel functions when the application's language changes
    (Qt sends the application a LanguageChange when a translator is installed or removed).
    It holds the owners weakly; their functions live on the owners, so a closed window and
    everything it refers to can go."""

    def __init__(self, app):
        super().__init__(app)
        self.owners: weakref.WeakSet = weakref.WeakSet()
        app.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.LanguageChange and obj is QCoreApplication.instance():
            self.run()
        return False

    def run(self) -> None:
        for owner in list(self.owners):
            if not shiboken6.isValid(owner):
                self.owners.discard(owner)
                continue
            for fn in getattr(owner, _FUNCTIONS, ()):
                try:
                    fn()
                except RuntimeError:  # a Qt object the function touches is already deleted
                    pass


_FUNCTIONS = "_visualnn_relabel"


def relabel(owner, fn: Callable[[], None]) -> None:
    """Call `fn()` now and again after each language switch, while `owner` (a QObject)
    lives: the place to set an object's texts (`fn` calls self.tr / translate)."""
    fn()
    app = QCoreApplication.instance()
    if app is None:
        return
    relabeler = app.findChild(_Relabeler, "visualnnRelabeler")
    if relabeler is None:
        relabeler = _Relabeler(app)
        relabeler.setObjectName("visualnnRelabeler")
    functions = getattr(owner, _FUNCTIONS, None)
    if functions is None:
        functions = []
        setattr(owner, _FUNCTIONS, functions)
    functions.append(fn)
    relabeler.owners.add(owner)


# `translate("context", "text")`: QCoreApplication.translate, for code outside a QObject's
# methods (pyside6-lupdate collects these calls like self.tr ones)
translate = QCoreApplication.translate
