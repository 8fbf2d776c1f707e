"""The embedding map: an Embedding's word vectors in 2-D (their two principal components,
core.views.words.embedding_map), each dot labelled with its word, redrawn as training
moves them. The most frequent words come first in the vocabulary and are labelled."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualnn.gui import theme
from visualnn.gui.panels.painter_plot import PlotFrame, draw_message, draw_title, plot_rect

ROWS = 150       # words mapped
LABELLED = 60    # of which labelled
REDRAW_S = 0.5


def embedding_node(session) -> str | None:
    """The first Embedding layer of a session with a vocabulary."""
    if session is None or not session.vocab:
        return None
    return next((n for n in session.order if session.types.get(n) == "Embedding"), None)


class EmbeddingMapView(QWidget):
    @property
    def title(self) -> str:
        return self.tr("Embedding")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 180)
        self.session = None
        self.map = None
        self._at = 0.0
        self._weight = None

    def set_session(self, session) -> None:
        self.session = session
        self.map = None
        self._weight = None
        self.update()

    @Slot(object)
    def show_frame(self, frame, live: bool = True) -> None:
        from visualnn.core.views.words import embedding_map

        nid = embedding_node(self.session)
        if nid is None or nid not in frame.params:
            return
        w = frame.params[nid]["weight"]
        now = time.monotonic()
        if w is self._weight or (live and now - self._at < REDRAW_S and self.map is not None):
            return
        self._weight, self._at = w, now
        self.map = embedding_map(w, self.session.vocab, rows=ROWS)
        if self.isVisible():
            self.update()

    def paintEvent(self, event):
        t = theme.current()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(t["card"]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self.map
        cap = ""
        if m is not None:
            cap = self.tr("{n} most frequent words; PC1 {a} %, PC2 {b} % of their variance").format(
                n=len(m.words), a=f"{100 * m.shares[0]:.0f}", b=f"{100 * m.shares[1]:.0f}")
        draw_title(p, self.width(), self.tr("Word vectors in 2-D (principal components)"), cap)
        if m is None or not len(m.coords):
            draw_message(p, QRectF(self.rect()), self.tr("For text models with an Embedding layer"))
            p.end()
            return
        xs, ys = m.coords[:, 0], m.coords[:, 1]
        def span(v):
            lo, hi = float(v.min()), float(v.max())
            pad = 0.08 * max(hi - lo, 1e-9)
            return lo - pad, hi + pad
        f = PlotFrame(plot_rect(self.width(), self.height(), left=50.0), *span(xs), *span(ys))
        f.draw_axes(p, "PC1", "PC2")
        p.setFont(theme.font(10))
        accent = QColor(t["accent"])
        for k in range(len(xs) - 1, -1, -1):  # the most frequent words drawn last, on top
            at = f.px(float(xs[k]), float(ys[k]))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(accent if k < LABELLED else QColor(t["edge"]))
            p.drawEllipse(at, 3.0, 3.0)
            if k < LABELLED:
                p.setPen(QColor(t["text"]))
                p.drawText(QRectF(at.x() + 5, at.y() - 9, 120, 18), int(Qt.AlignmentFlag.AlignVCenter), m.words[k])
        p.end()

    def words_at(self) -> dict:
        """word -> its (PC1, PC2) as drawn."""
        if self.map is None:
            return {}
        return {w: tuple(c) for w, c in zip(self.map.words, self.map.coords)}
