"""What the training thread hands the views: plain numpy records, computed next to the model.

No Qt here and no live tensor leaves this module: `make_session` describes a run once,
`make_frame` copies what the views draw after a captured step (the step's Snapshot, the
parameters as they are now, the shown sample's activations, per-layer statistics, and,
when due, the 2-D grid field and the test-set evaluation).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from visualnn.gui.workers.view_data import (  # noqa: F401 (frames.on_plane & co. are what callers use)
    MAX_POINTS, image_shape, on_line, on_plane, on_sequence, points_of as _points, regression_curve,
    sequence_forecast,
)

GRID_RES = 48          # points per side of the 2-D grid (boundary heatmap and neuron thumbnails)
MAP_UNITS = 12         # neurons per layer that get a thumbnail over the input plane
STRIP_SAMPLES = 24     # test samples in the images strip
QUANTILES = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)


def _frozen(d: dict):
    return MappingProxyType(d)


@dataclass(frozen=True)
class SessionInfo:
    """A run as the views need it, sent once per build or reset.

    run: increases at every reset / rebuild. order: node ids in topological order, the
    Input first; types / shapes: per node (shape without the batch). task:
    'classification' or 'regression'; num_classes and class_names for classification.
    is_2d: the inputs are points of the plane (the boundary view and thumbnails apply);
    extent: (x0, x1, y0, y1) of that plane. points / labels: training points (2-D sets
    only, at most MAX_POINTS). strip_images / strip_labels: the first test samples of an
    image set (N, H, W) and their classes. loss, device, steps_per_epoch, epochs: the
    run's settings; sample: index of the training sample shown on the canvas."""

    run: int
    order: tuple
    types: dict
    shapes: dict
    input_id: str
    output_id: str
    task: str
    num_classes: int
    class_names: tuple
    is_2d: bool
    extent: tuple | None
    points: np.ndarray | None
    labels: np.ndarray | None
    strip_images: np.ndarray | None
    strip_labels: np.ndarray | None
    loss: str
    device: str
    steps_per_epoch: int
    epochs: int
    sample: int
    num_train: int
    params_per_node: dict = field(default_factory=dict)
    devices: dict = field(default_factory=dict)  # device name -> None when present, else why not
    inputs: dict = field(default_factory=dict)   # node id -> the ids of its inputs
    is_1d: bool = False             # the input is one number (the regression view applies)
    test_points: np.ndarray | None = None  # test inputs of 1-D / 2-D data (at most MAX_POINTS)
    test_labels: np.ndarray | None = None
    x_range: tuple | None = None    # (lo, hi) of the 1-D input, with a margin
    target_names: tuple = ()        # names of the regression outputs (a CSV's target columns)
    feature_names: tuple = ()       # names of the input columns (a table's or CSV's features)
    param_labels: tuple = ()        # scalar parameters the landscape's axes may name ("fc.weight[0,0]", ...)
    vocab: tuple = ()               # token id -> word (text data)
    pad_start: bool = True          # sentences are padded at the start (text data)
    tokenizer: str = "words"        # how texts were split into tokens: words, chars or auto (text data)
    image_shape: tuple | None = None  # (H, W) of image data (also when flattened), for drawing an input
    value_range: tuple = (0.0, 1.0)   # the inputs' (min, max) over the training split
    is_sequence: bool = False       # windows whose target is the next step (the sequence view applies)
    plane_features: tuple = ()      # what each point (x1, x2) of a generated set becomes (data.params.features)


@dataclass(frozen=True)
class GridField:
    """The network over a res x res grid of the input plane (row 0 = the lowest y).

    value: (res, res) what colours the background: P(class 1) for two classes, the
    winning class index for more (with `confidence`, its share), the first output for
    regression. units: node id -> (k, res, res) float16, the first k neurons' outputs of
    each 1-D layer (the neuron thumbnails)."""

    extent: tuple
    res: int
    value: np.ndarray
    confidence: np.ndarray | None
    units: dict


