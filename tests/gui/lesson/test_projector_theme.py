"""The projector theme: black on white, lines twice as thick, the Okabe-Ito colours."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


def test_projector_theme_from_the_menu(main_window, qtbot):
    from visualnn.gui import style, theme
    from visualnn.gui.live import plot_style
    from visualnn.gui.settings import theme_name

    w = main_window
    try:
        w.acts.theme["projector"].trigger()
        assert style.current_theme() == "projector" and theme.current_name() == "projector"
        assert theme_name(w.settings) == "projector"
        assert theme.line_width(2.0) == 4.0 and theme.current()["text"] == "#000000"
        c = plot_style.colors()
        assert (c["train"], c["test"]) == (theme.OKABE_ITO["blue"], theme.OKABE_ITO["orange"])
        assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#ffffff"
        assert plot_style.pen(c["train"], 2.6).widthF() == 5.2
    finally:
        w.set_theme("light")
    assert theme.line_width(2.0) == 2.0
    assert w.acts.theme["light"].isChecked()
