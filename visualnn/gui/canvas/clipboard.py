"""Copied layers on the clipboard: node and edge records (as in the project file) as JSON,
under the mime type application/x-visualnn-nodes and as plain text."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from visualnn.core.graph import Graph, GraphError
from visualnn.gui.i18n import translate

NODES_MIME = "application/x-visualnn-nodes"
LAYER_MIME = "application/x-visualnn-layer"  # a palette item being dragged: the type name
FORMAT = "visualnn-nodes"


def records(graph: Graph, ids) -> dict:
    """The nodes `ids` (in graph order) and the edges among them, as plain records."""
    ids = set(ids)
    nodes, edges = graph.to_records()
    return {
        "format": FORMAT,
        "nodes": [n for n in nodes if n["id"] in ids],
        "edges": [e for e in edges if e["from"] in ids and e["to"] in ids],
    }


_CLEARED_AT_EXIT = []


def put(payload: dict) -> None:
    """Put `payload` on the system clipboard. What this process put there is taken back
    when Python exits (before Qt's objects are torn down: data the clipboard still holds
    then would be freed after the application and crash the exit)."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setMimeData(to_mime(payload))
    if not _CLEARED_AT_EXIT:
        import atexit

        atexit.register(_clear)
        _CLEARED_AT_EXIT.append(True)


def _clear() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()


def to_mime(payload: dict) -> QMimeData:
    text = json.dumps(payload, indent=1)
    mime = QMimeData()
    mime.setData(NODES_MIME, text.encode("utf-8"))
    mime.setText(text)
    return mime


def from_mime(mime: QMimeData | None) -> dict:
    """The records on the clipboard; ValueError with a one-line reason when there are none."""
    if mime is None:
        raise ValueError(translate("clipboard", "the clipboard is empty"))
    if mime.hasFormat(NODES_MIME):
        text = bytes(mime.data(NODES_MIME).data()).decode("utf-8", "replace")
    elif mime.hasText():
        text = mime.text()
    else:
        raise ValueError(translate("clipboard", "the clipboard holds no layers"))
    return parse(text)


def parse(text: str) -> dict:
    try:
        payload = json.loads(text)
    except ValueError:
        raise ValueError(translate("clipboard", "the clipboard holds no layers (not visualnn JSON)")) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("nodes"), list):
        raise ValueError(translate("clipboard", "the clipboard holds no layers (no \"nodes\" list)"))
    edges = payload.get("edges", [])
    if not isinstance(edges, list):
        raise ValueError(translate("clipboard", "the clipboard's \"edges\" must be a list"))
    try:
        Graph.from_records(payload["nodes"], edges)
    except GraphError as e:
        raise ValueError(translate("clipboard", "the clipboard's layers are broken: {e}").format(e=e)) from None
    if not payload["nodes"]:
        raise ValueError(translate("clipboard", "the clipboard holds no layers"))
    return {"nodes": payload["nodes"], "edges": edges}
