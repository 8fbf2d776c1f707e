"""Probes: what the network computed on one step, copied into frozen numpy snapshots.

A captured step runs the model's forward_all and one autograd pass that also yields the
gradients of the node outputs, without registering any hook; uncaptured steps run the
plain forward, so every step keeps PyTorch's fast path. Only the first `rows` samples of
the batch are kept (the views show a handful of samples), and every array is a copy,
marked read-only, that the UI thread may keep as long as it likes.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np
import torch

from visualnn.core.compile.modules import SelfAttention
from visualnn.core.i18n import tr

DEFAULT_ROWS = 16
MAX_PARAM_VALUES = 4_000_000  # a parameter larger than this is left out of snapshots


def _empty() -> Mapping:
    return MappingProxyType({})


def to_numpy(t: torch.Tensor) -> np.ndarray:
    """A read-only numpy copy of a tensor (on the CPU, detached)."""
    a = np.array(t.detach().cpu().numpy(), copy=True)
    a.flags.writeable = False
    return a


def _frozen(d: dict) -> Mapping:
    return MappingProxyType(d)


def copy_many(tensors: list) -> list[np.ndarray]:
    """Read-only numpy copies of many tensors, made with one copy (and, from a GPU, one
    transfer) per dtype: each array is a view into one fresh buffer."""
    out: list = [None] * len(tensors)
    groups: dict = {}
    for i, t in enumerate(tensors):
        groups.setdefault((t.dtype, t.device), []).append(i)
    with torch.no_grad():
        for idx in groups.values():
            parts = [tensors[i].reshape(-1) for i in idx]
            flat = (torch.cat(parts) if len(parts) > 1 else parts[0].clone()).cpu().numpy()
            flat.flags.writeable = False
            at = 0
            for i, part in zip(idx, parts):
                n = part.shape[0]
                out[i] = flat[at:at + n].reshape(tuple(tensors[i].shape))
                at += n
    return out


@dataclass(frozen=True)
class _ModelParts:
    params: tuple  # (node id, parameter name, parameter), the ones snapshots keep
    trainable: tuple  # every parameter that requires a gradient
    attention: tuple  # (node id, SelfAttention module)
    recurrent: tuple  # (node id, its input node id, module) for recurrent layers with output 'last'


_PARTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _parts(model) -> _ModelParts:
    """What a capture needs to know about a GraphModule, found once per model."""
    found = _PARTS.get(model)
    if found is None:
        mods = [(nid, srcs, model.layer(nid)) for nid, srcs in model.plan]
        found = _ModelParts(
            params=tuple((nid, name, p) for nid, _, m in mods for name, p in m.named_parameters()
                         if p.numel() <= MAX_PARAM_VALUES),
            trainable=tuple(p for p in model.parameters() if p.requires_grad),
            attention=tuple((nid, m) for nid, _, m in mods if isinstance(m, SelfAttention)),
            recurrent=tuple((nid, srcs[0], m) for nid, srcs, m in mods if _is_recurrent_last(m)),
        )
        _PARTS[model] = found
    return found


def _is_recurrent_last(module) -> bool:
    return getattr(module, "output", None) == "last" and hasattr(module, "_base")


@dataclass(frozen=True)
class Snapshot:
    """One captured training step, as plain read-only numpy arrays.

    step: the number of updates made so far, this one included (1 = the first update).
    epoch: the epoch this step belongs to (1-based). loss: the batch's loss (without the L1
    penalty). rows: how many samples of the batch were kept (its first rows); batch_size:
    how many the step trained on.
    inputs: the kept input rows. targets: their targets as the loss saw them.
    predictions: the predicted class per kept row (classification) or the output values.
    activations: node id -> that node's output for the kept rows (the Input's too).
    grads: node id -> d loss / d (node output) for the kept rows (the loss is the mean
    over the whole batch, so these are rows of the full batch's gradient).
    params: node id -> parameter name -> value used by this step's forward pass (before
    the update). param_grads: node id -> parameter name -> d loss / d parameter, over the
    whole batch (the L1 penalty's part included), i.e. what the optimizer used.
    attention: SelfAttention node id -> its weights (rows, T, T), averaged over heads.
    sequences: recurrent node id with output 'last' -> its hidden state at every time
    step (rows, T, H), so views can show the state over time.
    """

    step: int
    epoch: int
    loss: float
    rows: int
    batch_size: int
    inputs: np.ndarray
    targets: np.ndarray
    predictions: np.ndarray
    activations: Mapping[str, np.ndarray] = field(default_factory=_empty)
    grads: Mapping[str, np.ndarray] = field(default_factory=_empty)
    params: Mapping[str, Mapping[str, np.ndarray]] = field(default_factory=_empty)
    param_grads: Mapping[str, Mapping[str, np.ndarray]] = field(default_factory=_empty)
    attention: Mapping[str, np.ndarray] = field(default_factory=_empty)
    sequences: Mapping[str, np.ndarray] = field(default_factory=_empty)
    time: float = 0.0  # time.perf_counter() when it was taken


class Capture:
    """One forward + backward pass of a GraphModule that keeps what every node computed.

    It needs no hooks: `forward(x)` runs the model's own `forward_all` (the same modules
    in the same order as `forward`), and `backward(loss)` computes, in the one backward
    pass, the gradients of the loss with respect to every node's output and every
    parameter, storing the latter in `p.grad` exactly as `loss.backward()` would. Then
    `finish(...)` copies the kept rows into a Snapshot.
    """

    def __init__(self, model, rows: int = DEFAULT_ROWS):
        self.model = model
        self.rows = rows
        self.values: dict[str, torch.Tensor] = {}
        self.grads: dict[str, torch.Tensor] = {}
        self.attn: dict[str, torch.Tensor] = {}
        self.seqs: dict[str, torch.Tensor] = {}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The output node's tensor; every node's output is kept in `values`."""
        model, rows = self.model, self.rows
        parts = _parts(model)
        attention = parts.attention
        for _, m in attention:
            m.keep_weights = True
        try:
            self.values = model.forward_all(x)
        finally:
            for nid, m in attention:
                if m.last_weights is not None:
                    self.attn[nid] = m.last_weights[:rows]
                m.keep_weights = False
                m.last_weights = None
        if parts.recurrent:
            with torch.no_grad():
                for nid, src, module in parts.recurrent:
                    self.seqs[nid] = module._base.forward(module, self.values[src][:rows])[0]
        return self.values[model.output_id]

    def backward(self, loss: torch.Tensor) -> None:
        """d loss / d (each node's output) into `grads`, d loss / d parameter into p.grad
        (which must be None before, as after optimizer.zero_grad())."""
        model = self.model
        nodes, tensors, seen = [], [], {}
        for nid, _ in model.plan:
            v = self.values.get(nid)
            if isinstance(v, torch.Tensor) and v.requires_grad:
                if id(v) not in seen:  # Identity hands on the very same tensor
                    seen[id(v)] = len(tensors)
                    tensors.append(v)
                nodes.append((nid, seen[id(v)]))
        params = _parts(model).trainable
        grads = torch.autograd.grad(loss, tensors + list(params), allow_unused=True)
        rows = self.rows
        for nid, i in nodes:
            g = grads[i]
            if g is not None:
                self.grads[nid] = g if g.shape[0] <= rows else g[:rows]
        for p, g in zip(params, grads[len(tensors):]):
            if g is not None:
                p.grad = g if p.grad is None else p.grad + g

    def finish(self, *, step: int, epoch: int, loss: float, batch_size: int, targets: torch.Tensor,
               predictions: torch.Tensor, with_params: bool = True) -> Snapshot:
        """Copy everything into a Snapshot. Call after backward and before the optimizer
        step, so that params and param_grads belong to this step."""
        r = self.rows
        keys, tensors = [], []

        def add(key, t):
            keys.append(key)
            tensors.append(t)

        def first_rows(t):
            return t if t.shape[0] <= r else t[:r]

        for nid, v in self.values.items():
            add(("a", nid), first_rows(v))
        for nid, v in self.grads.items():
            add(("g", nid), v)
        for nid, v in self.attn.items():
            add(("w", nid), v)
        for nid, v in self.seqs.items():
            add(("s", nid), v)
        add(("t", None), first_rows(targets))
        add(("y", None), first_rows(predictions))
        if with_params:
            for nid, name, p in _parts(self.model).params:
                add(("p", nid, name), p)
                if p.grad is not None:
                    add(("pg", nid, name), p.grad)
        self.values = {}
        parts: dict = {"a": {}, "g": {}, "w": {}, "s": {}, "p": {}, "pg": {}}
        extra = {}
        for key, a in zip(keys, copy_many(tensors)):
            if key[0] in ("p", "pg"):
                parts[key[0]].setdefault(key[1], {})[key[2]] = a
            elif key[1] is None:
                extra[key[0]] = a
            else:
                parts[key[0]][key[1]] = a
        return Snapshot(
            step=step, epoch=epoch, loss=float(loss), rows=min(r, batch_size), batch_size=batch_size,
            inputs=parts["a"][self.model.input_id], targets=extra["t"], predictions=extra["y"],
            activations=_frozen(parts["a"]), grads=_frozen(parts["g"]),
            params=_frozen({k: _frozen(v) for k, v in parts["p"].items()}),
            param_grads=_frozen({k: _frozen(v) for k, v in parts["pg"].items()}),
            attention=_frozen(parts["w"]), sequences=_frozen(parts["s"]), time=time.perf_counter(),
        )


