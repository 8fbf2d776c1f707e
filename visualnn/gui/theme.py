"""Colours and fonts of the app: one dict per theme, read by every view.

`set_theme(name)` switches the current theme and calls the listeners registered with
`on_change` (held weakly, so a closed view does not linger); views then repaint.
"""

from __future__ import annotations

import weakref
from typing import Callable

GROUP_KEYS = ("Core", "Convolution", "Recurrent", "Attention", "Activation", "Merge", "Normalisation")

LIGHT = {
    "name": "light",
    "canvas": "#f5f6f8",          # the editor's background
    "picture": "#ffffff",         # background of exported pictures
    "grid_dot": "#cfd4dc",
    "card": "#ffffff",
    "card_border": "#d9dde4",
    "card_shadow": "#1a1f2b",     # drawn at low alpha
    "text": "#1d2330",
    "text_muted": "#667085",
    "text_params": "#344054",
    "divider": "#eceef2",
    "shape_bg": "#f2f4f7",
    "shape_text": "#344054",
    "accent": "#2f6fed",
    "error": "#e5484d",
    "error_text": "#ffffff",
    "edge": "#98a2b3",
    "edge_hover": "#2f6fed",
    "edge_label_bg": "#ffffff",
    "edge_label_border": "#d9dde4",
    "edge_label_text": "#475467",
    "port": "#ffffff",
    "port_border": "#98a2b3",
    "port_valid": "#12b76a",
    "port_invalid": "#e5484d",
    "rubber": "#2f6fed",
    "forward": "#2f6fed",         # step-through: the forward pass is here
    "backward": "#f79009",        # step-through: the gradient is here
    "gradient": "#d0247a",        # live backward pulse: gradient magnitude on neurons and weight lines
    "current": "#7a5af8",
    "done": "#12b76a",
    "Core": "#2f6fed",
    "Convolution": "#7a5af8",
    "Recurrent": "#f79009",
    "Attention": "#dd2590",
    "Activation": "#12b76a",
    "Merge": "#0ba5c8",
    "Normalisation": "#8a6b2e",
    "Other": "#667085",
}

DARK = {
    "name": "dark",
    "canvas": "#16181d",
    "picture": "#16181d",
    "grid_dot": "#2c313a",
    "card": "#22262e",
    "card_border": "#363c47",
    "card_shadow": "#000000",
    "text": "#eef0f4",
    "text_muted": "#98a2b3",
    "text_params": "#cdd2db",
    "divider": "#30353f",
    "shape_bg": "#2b3039",
    "shape_text": "#d0d5dd",
    "accent": "#5b8def",
    "error": "#f0616d",
    "error_text": "#ffffff",
    "edge": "#667085",
    "edge_hover": "#7aa2f7",
    "edge_label_bg": "#22262e",
    "edge_label_border": "#363c47",
    "edge_label_text": "#cdd2db",
    "port": "#22262e",
    "port_border": "#7d8595",
    "port_valid": "#32d583",
    "port_invalid": "#f0616d",
    "rubber": "#5b8def",
    "forward": "#5b8def",
    "backward": "#fdb022",
    "gradient": "#f472b6",
    "current": "#9b8afb",
    "done": "#32d583",
    "Core": "#5b8def",
    "Convolution": "#9b8afb",
    "Recurrent": "#fdb022",
    "Attention": "#f670c7",
    "Activation": "#32d583",
    "Merge": "#22ccee",
    "Normalisation": "#d6b26a",
    "Other": "#98a2b3",
}

# For a projector: black on white, thick lines, and the Okabe-Ito palette, whose colours stay
# apart for viewers with any common colour-vision deficiency.
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}
PROJECTOR = {
    **LIGHT,
    "name": "projector",
    "line_scale": 2.0,
    "canvas": "#ffffff",
    "grid_dot": "#c0c0c0",
    "card_border": "#000000",
    "text": "#000000",
    "text_muted": "#333333",
    "text_params": "#000000",
    "divider": "#666666",
    "shape_text": "#000000",
    "accent": OKABE_ITO["blue"],
    "error": OKABE_ITO["vermillion"],
    "edge": "#333333",
    "edge_hover": OKABE_ITO["blue"],
    "edge_label_border": "#000000",
    "edge_label_text": "#000000",
    "port_border": "#000000",
    "port_valid": OKABE_ITO["green"],
    "port_invalid": OKABE_ITO["vermillion"],
    "rubber": OKABE_ITO["blue"],
    "forward": OKABE_ITO["blue"],
    "backward": OKABE_ITO["orange"],
    "gradient": OKABE_ITO["purple"],
    "current": OKABE_ITO["vermillion"],
    "done": OKABE_ITO["green"],
    "Core": OKABE_ITO["blue"],
    "Convolution": OKABE_ITO["purple"],
    "Recurrent": OKABE_ITO["orange"],
    "Attention": OKABE_ITO["vermillion"],
    "Activation": OKABE_ITO["green"],
    "Merge": OKABE_ITO["sky"],
    "Normalisation": "#8a6b2e",
    "Other": "#333333",
}

