"""A lesson step's text: Markdown (Qt's own reader) with $formulas$ rendered as rich text
by the core (visualnn.core.lesson.mathtext), in a read-only browser whose links open outside."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

from visualnn.core.lesson.mathtext import split_math

HEADINGS = {"xx-large": "x-large", "x-large": "large", "large": "medium"}
FORMULA_FONT = "'STIX Two Math', 'Cambria Math', 'DejaVu Serif', 'Noto Serif', serif"


def markdown_html(markdown: str) -> str:
    """The step's Markdown as HTML, formulas included: inline ones in the line, $$display$$
    ones centred on a line of their own, a little larger."""
    text, pieces = split_math(markdown or "")
    doc = QTextDocument()
    doc.setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    out = doc.toHtml()
    # the text follows the panel's font (the UI scale), not the size it was converted at
    out = re.sub(r"(<body[^>]*?)font-size:[\d.]+pt;", r"\1", out, count=1)
    # headings one size down: a panel beside the network, not a page
    out = re.sub(r"font-size:(xx-large|x-large|large)", lambda m: "font-size:" + HEADINGS[m.group(1)], out)
    for piece in pieces:
        span = f'<span style="font-family:{FORMULA_FONT};">{piece.html}</span>'
        if piece.display:
            big = f'<span style="font-family:{FORMULA_FONT}; font-size:large;">{piece.html}</span>'
            out, n = re.subn(r"<p([^>]*)>" + piece.key + r"</p>",
                             lambda m: f'<p align="center"{m.group(1)}>{big}</p>', out)
            if n:
                continue
        out = out.replace(piece.key, span)
    return out


class LessonText(QTextBrowser):
    """The open step's text; `show_markdown(md)`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setReadOnly(True)
        self.setObjectName("lessonText")
        self.markdown = ""

    def show_markdown(self, markdown: str) -> None:
        self.markdown = markdown
        self.setHtml(markdown_html(markdown))
