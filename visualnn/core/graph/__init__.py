"""The layer graph: registry of layer types, the Graph model, validation."""

from visualnn.core.graph.model import Edge, Graph, GraphError, GraphEvent, Node, id_problem
from visualnn.core.graph.registry import GROUPS, REGISTRY, by_group, get_spec, layer_types
from visualnn.core.graph.spec import LayerSpec, ParamError, ParamSpec, ShapeError
from visualnn.core.graph.validate import (
    ConnectError, Problem, Report, can_connect, check_connect, check_graph, param_count, problems,
)

__all__ = [
    "Edge", "Graph", "GraphError", "GraphEvent", "Node", "id_problem", "GROUPS", "REGISTRY",
    "by_group", "get_spec", "layer_types", "LayerSpec", "ParamError", "ParamSpec", "ShapeError",
    "ConnectError", "Problem", "Report", "can_connect", "check_connect", "check_graph",
    "param_count", "problems",
]
