"""Matching a data set to a network and a loss: target tensors, predictions, accuracy.

A classification set holds class indices. `cross_entropy` takes them as they are; the
other losses compare the output with numbers, so a 1-output network gets the class as 0.0
or 1.0 (binary) and a C-output network gets a one-hot row.
"""

from __future__ import annotations

import numpy as np
import torch

from visualnn.core.train.config import CLASSIFICATION_LOSSES
from visualnn.core.i18n import N_, tr


class TrainingError(RuntimeError):
    """Training cannot start or go on. The message is one line naming the step, node or
    setting concerned. `step` and `node` are set when the error concerns them."""

    def __init__(self, message: str, step: int | None = None, node: str | None = None):
        super().__init__(message)
        self.step = step
        self.node = node


def data_task(loss: str, data: dict) -> str | None:
    """The task to ask load_dataset for: classification for a classification loss; for
    inline tables and CSV files (whose targets mean what the loss says) regression
    otherwise; None (the set's own task) for the built-in sets."""
    if loss in CLASSIFICATION_LOSSES:
        return "classification"
    if data.get("kind") in ("table", "csv"):
        return "regression"
    return None


def output_width(shape: tuple) -> int:
    return int(np.prod(shape)) if shape else 1


# the parameter that sets a layer's output size, by layer type
SIZE_PARAMS = {"Linear": "out_features", "RNN": "hidden_size", "LSTM": "hidden_size", "GRU": "hidden_size"}


def sizing_layer(model, node_id: str) -> tuple[str, str] | None:
    """(node id, parameter) of the layer whose size sets `node_id`'s output: the node
    itself, or the nearest layer before it through layers that keep the shape (an
    activation, Dropout, a norm). None when no such layer exists (a Flatten or a pooling
    layer decides the size)."""
    sources = dict(model.plan)
    nid = node_id
    while nid is not None:
        kind = model.types.get(nid)
        if kind in SIZE_PARAMS:
            return nid, SIZE_PARAMS[kind]
        before = sources.get(nid, ())
        if len(before) != 1 or tuple(model.shapes[before[0]]) != tuple(model.shapes[nid]):
            return None
        nid = before[0]
    return None


def _size_error(model, out_id: str, size: int, with_layer: str, without_layer: str, **fields) -> TrainingError:
    """The error for an output that must have `size` values: `with_layer` names the layer
    whose size parameter sets it ({fixer}, {param}); `without_layer` asks for a Linear
    after the output where no such layer exists. Both are whole catalog sentences."""
    found = sizing_layer(model, out_id)
    if found is None:
        return TrainingError(tr(without_layer, out_id=out_id, size=size, **fields), node=out_id)
    fixer, param = found
    return TrainingError(tr(with_layer, out_id=out_id, size=size, fixer=fixer, param=param, **fields), node=fixer)


def check_fit(model, dataset, loss: str) -> None:
    """Raise TrainingError when the network cannot take this data with this loss."""
    in_id, out_id = model.input_id, model.output_id
    want = tuple(model.shapes[in_id])
    if tuple(dataset.input_shape) != want:
        raise TrainingError(
            tr("node {in_id}: the Input shape is {want} but the data set's samples have shape {input_shape}; set the Input shape to {input_shape}", in_id=in_id, want=list(want), input_shape=list(dataset.input_shape)), node=in_id)
    if dataset.input_dtype != model.input_dtype:
        raise TrainingError(
            tr("node {in_id}: the Input dtype is {input_dtype!r} but the data set gives {input_dtype2!r} values", in_id=in_id, input_dtype=model.input_dtype, input_dtype2=dataset.input_dtype),
            node=in_id)
    if dataset.input_dtype == "long":
        top = max((int(a.max()) for a in (dataset.x_train, dataset.x_test) if a.size), default=-1)
        for nid, srcs in model.plan:
            layer = model.layer(nid)
            if in_id in srcs and isinstance(layer, torch.nn.Embedding) and layer.num_embeddings <= top:
                raise TrainingError(
                    tr("node {nid}: num_embeddings is {num_embeddings} but the data holds token ids up to {top}; set it to at least {value}", nid=nid, num_embeddings=layer.num_embeddings, top=top, value=top + 1), node=nid)
    out_shape = tuple(model.shapes[out_id])
    width = output_width(out_shape)
    if loss in CLASSIFICATION_LOSSES:
        if dataset.task != "classification":
            raise TrainingError(tr("train.loss {loss} needs class labels, but the data set is a regression set; choose mse, half_sse or l1", loss=loss))
        if len(out_shape) != 1 or out_shape[0] != dataset.num_classes:
            raise _size_error(
                model, out_id, dataset.num_classes,
                N_("node {out_id}: gives output shape {out_shape} but {loss} needs one output per class ({size}); "
                   "set {param} of {fixer} to {size}"),
                N_("node {out_id}: gives output shape {out_shape} but {loss} needs one output per class ({size}); "
                   "try adding a Linear layer with out_features {size} after {out_id}"),
                out_shape=list(out_shape), loss=loss)
        return
    if dataset.task == "classification":
        if width not in (1, dataset.num_classes) or (width == 1 and dataset.num_classes > 2):
            need = "1 or " + str(dataset.num_classes) if dataset.num_classes <= 2 else str(dataset.num_classes)
            raise _size_error(
                model, out_id, dataset.num_classes,
                N_("node {out_id}: gives {width} output(s) but {size} classes with loss {loss} need {need}; "
                   "set {param} of {fixer} to {size}"),
                N_("node {out_id}: gives {width} output(s) but {size} classes with loss {loss} need {need}; "
                   "try adding a Linear layer with out_features {size} after {out_id}"),
                width=width, loss=loss, need=need)
        return
    if width != dataset.output_dim:
        raise _size_error(
            model, out_id, dataset.output_dim,
            N_("node {out_id}: gives {width} output(s) but the data set's targets have {size}; set {param} of {fixer} to {size}"),
            N_("node {out_id}: gives {width} output(s) but the data set's targets have {size}; "
               "try adding a Linear layer with out_features {size} after {out_id}"),
            width=width)


def make_targets(y: np.ndarray, dataset, loss: str, out_shape: tuple, device) -> torch.Tensor:
    """The target tensor for `loss`, shaped like the network's output (batch first)."""
    t = torch.from_numpy(np.array(y, copy=True))
    n = t.shape[0]
    if loss in CLASSIFICATION_LOSSES:
        return t.reshape(n).long().to(device)
    if dataset.task == "classification":
        width = output_width(out_shape)
        if width == 1:
            return t.reshape(n, *out_shape).float().to(device) if out_shape else t.float().to(device)
        onehot = torch.nn.functional.one_hot(t.reshape(n).long(), width).float()
        return onehot.reshape(n, *out_shape).to(device)
    return t.float().reshape(n, *out_shape).to(device)


def predicted_classes(output: torch.Tensor, loss: str) -> torch.Tensor:
    """Class indices from a batch of outputs: argmax over several outputs; one output is
    thresholded at 0 for bce_logits (a logit) and at 0.5 otherwise (a probability)."""
    flat = output.reshape(output.shape[0], -1)
    if flat.shape[1] == 1:
        return (flat[:, 0] > (0.0 if loss == "bce_logits" else 0.5)).long()
    return flat.argmax(dim=1)
