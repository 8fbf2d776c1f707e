"""Export a project as a standalone PyTorch script, and read exported weights back.

    export_python(project, "model.py")   # -> [model.py, model.pt (weights), model_data.npz]
    import_state_dict(project, "model_trained.pt")  # -> the project's `state`

The script needs only torch and numpy (scikit-learn for its bundled sets). Its network class
has one attribute per node, named by the node id, so its `state_dict()` keys equal the
compiled GraphModule's (`<node id>.<parameter>`) and weights load into either.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from visualnn.core.io import atomic

from visualnn.core.io.pycode_data import data_source, unavailable_source
from visualnn.core.io.pycode_model import class_name, helpers_for, init_lines, model_source
from visualnn.core.io.pycode_train import (
    BUILD, HALF_SSE, HEADER, LOSSES, SETTINGS, TRAIN, fill, optimizer_call,
)

from visualnn.core.i18n import pick, tr


class ExportError(ValueError):
    """The project cannot be exported; one line naming the node, layer type or setting."""


def _check(project):
    """(report, config, compiled module) of a valid project, or ExportError."""
    from visualnn.core.compile.module import StateError, compile_graph
    from visualnn.core.graph.validate import check_graph
    from visualnn.core.train.config import ConfigError, TrainConfig

    report = check_graph(project.graph)
    if report.problems:
        more = tr(" (and {value} more)", value=len(report.problems) - 1) if len(report.problems) > 1 else ""
        raise ExportError(tr("cannot export: {problems}{more}", problems=report.problems[0], more=more))
    try:
        cfg = TrainConfig.from_dict(project.train)
    except ConfigError as e:
        raise ExportError(tr("cannot export: {e}", e=e)) from None
    try:
        module = compile_graph(project.graph, project.state, seed=cfg.seed)
    except StateError as e:
        raise ExportError(tr("cannot export: {e}", e=e)) from None
    return report, cfg, module


def _dataset(project, cfg, module):
    """(dataset or None, why not) for the project's data, read as visualnn reads it to train."""
    from visualnn.core.data import DataError, load_dataset
    from visualnn.core.train.targets import TrainingError, check_fit, data_task

    try:
        ds = load_dataset(project.data or {}, seed=cfg.seed, test_fraction=cfg.test_fraction,
                          base_dir=project.base_dir, task=data_task(cfg.loss, project.data or {}))
        check_fit(module, ds, cfg.loss)
    except (DataError, TrainingError) as e:
        return None, str(e)
    return ds, None


def export_python(project, path) -> list[Path]:
    """Write the project as a PyTorch script at `path`; returns the files written: the
    script, `<stem>.pt` (the weights, when the project has a `state`) and
    `<stem>_data.npz` (the data arrays, for data the script cannot rebuild itself).
    Raises ExportError for an invalid project."""
    import numpy as np
    import torch

    path = Path(path)
    report, cfg, module = _check(project)
    graph = project.graph
    name = class_name(pick(project.name, "en"))
    used = {graph.nodes[nid].type for nid in report.order}
    weights = path.with_name(path.stem + ".pt") if project.state else None
    trained = path.stem + "_trained.pt"

    ds, why = _dataset(project, cfg, module)
    arrays = None
    if ds is None:
        data_src = unavailable_source(why)
    else:
        data_src, arrays = data_source(project, ds, path)

    title = " ".join((project.title).replace("\\", "/").replace('"', "'").replace("@", "").split())
    values = {
        "TITLE": title, "NEEDS": "torch, numpy and scikit-learn" if "sklearn" in data_src else "only torch and numpy",
        "MODULE": path.stem, "FILE": path.name, "TRAINED": trained,
        "WEIGHTS_NOTE": f"  # with the weights in {weights.name}" if weights else "", "SEED": cfg.seed,
        "WEIGHTS": f"HERE / {weights.name!r}" if weights else "None  # the project had no weights: build from SEED",
    }
    out_shape = tuple(module.shapes[module.output_id])
    settings = {
        "LOSS": repr(cfg.loss), "EPOCHS": cfg.epochs, "BATCH_SIZE": cfg.batch_size, "LR": repr(float(cfg.lr)),
        "TEST_FRACTION": repr(float(cfg.test_fraction)), "L1": repr(float(cfg.l1)),
        "DEVICE": repr(cfg.device), "TASK": repr(ds.task if ds is not None else None),
        "OUTPUT_SHAPE": repr(out_shape),
    }
    train = {"LOSS_CALL": LOSSES[cfg.loss], "OPTIMIZER": optimizer_call(cfg),
             "DESCRIPTION": repr(f"Train {title} (one process, or several under torchrun)."),
             "TRAINED_NAME": repr(trained)}
    parts = [fill(HEADER, values).rstrip("\n")]
    parts += helpers_for(used, with_init=bool(init_lines(graph, report.order)))
    parts.append(model_source(graph, report, name))
    parts.append(fill(BUILD, {"CLASS": name}).strip("\n"))
    parts.append(fill(SETTINGS, settings).strip("\n"))
    if cfg.loss == "half_sse":
        parts.append(HALF_SSE.strip("\n"))
    parts.append(data_src)
    parts.append(fill(TRAIN, train).strip("\n"))
    text = "\n\n\n".join(parts) + "\n"

    path.parent.mkdir(parents=True, exist_ok=True)
    written = [path]
    atomic.write_text(path, text)
    if weights is not None:
        tensors = {k: v.detach().cpu().clone() for k, v in module.state_dict().items()}
        atomic.write_with(weights, lambda tmp: torch.save(tensors, tmp))
        written.append(weights)
    if arrays is not None:
        npz = path.with_name(path.stem + "_data.npz")

        def put(tmp):
            with open(tmp, "wb") as f:
                np.savez_compressed(f, **arrays)

        atomic.write_with(npz, put)
        written.append(npz)
    return written


