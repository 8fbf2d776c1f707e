"""The equation panel: the current stage's general formula and the same with the numbers,
side by side, in a large readable font, with heatmaps of the matrices involved.

The text is the core's (`Stage.formula`, `Stage.lines`, already written with the chosen
digits); this view only typesets it: subscripts (w11 -> w with 11 below), delta -> δ,
dE/dw -> ∂E/∂w, * -> ·, and the result after the last '=' in bold.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QTextBrowser

from visualnn.gui import theme
from visualnn.gui.stepthrough.expand import expansion
from visualnn.gui.stepthrough.heatmap import heatmap_image
from visualnn.gui.stepthrough.pictures import stage_pictures

KIND_TEXT = {"forward": "Forward pass", "loss": "Loss", "backward": "Backward pass", "update": "Update"}
KIND_COLOR = {"forward": "forward", "loss": "current", "backward": "backward", "update": "done"}
SYMBOLS = ("delta", "w", "x", "b", "z", "a", "E", "o", "t", "y", "p", "h", "c", "g", "m", "v", "s", "n", "r", "i", "f")
_VAR = re.compile(r"(?<![A-Za-z0-9_.])(" + "|".join(SYMBOLS) + r")('?)(\d+(?:,\d+)*)(?![\w.])")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])(delta|w|x|b|z|a|E|p|h|c|y|m|v|W)_([A-Za-z0-9]+|\([^)]*\))")
_POWER = re.compile(r"\^(\d+|t|\([^)]*\))")
BASE_PX = 20


def typeset(text: str) -> str:
    """Plain equation text as HTML: subscripts, Greek letters, partial derivatives, dots."""
    s = html.escape(text, quote=False)
    s = s.replace("dE/d", "∂E/∂")
    s = _VAR.sub(lambda m: f"{'δ' if m[1] == 'delta' else m[1]}{m[2]}<sub>{m[3]}</sub>", s)
    s = _UNDERSCORE.sub(lambda m: f"{'δ' if m[1] == 'delta' else m[1]}<sub>{m[2].strip('()')}</sub>", s)
    s = re.sub(r"(?<![A-Za-z])delta(?![A-Za-z])", "δ", s)
    s = re.sub(r"(?<![A-Za-z])sum_", "Σ_", s)
    s = re.sub(r"Σ_([a-z,]+)", r"Σ<sub>\1</sub>", s)
    s = _POWER.sub(lambda m: f"<sup>{m[1].strip('()')}</sup>", s)
    s = s.replace("sqrt", "√").replace(" * ", " · ").replace("*", "·").replace("-&gt;", "→")
    return s


_RESULT = re.compile(r"^(\[[^\]]*\]|[-+]?[0-9][0-9.e+-]*|[-+]?(?:inf|nan))")


def emphasise_result(line_html: str) -> str:
    """Bold the value after the last ' = ' (the number or list the line arrives at)."""
    k = line_html.rfind(" = ")
    if k < 0:
        return line_html
    head, tail = line_html[:k + 3], line_html[k + 3:]
    m = _RESULT.match(tail)
    if not m:
        return line_html
    return f"{head}<b>{m[1]}</b>{tail[m.end():]}"


@lru_cache(maxsize=1)
def mono_family() -> str:
    """The first installed monospace family of the theme's list."""
    from PySide6.QtGui import QFontDatabase

    installed = set(QFontDatabase.families())
    return next((f for f in theme.MONO_FAMILIES if f in installed), "monospace")


SIDE_BY_SIDE_CHARS = 100   # without a width to measure: formula + numbers longer than this are stacked