@dataclass(frozen=True)
class Evaluation:
    """Classification on the test split (the training split when there is none).

    confusion: (C, C) counts, row = true class, column = predicted. accuracy: share right.
    strip_pred: the predicted class of each strip sample. report: core.train.metrics'
    classification_report of the same predictions (per-class and macro precision,
    recall, F1, support)."""

    confusion: np.ndarray
    accuracy: float
    strip_pred: np.ndarray | None
    split: str
    report: dict | None = None


@dataclass(frozen=True)
class LayerStats:
    """grad_norm: node -> L2 norm of all its parameters' gradients at this step.
    dead: ReLU node -> (units zero for every one of `dead_rows` inputs, units): a dead
    unit passes no gradient back and cannot learn again.
    weight_q: node -> its weight's quantiles at QUANTILES (min, 10 %, 25 %, median, ...).
    dead_rows: how many inputs `dead` was counted over (training samples; or the step's
    captured batch rows before the first count over the training set)."""

    grad_norm: dict
    dead: dict
    weight_q: dict
    dead_rows: int = 0


@dataclass(frozen=True)
class Frame:
    """The network after `step` updates. params: node -> name -> value now (after the
    step). probe: activations of the shown training sample with those params (a core
    Response: .activations node -> (1, ...), .output). snapshot: the step's Snapshot
    (its gradients and batch; batch rows only for layers of one value per unit, see
    _slim), None for a frame taken without a step (after a reset).
    grid / evaluation: the latest computed (may be shared with earlier frames).
    curve: the network over the 1-D input's range (core.views.regression.Curve).
    landscape: the latest loss map (landscape_job.LandscapeMap), when the view asks.
    forecast: test windows and the network's next values (core.views.sequence).
    own_input: the probe shows the user's own input (not training sample `sample`)."""

    run: int
    step: int
    epoch: int
    params: dict
    probe: object
    snapshot: object | None
    stats: LayerStats
    grid: GridField | None = None
    evaluation: Evaluation | None = None
    time: float = 0.0
    nbytes: int = 0
    sample: int = 0  # the training sample the probe shows
    curve: object | None = None
    landscape: object | None = None
    own_input: bool = False
    forecast: object | None = None


def nbytes_of(*items) -> int:
    """Bytes of the numpy arrays inside records, dicts and arrays (for memory caps)."""
    return _bytes(*items)


def _bytes(*items) -> int:
    total = 0
    for item in items:
        if isinstance(item, np.ndarray):
            total += item.nbytes
        elif isinstance(item, (dict, MappingProxyType)):
            total += _bytes(*item.values())
        elif item is not None and hasattr(item, "__dataclass_fields__"):
            total += _bytes(*(getattr(item, k) for k in item.__dataclass_fields__))
    return total


def shows_images(ds) -> bool:
    """Whether the views show the data set's test images (a strip of them with the
    predictions): a classification set of images (N, C, H, W)."""
    xs = ds.x_test if ds.num_test else ds.x_train
    return ds.task == "classification" and xs.ndim == 4 and ds.input_dtype == "float"


