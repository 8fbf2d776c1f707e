"""From a project or plain arrays to what one traced update needs: the float64 model copy,
the input batch, the targets as the loss takes them, and the chosen training samples."""

from __future__ import annotations

import copy

import numpy as np
import torch

from visualnn.core.backprop.errors import TraceError
from visualnn.core.i18n import tr


def config(train_cfg):
    from visualnn.core.train.config import ConfigError, TrainConfig

    if isinstance(train_cfg, TrainConfig):
        return train_cfg
    try:
        return TrainConfig.from_dict(train_cfg)
    except ConfigError as e:
        raise TraceError(str(e)) from None
    except TypeError as e:
        raise TraceError(tr("train settings: {e}", e=e)) from None


def make_model(graph, state_or_module, seed: int):
    """A float64 copy of the network: compiled under `seed`, then `state` loaded in float64
    (so hand-set values such as 0.15 stay exactly 0.15), or a copy of a given module."""
    from visualnn.core.compile.module import CompileError, StateError, compile_graph, load_state

    if isinstance(state_or_module, torch.nn.Module):
        module = copy.deepcopy(state_or_module).cpu().double()
        if graph is not None and set(module.types) != set(graph.nodes):
            raise TraceError(tr("the module does not belong to this graph"))
        return module
    try:
        module = compile_graph(graph, None, seed=seed).double()
        if state_or_module:
            load_state(module, state_or_module)
    except CompileError as e:
        raise TraceError(str(e.problems[0]) if e.problems else str(e)) from None
    except StateError as e:
        raise TraceError(str(e)) from None
    return module


def make_inputs(module, x) -> torch.Tensor:
    x = torch.as_tensor(np.asarray(x))
    want = tuple(module.shapes[module.input_id])
    if tuple(x.shape[1:]) != want:
        raise TraceError(tr("node {input_id}: the data gives samples of shape {shape}, the Input expects {want}", input_id=module.input_id, shape=list(x.shape[1:]), want=list(want)))
    if module.input_dtype == "long":
        if x.is_floating_point() and not torch.equal(x, x.round()):
            raise TraceError(tr("node {input_id}: token ids must be whole numbers", input_id=module.input_id))
        return x.long()
    return x.to(torch.float64)


def make_targets(module, y, loss: str, batch: int) -> torch.Tensor:
    """Targets as the loss takes them: class indices for cross_entropy, else floats shaped like
    the output (class indices become one-hot rows when the output has one value per class)."""
    out_shape = tuple(module.shapes[module.output_id])
    oid = module.output_id
    y = torch.as_tensor(np.asarray(y))
    if loss == "cross_entropy":
        if len(out_shape) != 1:
            raise TraceError(tr("node {oid}: cross_entropy needs one score per class, the output has shape {out_shape}", oid=oid, out_shape=list(out_shape)))
        y = y.reshape(batch)
        if y.is_floating_point() and not torch.equal(y, y.round()):
            raise TraceError(tr("cross_entropy targets must be class indices (whole numbers)"))
        y = y.long()
        bad = [int(c) for c in y if not 0 <= int(c) < out_shape[0]]
        if bad:
            raise TraceError(tr("node {oid}: target class {bad} is out of range for its {out_shape} outputs", oid=oid, bad=bad[0], out_shape=out_shape[0]))
        return y
    n_out = int(np.prod(out_shape))
    if not y.is_floating_point() and y.numel() == batch and n_out > 1:
        if y.min() < 0 or y.max() >= n_out:
            raise TraceError(tr("node {oid}: target class {max} is out of range for its {n_out} outputs", oid=oid, max=int(y.max()), n_out=n_out))
        y = torch.nn.functional.one_hot(y.reshape(batch).long(), n_out)
    if y.numel() != batch * n_out:
        raise TraceError(tr("node {oid}: the target has {value} values per sample, the output has {n_out}", oid=oid, value=y.numel() // max(batch, 1), n_out=n_out))
    return y.to(torch.float64).reshape((batch,) + out_shape)


def check_batchnorm(module, batch: int) -> None:
    for nid, t in module.types.items():
        if t == "BatchNorm1d":
            shape = module.shapes[nid]
            if batch * int(np.prod(shape[1:])) < 2:
                raise TraceError(tr("node {nid}: BatchNorm1d normalises each feature over the batch, and one sample gives one value per feature: trace a mini-batch of 2 or more samples", nid=nid))


def select_samples(project, sample: int = 0, batch=None):
    """(x, targets, sample indices, TrainConfig) of the training samples a trace or a gradient
    check uses: sample I of the training split (for `table` data without a test split, the
    rows as written, in float64); `batch` as in trace_project."""
    from visualnn.core.data import DataError, load_dataset

    from visualnn.core.train.targets import data_task

    cfg = config(project.train)
    try:
        ds = load_dataset(project.data, seed=cfg.seed, test_fraction=cfg.test_fraction, base_dir=project.base_dir,
                          task=data_task(cfg.loss, project.data))
    except DataError as e:
        raise TraceError(f"data: {e}") from None
    n = ds.num_train
    if batch is None:
        idx = [sample]
    elif isinstance(batch, int) and not isinstance(batch, bool):
        if batch < 1:
            raise TraceError(tr("batch must be 1 or more, not {batch}", batch=batch))
        idx = list(range(sample, sample + batch))
    else:
        idx = [int(i) for i in batch]
    for i in idx:
        if not isinstance(i, (int, np.integer)) or isinstance(i, bool) or not 0 <= i < n:
            span = tr("no samples") if n == 0 else (tr("1 sample (index 0)") if n == 1 else tr("{n} samples (0 to {last})", n=n, last=n - 1))
            raise TraceError(tr("sample {i} is out of range: the training split has {span}", i=i, span=span))
    x, y = ds.x_train[idx], ds.y_train[idx]
    exact = _exact_table_rows(project.data, cfg, idx, ds)
    if exact is not None:
        x, y = exact
    return x, y, idx, cfg


def _exact_table_rows(data: dict, cfg, idx, ds):
    """For `table` data kept in file order, the rows as written (float64, not rounded to float32),
    so a hand-worked example is reproduced exactly."""
    if data.get("kind") != "table" or cfg.test_fraction != 0:
        return None
    try:
        x = np.asarray(data["inputs"], dtype=np.float64)[idx]
        y = np.asarray(data["targets"], dtype=np.float64)[idx]
    except (KeyError, ValueError, TypeError, IndexError):
        return None
    try:
        x = x.reshape((len(idx),) + tuple(ds.x_train.shape[1:]))
    except ValueError:
        return None
    if ds.input_dtype == "long":
        x = x.astype(np.int64)
    if ds.task == "classification":
        y = y.reshape(len(idx)).astype(np.int64)
    return x, y
