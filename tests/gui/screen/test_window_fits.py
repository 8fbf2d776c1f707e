"""The main window fits the small screens of classrooms and laptops, in every mode.

There is no real screen offscreen, so the screen's available area is given to the window
(`screen_fit.available`), and the window's minimum size (its layout's: every label, header
and panel counted) and its size are checked against it: a label that forces the window
wider than the screen fails here."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from visualnn.examples import list_examples
from visualnn.gui import screen_fit

SCREENS = [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)]
FRAME = (16, 40)  # a window manager's borders and title bar
WAIT_MS = 30000


def fits(window, w: int, h: int) -> bool:
    """The window, its layout's minimum and every shown panel's own minimum (asked of the
    panel itself: a dock passes its content's minimum on only at its next layout) fit."""
    room_w, room_h = w - FRAME[0], h - FRAME[1]
    hints = [window.minimumSizeHint()] + [dock.widget().minimumSizeHint() for dock in window.docks.values()
                                          if dock.isVisible()]
    return (all(hint.width() <= room_w and hint.height() <= room_h for hint in hints)
            and window.width() <= w and window.height() <= h)


def open_on_screen(qtbot, monkeypatch, w: int, h: int):
    from visualnn.gui.app import create_window, make_app

    make_app()
    monkeypatch.setattr(screen_fit, "available", lambda window: QRect(0, 0, w, h))
    window = create_window()
    qtbot.addWidget(window, before_close_func=lambda win: win.document.mark_saved())
    window.show()
    qtbot.waitExposed(window)
    return window


def describe(window) -> str:
    docks = {name: dock.widget().minimumSizeHint().toTuple() for name, dock in window.docks.items() if dock.isVisible()}
    return f"window {window.size().toTuple()}, minimum {window.minimumSizeHint().toTuple()}, panels {docks}"


@pytest.mark.parametrize("w,h", SCREENS)
def test_the_window_opens_inside_the_screen(qtbot, monkeypatch, w, h):
    window = open_on_screen(qtbot, monkeypatch, w, h)
    qtbot.waitUntil(lambda: bool(window.training.views.views), timeout=WAIT_MS)  # the live views are made
    assert fits(window, w, h), describe(window)
    window.resize(w + 400, h + 300)  # a geometry from a bigger screen comes back inside
    qtbot.waitUntil(lambda: window.width() <= w and window.height() <= h, timeout=WAIT_MS)


def test_a_long_label_cannot_push_the_window(qtbot, monkeypatch):
    window = open_on_screen(qtbot, monkeypatch, 1024, 768)
    qtbot.waitUntil(lambda: bool(window.training.views.views), timeout=WAIT_MS)
    long = "batch loss 0.001795 · epoch 122: train 0.01108 · test 0.06201 · test accuracy 97.0 % " * 4
    for label in (window.training.views.views["curves"].summary, window.training.views.timeline.label,
                  window.training.panel.speed_label):
        label.setText(long)
        qtbot.wait(50)
        assert fits(window, 1024, 768), describe(window)
        assert label.text() == long
        assert long in label.toolTip()  # the whole text where it is cut


def test_play_every_example_and_step_through_fit_1024x768(qtbot, monkeypatch):
    """After a Play session, with every bundled example, in step-through: the smallest
    screen (the others are larger) still holds the window."""
    window = open_on_screen(qtbot, monkeypatch, 1024, 768)
    ctl = window.training.controller
    window.document.project.train["epochs"] = 0
    ctl.where = "thread"  # no training process to wait for: this is about the window
    ctl.ensure_started()
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=WAIT_MS)
    window.training.actions["play"].trigger()
    qtbot.waitUntil(lambda: ctl.step >= 200, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "test accuracy" in window.training.views.views["curves"].summary.text(), timeout=WAIT_MS)
    window.training.actions["play"].trigger()
    qtbot.wait(300)
    assert fits(window, 1024, 768), "after Play: " + describe(window)
    assert window.docks["palette"].width() >= 120  # the Layers panel keeps its room after training on 2-D data
    qtbot.keyClick(window.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.mode == "step"
    qtbot.waitUntil(lambda: window.step_through.session.trace is not None, timeout=WAIT_MS)
    window.step_through.session.last()
    qtbot.wait(100)
    assert fits(window, 1024, 768), "in step-through: " + describe(window)
    window.set_mode("edit")
    window.document.mark_saved()  # the runs trained made the project unsaved: no prompt at each example
    for example in list_examples():
        assert window.files.open_example(example.path)
        qtbot.wait(50)
        assert fits(window, 1024, 768), f"{example.path.name}: " + describe(window)
    window.training.shutdown()


def test_dock_separators_are_wide_enough_to_grab(qtbot, monkeypatch):
    from PySide6.QtWidgets import QStyle

    window = open_on_screen(qtbot, monkeypatch, 1280, 800)
    extent = window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, window)
    assert extent >= 5


def sideways(window) -> list[str]:
    """The side panels that would scroll sideways: a scroll area in a shown dock whose
    content needs more width than the area shows."""
    from PySide6.QtWidgets import QScrollArea

    out = []
    for name, dock in window.docks.items():
        if not dock.isVisible() or dock.widget().visibleRegion().isEmpty():
            continue
        areas = [dock.widget()] + dock.widget().findChildren(QScrollArea)
        for area in areas:
            if isinstance(area, QScrollArea) and area.isVisible() and area.widget() is not None:
                need, room = area.widget().minimumSizeHint().width(), area.viewport().width()
                if need > room:
                    out.append(f"{name}/{area.objectName()}: needs {need} px, has {room}")
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_side_panels_never_scroll_sideways_at_1024(qtbot, monkeypatch, lang):
    """At 1024 x 768 the Layers, Training and Data panels fit their docks' width (the
    Play/Step/Epoch/Reset buttons take two rows when one is too wide), with every example,
    in both languages; the Training tab is raised as a teacher would raise it."""
    from visualnn.gui.i18n import install_language

    install_language(lang)
    try:
        window = open_on_screen(qtbot, monkeypatch, 1024, 768)
        qtbot.waitUntil(lambda: bool(window.training.views.views), timeout=WAIT_MS)
        for example in list_examples():
            assert window.files.open_example(example.path)
            for dock in ("training", "inspector"):
                if dock in window.docks:
                    window.docks[dock].raise_()
                    qtbot.wait(20)
                    assert not sideways(window), f"{example.path.name}: {sideways(window)}"
        panel = window.training.panel
        buttons = [panel.buttons[k] for k in ("play", "step", "epoch", "reset")]
        if lang == "en":  # Chinese labels are short enough for one row
            assert len({b.y() for b in buttons}) == 2  # 1024 px: two rows of two, each button whole
        assert all(b.width() >= b.sizeHint().width() for b in buttons)
        window.resize(1600, 1000)  # a wider dock: one row again
        window.docks["training"].raise_()
        window.resizeDocks([window.docks["training"]], [440], Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 1, timeout=WAIT_MS)
    finally:
        install_language("en")