def make_session(trainer, run: int, sample: int) -> SessionInfo:
    """Describe the trainer's run for the views."""
    model, ds = trainer.model, trainer.dataset
    order = (model.input_id,) + tuple(model.node_ids())
    is_2d = on_plane(ds)
    is_1d = on_line(ds)
    extent = points = labels = test_points = test_labels = x_range = None
    if is_2d or is_1d:  # the plane's points: the raw (x1, x2) of a set with feature inputs
        xtr = ds.points("train") if is_2d else ds.x_train
        xte = ds.points("test") if is_2d else ds.x_test
        allx = np.concatenate([xtr, xte]) if ds.num_test else xtr
        points, labels = _points(xtr, ds.y_train)
        if ds.num_test:
            test_points, test_labels = _points(xte, ds.y_test)
    if is_2d:
        lo, hi = allx.min(axis=0), allx.max(axis=0)
        pad = 0.08 * np.maximum(hi - lo, 1e-6)
        extent = (float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1]))
    if is_1d:
        from visualnn.core.views.regression import input_range

        x_range = input_range(allx)
    strip_images = strip_labels = None
    xs = ds.x_test if ds.num_test else ds.x_train
    ys = ds.y_test if ds.num_test else ds.y_train
    if shows_images(ds):
        strip_images = np.array(xs[:STRIP_SAMPLES, 0], copy=True)
        strip_labels = np.array(ys[:STRIP_SAMPLES], copy=True).reshape(-1)
    from visualnn.core.train.config import available_devices

    from visualnn.core.views.words import text_settings

    tokenizer, pad_start = text_settings(getattr(trainer, "data", None))
    finite = ds.x_train[:2000]
    value_range = (float(finite.min()), float(finite.max())) if finite.size and ds.input_dtype == "float" else (0.0, 1.0)
    per_node = {nid: sum(p.numel() for p in model.layer(nid).parameters()) for nid in model.node_ids()}
    cfg = trainer.config
    return SessionInfo(
        run=run, order=order, types=dict(model.types), shapes={k: tuple(v) for k, v in model.shapes.items()},
        input_id=model.input_id, output_id=model.output_id, task=ds.task, num_classes=int(ds.num_classes or 0),
        class_names=tuple(ds.class_names or ()), is_2d=is_2d, extent=extent, points=points, labels=labels,
        strip_images=strip_images, strip_labels=strip_labels, loss=cfg.loss, device=str(trainer.device),
        steps_per_epoch=trainer.steps_per_epoch, epochs=int(cfg.epochs), sample=int(sample),
        num_train=ds.num_train, params_per_node=per_node, devices=available_devices(),
        inputs={nid: tuple(srcs) for nid, srcs in model.plan}, is_1d=is_1d, test_points=test_points,
        test_labels=test_labels, x_range=x_range, feature_names=tuple(ds.feature_names or ()),
        target_names=tuple(getattr(ds, "target_names", None) or ()), vocab=tuple(ds.vocab or ()),
        pad_start=pad_start, tokenizer=tokenizer, image_shape=image_shape(ds), value_range=value_range,
        is_sequence=on_sequence(ds), plane_features=tuple(ds.plane_features or ()))


def current_params(model) -> dict:
    """node -> parameter name -> a read-only numpy copy of its value now."""
    from visualnn.core.train.probes import to_numpy

    out = {}
    for nid, _ in model.plan:
        values = {name: to_numpy(p) for name, p in model.layer(nid).named_parameters()}
        if values:
            out[nid] = _frozen(values)
    return _frozen(out)


def probe_sample(trainer, sample: int):
    """The shown training sample's activations with the current weights (eval mode)."""
    from visualnn.core.train.probes import forward_snapshot

    x = trainer.dataset.x_train
    i = min(max(int(sample), 0), len(x) - 1)
    return forward_snapshot(trainer.model, x[i:i + 1])


RELU_TYPES = ("ReLU",)


def weight_values(params: dict) -> np.ndarray | None:
    """All of one node's weights as one flat array: every parameter named like a weight
    (`weight`; a recurrent layer's `weight_ih_l0`, `weight_hh_l0`, ...; attention's
    `in_proj_weight`, `out_proj.weight`), not its biases. None when it has none."""
    parts = [np.asarray(v).ravel() for name, v in params.items() if "weight" in name and np.size(v)]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


DEAD_ROWS = 256  # training samples a ReLU unit must be zero on to count as dead


def _dead_counts(session: SessionInfo, activations: dict) -> dict:
    """ReLU node -> (units zero on every row of its activations, units)."""
    out = {}
    for nid, a in activations.items():
        if session.types.get(nid) in RELU_TYPES and a.ndim >= 2:
            alive = (a.reshape(a.shape[0], a.shape[1], -1) > 0).any(axis=(0, 2))
            out[nid] = (int(alive.size - alive.sum()), int(alive.size))
    return out


def dead_units(trainer, session: SessionInfo) -> tuple[dict, int]:
    """({ReLU node: (units zero for every one of the first DEAD_ROWS training samples,
    units)}, samples used), in eval mode without gradients; ({}, 0) without ReLU layers."""
    from visualnn.core.train.probes import predict_grid

    nodes = [n for n in session.order if session.types.get(n) in RELU_TYPES]
    x = trainer.dataset.x_train[:DEAD_ROWS]
    if not nodes or not len(x):
        return _frozen({}), 0
    return _frozen(_dead_counts(session, predict_grid(trainer.model, x, nodes=nodes).activations)), len(x)