THEMES = {"light": LIGHT, "dark": DARK, "projector": PROJECTOR}

# Colours of a project's runs, by slot (core.train.runs.COLORS slots; more wrap around). The
# projector's are Okabe-Ito's, without the yellow that a white card would hide.
RUN_COLORS = ("#2f6fed", "#f79009", "#12b76a", "#e5484d", "#7a5af8", "#0ba5ec", "#ee46bc", "#667085", "#a15c07",
              "#099250")
RUN_COLORS_BY_THEME = {"projector": tuple(OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple",
                                                                 "sky", "black"))}

# Sans-serif families in order of preference; Qt takes the first one installed.
# Families with Chinese glyphs (Simplified forms first: left to itself, fontconfig may pick
# a Japanese or Traditional variant). Qt falls back along a font's family list glyph by
# glyph, so Latin text keeps the Latin family and Chinese text takes one of these; with the
# UI in Chinese they come first (one family for the whole window). On Linux the package
# fonts-noto-cjk (Debian, Ubuntu) or google-noto-sans-cjk-fonts (Fedora) provides one.
CJK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                "Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "SimHei",
                "Droid Sans Fallback", "Noto Sans CJK JP", "Noto Sans CJK TC"]
LATIN_FAMILIES = ["Inter", "Segoe UI", "SF Pro Text", ".AppleSystemUIFont", "Helvetica Neue", "Cantarell",
                  "Noto Sans", "Ubuntu", "DejaVu Sans", "Arial"]
LATIN_MONO_FAMILIES = ["JetBrains Mono", "SF Mono", "Menlo", "Consolas", "DejaVu Sans Mono", "Noto Sans Mono",
                       "Courier New"]
# Sans-serif families in order of preference; Qt takes the first one installed.
FONT_FAMILIES = LATIN_FAMILIES + CJK_FAMILIES + ["sans-serif"]
MONO_FAMILIES = LATIN_MONO_FAMILIES + CJK_FAMILIES + ["monospace"]


def use_cjk_first(on: bool) -> None:
    """Put the Chinese families first (UI in Chinese) or after the Latin ones; updates
    FONT_FAMILIES in place, so every font made from now on follows."""
    FONT_FAMILIES[:] = (CJK_FAMILIES + LATIN_FAMILIES if on else LATIN_FAMILIES + CJK_FAMILIES) + ["sans-serif"]


def cjk_family() -> str | None:
    """The first installed family with Chinese glyphs, or None (none installed)."""
    from PySide6.QtGui import QFontDatabase

    installed = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in installed), None)

_current = "light"
_listeners: list = []


def current() -> dict:
    """The colours of the current theme (name -> '#rrggbb')."""
    return THEMES[_current]


def current_name() -> str:
    return _current


def set_theme(name: str) -> None:
    """Switch to the theme `name` ('light' or 'dark') and tell the listeners."""
    global _current
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r} (themes: {', '.join(THEMES)})")
    if name == _current:
        return
    _current = name
    for ref in list(_listeners):
        cb = ref()
        if cb is None:
            _listeners.remove(ref)
            continue
        try:
            cb()
        except RuntimeError:  # a view whose Qt object is already deleted
            _listeners.remove(ref)


def on_change(callback: Callable[[], None]) -> None:
    """Call `callback()` after each theme switch; a bound method is held weakly."""
    ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else (lambda cb=callback: cb)
    _listeners.append(ref)


def run_colors() -> tuple[str, ...]:
    """The current theme's colours for runs, by slot ('#rrggbb')."""
    return RUN_COLORS_BY_THEME.get(_current, RUN_COLORS)


def color(key: str, theme: dict | None = None):
    """A QColor for `key` of the theme (the current one by default)."""
    from PySide6.QtGui import QColor

    return QColor((theme or current()).get(key, "#ff00ff"))


def group_color(group: str, theme: dict | None = None):
    """The colour of a palette group (Core, Convolution, ...) as a QColor."""
    t = theme or current()
    return color(group if group in t else "Other", t)


def font(point_size: float, bold: bool = False, mono: bool = False):
    """A QFont of the app's family at `point_size` points."""
    from PySide6.QtGui import QFont

    f = QFont()
    f.setFamilies(MONO_FAMILIES if mono else FONT_FAMILIES)
    f.setPointSizeF(point_size)
    if bold:
        f.setWeight(QFont.Weight.DemiBold)
    f.setStyleHint(QFont.StyleHint.Monospace if mono else QFont.StyleHint.SansSerif)
    return f


_ui_scale = 1.0


def ui_scale() -> float:
    """The UI scale (1.0 = 100 %), set for presenting (View > UI Scale)."""
    return _ui_scale


def set_ui_scale(scale: float) -> None:
    global _ui_scale
    _ui_scale = float(scale)


def line_width(width: float) -> float:
    """A line's width in the current theme and UI scale (the projector theme draws thicker)."""
    return width * current().get("line_scale", 1.0) * _ui_scale
