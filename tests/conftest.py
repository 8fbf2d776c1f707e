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


@pytest.fixture(autouse=True)
def english_texts():
    """Every test starts in English whatever the machine's locale; a test may switch with
    set_language (or the `chinese` fixture) and is put back after."""
    from visualnn.core.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def chinese():
    """The core's texts in Simplified Chinese for this test."""
    from visualnn.core.i18n import set_language

    set_language("zh")
    yield "zh"
