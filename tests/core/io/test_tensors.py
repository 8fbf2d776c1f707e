"""Compact tensors in `state`: base64 of little-endian bytes above 4,096 values."""

import json

import numpy as np

from visualnn.core.graph import Graph
from visualnn.core.io import dumps_project, load_project, save_project
from visualnn.core.io.project import Project
from visualnn.core.io.tensors import COMPACT_ABOVE, decode_tensor, encode_tensor


def test_small_tensors_stay_lists_and_large_ones_are_compact():
    small = [[0.5, 1.0], [2.0, 3.0]]
    assert encode_tensor(small) == small
    big = np.arange(COMPACT_ABOVE + 1, dtype=np.float32).reshape(-1, 1).tolist()
    enc = encode_tensor(big)
    assert enc["dtype"] == "float32" and enc["shape"] == [COMPACT_ABOVE + 1, 1]
    assert len(enc["data"]) <= 1.4 * 4 * (COMPACT_ABOVE + 1)
    assert decode_tensor(enc) == big


def test_float64_values_keep_every_bit():
    values = (np.random.default_rng(0).standard_normal(5000) * 1e-3).tolist()
    enc = encode_tensor(values)
    assert enc["dtype"] == "float64"
    assert decode_tensor(enc) == values


def test_project_round_trip_with_a_large_layer(tmp_path):
    g = Graph()
    g.add_node("Input", "x", {"shape": [300]})
    g.add_node("Linear", "fc", {"out_features": 200})
    g.connect("x", "fc")
    w = np.random.default_rng(1).standard_normal((200, 300)).astype(np.float32)
    state = {"fc": {"weight": w.tolist(), "bias": [0.25] * 200}}
    project = Project(graph=g, state=state, data={"kind": "builtin", "name": "spiral"})
    text = dumps_project(project)
    doc = json.loads(text)
    assert isinstance(doc["state"]["fc"]["weight"], dict)     # 60,000 values: compact
    assert doc["state"]["fc"]["bias"] == [0.25] * 200          # 200 values: readable
    assert len(text) < 1.4 * w.nbytes + 20_000
    save_project(project, tmp_path / "big.vnn")
    back = load_project(tmp_path / "big.vnn")
    assert np.array_equal(np.asarray(back.state["fc"]["weight"], dtype=np.float32), w)
    assert back.state["fc"]["bias"] == [0.25] * 200
