"""The look of the widgets around the canvas: Fusion style, a light or dark palette, fonts.

The canvas draws with its own colours (visualnn.gui.theme); this module colours everything
else so the two match, and tells the canvas when the theme changes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("light", "dark", "projector")

# widget colours per theme; the canvas theme (visualnn.gui.theme) has its own dict
COLORS = {
    "light": {
        "window": "#fbfbfc", "base": "#ffffff", "alt": "#f2f4f7", "text": "#1d2330",
        "muted": "#667085", "button": "#ffffff", "border": "#d9dde4", "highlight": "#2f6fed",
        "highlight_text": "#ffffff", "error": "#d92d20", "ok": "#067647", "warn": "#b54708",
        "tooltip": "#ffffff", "header": "#f2f4f7",
    },
    "dark": {
        "window": "#1b1e24", "base": "#22262e", "alt": "#2b3039", "text": "#eef0f4",
        "muted": "#98a2b3", "button": "#2b3039", "border": "#363c47", "highlight": "#5b8def",
        "highlight_text": "#ffffff", "error": "#f97066", "ok": "#32d583", "warn": "#fdb022",
        "tooltip": "#2b3039", "header": "#22262e",
    },
    "projector": {  # high contrast; the Okabe-Ito blue, green, vermillion and orange
        "window": "#ffffff", "base": "#ffffff", "alt": "#ececec", "text": "#000000",
        "muted": "#333333", "button": "#ffffff", "border": "#000000", "highlight": "#0072B2",
        "highlight_text": "#ffffff", "error": "#D55E00", "ok": "#009E73", "warn": "#E69F00",
        "tooltip": "#ffffff", "header": "#e6e6e6",
    },
}

_current = "light"
_font_points: float | None = None  # the UI scale's text size; None: the platform's


def current_theme() -> str:
    return _current


def color(key: str) -> QColor:
    """A widget colour of the current theme ("error", "muted", "ok", ...)."""
    return QColor(COLORS[_current][key])


def hex_color(key: str) -> str:
    return COLORS[_current][key]


def _palette(c: dict) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: c["window"], role.WindowText: c["text"], role.Base: c["base"],
        role.AlternateBase: c["alt"], role.ToolTipBase: c["tooltip"], role.ToolTipText: c["text"],
        role.PlaceholderText: c["muted"], role.Text: c["text"], role.Button: c["button"],
        role.ButtonText: c["text"], role.BrightText: c["error"], role.Highlight: c["highlight"],
        role.HighlightedText: c["highlight_text"], role.Link: c["highlight"], role.Mid: c["border"],
        role.Midlight: c["alt"], role.Dark: c["border"], role.Shadow: "#000000", role.Light: c["base"],
    }
    for r, value in pairs.items():
        pal.setColor(r, QColor(value))
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor(c["muted"]))
    return pal


def _stylesheet(c: dict) -> str:
    return _scaled_font() + f"""
    QMainWindow::separator {{ background: {c['border']}; width: 6px; height: 6px; }}
    QMainWindow::separator:hover {{ background: {c['highlight']}; }}
    QDockWidget {{ titlebar-close-icon: none; font-weight: 600; }}
    QDockWidget::title {{ background: {c['header']}; padding: 6px 10px; text-align: left;
                          border-bottom: 1px solid {c['border']}; }}
    QToolBar {{ background: {c['window']}; border: none; border-bottom: 1px solid {c['border']};
                spacing: 4px; padding: 3px 6px; }}
    QToolBar::separator {{ background: {c['border']}; width: 1px; margin: 4px 6px; }}
    QToolButton {{ padding: 4px 6px; border-radius: 5px; }}
    QToolButton:hover {{ background: {c['alt']}; }}
    QToolBar QToolButton:checked {{ background: {c['highlight']}; color: {c['highlight_text']}; }}
    QToolButton:checked {{ background: {c['alt']}; border: 1px solid {c['border']}; }}
    QStatusBar {{ border-top: 1px solid {c['border']}; }}
    QStatusBar QLabel {{ padding: 0 8px; }}
    QTabBar::tab {{ padding: 5px 14px; }}
    QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox {{ min-height: 22px; }}
    QLabel#sectionTitle {{ font-weight: 600; color: {c['muted']}; padding-top: 6px; }}
    QLabel#nodeTitle {{ font-size: 15pt; font-weight: 600; }}
    QLabel#muted {{ color: {c['muted']}; }}
    QLabel#error {{ color: {c['error']}; }}
    QLabel#ok {{ color: {c['ok']}; }}
    QLabel#formula {{ font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace;
                      background: {c['alt']}; border: 1px solid {c['border']};
                      border-radius: 4px; padding: 4px 6px; }}
    QFrame#card {{ background: {c['base']}; border: 1px solid {c['border']}; border-radius: 6px; }}
    QPushButton#matchButton {{ background: {c['highlight']}; color: {c['highlight_text']};
                               border-radius: 4px; padding: 4px 10px; }}
    """


def _scaled_font() -> str:
    return f"QWidget {{ font-size: {_font_points:.1f}pt; }}\n" if _font_points else ""


def set_font_points(points: float | None) -> None:
    """Every widget's text at `points` (the UI scale for presenting); None: as the platform has it."""
    global _font_points
    _font_points = points
    app = QApplication.instance()
    if app is not None:
        app.setStyleSheet(_stylesheet(COLORS[_current]))


def setup_fonts(app: QApplication) -> None:
    """A readable default: at least 10 pt (Qt scales points for high-DPI screens)."""
    font = app.font()
    try:
        from visualnn.gui.theme import FONT_FAMILIES

        font.setFamilies(FONT_FAMILIES)
    except ImportError:
        pass
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)


def system_theme() -> str:
    """"dark" when the desktop asks for a dark colour scheme, else "light"."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    return "dark" if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve_theme(choice: str) -> str:
    """The theme to draw for a user's choice ("system" follows the desktop)."""
    return system_theme() if choice == "system" else choice


def apply_theme(name: str, app: QApplication | None = None) -> str:
    """Colour the whole application "light" or "dark"; returns the theme applied."""
    global _current
    name = name if name in THEMES else "light"
    app = app or QApplication.instance()
    if app is not None and name == _current and app.property("visualnnTheme") == name:
        return name  # already applied (restyling every widget again is slow)
    _current = name
    if app is not None:
        app.setProperty("visualnnTheme", name)
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        c = COLORS[name]
        app.setPalette(_palette(c))
        app.setStyleSheet(_stylesheet(c))
    try:  # the canvas keeps its own colour dict
        from visualnn.gui import theme as canvas_theme

        setter = getattr(canvas_theme, "set_theme", None)
        if setter is not None:
            setter(name)
    except ImportError:
        pass
    return name
