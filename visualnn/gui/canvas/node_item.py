"""A layer on the canvas: a rounded card with the type, id, key parameters and output shape.

The card only shows what the scene tells it (from the core Graph and validation Report);
nothing is read back from it to save. Hooks for live views: `set_overlay(item)` hangs any
QGraphicsItem under the card (activation maps, weight images, ...) and `highlight(state)`
marks the card during a step-through."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from visualnn.core.graph import get_spec
from visualnn.core.graph.layout import NODE_SIZE
from visualnn.core.i18n import language as core_language
from visualnn.core.i18n import tr as core_tr
from visualnn.gui import theme
from visualnn.gui.canvas.labels import param_summary, shape_text
from visualnn.gui.canvas.port_item import BadgeItem, PortItem
from visualnn.gui.i18n import translate
from visualnn.gui.icons import paint_layer_icon

W, H = NODE_SIZE
RADIUS = 11.0
PAD = 14.0
OVERLAY_GAP = 8.0
HIGHLIGHTS = ("forward", "backward", "current", "done", "dim", "error")

TITLE_FONT = (12.5, True, False)  # point size, bold, monospace
ID_FONT = (10.5, False, False)
PARAM_FONT = (10.5, False, False)
SHAPE_FONT = (10.0, False, True)
COUNT_FONT = (9.5, False, False)


@lru_cache(maxsize=None)
def _font(spec):
    return theme.font(*spec)  # cached: cards repaint often during live training


class NodeItem(QGraphicsItem):
    def __init__(self, node_id: str, type_name: str, params: dict | None = None):
        super().__init__()
        self.node_id = node_id
        self.type_name = _as_text(type_name)
        self.params = dict(params or {})
        self.out_shape = None  # output shape from validation, batch excluded
        self.problems: list[str] = []
        self.n_params: int | None = None
        self.summary = ""
        self._highlight: str | None = None
        self._overlay: QGraphicsItem | None = None
        self._hover = False
        self._shown: tuple | None = None  # what `show` put on the card last
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.in_port: PortItem | None = None
        self.out_port = PortItem(self, "out")
        self.out_port.setPos(W, H / 2)
        self.badge = BadgeItem(self)
        self.badge.setPos(W - 4, 4)
        self.set_node(type_name, self.params)

    # -- what the scene tells it --------------------------------------------------------
    @property
    def spec(self):
        return get_spec(self.type_name)

    @property
    def group(self) -> str:
        spec = self.spec
        return spec.group if spec else "Other"  # a key of the theme's colours, not shown

    def set_node(self, type_name: str, params: dict, resolved: dict | None = None) -> None:
        """The node's type and params (resolved = with defaults, from validation, if known)."""
        self._apply_node(type_name, params, resolved)
        self._shown = None
        self._update_tooltip()
        self.update()

    def set_report(self, shape, problems: list[str], n_params: int | None = None, resolved: dict | None = None) -> None:
        self._apply_report(shape, problems, n_params, resolved)
        self._shown = None
        self._update_tooltip()
        self.update()

    def show(self, type_name: str, params: dict, shape, problems: list[str], n_params: int | None = None,
             resolved: dict | None = None) -> bool:
        """set_node and set_report at once; False (and nothing redrawn) when the card shows
        exactly this already, as most cards do after an edit elsewhere in a big graph."""
        key = (_as_text(type_name), dict(params), shape, list(problems), n_params, resolved, core_language())
        if key == self._shown:
            return False
        self._apply_node(type_name, params, resolved)
        self._apply_report(shape, problems, n_params, resolved)
        self._shown = key
        self._update_tooltip()
        self.update()
        return True

    def _apply_node(self, type_name: str, params: dict, resolved: dict | None) -> None:
        self.type_name, self.params = _as_text(type_name), dict(params)
        spec = self.spec
        takes = spec.max_inputs if spec else 1
        if takes == 0 and self.in_port is not None:
            self.scene() and self.scene().removeItem(self.in_port)
            self.in_port.setParentItem(None)
            self.in_port = None
        elif takes and self.in_port is None:
            self.in_port = PortItem(self, "in")
            self.in_port.setPos(0, H / 2)
        if self.in_port is not None:
            self.in_port.multi = takes > 1
            self.in_port.prepareGeometryChange()
        self.summary = param_summary(type_name, resolved if resolved is not None else params)

    def _apply_report(self, shape, problems: list[str], n_params: int | None, resolved: dict | None) -> None:
        self.out_shape, self.problems, self.n_params = shape, list(problems), n_params
        if resolved is not None:
            self.summary = param_summary(self.type_name, resolved)
        if self.problems != self.badge.messages:
            self.badge.set_messages(self.problems)

    def _update_tooltip(self) -> None:
        spec = self.spec
        lines = [f"<b>{self.type_name}</b> <code>{self.node_id}</code>"]
        if spec:
            lines.append(core_tr(spec.help))
            lines.append(f"<code>{core_tr(spec.formula)}</code>")
        if self.out_shape is not None:
            lines.append(translate("node_item", "output {shape}").format(shape=shape_text(self.out_shape)))
        if self.n_params and self.out_shape is not None:
            lines.append(translate("node_item", "{n} learnable parameters").format(n=f"{self.n_params:,}"))
        lines += [f"<span style='color:{theme.current()['error']}'>⚠ {p}</span>" for p in self.problems]
        self.setToolTip("<br>".join(lines))

    # -- hooks for live views -------------------------------------------------------------
    def set_overlay(self, item: QGraphicsItem | None) -> None:
        """Hang `item` under the card, centred (None removes the current one). The item
        becomes a child of the card: it moves with it and is deleted with it."""
        old = self._overlay
        if old is not None and old is not item:
            if old.scene() is not None:
                old.scene().removeItem(old)
            old.setParentItem(None)
        self._overlay = item
        if item is not None:
            item.setParentItem(self)
            br = item.boundingRect()
            item.setPos((W - br.width()) / 2 - br.left(), H + OVERLAY_GAP - br.top())
        self._geometry_changed()

    def overlay(self) -> QGraphicsItem | None:
        return self._overlay

    def highlight(self, state: str | None) -> None:
        """Mark the card for a step-through: None (normal), 'forward', 'backward',
        'current', 'done', 'dim' (faded: not part of the current step), or 'error'
        (training stopped on this layer)."""
        if state is not None and state not in HIGHLIGHTS:
            raise ValueError(f"unknown highlight {state!r} (one of {', '.join(HIGHLIGHTS)})")
        self._highlight = state
        self.setOpacity(0.35 if state == "dim" else 1.0)
        self.update()

    def highlight_state(self) -> str | None:
        return self._highlight

    # -- geometry -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(-8, -8, W + 16, H + 16)

    def shape_path(self) -> QPainterPath:
        p = QPainterPath()
        p.addRoundedRect(QRectF(0, 0, W, H), RADIUS, RADIUS)
        return p

    def shape(self) -> QPainterPath:
        return self.shape_path()

    def card_rect(self) -> QRectF:
        """The card (without ports and overlay) in scene coordinates."""
        return self.mapRectToScene(QRectF(0, 0, W, H))

    def full_rect(self) -> QRectF:
        """The card and its overlay in scene coordinates (what edges keep clear of)."""
        r = QRectF(0, 0, W, H)
        if self._overlay is not None and self._overlay.isVisible():
            r = r.united(self._overlay.mapRectToParent(self._overlay.boundingRect()))
        return self.mapRectToScene(r)

    def id_rect(self) -> QRectF:
        """Where the id is written, in item coordinates (double-click there to rename)."""
        return QRectF(PAD + 38, 32, W - PAD - 38 - PAD, 18)

    def _geometry_changed(self) -> None:
        scene = self.scene()
        if scene is not None and hasattr(scene, "node_geometry_changed"):
            scene.node_geometry_changed(self)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._geometry_changed()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(1 if value else 0)
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event):
        self._hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    # -- drawing --------------------------------------------------------------------------
    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = theme.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        card = QRectF(0, 0, W, H)
        group_c = theme.group_color(self.group, t)

        shadow = QColor(t["card_shadow"])
        painter.setPen(Qt.PenStyle.NoPen)
        for grow, dy, alpha in ((3.0, 3.0, 0.035), (1.5, 2.0, 0.05), (0.5, 1.0, 0.06)):
            shadow.setAlphaF(alpha * (2.5 if t["name"] == "dark" else 1.0))
            painter.setBrush(shadow)
            painter.drawRoundedRect(card.adjusted(-grow, -grow + dy, grow, grow + dy), RADIUS + grow, RADIUS + grow)

        state = self._highlight if self._highlight not in (None, "dim") else None
        if state:
            halo = QColor(t[state])
            halo.setAlphaF(0.22)
            painter.setBrush(halo)
            painter.drawRoundedRect(card.adjusted(-7, -7, 7, 7), RADIUS + 7, RADIUS + 7)

        border, width = QColor(t["card_border"]), 1.0
        if self._hover:
            border = QColor(t["text_muted"])
        if self.problems:
            border, width = QColor(t["error"]), 1.6
        if self.isSelected():
            border, width = QColor(t["accent"]), 2.4
        if state:
            border, width = QColor(t[state]), 2.8
        painter.setBrush(QColor(t["card"]))
        painter.setPen(QPen(border, theme.line_width(width) / theme.ui_scale()))
        painter.drawRoundedRect(card, RADIUS, RADIUS)

        # the group colour as a thin bar along the top edge
        painter.save()
        painter.setClipPath(self.shape_path())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(group_c)
        painter.drawRect(QRectF(0, 0, W, 4))
        painter.restore()

        paint_layer_icon(painter, QRectF(PAD, 14, 30, 30), self.type_name, self.group)
        x_text = PAD + 38
        self._text(painter, _font(TITLE_FONT), t["text"], QRectF(x_text, 11, W - x_text - PAD, 22), self.type_name)
        self._text(painter, _font(ID_FONT), t["text_muted"], self.id_rect(), self.node_id)
        self._text(painter, _font(PARAM_FONT), t["text_params"], QRectF(PAD, 52, W - 2 * PAD, 18), self.summary)

        painter.setPen(QPen(QColor(t["divider"]), 1.0))
        painter.drawLine(QPointF(1, 74), QPointF(W - 1, 74))
        right = self._shape_pill(painter, t)
        if self.n_params and self.out_shape is not None:
            font = _font(COUNT_FONT)
            room = QRectF(right + 6, 78, W - PAD - right - 6, 18)
            text = _count_text(self.n_params)
            if QFontMetricsF(font).horizontalAdvance(text) > room.width():
                text = _count_text(self.n_params, short=True)
            self._text(painter, font, t["text_muted"], room, text, Qt.AlignmentFlag.AlignRight)

    def _shape_pill(self, painter: QPainter, t: dict) -> float:
        font = _font(SHAPE_FONT)
        text = shape_text(self.out_shape) if self.out_shape is not None else "?"
        fm = QFontMetricsF(font)
        w = min(fm.horizontalAdvance(text) + 14, W * 0.62)
        pill = QRectF(PAD - 4, 78, w, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(t["shape_bg"]))
        painter.drawRoundedRect(pill, 9, 9)
        color = t["error"] if self.out_shape is None and self.problems else t["shape_text"]
        self._text(painter, font, color, pill.adjusted(7, 0, -7, 0), text)
        return pill.right()

    @staticmethod
    def _text(painter, font, color, rect: QRectF, text: str, align=Qt.AlignmentFlag.AlignLeft) -> None:
        painter.setFont(font)
        painter.setPen(QColor(color))
        fm = QFontMetricsF(font)
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


def _count_text(n: int, short: bool = False) -> str:
    """'12.3k params' (`short`: '12.3k')."""
    if n >= 1_000_000:
        count = f"{n / 1e6:.1f}M"
    elif n >= 100_000:
        count = f"{n / 1e3:.0f}k"
    elif n >= 1000:
        count = f"{n / 1e3:.1f}k"
    else:
        count = f"{n:,}"
    return count if short else translate("node_item", "{count} params").format(count=count)


def _as_text(type_name) -> str:
    """The type as painted: a type that is not text (a graph built by code, not the checked
    loader) is shown as its repr, since painting a non-string would abort the process."""
    return type_name if isinstance(type_name, str) else repr(type_name)
