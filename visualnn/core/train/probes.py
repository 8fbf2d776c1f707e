"""Probes: what the network computed on one step, copied into frozen numpy snapshots.

Hooks are attached only for the step that is captured and removed right after it, so
every other step runs on PyTorch's plain fast path. Only the first `rows` samples of the
batch are kept (the views show a handful of samples), and every array is a copy, marked
read-only, that the UI thread may keep as long as it likes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np
import torch

from visualnn.core.compile.modules import SelfAttention

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


def _is_recurrent_last(module) -> bool:
    return getattr(module, "output", None) == "last" and hasattr(module, "_base")


class Capture:
    """Hooks on every node of a GraphModule for one forward + backward pass.

    Use: `cap = Capture(model, rows); cap.attach(x)`; run forward, loss, backward;
    then `cap.finish(...)` builds the Snapshot and removes every hook (also on error:
    call `cap.detach()`)."""

    def __init__(self, model, rows: int = DEFAULT_ROWS, grads: bool = True):
        self.model = model
        self.rows = rows
        self.want_grads = grads
        self.acts: dict[str, torch.Tensor] = {}
        self.grads: dict[str, torch.Tensor] = {}
        self.attn: dict[str, torch.Tensor] = {}
        self.seqs: dict[str, torch.Tensor] = {}
        self.handles = []
        self.attention_modules = []

    def attach(self, x: torch.Tensor) -> None:
        self.acts[self.model.input_id] = x[: self.rows].detach()
        for nid, _ in self.model.plan:
            module = self.model._modules[nid]
            self.handles.append(module.register_forward_hook(self._hook(nid)))
            if isinstance(module, SelfAttention):
                module.keep_weights = True
                self.attention_modules.append((nid, module))

    def _hook(self, nid: str):
        rows, acts, grads, seqs = self.rows, self.acts, self.grads, self.seqs

        def hook(module, inputs, output):
            if not isinstance(output, torch.Tensor):
                return
            acts[nid] = output[:rows].detach()
            if self.want_grads and output.requires_grad:
                def keep_grad(g):
                    grads[nid] = g[:rows].detach()
                output.register_hook(keep_grad)
            if _is_recurrent_last(module):
                with torch.no_grad():
                    seqs[nid] = module._base.forward(module, inputs[0][:rows])[0].detach()

        return hook

    def detach(self) -> None:
        """Remove every hook this capture added."""
        for h in self.handles:
            h.remove()
        self.handles.clear()
        for nid, module in self.attention_modules:
            if module.last_weights is not None:
                self.attn[nid] = module.last_weights[: self.rows]
            module.keep_weights = False
            module.last_weights = None
        self.attention_modules.clear()

    def finish(self, *, step: int, epoch: int, loss: float, batch_size: int, targets: torch.Tensor,
               predictions: torch.Tensor, with_params: bool = True) -> Snapshot:
        """Remove the hooks and copy everything into a Snapshot. Call after backward and
        before the optimizer step, so params and param_grads belong to this step."""
        self.detach()
        params, param_grads = {}, {}
        if with_params:
            for nid, _ in self.model.plan:
                module = self.model._modules[nid]
                pv, pg = {}, {}
                for name, p in module.named_parameters():
                    if p.numel() > MAX_PARAM_VALUES:
                        continue
                    pv[name] = to_numpy(p)
                    if p.grad is not None:
                        pg[name] = to_numpy(p.grad)
                if pv:
                    params[nid] = _frozen(pv)
                if pg:
                    param_grads[nid] = _frozen(pg)
        r = self.rows
        return Snapshot(
            step=step, epoch=epoch, loss=float(loss), rows=min(r, batch_size), batch_size=batch_size,
            inputs=to_numpy(self.acts[self.model.input_id]), targets=to_numpy(targets[:r]),
            predictions=to_numpy(predictions[:r]),
            activations=_frozen({k: to_numpy(v) for k, v in self.acts.items()}),
            grads=_frozen({k: to_numpy(v) for k, v in self.grads.items()}),
            params=_frozen(params), param_grads=_frozen(param_grads),
            attention=_frozen({k: to_numpy(v) for k, v in self.attn.items()}),
            sequences=_frozen({k: to_numpy(v) for k, v in self.seqs.items()}),
            time=time.perf_counter(),
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
    cap = Capture(model, rows=batch.shape[0], grads=False)
    model.eval()
    try:
        cap.attach(batch)
        with torch.no_grad():
            out = model(batch)
    finally:
        cap.detach()
        model.train(was_training)
    keep = None if nodes is None else set(nodes)
    acts = {k: to_numpy(v) for k, v in cap.acts.items() if keep is None or k in keep}
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
    """Re-run one batch with hooks to find where values stopped being finite.

    `loss_of(output)` computes the loss. Returns (node id or None, a phrase such as
    "first non-finite value in the output of node fc2"). Nodes are searched in
    topological order: first a parameter that is already non-finite, then the forward
    outputs, then the gradients (from the output back). Gradients of parameters are
    left at None afterwards."""
    for nid, _ in model.plan:
        for name, p in model._modules[nid].named_parameters():
            if _nonfinite(p):
                return nid, f"the parameter {name} of node {nid} is no longer finite"
    cap = Capture(model, rows=x.shape[0], grads=True)
    try:
        cap.attach(x)
        with torch.enable_grad():
            out = model(x)
            loss = loss_of(out)
            if loss.requires_grad:
                loss.backward()
    finally:
        cap.detach()
        model.zero_grad(set_to_none=True)
    for nid, _ in model.plan:
        if _nonfinite(cap.acts.get(nid)):
            return nid, f"first non-finite value in the output of node {nid}"
    if _nonfinite(loss):
        return model.output_id, f"the loss of the output of node {model.output_id} is not finite"
    for nid, _ in reversed(model.plan):
        if _nonfinite(cap.grads.get(nid)):
            return nid, f"first non-finite gradient at the output of node {nid}"
    return None, "the values were finite when the batch was run again"