def layer_stats(session: SessionInfo, params: dict, snapshot, dead=None) -> LayerStats:
    """Gradient norms from the snapshot, weight quantiles from params, dead units from
    `dead` (dead_units' pair) or else from the snapshot's captured rows."""
    grad_norm, weight_q = {}, {}
    dead_counts, dead_rows = dead if dead is not None else ({}, 0)
    if snapshot is not None:
        for nid, grads in snapshot.param_grads.items():
            total = 0.0
            for g in grads.values():
                total += float(np.dot(g.ravel(), g.ravel()))
            grad_norm[nid] = math.sqrt(total) if math.isfinite(total) else float("inf")
        if dead is None:
            dead_counts = _dead_counts(session, snapshot.activations)
            if dead_counts:
                dead_rows = next(a.shape[0] for n, a in snapshot.activations.items() if n in dead_counts)
    for nid, values in params.items():
        w = weight_values(values)
        if w is not None:  # one sort, then the order statistics (np.quantile's linear rule)
            v = np.sort(w.ravel())
            pos = np.asarray(QUANTILES) * (v.size - 1)
            lo = np.floor(pos).astype(np.int64)
            hi = np.minimum(lo + 1, v.size - 1)
            weight_q[nid] = (v[lo] + (v[hi] - v[lo]) * (pos - lo)).astype(np.float32)
    return LayerStats(_frozen(grad_norm), _frozen(dead_counts), _frozen(weight_q), int(dead_rows))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def class_scores(out: np.ndarray, loss: str) -> np.ndarray:
    """(N, width) network outputs -> scores in 0..1 comparable across classes."""
    flat = out.reshape(out.shape[0], -1).astype(np.float64)
    if flat.shape[1] == 1:
        p = 1.0 / (1.0 + np.exp(-flat)) if loss == "bce_logits" else np.clip(flat, 0.0, 1.0)
        return np.concatenate([1.0 - p, p], axis=1)
    if loss in ("cross_entropy", "bce_logits"):
        return _softmax(flat) if loss == "cross_entropy" else 1.0 / (1.0 + np.exp(-flat))
    return np.clip(flat, 0.0, None)


def predicted(out: np.ndarray, loss: str) -> np.ndarray:
    """Predicted class per row, as core predicted_classes does (argmax, or a threshold)."""
    flat = out.reshape(out.shape[0], -1)
    if flat.shape[1] == 1:
        return (flat[:, 0] > (0.0 if loss == "bce_logits" else 0.5)).astype(np.int64)
    return flat.argmax(axis=1)


def grid_points(extent: tuple, res: int) -> np.ndarray:
    x0, x1, y0, y1 = extent
    gx, gy = np.meshgrid(np.linspace(x0, x1, res, dtype=np.float32), np.linspace(y0, y1, res, dtype=np.float32))
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def grid_field(trainer, session: SessionInfo, res: int = GRID_RES, units: int = MAP_UNITS) -> GridField:
    """The network over the input plane (see GridField)."""
    from visualnn.core.train.probes import predict_grid

    pts = grid_points(session.extent, res)
    nodes = [n for n in session.order if len(session.shapes.get(n, ())) == 1]
    ds = trainer.dataset
    # feature inputs: the plane's points become the features (the Input's thumbnails show each one)
    resp = predict_grid(trainer.model, ds.plane_inputs(pts) if ds.plane_features is not None else pts, nodes)
    out = resp.output.reshape(len(pts), -1)
    conf = None
    if session.task == "classification":
        scores = class_scores(out, session.loss)
        if session.num_classes <= 2 and scores.shape[1] >= 2:
            value = scores[:, 1] / np.maximum(scores[:, 0] + scores[:, 1], 1e-12)
        else:
            value = scores.argmax(axis=1).astype(np.float32)
            conf = (scores.max(axis=1) / np.maximum(scores.sum(axis=1), 1e-12)).reshape(res, res).astype(np.float32)
    else:
        value = out[:, 0]
    maps = {}
    for nid in nodes:
        a = resp.activations.get(nid)
        if a is not None:
            k = min(units, a.shape[1])
            # float16: plenty for a thumbnail, and half the memory in the timeline
            part = np.clip(np.nan_to_num(a[:, :k].T.reshape(k, res, res)), -6.0e4, 6.0e4)
            maps[nid] = np.ascontiguousarray(part, dtype=np.float16)
    return GridField(session.extent, res, np.asarray(value, np.float32).reshape(res, res), conf, _frozen(maps))


