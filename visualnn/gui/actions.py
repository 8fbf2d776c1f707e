"""The main window's actions, menus and toolbar (File, Edit, View, Help).

Texts are set in `retranslate_actions` and the menus' `retranslate`, run again after each
language switch.

Actions carry standard shortcuts (QKeySequence.StandardKey) and a tooltip with the shortcut;
`window.acts` holds them by name so other parts (tests, the training dock) can reach them.
"""

from __future__ import annotations

from types import SimpleNamespace

import shiboken6

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from visualnn.gui.files import EXPORTS
from visualnn.gui.i18n import LANGUAGE_NAMES, relabel

SK = QKeySequence.StandardKey
translate = QCoreApplication.translate


def _action(win, text: str = "", slot=None, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
    act = QAction(text, win)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        seqs = []
        for k in keys:
            seqs.extend(QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)])
        act.setShortcuts([s for i, s in enumerate(seqs) if s not in seqs[:i]])
    if tip:
        label(act, text, tip)
    act.setCheckable(checkable)
    if slot is not None:
        act.triggered.connect(lambda checked=False: slot())
    return act


def label(act: QAction, text: str, tip: str = "") -> None:
    """Set an action's text, and its tooltip (with the shortcut) and status tip."""
    act.setText(text)
    if tip:
        sc = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{tip} ({sc})" if sc else tip)
        act.setStatusTip(tip)


def _stack_action(win, stack, redo: bool) -> QAction:
    """Edit > Undo / Redo, named after the command ("&Undo Delete fc1") in the current language
    (QUndoStack's own actions keep the prefix of the language they were made in)."""
    act = QAction(win)
    act.triggered.connect(stack.redo if redo else stack.undo)
    act.setEnabled(stack.canRedo() if redo else stack.canUndo())
    (stack.canRedoChanged if redo else stack.canUndoChanged).connect(act.setEnabled)
    (stack.redoTextChanged if redo else stack.undoTextChanged).connect(lambda _text: _stack_texts(act, stack, redo))
    return act


def _stack_texts(act: QAction, stack, redo: bool) -> None:
    if not (shiboken6.isValid(stack) and shiboken6.isValid(act)):  # the window is being torn down
        return
    command = stack.redoText() if redo else stack.undoText()
    if redo:
        act.setText(translate("actions", "&Redo {command}").format(command=command) if command
                    else translate("actions", "&Redo"))
    else:
        act.setText(translate("actions", "&Undo {command}").format(command=command) if command
                    else translate("actions", "&Undo"))


def create_actions(win) -> SimpleNamespace:
    files, stack = win.files, win.document.undo_stack
    a = SimpleNamespace()
    a.new = _action(win, slot=files.new_blank, shortcut=SK.New)
    a.new_example = _action(win, slot=files.new_from_example, shortcut="Ctrl+Shift+N")
    a.open = _action(win, slot=files.open, shortcut=SK.Open)
    a.save = _action(win, slot=files.save, shortcut=SK.Save)
    a.save_as = _action(win, slot=files.save_as,
                        shortcut=SK.SaveAs if QKeySequence.keyBindings(SK.SaveAs) else "Ctrl+Shift+S")
    a.exports = {fmt: _action(win, slot=lambda f=fmt: files.export(f)) for fmt in EXPORTS}
    a.import_weights = _action(win, slot=files.import_weights)
    a.quit = _action(win, slot=win.close, shortcut=SK.Quit if QKeySequence.keyBindings(SK.Quit) else "Ctrl+Q")
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)

    a.stack = stack
    a.undo = _stack_action(win, stack, redo=False)
    a.undo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
    a.redo = _stack_action(win, stack, redo=True)
    redo_keys = QKeySequence.keyBindings(SK.Redo) + [QKeySequence("Ctrl+Shift+Z")]
    a.redo.setShortcuts([k for i, k in enumerate(redo_keys) if k not in redo_keys[:i]])
    a.cut = _action(win, slot=win.cut, shortcut=SK.Cut)
    a.copy = _action(win, slot=win.copy, shortcut=SK.Copy)
    a.paste = _action(win, slot=win.paste, shortcut=SK.Paste)
    a.duplicate = _action(win, slot=win.duplicate, shortcut="Ctrl+D")
    a.delete = _action(win, slot=win.delete, shortcut=[SK.Delete, "Backspace"])
    a.rename = _action(win, slot=win.rename, shortcut="F2")
    a.select_all = _action(win, slot=win.select_all, shortcut=SK.SelectAll)

    a.fit = _action(win, slot=win.fit, shortcut="Ctrl+0")
    a.arrange = _action(win, slot=win.auto_arrange, shortcut="Ctrl+L")
    a.zoom_in = _action(win, slot=lambda: win.zoom(1.25), shortcut=SK.ZoomIn)
    a.zoom_out = _action(win, slot=lambda: win.zoom(0.8), shortcut=SK.ZoomOut)
    a.themes = QActionGroup(win)
    a.theme = {}
    for name in ("system", "light", "dark", "projector"):
        act = _action(win, slot=lambda n=name: win.set_theme(n), checkable=True)
        a.themes.addAction(act)
        a.theme[name] = act
    a.languages = QActionGroup(win)
    a.language = {}
    for code, name in LANGUAGE_NAMES.items():  # each language named in itself, never translated
        act = _action(win, name, slot=lambda c=code: win.set_language(c), checkable=True)
        act.setData(code)
        a.languages.addAction(act)
        a.language[code] = act

    a.about = _action(win, slot=win.show_about)
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    a.reference = _action(win, slot=win.show_layer_reference, shortcut=SK.HelpContents)
    relabel(win, lambda: retranslate_actions(a))
    return a


