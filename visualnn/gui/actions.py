"""The main window's actions, menus and toolbar (File, Edit, View, Help).

Actions carry standard shortcuts (QKeySequence.StandardKey) and a tooltip with the shortcut;
`window.acts` holds them by name so other parts (tests, the training dock) can reach them.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from visualnn.gui.files import EXPORTS

SK = QKeySequence.StandardKey


def _action(win, text: str, slot=None, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
    act = QAction(text, win)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        seqs = []
        for k in keys:
            seqs.extend(QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)])
        act.setShortcuts([s for i, s in enumerate(seqs) if s not in seqs[:i]])
    if tip:
        sc = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{tip} ({sc})" if sc else tip)
        act.setStatusTip(tip)
    act.setCheckable(checkable)
    if slot is not None:
        act.triggered.connect(lambda checked=False: slot())
    return act


def create_actions(win) -> SimpleNamespace:
    files, stack = win.files, win.document.undo_stack
    a = SimpleNamespace()
    a.new = _action(win, "&New", files.new_blank, SK.New, "Start a new, empty project")
    a.new_example = _action(win, "New from &Example…", files.new_from_example, "Ctrl+Shift+N",
                            "Start from one of the bundled example networks")
    a.open = _action(win, "&Open…", files.open, SK.Open, "Open a project file (.vnn)")
    a.save = _action(win, "&Save", files.save, SK.Save, "Save the project")
    a.save_as = _action(win, "Save &As…", files.save_as, SK.SaveAs if QKeySequence.keyBindings(SK.SaveAs) else "Ctrl+Shift+S",
                        "Save the project under a new name")
    a.exports = {fmt: _action(win, text, lambda f=fmt: files.export(f), tip=f"Export the project as {text.rstrip('…')}")
                 for fmt, (text, _, _) in EXPORTS.items()}
    a.import_weights = _action(win, "&Import Weights…", files.import_weights,
                               tip="Load trained weights (.pt, e.g. from the exported script) into this network")
    a.quit = _action(win, "&Quit", win.close, SK.Quit if QKeySequence.keyBindings(SK.Quit) else "Ctrl+Q",
                     "Close visualnn")
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)

    a.undo = stack.createUndoAction(win, "&Undo")
    a.undo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
    a.redo = stack.createRedoAction(win, "&Redo")
    redo_keys = QKeySequence.keyBindings(SK.Redo) + [QKeySequence("Ctrl+Shift+Z")]
    a.redo.setShortcuts([k for i, k in enumerate(redo_keys) if k not in redo_keys[:i]])
    a.undo.setToolTip("Undo the last edit (Ctrl+Z)")
    a.redo.setToolTip("Redo the edit undone last (Ctrl+Shift+Z)")
    a.cut = _action(win, "Cu&t", win.cut, SK.Cut, "Cut the selected layers")
    a.copy = _action(win, "&Copy", win.copy, SK.Copy, "Copy the selected layers")
    a.paste = _action(win, "&Paste", win.paste, SK.Paste, "Paste layers")
    a.duplicate = _action(win, "D&uplicate", win.duplicate, "Ctrl+D", "Duplicate the selected layers")
    a.delete = _action(win, "&Delete", win.delete, [SK.Delete, "Backspace"], "Delete the selected layers and connections")
    a.rename = _action(win, "Re&name…", win.rename, "F2", "Rename the selected layer (its id)")
    a.select_all = _action(win, "Select &All", win.select_all, SK.SelectAll, "Select every layer")

    a.fit = _action(win, "&Fit to Window", win.fit, "Ctrl+0", "Show the whole network")
    a.arrange = _action(win, "&Auto-arrange", win.auto_arrange, "Ctrl+L", "Lay the network out left to right")
    a.zoom_in = _action(win, "Zoom &In", lambda: win.zoom(1.25), SK.ZoomIn, "Zoom in")
    a.zoom_out = _action(win, "Zoom &Out", lambda: win.zoom(0.8), SK.ZoomOut, "Zoom out")
    a.themes = QActionGroup(win)
    a.theme = {}
    for name, text, tip in (("system", win.tr("&System"), win.tr("Follow the system's light or dark setting")),
                            ("light", win.tr("&Light"), win.tr("Use the light theme")),
                            ("dark", win.tr("&Dark"), win.tr("Use the dark theme")),
                            ("projector", win.tr("&Projector"),
                             win.tr("High contrast, thick lines and colours that colour-blind viewers tell apart"))):
        act = _action(win, text, lambda n=name: win.set_theme(n), tip=tip, checkable=True)
        a.themes.addAction(act)
        a.theme[name] = act

    a.about = _action(win, "&About visualnn", win.show_about, tip="Version and credits")
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    a.reference = _action(win, "&Layer Reference", win.show_layer_reference, SK.HelpContents,
                          "Every layer type: what it does, its formula, shapes and parameters")
    return a


def create_menus(win, a: SimpleNamespace) -> dict[str, QMenu]:
    bar = win.menuBar()
    menus = {}
    m = menus["file"] = bar.addMenu("&File")
    m.addActions([a.new, a.new_example, a.open])
    win.recent_menu = m.addMenu("Open &Recent")
    win.recent_menu.setToolTipsVisible(True)
    m.addSeparator()
    m.addActions([a.save, a.save_as])
    export = m.addMenu("&Export")
    export.addActions(list(a.exports.values()))
    m.addAction(a.import_weights)
    m.addSeparator()
    m.addAction(a.quit)

    m = menus["edit"] = bar.addMenu("&Edit")
    m.addActions([a.undo, a.redo])
    m.addSeparator()
    m.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    m.addSeparator()
    m.addActions([a.rename, a.select_all])

    m = menus["view"] = bar.addMenu("&View")
    m.addActions([a.fit, a.arrange, a.zoom_in, a.zoom_out])
    m.addSeparator()
    theme = m.addMenu("&Theme")
    theme.addActions(list(a.theme.values()))
    m.addSeparator()
    win.panels_menu = m.addMenu("&Panels")
    win.toolbars_menu = m.addMenu("Tool&bars")

    m = menus["help"] = bar.addMenu("&Help")
    m.addActions([a.reference, a.about])
    for menu in menus.values():
        menu.setToolTipsVisible(True)
    return menus


TOOL_ICONS = {"new": "new", "open": "open", "save": "save", "undo_tb": "undo", "redo_tb": "redo",
              "fit": "fit", "arrange": "arrange", "zoom_in": "zoom_in", "zoom_out": "zoom_out"}


def create_toolbar(win, a: SimpleNamespace) -> QToolBar:
    """The main toolbar. Undo/redo get copies without shortcuts and with a fixed text (the
    menu's actions carry the shortcut and the command's name)."""
    stack = win.document.undo_stack
    a.undo_tb = _action(win, "Undo", stack.undo, tip="Undo the last edit (Ctrl+Z)")
    a.redo_tb = _action(win, "Redo", stack.redo, tip="Redo the edit undone last (Ctrl+Shift+Z)")
    a.undo_tb.setEnabled(stack.canUndo())
    a.redo_tb.setEnabled(stack.canRedo())
    stack.canUndoChanged.connect(a.undo_tb.setEnabled)
    stack.canRedoChanged.connect(a.redo_tb.setEnabled)
    tb = QToolBar("Main", win)
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
