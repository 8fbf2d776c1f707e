"""Shared test helpers."""

from __future__ import annotations

import pytest

from visualnn.core.graph import Graph


def chain(input_shape, *layers, dtype=None) -> Graph:
    """A chain graph: Input(input_shape) -> layers given as (type, params) or type."""
    g = Graph()
    params = {"shape": list(input_shape)}
    if dtype:
        params["dtype"] = dtype
    g.add_node("Input", "x", params)
    prev = "x"
    for i, layer in enumerate(layers):
        type_name, p = (layer, {}) if isinstance(layer, str) else layer
        nid = f"n{i}"
        g.add_node(type_name, nid, p)
        g.connect(prev, nid)
        prev = nid
    return g


@pytest.fixture
def make_chain():
    return chain
