"""The schema of each section of a `.vnn` (see `schema`): nodes, edges, data, train, state.

Every check raises SchemaError naming the field (`nodes[3].pos`, `train.batch_size`), the
value and what is allowed. Layer parameters are checked for JSON shape here (numbers,
texts, short lists); their ranges are the layer's own and are reported by validation on
the node, so a project with a wrong layer setting still opens to be fixed.
"""

from __future__ import annotations

import math

from visualnn.core.i18n import tr
from visualnn.core.io.schema import (
    MAX_BATCH, MAX_COORD, MAX_EDGES, MAX_EPOCHS, MAX_ID_CHARS, MAX_NODES, MAX_SEED, MAX_STATE_VALUES,
    MAX_TABLE_VALUES, Said, SchemaError, _is_number, _where, need_choice,
    need_number, need_text, need_type,
)

INIT_SCHEMES = ("default", "zeros", "constant", "normal", "uniform", "xavier_uniform", "xavier_normal",
                "kaiming_uniform", "kaiming_normal", "orthogonal")
TENSOR_DTYPES = ("float32", "float64")


def _list(value, path: str, limit: int, what: str) -> list:
    need_type(value, path, (list,), tr("a list of {what}", what=what))
    if len(value) > limit:
        raise SchemaError(path, Said(tr("{n} entries", n=len(value))), tr("at most {n} entries", n=limit))
    return value


def _param_value(value, path: str, depth: int = 0) -> None:
    """A layer parameter: null, true/false, a number, a short text or a short list of those."""
    if value is None or isinstance(value, (bool, int, float)):
        return
    if isinstance(value, str):
        need_text(value, path, 1000)
        return
    if isinstance(value, list) and depth < 2 and len(value) <= 64:
        for i, v in enumerate(value):
            _param_value(v, _where(path, i), depth + 1)
        return
    raise SchemaError(path, value, tr("a number, true/false, a text or a short list of numbers"))


def check_nodes(nodes) -> None:
    _list(nodes, "nodes", MAX_NODES, tr("layers"))
    for i, rec in enumerate(nodes):
        where = f"nodes[{i}]"
        need_type(rec, where, (dict,), tr("an object with an id and a type"))
        for key in ("id", "type"):
            if key not in rec:
                raise SchemaError(where, rec, tr("an object with an id and a type"))
            need_type(rec[key], f"{where}.{key}", (str,), tr("a text"))
            if not rec[key] or len(rec[key]) > MAX_ID_CHARS:
                raise SchemaError(f"{where}.{key}", rec[key], tr("a text of 1 to {n} characters", n=MAX_ID_CHARS))
        params = rec.get("params")
        if params is not None:
            need_type(params, f"{where}.params", (dict,), tr("an object of parameter values"))
            for k, v in params.items():
                _param_value(v, f"{where}.params.{k}")
        pos = rec.get("pos")
        if pos is not None:
            allowed = tr("[x, y]: two numbers between {lo} and {hi}", lo=-int(MAX_COORD), hi=int(MAX_COORD))
            if not isinstance(pos, list) or len(pos) != 2 or not all(
                    _is_number(v) and math.isfinite(v) and abs(v) <= MAX_COORD for v in pos):
                raise SchemaError(f"{where}.pos", pos, allowed)
        if "init" in rec:
            _check_init(rec["init"], f"{where}.init")


def _check_init(init, where: str) -> None:
    need_type(init, where, (dict,), tr("an object with a scheme"))
    if "scheme" in init:
        need_choice(init["scheme"], f"{where}.scheme", INIT_SCHEMES)
    for key, value in init.items():
        if key in ("mode", "nonlinearity"):  # Kaiming's choices: names, checked by validation at the node
            need_text(value, f"{where}.{key}", 100)
        elif key != "scheme":
            need_number(value, f"{where}.{key}")


def check_edges(edges) -> None:
    _list(edges, "edges", MAX_EDGES, tr("connections"))
    for i, rec in enumerate(edges):
        where = f"edges[{i}]"
        if not isinstance(rec, dict) or "from" not in rec or "to" not in rec:
            raise SchemaError(where, rec, tr("an object with 'from' and 'to'"))
        for end in ("from", "to"):
            need_type(rec[end], f"{where}.{end}", (str,), tr("the id of a layer"))
            if len(rec[end]) > MAX_ID_CHARS:
                raise SchemaError(f"{where}.{end}", rec[end], tr("a text of 1 to {n} characters", n=MAX_ID_CHARS))