@dataclass(frozen=True)
class Response:
    """The network's response to some inputs, computed in eval mode without gradients.

    output: the output node's values (N, ...). activations: node id -> output (N, ...),
    the Input's too. attention / sequences: as in Snapshot."""

    output: np.ndarray
    activations: Mapping[str, np.ndarray]
    attention: Mapping[str, np.ndarray] = field(default_factory=_empty)
    sequences: Mapping[str, np.ndarray] = field(default_factory=_empty)


def _as_batch(model, x) -> torch.Tensor:
    device = next((p.device for p in model.parameters()), torch.device("cpu"))
    dtype = torch.long if model.input_dtype == "long" else torch.float32
    t = torch.as_tensor(np.asarray(x) if not isinstance(x, torch.Tensor) else x).to(device=device, dtype=dtype)
    if t.dim() == len(model.shapes[model.input_id]):  # one sample without the batch dim
        t = t.unsqueeze(0)
    return t


def forward_snapshot(model, x, nodes=None) -> Response:
    """Every node's output for the sample (or batch) `x`, in eval mode, without gradients
    and without touching the training state. `x` may lack the batch dimension (one
    sample). `nodes` limits the activations kept to those node ids (the output is
    always given)."""
    batch = _as_batch(model, x)
    was_training = model.training
    cap = Capture(model, rows=batch.shape[0])
    model.eval()
    try:
        with torch.no_grad():
            out = cap.forward(batch)
    finally:
        model.train(was_training)
    keep = None if nodes is None else set(nodes)
    acts = {k: to_numpy(v) for k, v in cap.values.items() if keep is None or k in keep}
    return Response(to_numpy(out), _frozen(acts), _frozen({k: to_numpy(v) for k, v in cap.attn.items()}),
                    _frozen({k: to_numpy(v) for k, v in cap.seqs.items()}))