def over_data(trainer, session: SessionInfo) -> tuple:
    """(grid, curve, forecast): the network drawn over its data, as the session's data
    view shows it: the 2-D field (boundary, neuron thumbnails), else the curve over the
    1-D input (regression), else the next values of test windows (sequence); None for
    the ones that do not apply. The training loop, still frames and exports use this."""
    if session.is_2d:
        return grid_field(trainer, session), None, None
    if session.is_1d:
        return None, regression_curve(trainer, session), None
    if session.is_sequence:
        return None, None, sequence_forecast(trainer, session)
    return None, None, None


def evaluation(trainer, session: SessionInfo) -> Evaluation | None:
    """Confusion matrix and accuracy on the test split (classification only)."""
    from visualnn.core.train.probes import predict_grid

    if session.task != "classification" or session.num_classes < 1:
        return None
    ds = trainer.dataset
    split = "test" if ds.num_test else "train"
    x, y = (ds.x_test, ds.y_test) if split == "test" else (ds.x_train, ds.y_train)
    x, y = x[:2000], np.asarray(y[:2000]).reshape(-1).astype(np.int64)
    out = predict_grid(trainer.model, x, nodes=()).output
    pred = predicted(out, session.loss)
    c = session.num_classes
    ok = (pred >= 0) & (pred < c) & (y >= 0) & (y < c)
    confusion = np.bincount(y[ok] * c + pred[ok], minlength=c * c).reshape(c, c)
    strip = None
    if session.strip_images is not None:
        strip = pred[: len(session.strip_images)].copy()
    acc = float((pred == y).mean()) if len(y) else 0.0
    from visualnn.core.train.metrics import report_from_confusion

    names = session.class_names if len(session.class_names) == c else None
    return Evaluation(confusion, acc, strip, split, report_from_confusion(confusion, names))


def _slim(snapshot):
    """The snapshot as a frame keeps it: without its copy of the parameters (the frame's
    `params` hold them after the step) and with the batch rows of activations and
    gradients only for layers of one value per unit (drawn as neuron columns, coloured by
    the batch mean). Feature maps and sequences are drawn from the probe sample; their
    batch rows were nine tenths of a CNN's frame, to send, to keep and to pickle."""
    def flat(arrays):
        return _frozen({k: v for k, v in arrays.items() if getattr(v, "ndim", 0) <= 2})

    return replace(snapshot, params=_frozen({}), activations=flat(snapshot.activations), grads=flat(snapshot.grads),
                   attention=_frozen({}), sequences=_frozen({}))


def make_frame(trainer, session: SessionInfo, run: int, snapshot, grid=None, evaluation_=None,
               dead=None, curve=None, landscape=None, own_input=None, forecast=None) -> Frame:
    """A Frame of the trainer's model now (after its last step). The snapshot's own copy
    of the parameters (before the step) is dropped: `params` holds them after it. `dead`:
    the latest dead_units() pair, if one was counted."""
    params = current_params(trainer.model)
    if own_input is not None:
        from visualnn.core.train.probes import forward_snapshot

        probe = forward_snapshot(trainer.model, own_input)
    else:
        probe = probe_sample(trainer, session.sample)
    stats = layer_stats(session, params, snapshot, dead)
    if snapshot is not None:
        snapshot = _slim(snapshot)
    epoch = trainer.epoch
    frame = Frame(run=run, step=trainer.step_count, epoch=epoch, params=params, probe=probe, snapshot=snapshot,
                  stats=stats, grid=grid, evaluation=evaluation_, time=time.perf_counter(), sample=session.sample,
                  curve=curve, landscape=landscape, own_input=own_input is not None, forecast=forecast)
    own = _bytes(params, probe.activations, stats.weight_q) + (_bytes(
        snapshot.activations, snapshot.grads, snapshot.params, snapshot.param_grads) if snapshot is not None else 0)
    object.__setattr__(frame, "nbytes", own)
    return frame