def check_data(data) -> None:
    need_type(data, "data", (dict,), tr("an object with a 'kind'"))
    if "kind" in data:
        need_type(data["kind"], "data.kind", (str,), tr("a text"))
        if len(data["kind"]) > 100:
            raise SchemaError("data.kind", data["kind"], tr("a text of at most {n} characters", n=100))
    for key in ("name", "path", "target", "text", "label", "x", "y", "tokens", "input_dtype", "images", "labels",
                "test_images", "test_labels", "delimiter", "color", "resize"):
        if key in data and data[key] is not None and not (key == "target" and _is_number(data[key])):
            need_type(data[key], f"data.{key}", (str,), tr("a text"))
            if len(data[key]) > 4096:
                raise SchemaError(f"data.{key}", data[key], tr("a text of at most {n} characters", n=4096))
    if "params" in data:
        need_type(data["params"], "data.params", (dict,), tr("an object of parameter values"))
        for k, v in data["params"].items():
            _param_value(v, f"data.params.{k}")
    if "features" in data:
        for i, f in enumerate(_list(data["features"], "data.features", 64, tr("feature names"))):
            need_type(f, f"data.features[{i}]", (str,), tr("a feature name"))
    if data.get("kind") == "table":
        total = 0
        for key in ("inputs", "targets"):
            rows = data.get(key)
            if rows is None:
                continue
            _list(rows, f"data.{key}", MAX_TABLE_VALUES, tr("rows"))
            total += _count_numbers(rows, f"data.{key}")
            if total > MAX_TABLE_VALUES:
                raise SchemaError(f"data.{key}", Said(tr("{n} values", n=total)),
                                  tr("at most {n} values in an inline table", n=f"{MAX_TABLE_VALUES:,}"))


def _count_numbers(rows, path: str) -> int:
    """Values in a table's rows; every one must be a number."""
    n, stack = 0, [(rows, path)]
    while stack:
        v, p = stack.pop()
        if isinstance(v, list):
            stack.extend((x, _where(p, i)) for i, x in enumerate(v))
        elif _is_number(v):
            n += 1
        else:
            raise SchemaError(p, v, tr("a number"))
    return n


TRAIN_TEXTS = {"loss": "LOSSES", "optimizer": "OPTIMIZERS", "device": "DEVICES"}


def check_train(train) -> None:
    from visualnn.core.train import config

    need_type(train, "train", (dict,), tr("an object of training settings"))
    for key, names in TRAIN_TEXTS.items():
        if key in train:
            need_choice(train[key], f"train.{key}", getattr(config, names))
    ranges = {  # key: (lo, hi, whole, low_open)
        "lr": (0, 1e6, False, True), "batch_size": (1, MAX_BATCH, True, False),
        "epochs": (0, MAX_EPOCHS, True, False), "seed": (0, MAX_SEED, True, False),
        "test_fraction": (0, 0.9, False, False), "momentum": (0, 1e6, False, False),
        "weight_decay": (0, 1e6, False, False), "l1": (0, 1e6, False, False), "eps": (0, 1, False, True),
    }
    for key, (lo, hi, whole, low_open) in ranges.items():
        if key in train:
            need_number(train[key], f"train.{key}", lo, hi, whole, low_open)
    if "nesterov" in train:
        need_type(train["nesterov"], "train.nesterov", (bool,), tr("true or false"))
    if "betas" in train:
        betas = train["betas"]
        if not isinstance(betas, list) or len(betas) != 2 or not all(
                _is_number(b) and 0 <= b < 1 for b in betas):
            raise SchemaError("train.betas", betas, tr("two numbers from 0 up to 1, like [0.9, 0.999]"))
    try:
        config.TrainConfig.from_dict(train)
    except (config.ConfigError, TypeError) as e:
        raise SchemaError("train", train, str(e)) from None


def tensor_size(value, path: str) -> int:
    """Values of one `state` tensor (nested lists or the compact form); raises SchemaError."""
    if isinstance(value, dict):
        return _compact_size(value, path)
    if _is_number(value):
        return 1
    need_type(value, path, (list,), tr("numbers as nested lists, or a compact tensor"))
    import numpy as np

    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        raise SchemaError(path, value, tr("numbers as nested lists of equal lengths")) from None
    return int(arr.size)


def _compact_size(value: dict, path: str) -> int:
    allowed = tr('{"dtype": "float32" or "float64", "shape": [...], "data": "<base64>"}')  # no fields: not formatted
    if set(value) != {"dtype", "shape", "data"} or value["dtype"] not in TENSOR_DTYPES \
            or not isinstance(value["shape"], list) or not isinstance(value["data"], str) \
            or not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= MAX_STATE_VALUES
                       for d in value["shape"]):
        raise SchemaError(path, value, allowed)
    size = math.prod(value["shape"])
    if size > MAX_STATE_VALUES:
        raise SchemaError(f"{path}.shape", value["shape"], tr("at most {n} values", n=f"{MAX_STATE_VALUES:,}"))
    nbytes = size * (4 if value["dtype"] == "float32" else 8)
    if len(value["data"]) != 4 * ((nbytes + 2) // 3):
        raise SchemaError(f"{path}.data", value["data"],
                          tr("the base64 of {n} bytes (the shape times the dtype's size)", n=nbytes))
    return size


def check_state(state) -> None:
    need_type(state, "state", (dict,), tr("an object of parameters by layer id"))
    total = 0
    for nid, params in state.items():
        where = f"state.{nid}"
        need_type(params, where, (dict,), tr("an object of tensors by parameter name"))
        for pname, value in params.items():
            total += tensor_size(value, f"{where}.{pname}")
            if total > MAX_STATE_VALUES:
                raise SchemaError(where, Said(tr("{n} values", n=total)), tr("at most {n} values", n=f"{MAX_STATE_VALUES:,}"))