def import_state_dict(project, pt_path) -> dict:
    """Read a state dict file (torch.save of `model.state_dict()`, e.g. from an exported
    script) and return it as the project's `state` ({node id: {parameter: nested lists}}).

    Loaded with weights_only=True (no code runs). Every key must be `<node id>.<parameter>`
    of this project's network with the same shape, and every parameter must be there;
    otherwise StateError names the node and parameter. Keys saved from a
    DistributedDataParallel wrapper (`module.` prefix) are accepted."""
    import torch

    from visualnn.core.compile.module import CompileError, StateError, compile_graph

    path = Path(pt_path)
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise StateError(tr("{path}: no such file", path=path)) from None
    except IsADirectoryError:
        raise StateError(tr("{path}: is a folder, not a weights file", path=path)) from None
    except pickle.UnpicklingError as e:
        if "global" in str(e):  # a class or function: refused by weights_only
            raise StateError(tr("{path}: holds more than tensors (only a plain state dict is read)", path=path)) from None
        raise StateError(tr("{path}: not a PyTorch weights file (it cannot be read as one)", path=path)) from None
    except Exception as e:  # a broken or foreign file: torch raises many kinds
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise StateError(tr("{path}: not a PyTorch weights file ({first})", path=path, first=first)) from None
    if not isinstance(obj, dict) or not obj:
        raise StateError(tr("{path}: not a state dict (expected a dict of tensors by name)", path=path))
    if all(isinstance(k, str) and k.startswith("module.") for k in obj):
        obj = {k[len("module."):]: v for k, v in obj.items()}
    try:
        module = compile_graph(project.graph)
    except CompileError as e:
        raise StateError(tr("cannot read weights into this project: {e}", e=e)) from None
    own = module.state_dict()
    state: dict[str, dict] = {}
    for key, value in obj.items():
        if not isinstance(key, str) or "." not in key:
            raise StateError(tr("{name}: entry {key!r} is not named <node id>.<parameter>", name=path.name, key=key))
        nid, pname = module.split_key(key)
        if nid not in module.names:
            raise StateError(tr("node {nid}: {name} has weights ({key}) for a node this network does not have", nid=nid, name=path.name, key=key))
        key = module.state_key(nid, pname)
        if key not in own:
            names = sorted(module.split_key(k)[1] for k in own if module.split_key(k)[0] == nid)
            raise StateError(tr("node {nid}: no parameter '{pname}' (it has: {value})", nid=nid, pname=pname, value=', '.join(names) or 'none'))
        if not torch.is_tensor(value):
            raise StateError(tr("node {nid}: {pname} in {name} is not a tensor", nid=nid, pname=pname, name=path.name))
        want = tuple(own[key].shape)
        if tuple(value.shape) != want:
            raise StateError(tr("node {nid}: {pname} has shape {shape} in {name}, the layer needs {want}", nid=nid, pname=pname, shape=list(value.shape), name=path.name, want=list(want)))
        value = value.detach().to(own[key].dtype)
        if value.is_floating_point() and not bool(torch.isfinite(value).all()):
            raise StateError(tr("node {nid}: {pname} in {name} holds NaN or infinite values", nid=nid, pname=pname, name=path.name))
        state.setdefault(nid, {})[pname] = value.tolist()
    given = {module.state_key(*module.split_key(k)) for k in obj}
    missing = [k for k in own if k not in given]
    if missing:
        nid, pname = module.split_key(missing[0])
        more = tr(" (and {value} more)", value=len(missing) - 1) if len(missing) > 1 else ""
        raise StateError(tr("node {nid}: {pname} is missing from {name}{more}", nid=nid, pname=pname, name=path.name, more=more))
    return {nid: state[nid] for nid in module.node_ids() if nid in state}


__all__ = ["ExportError", "export_python", "import_state_dict"]