def _shown_length(text: str) -> int:
    """Characters a line takes once typeset (δ for delta, subscripts, ...)."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", typeset(text))))


def _too_wide(formula, lines, room: int = SIDE_BY_SIDE_CHARS) -> bool:
    longest = (max((_shown_length(f) for f in formula), default=0)
               + max((_shown_length(x) for x in lines), default=0))
    return longest > room


class EquationView(QTextBrowser):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("equationView")
        self.session = session
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self._images: dict[str, object] = {}
        self._generation = 0   # image urls change with every page (the document caches by url)
        self.setMinimumHeight(160)
        self._refreshing = False
        self._resized = QTimer(self)  # a width change re-lays the page out once, after the event
        self._resized.setSingleShot(True)
        self._resized.setInterval(0)
        self._resized.timeout.connect(self.refresh)
        session.stageChanged.connect(self.refresh)
        session.traceChanged.connect(self.refresh)
        session.failed.connect(lambda m: self.refresh())
        theme.on_change(self.refresh)
        self.refresh()

    def loadResource(self, kind, url: QUrl):
        if url.scheme() == "pic" and url.path() in self._images:
            return self._images[url.path()]
        return super().loadResource(kind, url)

    def plain_text(self) -> str:
        return self.document().toPlainText()

    def refresh(self, *_):
        if self._refreshing:  # setHtml can show a scroll bar, which resizes the view: once is enough
            self._resized.start()
            return
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False

    def _refresh(self) -> None:
        s = self.session
        self._images = {}
        self._generation += 1
        if s.error:
            self.setHtml(self._page(f"<p style='color:{theme.current()['error']}; font-size:{BASE_PX}px'>"
                                    f"This update cannot be traced: {html.escape(s.error)}</p>"))
            return
        stage = s.stage
        if stage is None:
            self.setHtml(self._page("<p style='color:gray'>Computing the trace...</p>" if s.busy else
                                    "<p style='color:gray'>No stage to show.</p>"))
            return
        self.setHtml(self._page(self._stage_html(stage, s.index, len(s.stages))))

    def _room(self) -> int:
        """How many characters of the equation font fit across the panel (both columns)."""
        from PySide6.QtGui import QFont, QFontMetricsF

        font = QFont(mono_family())
        font.setPixelSize(BASE_PX)
        char = QFontMetricsF(font).horizontalAdvance("0") or 10.0
        width = self.viewport().width() if self.isVisible() else 1000
        return max(40, int((width - 60) / char))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._resized.start()  # never inside another page's setHtml: its pictures would be drawn twice

    def _page(self, body: str) -> str:
        t = theme.current()
        return (f"<html><body style='color:{t['text']}; font-size:{BASE_PX}px'>{body}</body></html>")

    def _stage_html(self, stage, index: int, total: int) -> str:
        t = theme.current()
        kind_c = t[KIND_COLOR.get(stage.kind, "accent")]
        head = (f"<p style='margin:0'><span style='color:{kind_c}; font-weight:600; font-size:{BASE_PX - 3}px;"
                f" letter-spacing:1px'>{KIND_TEXT.get(stage.kind, stage.kind).upper()}</span>"
                f"<span style='color:{t['text_muted']}; font-size:{BASE_PX - 3}px'>&nbsp;&nbsp;stage {index + 1} of {total}"
                f"&nbsp;&nbsp;·&nbsp;&nbsp;← → step, Home / End, P plays"
                f"</span></p><p style='margin:2px 0 10px 0; font-size:{BASE_PX + 4}px; font-weight:600'>"
                f"{html.escape(stage.title)}</p>")
        room = self._room()
        wide = _too_wide(stage.formula, stage.lines, room)
        table = self._table(stage.formula, stage.lines, True)
        try:
            extra = expansion(self.session.trace, stage, self.session.focus, self.session.digits)
        except (ValueError, KeyError, IndexError, TypeError):  # an extra: never break the stage itself
            extra = None
        if extra is not None:
            title, formula, lines = extra
            wide = wide or _too_wide(formula, lines, room)
            table += (f"<p style='margin:14px 0 4px 0; font-weight:600; color:{kind_c}'>Written out: "
                      f"{html.escape(title)}</p>" + self._table(formula, lines, False))
        pics = self._pictures_html(stage)
        if not pics:
            return head + table
        if wide:
            return head + table + pics
        # the matrices sit to the right of the equations, where a wide panel has room
        return (head + f"<table cellspacing='0' cellpadding='0'><tr><td valign='top'>{table}</td>"
                f"<td width='48'></td><td valign='top'>{pics}</td></tr></table>")

    def _table(self, formula, lines, header: bool) -> str:
        """Formula and numbers side by side; stacked (numbers under the formula, wrapping)
        when the lines are too long to stand side by side."""
        t = theme.current()
        mono = mono_family()  # unquoted: the style attributes here are single-quoted
        stacked = _too_wide(formula, lines, self._room())
        formulas = [typeset(f) for f in formula]
        lines = [emphasise_result(typeset(x)) for x in lines]
        wrap = "white-space:pre-wrap" if stacked else "white-space:nowrap"
        cell = f"font-family:{mono}; font-size:{BASE_PX}px; padding-top:3px; padding-bottom:3px; line-height:145%; {wrap}"
        gap = "<td width='36'></td>"
        hdr = f"color:{t['text_muted']}; font-size:{BASE_PX - 5}px; letter-spacing:1px; padding-bottom:4px"
        if stacked:
            rows = [f"<tr><td style='{hdr}'>THE FORMULA</td></tr>"] if header else []
            rows += [f"<tr><td style='{cell}; color:{t['text_params']}'>{f}</td></tr>" for f in formulas]
            if header:
                rows.append(f"<tr><td style='{hdr}; padding-top:8px'>WITH THE NUMBERS</td></tr>")
            rows += [f"<tr><td style='{cell}'>{x}</td></tr>" for x in lines]
            return f"<table cellspacing='0' cellpadding='0' width='100%'>{''.join(rows)}</table>"
        rows = [f"<tr><td style='{hdr}'>THE FORMULA</td>{gap}<td style='{hdr}'>WITH THE NUMBERS</td></tr>"] if header else []
        if len(formulas) == len(lines):
            for f, x in zip(formulas, lines):
                rows.append(f"<tr><td style='{cell}; color:{t['text_params']}'>{f}</td>{gap}<td style='{cell}'>{x}</td></tr>")
        else:
            left = "<br>".join(formulas)
            right = "<br>".join(lines)
            rows.append(f"<tr><td valign='top' style='{cell}; color:{t['text_params']}'>{left}</td>{gap}"
                        f"<td valign='top' style='{cell}'>{right}</td></tr>")
        return f"<table cellspacing='0' cellpadding='0'>{''.join(rows)}</table>"

    def _pictures_html(self, stage) -> str:
        pics = stage_pictures(self.session.trace, stage, self.session.focus)
        if not pics:
            return ""
        t = theme.current()
        cells = []
        for k, p in enumerate(pics):
            key = f"/{self._generation}/{k}"
            self._images[key] = heatmap_image(p.values, digits=2, marks=p.marks)
            cells.append(f"<td valign='top'><img src='pic:{key}'><br>"
                         f"<span style='color:{t['text_muted']}; font-size:{BASE_PX - 5}px'>{html.escape(p.caption)}</span></td>")
        per_row = 3
        rows = ["<tr>" + "<td width='18'></td>".join(cells[i:i + per_row]) + "</tr>" for i in range(0, len(cells), per_row)]
        return f"<table cellspacing='0' cellpadding='4'>{''.join(rows)}</table>"
