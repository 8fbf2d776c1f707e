"""The layer canvas: a QGraphicsScene mirroring the Document's graph and the editor view."""

from visualnn.gui.canvas.clipboard import LAYER_MIME, NODES_MIME
from visualnn.gui.canvas.edge_item import EdgeItem
from visualnn.gui.canvas.node_item import NodeItem
from visualnn.gui.canvas.scene import CanvasScene
from visualnn.gui.canvas.view import CanvasView

__all__ = ["CanvasScene", "CanvasView", "EdgeItem", "NodeItem", "LAYER_MIME", "NODES_MIME"]