def predict_grid(model, xs, nodes=None, chunk: int = 4096) -> Response:
    """The network over many inputs, e.g. a grid of 2-D points (N, 2) for a decision
    boundary: output (N, ...) and each node's activations (N, ...) (only `nodes` when
    given), in eval mode without gradients, in chunks of `chunk` rows."""
    batch = _as_batch(model, xs)
    was_training = model.training
    keep = None if nodes is None else set(nodes)
    outs, acts = [], {}
    model.eval()
    try:
        with torch.no_grad():
            for i in range(0, batch.shape[0], chunk):
                values = model.forward_all(batch[i:i + chunk])
                outs.append(values[model.output_id])
                for k, v in values.items():
                    if keep is None or k in keep:
                        acts.setdefault(k, []).append(v)
    finally:
        model.train(was_training)
    if not outs:
        empty = np.zeros((0, *model.shapes[model.output_id]), np.float32)
        return Response(empty, _frozen({}))
    return Response(to_numpy(torch.cat(outs)), _frozen({k: to_numpy(torch.cat(v)) for k, v in acts.items()}))


def _nonfinite(t) -> bool:
    return isinstance(t, torch.Tensor) and t.is_floating_point() and not bool(torch.isfinite(t).all())


def find_non_finite(model, x: torch.Tensor, loss_of) -> tuple[str | None, str]:
    """Run one batch again, keeping every value, to find where they stopped being finite.

    `loss_of(output)` computes the loss. Returns (node id or None, a phrase such as
    "first non-finite value in the output of node fc2"). Nodes are searched in
    topological order: first a parameter that is already non-finite, then the forward
    outputs, then the gradients (from the output back). Gradients of parameters are
    left at None afterwards."""
    for nid, _ in model.plan:
        for name, p in model.layer(nid).named_parameters():
            if _nonfinite(p):
                return nid, tr("the parameter {name} of node {nid} is no longer finite", name=name, nid=nid)
    cap = Capture(model, rows=x.shape[0])
    try:
        with torch.enable_grad():
            loss = loss_of(cap.forward(x))
            if loss.requires_grad and all(torch.isfinite(v).all() for v in cap.values.values() if v.is_floating_point()):
                cap.backward(loss)
    finally:
        model.zero_grad(set_to_none=True)
    for nid, _ in model.plan:
        if _nonfinite(cap.values.get(nid)):
            return nid, tr("first non-finite value in the output of node {nid}", nid=nid)
    if _nonfinite(loss):
        return model.output_id, tr("the loss of the output of node {output_id} is not finite", output_id=model.output_id)
    for nid, _ in reversed(model.plan):
        if _nonfinite(cap.grads.get(nid)):
            return nid, tr("first non-finite gradient at the output of node {nid}", nid=nid)
    return None, tr("the values were finite when the batch was run again")
