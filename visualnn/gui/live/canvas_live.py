"""Live values on the canvas: an overlay under each card (neuron columns, feature maps,
hidden states, attention), the weights as lines between neuron columns, and a pulse that
runs forward (input -> output) and then backward (gradients) at each shown step.

Everything drawn comes from the controller's Frames (numpy); the overlays hang on the
cards through NodeItem.set_overlay, so they move with them.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGraphicsItem, QToolTip
from shiboken6 import isValid

from visualnn.gui import theme
from visualnn.gui.canvas.card_index import CardIndex
from visualnn.gui.live import colormaps as cm
from visualnn.gui.live.edge_layer import LINE_BUDGET, EdgeLayer, Link, _LinesItem, _PathItem
from visualnn.gui.live.maps_overlay import MAX_MAPS, MapsOverlay
from visualnn.gui.live.neuron_column import NeuronColumn
from visualnn.gui.i18n import relabel, translate
from visualnn.gui.live.words_overlay import LabelledHeat, TokenColumn

RECURRENT = ("RNN", "LSTM", "GRU")
ELEMENTWISE = ("ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Identity", "Dropout", "BatchNorm1d", "LayerNorm",
               "Softmax")
OVERLAY_GAP = 8.0   # as NodeItem hangs its overlay
MIN_PITCH_PX = 5.0
PULSE_S = 0.9
EDGES_EVERY_S = 0.1


def _valid(item) -> bool:
    return item is not None and isValid(item)


class LiveCanvas(QObject):
    probed = Signal(str)  # a neuron or a weight was clicked: what it holds

    def __init__(self, view, controller, max_units: int = 12, parent=None):
        super().__init__(parent or view)
        self.view, self.ctl = view, controller
        self.scene = view.canvas_scene
        self.max_units = int(max_units)
        self.mode = "sample"          # or "batch": the batch rows' mean activation
        self.enabled = True
        self.overlays: dict = {}
        self.columns: dict[str, NeuronColumn] = {}
        self.edges: EdgeLayer | None = None
        self.session = None
        self.frame = None
        self._grid = None
        self._edges_at = 0.0
        self.phase = 1.0
        self.pulse_s = PULSE_S
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._advance_pulse)
        controller.sessionStarted.connect(self.build)
        controller.frameShown.connect(self.show_frame)
        view.doc.graphChanged.connect(self._on_graph_changed)
        view.doc.projectReplaced.connect(self._forget)
        if hasattr(view, "zoomChanged"):
            view.zoomChanged.connect(lambda _: self._update_lod())
        view.viewport().installEventFilter(self)
        theme.on_change(self._on_theme)
        cm.set_dark(theme.current()["name"] == "dark")
        relabel(self, self._rebuild)  # the overlays' captions in a new language

    def _on_theme(self) -> None:
        cm.set_dark(theme.current()["name"] == "dark")
        self._rebuild()

    def _rebuild(self) -> None:
        if self.session is not None:
            self.build(self.session)
            if self.frame is not None:
                self.show_frame(self.frame)

    # -- building ---------------------------------------------------------------------------
    @Slot()
    def _forget(self) -> None:
        """The scene dropped its cards (and so the overlays): drop the references."""
        self.overlays.clear()
        self.columns.clear()
        if self.edges is not None:
            self.edges.set_links([])

    @Slot(object)
    def _on_graph_changed(self, event) -> None:
        if getattr(event, "kind", None) in ("node_moved",):
            return
        self.clear()

    def clear(self) -> None:
        with self.scene.deferred_routes():
            for nid, ov in list(self.overlays.items()):
                card = self.scene.node_item(nid)
                if _valid(card) and _valid(ov) and card.overlay() is ov:
                    card.set_overlay(None)
        self._forget()

    def set_max_units(self, n: int) -> None:
        """Neurons drawn per layer before the rest is summarised as '+N'."""
        self.max_units = max(1, int(n))
        if self.session is not None:
            self.build(self.session)
            if self.frame is not None:
                self.show_frame(self.frame)

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if on and self.session is not None:
            self.build(self.session)
            if self.frame is not None:
                self.show_frame(self.frame)
        elif not on:
            self.clear()

    @Slot(object)
    def build(self, session) -> None:
        self.clear()
        self.session = session
        self._grid = None
        if not self.enabled:
            return
        from visualnn.gui.workers.frames import MAP_UNITS

        cards = self._card_index()  # the cards do not move while their overlays are hung
        with self.scene.deferred_routes():
            for nid in session.order:
                card = self.scene.node_item(nid)
                if not _valid(card):
                    continue
                ov = self._make_overlay(nid, session, MAP_UNITS, cards)
                if ov is None:
                    continue
                card.set_overlay(ov)
                self.overlays[nid] = ov
                if isinstance(ov, NeuronColumn):
                    self.columns[nid] = ov
                    ov.moved = self._columns_moved
                    ov.on_probe = self._probe
        # the cards, their ports and the graph's edges do not change while training: Qt
        # replays them from pixmaps instead of calling their Python paint() every frame
        for item in self.scene.items():
            if item.cacheMode() == QGraphicsItem.CacheMode.NoCache and not isinstance(
                    item, (NeuronColumn, MapsOverlay, TokenColumn, LabelledHeat, _PathItem, _LinesItem)):
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if self.edges is None:
            self.edges = EdgeLayer(self.scene)
        links = []
        for nid, col in self.columns.items():
            srcs = session.inputs.get(nid, ())
            if len(srcs) != 1 or srcs[0] not in self.columns:
                continue
            typ = session.types.get(nid)
            if typ == "Linear":
                links.append(Link(nid, self.columns[srcs[0]], col, "dense"))
            elif typ in ELEMENTWISE and self.columns[srcs[0]].units == col.units:
                links.append(Link(nid, self.columns[srcs[0]], col, "one2one"))
        self.edges.set_links(links)
        self._update_lod()
        if hasattr(self.view, "refit"):
            self.view.refit()  # the overlays make the drawn graph taller

    def room_below(self, nid: str, cards: CardIndex | None = None) -> float | None:
        """Scene units free under the card before the next card below it (None: no card
        below), so overlays of a layout folded into rows do not cover the next row.
        `cards`: the cards' index, when asking for many cards at once."""
        card = self.scene.node_item(nid)
        if not _valid(card):
            return None
        r = card.card_rect()
        return (cards or self._card_index()).room_below(nid, (r.left(), r.top(), r.right(), r.bottom()), OVERLAY_GAP)

    def _card_index(self) -> CardIndex:
        rects = {}
        for nid, item in self.scene.nodes.items():
            if _valid(item):
                r = item.card_rect()
                rects[nid] = (r.left(), r.top(), r.right(), r.bottom())
        return CardIndex(rects)

    def _make_overlay(self, nid: str, s, map_units: int, cards: CardIndex | None = None):
        shape = s.shapes.get(nid, ())
        typ = s.types.get(nid)
        room = self.room_below(nid, cards)
        if s.vocab:  # text: words on the input, the embedding's rows and the attention's axes
            length = s.shapes.get(s.input_id, (0,))[0] if s.shapes.get(s.input_id) else 0
            if typ == "Input" and len(shape) == 1:
                return TokenColumn(nid, shape[0])
            if typ == "Embedding" and len(shape) == 2:
                return LabelledHeat(nid, shape[0], shape[1], False, f"a row per word: {shape[0]} × {shape[1]}")
            if typ == "SelfAttention" and len(shape) == 2 and shape[0] == length:
                return LabelledHeat(nid, shape[0], shape[0], True, "attention: row → column")
        if typ in RECURRENT:
            return MapsOverlay(nid, "heat", caption=translate("canvas_live", "hidden state over time"), aspect=0.6, max_height=room)
        if typ == "SelfAttention":
            return MapsOverlay(nid, "heat", caption=translate("canvas_live", "attention weights"), aspect=1.0, max_height=room)
        if len(shape) == 1:
            shown = min(self.max_units, shape[0])
            thumbs = s.is_2d and shown <= map_units
            if room is not None:  # as many neurons as fit above the next row of cards
                from visualnn.gui.live.neuron_column import fit_count
                shown = fit_count(shown, thumbs, room)
            return NeuronColumn(nid, shape[0], shown, thumbs=thumbs)
        if len(shape) == 3:
            if typ == "Input":
                caption = translate("canvas_live", "input {h}×{w}")
            elif shape[0] != 1:
                caption = translate("canvas_live", "{n} maps {h}×{w}")
            else:
                caption = translate("canvas_live", "1 map {h}×{w}")
            caption = caption.format(n=shape[0], h=shape[1], w=shape[2])
            return MapsOverlay(nid, "maps", count=shape[0], caption=caption, max_height=room)
        if len(shape) == 2:
            return MapsOverlay(nid, "heat", caption=f"{shape[0]} × {shape[1]}",
                               aspect=min(1.0, shape[1] / max(shape[0], 1)), max_height=room)
        return None

    def _columns_moved(self) -> None:
        if self.edges is not None and not getattr(self, "_geometry_pending", False):
            self._geometry_pending = True
            QTimer.singleShot(0, self._flush_geometry)

    def _flush_geometry(self) -> None:
        self._geometry_pending = False
        if self.edges is not None:
            self.edges.update_geometry()

    def _update_lod(self) -> None:
        zoom = self.view.transform().m11() or 1.0
        dpr = self.view.devicePixelRatioF()
        scale = 1.0 if zoom * dpr <= 1.1 else min(2.0, round(zoom * dpr * 4) / 4)
        for ov in self.overlays.values():
            if _valid(ov):
                ov.set_render_scale(scale)
        if self.edges is None or not self.columns:
            return
        pitch = min(c.pitch for c in self.columns.values()) * zoom
        g = 1
        while (pitch * g < MIN_PITCH_PX or self.edges.lines_for(g) > LINE_BUDGET) and g < 64:
            g *= 2
        self.edges.set_group(g)

    # -- frames -----------------------------------------------------------------------------
    @Slot(object)
    def show_frame(self, frame) -> None:
        self.frame = frame
        if not self.overlays or not self.enabled:
            return
        probe, snap = frame.probe, frame.snapshot
        grid = frame.grid if frame.grid is not self._grid else None  # thumbnails only when new
        self._grid = frame.grid
        for nid, ov in self.overlays.items():
            if not _valid(ov):
                continue
            if isinstance(ov, NeuronColumn):
                self._show_column(ov, nid, probe, snap, grid)
            elif isinstance(ov, (TokenColumn, LabelledHeat)):
                self._show_words(ov, nid, probe)
            else:
                self._show_maps(ov, nid, probe, snap)
        if self.edges is not None:
            now = time.perf_counter()
            # at full speed the weight lines follow at 10 Hz (a full rebuild of their paths)
            if self.ctl.state != "running" or self.pulse_s is not None or now - self._edges_at >= EDGES_EVERY_S:
                self._edges_at = now
                self.edges.set_frame(frame)
        if (self.pulse_s is not None or self.ctl.state != "running") and self.phase >= 1.0:
            self.phase = 0.0
            self._timer.start()
        elif self.pulse_s is None and self.ctl.state == "running" and self._timer.isActive():
            self._timer.stop()  # full speed: a pulse begun while paused ends at once
            self.phase = 1.0
            self.apply_pulse(1.0)

    def _show_column(self, col: NeuronColumn, nid: str, probe, snap, grid) -> None:
        rows = None if snap is None else snap.activations.get(nid)
        a = probe.activations.get(nid)
        if self.mode == "batch" and rows is not None:
            values = rows.reshape(rows.shape[0], -1).mean(axis=0)
        elif a is not None:
            values = a.reshape(-1)
        else:
            return
        ref = rows if rows is not None else values
        scale = cm.symmetric_scale(ref)
        g = None if snap is None else snap.grads.get(nid)
        grads = None if g is None else np.abs(g.reshape(g.shape[0], -1)).mean(axis=0)
        rest = values[col.shown:]
        if grid is not None and col.thumbs and nid in grid.units:
            maps = grid.units[nid]
            col.map_scale = cm.symmetric_scale(maps)
            col.set_thumbs(maps, col.map_scale)
        mscale = getattr(col, "map_scale", None)
        if mscale is not None:
            scale = max(scale, mscale) if self.session.types.get(nid) != "Input" else mscale
        col.set_values(values, scale, float(rest.mean()) if rest.size else 0.0, grads)

    def _show_words(self, ov, nid: str, probe) -> None:
        from visualnn.core.views.words import words_of

        ids = probe.activations.get(self.session.input_id)
        if ids is None:
            return
        ids = np.asarray(ids[0]).reshape(-1)
        words = words_of(ids, self.session.vocab)
        if isinstance(ov, TokenColumn):
            ov.set_tokens(words, ids)
        elif self.session.types.get(nid) == "SelfAttention":
            att = probe.attention.get(nid)
            if att is not None:
                ov.set_matrix(att[0], words)
        else:
            a = probe.activations.get(nid)
            if a is not None:
                ov.set_matrix(a[0], words)

    def _show_maps(self, ov: MapsOverlay, nid: str, probe, snap) -> None:
        typ = self.session.types.get(nid)
        if typ == "SelfAttention":
            att = probe.attention.get(nid)
            if att is not None:
                ov.set_pictures([cm.diverging_pixels(att[0], cm.symmetric_scale(att[0]))])
            return
        if typ in RECURRENT:
            seq = probe.sequences.get(nid)
            if seq is None:
                seq = probe.activations.get(nid)
            if seq is not None and seq.ndim == 3:
                h = seq[0].T  # hidden units down, time across
                ov.set_pictures([cm.diverging_pixels(h, cm.symmetric_scale(h))],
                                f"hidden {h.shape[0]} × {h.shape[1]} steps")
            return
        a = probe.activations.get(nid)
        if a is None:
            return
        a = a[0]
        if a.ndim == 3:
            if typ == "Input" or nid == self.session.input_id:
                ov.set_pictures([cm.gray_pixels(ch) for ch in a[:MAX_MAPS]])
            else:  # each map at its own contrast: the pattern matters more than the level
                ov.set_pictures(cm.diverging_pixels_each(a[:MAX_MAPS]))
        elif a.ndim == 2:
            ov.set_pictures([cm.diverging_pixels(a.T, cm.symmetric_scale(a))])

    # -- the pulse --------------------------------------------------------------------------
    def set_pulse_seconds(self, seconds: float | None) -> None:
        """How long one forward + backward pulse takes; None: no pulse (full speed,
        where a frame shows many steps and the views' time is better spent elsewhere)."""
        self.pulse_s = None if seconds is None else max(0.2, min(PULSE_S, float(seconds)))

    @Slot()
    def _advance_pulse(self) -> None:
        self.phase = min(1.0, self.phase + 0.033 / (self.pulse_s or PULSE_S))
        self.apply_pulse(self.phase)
        if self.phase >= 1.0:
            self._timer.stop()
            self.apply_pulse(1.0)

    def apply_pulse(self, phase: float) -> None:
        """Glow the overlays for the pulse at `phase` (0..0.5 forward, 0.5..1 backward)."""
        order = [n for n in (self.session.order if self.session else ()) if n in self.overlays]
        n = len(order)
        if not n:
            return
        has_grads = self.frame is not None and self.frame.snapshot is not None
        backward = has_grads and 0.5 <= phase < 1.0
        front = phase / 0.5 if phase < 0.5 else 1.0 - (phase - 0.5) / 0.5
        where = {nid: k / max(n - 1, 1) for k, nid in enumerate(order)}

        def glow(u: float) -> float:  # strength at position u (0 input .. 1 output) as the front passes
            return max(0.0, 1.0 - abs(u - front) * max(n, 2) / 1.6)

        if self.edges is not None:  # a dense link sits between its two columns
            self.edges.set_backward({
                link.node_id: glow((where[link.src.node_id] + where[link.dst.node_id]) / 2)
                for link in self.edges.links
                if link.kind == "dense" and link.src.node_id in where and link.dst.node_id in where
            } if backward else {})
        for nid in order:
            ov = self.overlays[nid]
            if not _valid(ov):
                continue
            if phase >= 1.0 or (phase >= 0.5 and not has_grads):
                ov.set_glow(None, 0.0)
            else:
                ov.set_glow("forward" if phase < 0.5 else "backward", glow(where[nid]))

    # -- clicks on weights --------------------------------------------------------------------
    def _probe(self, text: str, screen_pos) -> None:
        QToolTip.showText(screen_pos.toPoint() if hasattr(screen_pos, "toPoint") else screen_pos, text, self.view)
        self.probed.emit(text)

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton
                and self.edges is not None and self.edges.links):
            pos = event.position().toPoint()
            item = self.view.itemAt(pos)
            if item is None or isinstance(item, (_PathItem, _LinesItem)):
                sp = self.view.mapToScene(pos)
                zoom = self.view.transform().m11() or 1.0
                text = self.edges.pick(sp.x(), sp.y(), 5.0 / zoom)
                if text:
                    self._probe(text, self.view.viewport().mapToGlobal(pos))
        return False