def retranslate_actions(a: SimpleNamespace) -> None:
    """The actions' texts in the current language."""
    label(a.new, translate("actions", "&New"), translate("actions", "Start a new, empty project"))
    label(a.new_example, translate("actions", "New from &Example…"),
          translate("actions", "Start from one of the bundled example networks"))
    label(a.open, translate("actions", "&Open…"), translate("actions", "Open a project file (.vnn)"))
    label(a.save, translate("actions", "&Save"), translate("actions", "Save the project"))
    label(a.save_as, translate("actions", "Save &As…"), translate("actions", "Save the project under a new name"))
    for fmt, act in a.exports.items():
        text = export_text(fmt)
        label(act, text, translate("actions", "Export the project as {what}").format(what=text.rstrip("…")))
    label(a.import_weights, translate("actions", "&Import Weights…"),
          translate("actions", "Load trained weights (.pt, e.g. from the exported script) into this network"))
    label(a.quit, translate("actions", "&Quit"), translate("actions", "Close visualnn"))
    _stack_texts(a.undo, a.stack, redo=False)
    _stack_texts(a.redo, a.stack, redo=True)
    a.undo.setToolTip(translate("actions", "Undo the last edit (Ctrl+Z)"))
    a.redo.setToolTip(translate("actions", "Redo the edit undone last (Ctrl+Shift+Z)"))
    label(a.cut, translate("actions", "Cu&t"), translate("actions", "Cut the selected layers"))
    label(a.copy, translate("actions", "&Copy"), translate("actions", "Copy the selected layers"))
    label(a.paste, translate("actions", "&Paste"), translate("actions", "Paste layers"))
    label(a.duplicate, translate("actions", "D&uplicate"), translate("actions", "Duplicate the selected layers"))
    label(a.delete, translate("actions", "&Delete"), translate("actions", "Delete the selected layers and connections"))
    label(a.rename, translate("actions", "Re&name…"), translate("actions", "Rename the selected layer (its id)"))
    label(a.select_all, translate("actions", "Select &All"), translate("actions", "Select every layer"))
    label(a.fit, translate("actions", "&Fit to Window"), translate("actions", "Show the whole network"))
    label(a.arrange, translate("actions", "&Auto-arrange"), translate("actions", "Lay the network out left to right"))
    label(a.zoom_in, translate("actions", "Zoom &In"), translate("actions", "Zoom in"))
    label(a.zoom_out, translate("actions", "Zoom &Out"), translate("actions", "Zoom out"))
    label(a.theme["system"], translate("actions", "&System"), translate("actions", "Follow the system's light or dark "
                                                                                   "setting"))
    label(a.theme["light"], translate("actions", "&Light"), translate("actions", "Use the light theme"))
    label(a.theme["dark"], translate("actions", "&Dark"), translate("actions", "Use the dark theme"))
    label(a.theme["projector"], translate("actions", "&Projector"),
          translate("actions", "High contrast, thick lines and colours that colour-blind viewers tell apart"))
    for act in a.language.values():
        act.setStatusTip(translate("actions", "Show visualnn in this language"))
    label(a.about, translate("actions", "&About visualnn"), translate("actions", "Version and credits"))
    label(a.reference, translate("actions", "&Layer Reference"),
          translate("actions", "Every layer type: what it does, its formula, shapes and parameters"))
    if hasattr(a, "undo_tb"):
        label(a.undo_tb, translate("actions", "Undo"), translate("actions", "Undo the last edit (Ctrl+Z)"))
        label(a.redo_tb, translate("actions", "Redo"), translate("actions", "Redo the edit undone last (Ctrl+Shift+Z)"))


