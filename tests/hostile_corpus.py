"""A corpus of hostile project files, generated: every field with wrong types, non-finite
numbers, huge sizes, deep nesting, special files and decompression bombs.

`build(folder)` writes the files and returns the cases as (name, path, special) where
`special` marks the cases that could hang or crash a process if a guard failed (run them
in a child process with a timeout).
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import struct
import zlib
from pathlib import Path

NAN, INF = float("nan"), float("inf")

BASE = {
    "format": "visualnn", "version": 1, "name": "hostile base",
    "nodes": [
        {"id": "x", "type": "Input", "params": {"shape": [2]}, "pos": [0, 0]},
        {"id": "fc", "type": "Linear", "params": {"out_features": 3}, "pos": [200, 0]},
        {"id": "act", "type": "ReLU"},
        {"id": "out", "type": "Linear", "params": {"out_features": 2}},
    ],
    "edges": [{"from": "x", "to": "fc"}, {"from": "fc", "to": "act"}, {"from": "act", "to": "out"}],
    "data": {"kind": "table", "inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]},
    "train": {"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.1, "batch_size": 2, "epochs": 1,
              "seed": 0, "device": "cpu", "test_fraction": 0.0},
}

# Values every field is tried with: wrong types, non-finite numbers, huge and negative sizes.
VALUES = [None, True, "abc", "", [], {}, [1, 2], {"a": 1}, NAN, INF, -INF, 10**30, 10**12, -1, 0, 1.5,
          [[1]], "x" * 5000]

# Where each value is put: a path of keys into BASE (a missing last key is added).
FIELDS = [
    ("format",), ("version",), ("name",), ("nodes",), ("edges",), ("data",), ("train",), ("state",),
    ("nodes", 0), ("nodes", 1, "id"), ("nodes", 1, "type"), ("nodes", 1, "params"),
    ("nodes", 1, "pos"), ("nodes", 1, "init"), ("nodes", 1, "params", "out_features"),
    ("nodes", 0, "params", "shape"), ("nodes", 1, "params", "bias"), ("nodes", 2, "extra_key"),
    ("edges", 0), ("edges", 0, "from"), ("edges", 0, "to"),
    ("data", "kind"), ("data", "inputs"), ("data", "targets"), ("data", "params"), ("data", "name"),
    ("data", "path"),
    ("train", "loss"), ("train", "optimizer"), ("train", "lr"), ("train", "batch_size"),
    ("train", "epochs"), ("train", "seed"), ("train", "device"), ("train", "test_fraction"),
    ("train", "momentum"), ("train", "nesterov"), ("train", "weight_decay"), ("train", "betas"),
    ("lesson",), ("runs",),
]


def _set(doc, path, value):
    target = doc
    for key in path[:-1]:
        target = target[key]
    if isinstance(target, list) and path[-1] >= len(target):
        target.append(value)
    else:
        target[path[-1]] = value


def _dump(doc) -> str:
    return json.dumps(doc, allow_nan=True)


def _with(**changes) -> dict:
    doc = copy.deepcopy(BASE)
    doc.update(changes)
    return doc


def _png_bomb(path: Path, side: int = 30000) -> None:
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    body = zlib.compress(b"\0" * (side + 1) * 2000, 9)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def _graph_docs() -> dict[str, dict]:
    """Graphs that are hostile by their size or their ids."""
    docs = {}
    chain = [{"id": "x", "type": "Input", "params": {"shape": [4]}}]
    edges = []
    for i in range(1000):
        chain.append({"id": f"l{i}", "type": "ReLU"})
        edges.append({"from": chain[-2]["id"], "to": f"l{i}"})
    docs["chain_1000_layers"] = _with(nodes=chain, edges=edges, data={"kind": "table", "inputs": [[0, 0, 0, 0]],
                                                                       "targets": [[0, 0, 0, 0]]},
                                      train=dict(BASE["train"], loss="mse"))
    loose = [{"id": "x", "type": "Input", "params": {"shape": [2]}}] + [
        {"id": f"u{i}", "type": "ReLU"} for i in range(10000)]
    docs["unconnected_10000_layers"] = _with(nodes=loose, edges=[])
    big = copy.deepcopy(BASE)
    big["nodes"][0]["params"]["shape"] = [100000]
    big["nodes"][1]["params"]["out_features"] = 100000
    docs["ten_billion_weights"] = big
    for bad in ("__class__", "_modules", "forward", "register_buffer", "__init__", "training"):
        doc = copy.deepcopy(BASE)
        doc["nodes"][1]["id"] = bad
        doc["edges"] = [{"from": "x", "to": bad}, {"from": bad, "to": "act"}, {"from": "act", "to": "out"}]
        docs[f"id_{bad}"] = doc
    for t in (None, 3, 1.5, [], {}, "", "Linear" * 100):
        doc = copy.deepcopy(BASE)
        doc["nodes"][2]["type"] = t
        docs[f"type_{json.dumps(t)[:20]}"] = doc
    cyc = copy.deepcopy(BASE)
    cyc["edges"].append({"from": "out", "to": "fc"})
    docs["cycle"] = cyc
    docs["duplicate_ids"] = _with(nodes=BASE["nodes"] + [BASE["nodes"][1]])
    docs["edge_to_nowhere"] = _with(edges=BASE["edges"] + [{"from": "x", "to": "nowhere"}])
    docs["two_inputs"] = _with(nodes=BASE["nodes"] + [{"id": "y", "type": "Input", "params": {"shape": [2]}}])
    docs["billion_classes"] = _with(data={"kind": "table", "inputs": [[0, 0], [1, 1]], "targets": [[0], [10**9]]})
    docs["table_text_cells"] = _with(data={"kind": "table", "inputs": [["a", "b"], [1, 1]], "targets": [[0], [1]]})
    docs["table_ragged"] = _with(data={"kind": "table", "inputs": [[0], [1, 1]], "targets": [[0], [1]]})
    docs["state_wrong_shape"] = _with(state={"fc": {"weight": [[1.0]]}})
    docs["state_unknown_node"] = _with(state={"ghost": {"weight": [[1.0]]}})
    docs["state_text"] = _with(state={"fc": {"weight": "abc"}})
    docs["state_nan"] = _with(state={"fc": {"weight": [[NAN, 1.0]] * 3, "bias": [INF, 0.0, 0.0]}})
    docs["state_compact_bad_length"] = _with(state={"fc": {"weight": {"dtype": "float32", "shape": [3, 2],
                                                                       "data": "AAAA"}}})
    docs["state_compact_huge_shape"] = _with(state={"fc": {"weight": {"dtype": "float32", "shape": [10**6, 10**6],
                                                                       "data": ""}}})
    docs["state_compact_bad_dtype"] = _with(state={"fc": {"weight": {"dtype": "object", "shape": [1], "data": ""}}})
    docs["builtin_unknown"] = _with(data={"kind": "builtin", "name": "nope"})
    docs["builtin_huge_samples"] = _with(data={"kind": "builtin", "name": "spiral", "params": {"samples": 10**12}})
    docs["csv_missing"] = _with(data={"kind": "csv", "path": "missing.csv", "target": "y"})
    docs["images_missing"] = _with(data={"kind": "images", "path": "nowhere"})
    return docs


def _raw_texts() -> dict[str, bytes]:
    return {
        "nested_200000": ("[" * 200000 + "]" * 200000).encode(),
        "nested_objects_100000": ('{"a":' * 100000 + "1" + "}" * 100000).encode(),
        "number_4300_digits": _dump(_with(train=dict(BASE["train"], seed=1))).replace(
            '"seed": 1', '"seed": ' + "9" * 4300).encode(),
        "number_5000_digits": ('{"format": "visualnn", "version": 1, "x": ' + "9" * 5000 + "}").encode(),
        "exponent_1e999": _dump(BASE).replace('"lr": 0.1', '"lr": 1e999').encode(),
        "empty": b"",
        "whitespace": b"   \n",
        "binary": bytes(range(256)) * 4,
        "utf16": _dump(BASE).encode("utf-16"),
        "bom": b"\xef\xbb\xbf" + _dump(BASE).encode(),
        "truncated": _dump(BASE)[:-40].encode(),
        "not_object": b"[1, 2, 3]",
        "null": b"null",
        "string": b'"visualnn"',
        "newer_version": _dump(_with(version=99)).encode(),
        "wrong_format": _dump(_with(format="other")).encode(),
        "long_line": _dump(_with(name="n" * 2_000_000)).encode(),
    }


def build(folder) -> list[tuple[str, Path, bool]]:
    """Write the corpus into `folder`; returns [(name, path, special)]."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[tuple[str, Path, bool]] = []

    def add(name: str, content, special: bool = False) -> Path:
        path = folder / f"{name}.vnn"
        path.write_bytes(content if isinstance(content, bytes) else _dump(content).encode())
        cases.append((name, path, special))
        return path

    for field in FIELDS:
        for i, value in enumerate(VALUES):
            doc = copy.deepcopy(BASE)
            _set(doc, field, value)
            add("field_" + "_".join(map(str, field)) + f"_{i}", doc)
    for name, doc in _graph_docs().items():
        add(name, doc)
    for name, raw in _raw_texts().items():
        add(name, raw)

    # special files and bombs, as projects or as their data
    fifo = folder / "fifo.vnn"
    os.mkfifo(fifo)
    cases.append(("project_is_fifo", fifo, True))
    data_fifo = folder / "data.fifo"
    os.mkfifo(data_fifo)
    add("csv_is_fifo", _with(data={"kind": "csv", "path": str(data_fifo), "target": "y"}), True)
    add("csv_is_dev_zero", _with(data={"kind": "csv", "path": "/dev/zero", "target": "y"}), True)
    add("idx_is_dev_zero", _with(data={"kind": "idx", "images": "/dev/zero", "labels": "/dev/zero"}), True)
    add("idx_is_fifo", _with(data={"kind": "idx", "images": str(data_fifo), "labels": str(data_fifo)}), True)
    bomb = folder / "bomb-images.idx.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        f.write(struct.pack(">BBBB", 0, 0, 8, 3) + struct.pack(">3I", 60000, 1000, 1000))
        chunk = b"\0" * 10_000_000
        for _ in range(10):
            f.write(chunk)
    labels = folder / "labels.idx"
    labels.write_bytes(struct.pack(">BBBB", 0, 0, 8, 1) + struct.pack(">I", 2) + b"\0\1")
    add("idx_gzip_bomb", _with(data={"kind": "idx", "images": str(bomb), "labels": str(labels)}), True)
    bomb2 = folder / "bomb-small-header.idx.gz"
    with gzip.open(bomb2, "wb", compresslevel=9) as f:  # a modest header, a huge tail
        f.write(struct.pack(">BBBB", 0, 0, 8, 3) + struct.pack(">3I", 2, 2, 2) + b"\0" * 8)
        for _ in range(10):
            f.write(chunk)
    add("idx_gzip_tail", _with(data={"kind": "idx", "images": str(bomb2), "labels": str(labels)}), True)
    images = folder / "pictures"
    for cls in ("a", "b"):
        (images / cls).mkdir(parents=True)
        _png_bomb(images / cls / "bomb.png")
    add("png_bomb_30000", _with(data={"kind": "images", "path": str(images), "size": [8, 8]},
                                nodes=[{"id": "x", "type": "Input", "params": {"shape": [1, 8, 8]}},
                                       {"id": "f", "type": "Flatten"},
                                       {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
                                edges=[{"from": "x", "to": "f"}, {"from": "f", "to": "out"}]), True)
    return cases
