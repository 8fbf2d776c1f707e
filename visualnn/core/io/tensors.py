"""Compact tensors in a project's `state` (the design's encoding).

A tensor of more than COMPACT_ABOVE values is written as
``{"dtype": "float32"|"float64", "shape": [...], "data": "<base64 of little-endian bytes>"}``
(4/3 of the raw size); smaller ones stay nested lists a person can read. Reading decodes
with numpy.frombuffer, never parsing floats one by one in Python.
"""

from __future__ import annotations

import base64

import numpy as np

COMPACT_ABOVE = 4096
_DTYPES = {"float32": "<f4", "float64": "<f8"}


def is_compact(value) -> bool:
    return isinstance(value, dict) and set(value) == {"dtype", "shape", "data"}


def encode_tensor(value):
    """Nested lists (or an array) -> the compact form when larger than COMPACT_ABOVE values,
    else the nested lists unchanged. float32 is chosen when every value is exactly a float32
    (what training writes), so the bits read back are the same."""
    if is_compact(value):
        return value
    arr = np.asarray(value, dtype=np.float64)
    if arr.size <= COMPACT_ABOVE:
        return value if not isinstance(value, np.ndarray) else value.tolist()
    small = arr.astype(np.float32)
    exact32 = np.array_equal(small.astype(np.float64), arr, equal_nan=True)
    out = small if exact32 else arr
    dtype = "float32" if exact32 else "float64"
    raw = np.ascontiguousarray(out, dtype=_DTYPES[dtype]).tobytes()
    return {"dtype": dtype, "shape": list(arr.shape), "data": base64.b64encode(raw).decode("ascii")}


def decode_tensor(value):
    """The compact form -> nested lists (a plain number for shape []); lists pass through."""
    if not is_compact(value):
        return value
    raw = base64.b64decode(value["data"], validate=True)
    arr = np.frombuffer(raw, dtype=_DTYPES[value["dtype"]]).reshape(value["shape"])
    return arr.astype(np.float64).tolist() if value["dtype"] == "float32" else arr.tolist()


def encode_state(state: dict | None) -> dict | None:
    if not state:
        return state
    return {nid: ({p: encode_tensor(v) for p, v in params.items()} if isinstance(params, dict) else params)
            for nid, params in state.items()}


def decode_state(state: dict | None) -> dict | None:
    if not state:
        return state
    return {nid: ({p: decode_tensor(v) for p, v in params.items()} if isinstance(params, dict) else params)
            for nid, params in state.items()}