def export_text(fmt: str) -> str:
    """The menu text of an export format."""
    return translate("files", EXPORTS[fmt][0])


def create_menus(win, a: SimpleNamespace) -> dict[str, QMenu]:
    bar = win.menuBar()
    menus = {}
    m = menus["file"] = bar.addMenu("")
    m.addActions([a.new, a.new_example, a.open])
    win.recent_menu = m.addMenu("")
    win.recent_menu.setToolTipsVisible(True)
    m.addSeparator()
    m.addActions([a.save, a.save_as])
    export = menus["export"] = m.addMenu("")
    export.addActions(list(a.exports.values()))
    m.addAction(a.import_weights)
    m.addSeparator()
    m.addAction(a.quit)

    m = menus["edit"] = bar.addMenu("")
    m.addActions([a.undo, a.redo])
    m.addSeparator()
    m.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    m.addSeparator()
    m.addActions([a.rename, a.select_all])

    m = menus["view"] = bar.addMenu("")
    m.addActions([a.fit, a.arrange, a.zoom_in, a.zoom_out])
    m.addSeparator()
    theme = menus["theme"] = m.addMenu("")
    theme.addActions(list(a.theme.values()))
    language = menus["language"] = m.addMenu("")
    language.addActions(list(a.language.values()))
    m.addSeparator()
    win.panels_menu = m.addMenu("")
    win.toolbars_menu = m.addMenu("")

    m = menus["help"] = bar.addMenu("")
    m.addActions([a.reference, a.about])
    for menu in menus.values():
        menu.setToolTipsVisible(True)

    def retranslate():
        menus["file"].setTitle(translate("actions", "&File"))
        win.recent_menu.setTitle(translate("actions", "Open &Recent"))
        menus["export"].setTitle(translate("actions", "&Export"))
        menus["edit"].setTitle(translate("actions", "&Edit"))
        menus["view"].setTitle(translate("actions", "&View"))
        menus["theme"].setTitle(translate("actions", "&Theme"))
        menus["language"].setTitle(translate("actions", "&Language"))
        win.panels_menu.setTitle(translate("actions", "&Panels"))
        win.toolbars_menu.setTitle(translate("actions", "Tool&bars"))
        menus["help"].setTitle(translate("actions", "&Help"))

    relabel(win, retranslate)
    return menus


TOOL_ICONS = {"new": "new", "open": "open", "save": "save", "undo_tb": "undo", "redo_tb": "redo",
              "fit": "fit", "arrange": "arrange", "zoom_in": "zoom_in", "zoom_out": "zoom_out"}


def create_toolbar(win, a: SimpleNamespace) -> QToolBar:
    """The main toolbar. Undo/redo get copies without shortcuts and with a fixed text (the
    menu's actions carry the shortcut and the command's name)."""
    stack = win.document.undo_stack
    a.undo_tb = _action(win, slot=stack.undo)
    a.redo_tb = _action(win, slot=stack.redo)
    relabel(win, lambda: retranslate_actions(a))
    a.undo_tb.setEnabled(stack.canUndo())
    a.redo_tb.setEnabled(stack.canRedo())
    stack.canUndoChanged.connect(a.undo_tb.setEnabled)
    stack.canRedoChanged.connect(a.redo_tb.setEnabled)
    tb = QToolBar(win)
    relabel(tb, lambda: tb.setWindowTitle(translate("actions", "Main")))
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    tb.setIconSize(QSize(20, 20))
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tb.addActions([a.new, a.open, a.save])
    tb.addSeparator()
    tb.addActions([a.undo_tb, a.redo_tb])
    tb.addSeparator()
    tb.addActions([a.fit, a.arrange])
    apply_tool_icons(a)
    return tb


def apply_tool_icons(a: SimpleNamespace) -> None:
    """(Re)draw the toolbar icons in the current theme's text colour."""
    from visualnn.gui import style
    from visualnn.gui.icons import tool_icon

    for attr, name in TOOL_ICONS.items():
        act = getattr(a, attr, None)
        if act is not None:
            act.setIcon(tool_icon(name, style.color("text")))
