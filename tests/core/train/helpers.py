"""Small projects for the training tests."""

from __future__ import annotations

from visualnn.core.io.project import project_from_dict


def project(layers, data, input_shape=(2,), dtype=None, edges=None, **train):
    """A project with Input `x` then `layers` [(id, type, params)] in a chain (or `edges`)."""
    params = {"shape": list(input_shape)}
    if dtype:
        params["dtype"] = dtype
    nodes = [{"id": "x", "type": "Input", "params": params}]
    nodes += [{"id": nid, "type": typ, "params": p} for nid, typ, p in layers]
    if edges is None:
        ids = [n["id"] for n in nodes]
        edges = list(zip(ids, ids[1:]))
    cfg = {"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.1, "batch_size": 8, "epochs": 2, "seed": 0,
           "device": "cpu", "test_fraction": 0.25}
    cfg.update(train)
    return project_from_dict({"format": "visualnn", "version": 1, "name": "t", "nodes": nodes,
                              "edges": [{"from": a, "to": b} for a, b in edges], "data": data, "train": cfg})


def spiral(samples=80):
    return {"kind": "builtin", "name": "spiral", "params": {"samples": samples, "noise": 0.1}}


def mlp(hidden=6, out=2, act="Tanh", data=None, **train):
    return project([("fc1", "Linear", {"out_features": hidden}), ("act1", act, {}),
                    ("out", "Linear", {"out_features": out})], data or spiral(), **train)


def plane_relu(**train):
    data = {"kind": "builtin", "name": "plane", "params": {"samples": 80, "noise": 0.0}}
    return project([("fc1", "Linear", {"out_features": 8}), ("act1", "ReLU", {}),
                    ("fc2", "Linear", {"out_features": 8}), ("act2", "ReLU", {}),
                    ("out", "Linear", {"out_features": 1})], data, **{"loss": "mse", **train})
