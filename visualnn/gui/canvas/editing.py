"""Canvas edits that need a little geometry: where a new, pasted or appended layer goes,
and auto-arrange. Each ends in commands pushed on the document's undo stack."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from visualnn.core.graph import get_spec
from visualnn.core.graph.layout import GAP, choose_bands, layout_graph
from visualnn.gui.canvas.node_item import H, W
from visualnn.gui.commands import AddNode, MoveNodes, insert_after, paste_records
from visualnn.gui.i18n import translate


def free_spot(scene, x: float, y: float, exclude=()) -> tuple[float, float]:
    """(x, y) moved down a row at a time until a card there would overlap no other card."""
    rects = [item.full_rect() for n, item in scene.nodes.items() if n not in exclude]
    for _ in range(200):
        cand = QRectF(x, y, W, H).adjusted(-8, -8, 8, 8)
        if not any(cand.intersects(r) for r in rects):
            break
        y += H + GAP[1]
    return (round(x), round(y))


def add_layer_at(doc, scene, type_name: str, scene_pos: QPointF) -> str:
    """Add a layer with its card centred on `scene_pos`; returns its id."""
    cmd = AddNode(doc, type_name, pos=(round(scene_pos.x() - W / 2), round(scene_pos.y() - H / 2)))
    doc.undo_stack.push(cmd)
    return cmd.node_id


def append_after(doc, scene, type_name: str, selected: list[str], fallback_center: QPointF) -> str:
    """Add a layer after the one selected node (or after the graph's output when none is):
    fed by it, placed to its right, and spliced into its outgoing edge when it has exactly one."""
    graph = doc.graph
    src = selected[0] if len(selected) == 1 else (graph.output_id() if not selected else None)
    spec = get_spec(type_name)
    if src is None or src not in scene.nodes or (spec is not None and spec.max_inputs == 0):
        return add_layer_at(doc, scene, type_name, fallback_center)
    sx, sy = scene.display_pos(src)
    step = W + GAP[0]
    if len(graph.outputs_of(src)) == 1:
        return insert_after(doc, src, type_name, (sx + step, sy), shift=step)
    x, y = free_spot(scene, sx + step, sy)
    return insert_after(doc, src, type_name, (x, y))


def paste(doc, scene, payload: dict, visible: QRectF, repeat: int, text: str | None = None) -> list[str]:
    """Paste records shifted 40 units down-right per repeat; into the middle of the visible
    area when the originals are out of sight. Returns the new ids."""
    nodes = [dict(n) for n in payload["nodes"]]
    placed = [n["pos"] for n in nodes if n.get("pos") is not None]
    off = 40.0 * repeat
    if placed:
        x0, y0 = min(p[0] for p in placed), min(p[1] for p in placed)
        x1, y1 = max(p[0] for p in placed) + W, max(p[1] for p in placed) + H
        box = QRectF(x0 + off, y0 + off, x1 - x0, y1 - y0)
        if not visible.intersects(box):
            c = visible.center()
            dx, dy = c.x() - (x0 + x1) / 2, c.y() - (y0 + y1) / 2
        else:
            dx = dy = off
    else:
        dx = dy = 0.0
    c = visible.center()
    for i, n in enumerate(nodes):
        if n.get("pos") is None:
            n["pos"] = [c.x() - W / 2 - dx + i * (W + GAP[0]), c.y() - H / 2 - dy]
    return paste_records(doc, nodes, payload.get("edges", []), offset=(dx, dy), text=text)


def arrange(doc, scene, view_size=None) -> bool:
    """Auto-arrange every card (one undo step), folded into bands when the graph is too long
    for a view of `view_size` (w, h) pixels; False when the cards already sit there."""
    sizes, offsets = {}, {}
    for n, item in scene.nodes.items():
        full, card = item.full_rect(), item.card_rect()
        sizes[n] = (full.width(), full.height())  # an overlay under a card takes room too
        offsets[n] = (card.left() - full.left(), card.top() - full.top())
    bands = choose_bands(doc.graph, view_size, sizes=sizes) if view_size else 1
    laid = layout_graph(doc.graph, sizes=sizes, bands=bands)
    positions = {n: (x + offsets.get(n, (0, 0))[0], y + offsets.get(n, (0, 0))[1]) for n, (x, y) in laid.items()}
    changed = {n: p for n, p in positions.items() if doc.graph.nodes[n].pos != (float(p[0]), float(p[1]))}
    if not changed:
        return False
    doc.undo_stack.push(MoveNodes(doc, positions, text=translate("editing", "Auto-arrange")))
    return True
