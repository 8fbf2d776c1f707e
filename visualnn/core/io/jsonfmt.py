"""JSON text that a person can read and diff: objects indented, arrays of numbers on one line.

Floats are written with repr, the shortest text that reads back to the same float, so a
state written and read again is bit-exact."""

from __future__ import annotations

import json


def _is_flat(value) -> bool:
    return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)


def _is_matrix(value) -> bool:
    return isinstance(value, list) and value and all(isinstance(v, list) for v in value) and all(
        _is_flat(v) or _is_matrix(v) for v in value
    )


def dumps(value, indent: int = 0, step: int = 2) -> str:
    pad, inner = " " * indent, " " * (indent + step)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, indent + step)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if _is_flat(value) or _is_matrix(value):
            return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        if all(isinstance(v, dict) and len(json.dumps(v)) < 100 for v in value):
            return "[\n" + ",\n".join(inner + json.dumps(v, ensure_ascii=False) for v in value) + "\n" + pad + "]"
        return "[\n" + ",\n".join(inner + dumps(v, indent + step) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)
