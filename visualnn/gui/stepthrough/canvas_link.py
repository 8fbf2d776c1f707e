"""Where the current stage is, shown on the canvas.

The stage's layer is highlighted (forward blue, backward amber; layers already done in
green, layers not reached yet faded), its incoming edges too, with the value flowing along
each edge written on it. Layers with a vector output get a neuron column under the card
(the forward values, or dE/d(output) once the backward pass has been there); the stage's
neuron is ringed, and for a Linear neuron the connections into it are drawn with their
numbers (w, dE/dw, or old -> new). A click on a neuron picks it (and jumps to its stage); a
click on a connection's number asks the values editor for that weight.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot
from shiboken6 import isValid

from visualnn.gui.stepthrough.overlay_items import NeuronColumn, WeightLines

COLUMN_MAX = 4096    # outputs larger than this get no neuron column
ACTIVATIONS = ("ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Identity")
FORWARD_TITLES = {"Input": QT_TRANSLATE_NOOP("CanvasLink", "x (input)"), "Linear": "z", "Softmax": "p",
                  **{a: "a" for a in ACTIVATIONS}}
BACKWARD_TITLES = {"Linear": "δ = ∂E/∂z", "Softmax": "∂E/∂p", **{a: "∂E/∂a" for a in ACTIVATIONS}}


def fmt(v: float, digits: int) -> str:
    from visualnn.core.backprop.numfmt import num

    return num(v, digits)


def short_vector(values, digits: int, limit: int = 4) -> str:
    a = np.asarray(values, dtype=float).reshape(-1)
    parts = [fmt(v, digits) for v in a[:limit]]
    return "[" + ", ".join(parts) + (", …" if a.size > limit else "") + "]"


def neuron_index(neuron) -> int | None:
    """The last coordinate of a stage's neuron (the unit within a vector output)."""
    if neuron is None:
        return None
    if isinstance(neuron, (list, tuple)):
        return int(neuron[-1]) if neuron else None
    try:
        return int(neuron)
    except (TypeError, ValueError):
        return None


class CanvasLink(QObject):
    neuronPicked = Signal(str, int)          # node, neuron index
    weightPicked = Signal(str, str, tuple)   # node, parameter, index

    def __init__(self, session, canvas, parent=None):
        super().__init__(parent)
        self.session = session
        self.canvas = canvas
        self.active = False
        self.columns: dict[str, NeuronColumn] = {}
        self._saved_overlays: dict = {}
        self.lines = WeightLines()
        self.lines.on_click = self._on_line_click
        session.stageChanged.connect(self.refresh)
        session.traceChanged.connect(self.refresh)

    @property
    def scene(self):
        return getattr(self.canvas, "canvas_scene", None) or self.canvas.scene()

    # -- switching on and off -----------------------------------------------------------
    def activate(self) -> None:
        self.active = True
        if self.lines.scene() is None:
            self.scene.addItem(self.lines)
        self.scene.changed.connect(self._on_scene_changed)
        self.refresh()

    def deactivate(self) -> None:
        if not self.active:
            return
        self.active = False
        try:
            self.scene.changed.disconnect(self._on_scene_changed)
        except (RuntimeError, TypeError):
            pass
        self.clear()

    def clear(self) -> None:
        scene = self.scene
        if hasattr(scene, "clear_highlights"):
            scene.clear_highlights()
        for item in getattr(scene, "edges", {}).values():
            item.set_note(None)
        for nid in list(self.columns):
            item = scene.nodes.get(nid) if hasattr(scene, "nodes") else None
            saved = self._saved_overlays.get(nid)
            if item is not None and isValid(self.columns[nid]) and item.overlay() is self.columns[nid]:
                item.set_overlay(saved if saved is not None and isValid(saved) else None)
        self.columns.clear()
        self._saved_overlays.clear()
        self.lines.set_lines([], "forward")
        if self.lines.scene() is not None:
            self.lines.scene().removeItem(self.lines)

    # -- the picture of one stage --------------------------------------------------------
    @Slot()
    def refresh(self, *_):
        if not self.active:
            return
        s = self.session
        scene = self.scene
        if self.lines.scene() is None:
            scene.addItem(self.lines)
        stage, trace = s.stage, s.trace
        if stage is None or trace is None:
            self.clear()
            scene.addItem(self.lines)
            return
        fwd = [e["node"] for e in trace["forward"]]
        order = [trace.get("input", {}).get("node")] + fwd
        states = self._node_states(stage, fwd, trace)
        for nid, item in scene.nodes.items():
            item.highlight(states.get(nid))
        self._columns(stage, trace, order)
        self._edge_states(stage, trace, states)
        self._lines(stage, trace)

    def _node_states(self, stage, fwd, trace) -> dict:
        kind, node = stage.kind, stage.node
        inp = trace.get("input", {}).get("node")
        states = {inp: "done"}
        if kind == "forward":
            k = fwd.index(node) if node in fwd else len(fwd)
            for i, n in enumerate(fwd):
                states[n] = "done" if i < k else ("forward" if i == k else "dim")
            if node == inp:
                states[inp] = "forward"
        elif kind == "loss":
            states.update({n: "done" for n in fwd})
            states[trace.get("output")] = "current"
        elif kind == "backward":
            back = [e["node"] for e in trace["backward"]]
            k = back.index(node) if node in back else -1
            for i, n in enumerate(back):
                states[n] = "done" if i < k else ("backward" if i == k else None)
            states[inp] = None
        else:  # update
            params = (trace.get("update") or {}).get("params") or {}
            for n in fwd:
                states[n] = "current" if n == node else ("done" if n in params else "dim")
            if node is None:
                states.update({n: "current" for n in params})
        extra = self._companion(stage, trace)
        if extra:
            states[extra] = states.get(node)
        return states

    def _companion(self, stage, trace) -> str | None:
        """The activation shown inside a Linear's forward stage (z then a = f(z))."""
        if stage.kind != "forward":
            return None
        for e in trace["forward"]:
            if e["node"] == stage.node and e["type"] == "Linear":
                act = (e.get("detail") or {}).get("activation")
                return act["node"] if act else None
        return None

    def _edge_states(self, stage, trace, states) -> None:
        """The stage's edges (the core's: inputs for forward, the gradient's path for backward)
        highlighted, each with the value crossing it: the source's output going forward, the
        gradient the destination sends back to the source going backward."""
        scene = self.scene
        d = min(self.session.digits, 3)
        single = trace.get("batch") is None
        values = {e["node"]: e["output"] for e in trace["forward"]}
        inp = trace.get("input", {})
        values[inp.get("node")] = inp.get("value")
        sources = {e["node"]: e["sources"] for e in trace["forward"]}
        grads = {e["node"]: e for e in trace["backward"]}
        mine = {tuple(e) for e in (stage.edges or [])}
        for (src, dst), item in scene.edges.items():
            note = None
            if (src, dst) in mine and stage.kind in ("forward", "backward"):
                item.highlight(stage.kind)
                # a value already shown in a neuron column is not repeated on the edge
                if stage.kind == "forward" and single and src in values and src not in self.columns:
                    note = short_vector(values[src], d, 2)
                elif stage.kind == "backward" and single and dst in grads and src not in self.columns:
                    g = grads[dst]
                    gin = g.get("grad_inputs")
                    if gin is not None:
                        srcs = sources.get(dst, [])
                        gin = gin[srcs.index(src)] if src in srcs else None
                    else:
                        gin = g.get("grad_input")
                    note = ("∂ " + short_vector(gin, d, 2)) if gin is not None else None
            else:
                s_src, s_dst = states.get(src), states.get(dst)
                item.highlight("dim" if "dim" in (s_src, s_dst) else None)
            item.set_note(note)

    def _columns(self, stage, trace, order) -> None:
        scene = self.scene
        s = self.session
        d = s.digits
        single = trace.get("batch") is None
        fwd_out = {e["node"]: e["output"] for e in trace["forward"]}
        inp = trace.get("input", {})
        fwd_out[inp.get("node")] = inp.get("value")
        back = [e["node"] for e in trace["backward"]]
        grads = {e["node"]: e["grad_output"] for e in trace["backward"]}
        fwd = [e["node"] for e in trace["forward"]]
        types = {e["node"]: e["type"] for e in trace["forward"]}
        types[inp.get("node")] = "Input"
        current = neuron_index(stage.neuron)
        comp = self._companion(stage, trace)
        wanted = set()
        # cards removed or rebuilt (an edit, another project) took their columns with them
        for nid in [n for n, col in self.columns.items() if not isValid(col)]:
            del self.columns[nid]
            self._saved_overlays.pop(nid, None)
        for nid in order:
            item = scene.nodes.get(nid)
            value = fwd_out.get(nid)
            if item is None or value is None:
                continue
            arr = np.asarray(value, dtype=float)
            if not single:
                arr = arr[0] if arr.ndim else arr
            if arr.ndim != 1 or arr.size > COLUMN_MAX or arr.size == 0:
                continue
            kind = types.get(nid)
            shown, title, state = arr.astype(float).tolist(), self.tr(FORWARD_TITLES.get(kind, "output")), "forward"
            if stage.kind == "forward" and nid in fwd and nid != stage.node and nid != comp \
                    and fwd.index(nid) > fwd.index(stage.node if stage.node in fwd else fwd[-1]):
                shown = [None] * arr.size
                title = self.tr("not yet")
            if stage.kind == "backward" and nid in back:
                k = back.index(stage.node) if stage.node in back else -1
                if back.index(nid) <= k:
                    g = np.asarray(grads[nid], dtype=float)
                    g = g if single else g[0]
                    shown, title, state = g.reshape(-1).tolist(), BACKWARD_TITLES.get(kind, "∂E/∂out"), "backward"
            labels = ["" if v is None else fmt(v, d) for v in shown]
            col = self.columns.get(nid)
            if col is None:
                col = NeuronColumn(nid)
                col.picked.connect(lambda i, n=nid: self._on_pick(n, i))
                self.columns[nid] = col
                self._saved_overlays[nid] = item.overlay()
            cur = current if nid in (stage.node, comp) else None
            if cur is None and nid == stage.node and (stage.kind == "update" and kind == "Linear" or
                                                     stage.kind == "backward" and kind in ACTIVATIONS):
                cur = neuron_index(s.focus.get(nid)) or 0   # the neuron the lines reach
            col.set_values(shown, labels, title, state, cur, neuron_index(s.focus.get(nid)))
            if item.overlay() is not col:
                item.set_overlay(col)
            else:
                item.set_overlay(col)  # re-centre after a size change
            wanted.add(nid)
        for nid in list(self.columns):
            if nid not in wanted:
                item = scene.nodes.get(nid)
                saved = self._saved_overlays.get(nid)
                if item is not None and item.overlay() is self.columns[nid]:
                    item.set_overlay(saved if saved is not None and isValid(saved) else None)
                del self.columns[nid]
                self._saved_overlays.pop(nid, None)

    def _lines(self, stage, trace) -> None:
        j = neuron_index(stage.neuron)
        entry = next((e for e in trace["forward"] if e["node"] == stage.node), None)
        if entry is not None and stage.kind == "backward" and entry["type"] in ACTIVATIONS:
            self._chain_lines(stage, trace, entry)
            return
        if entry is None or entry["type"] != "Linear" or stage.kind not in ("forward", "backward", "update"):
            self.lines.set_lines([], "forward")
            return
        if j is None:   # a layer stage (a big layer, or the update): the picked neuron
            j = neuron_index(self.session.focus.get(stage.node)) or 0
        src = entry["sources"][0]
        a, b = self.columns.get(src), self.columns.get(stage.node)
        if j is None or a is None or b is None:
            self.lines.set_lines([], stage.kind)
            return
        d = min(self.session.digits, 4)
        up = trace.get("update") or {}
        w_old = np.asarray(up.get("before", {}).get(stage.node, {}).get("weight", []), dtype=float)
        if w_old.ndim != 2 or j >= w_old.shape[0]:
            self.lines.set_lines([], stage.kind)
            return
        if stage.kind == "forward":
            texts = [f"w={fmt(w, d)}" for w in w_old[j]]
        elif stage.kind == "backward":
            g = next(e for e in trace["backward"] if e["node"] == stage.node)["param_grads"]["weight"]
            texts = [f"∂E/∂w={fmt(v, d)}" for v in np.asarray(g, dtype=float)[j]]
        else:
            new = np.asarray(up["params"][stage.node]["weight"], dtype=float)[j]
            texts = [f"{fmt(o, d)}→{fmt(n, d)}" for o, n in zip(w_old[j], new)]
        self._line_keys = [(stage.node, "weight", (j, i)) for i in range(len(texts))]
        self.lines.set_lines([(a, i, b, j, t) for i, t in enumerate(texts)], {"update": "current"}.get(stage.kind, stage.kind))

    def _chain_lines(self, stage, trace, entry) -> None:
        """The chain rule into a hidden activation: from each delta_k of the next Linear back
        to neuron j (the picked one), labelled with the weight w_kj that carries it."""
        self.lines.set_lines([], "backward")
        consumers = [e for e in trace["forward"] if stage.node in e["sources"]]
        if len(consumers) != 1 or consumers[0]["type"] != "Linear":
            return
        nxt = consumers[0]["node"]
        a, b = self.columns.get(stage.node), self.columns.get(nxt)
        w = np.asarray(((trace.get("update") or {}).get("before", {}).get(nxt, {})).get("weight", []), dtype=float)
        j = neuron_index(self.session.focus.get(stage.node)) or 0
        if a is None or b is None or w.ndim != 2 or j >= w.shape[1]:
            return
        d = min(self.session.digits, 4)
        self._line_keys = [(nxt, "weight", (k, j)) for k in range(w.shape[0])]
        self.lines.set_lines([(a, j, b, k, f"w={fmt(w[k, j], d)}") for k in range(w.shape[0])], "backward")

    # -- clicks ---------------------------------------------------------------------------
    def _on_pick(self, node: str, index: int) -> None:
        self.neuronPicked.emit(node, index)

    def _on_line_click(self, k: int) -> None:
        keys = getattr(self, "_line_keys", [])
        if 0 <= k < len(keys):
            self.weightPicked.emit(*keys[k])

    @Slot()
    def _on_scene_changed(self, *_):
        if self.active:
            self.lines.sync()
