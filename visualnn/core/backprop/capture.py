"""One training update run in float64 with every intermediate tensor kept.

`run_update` is the engine under the trace: it runs the compiled network node by node
(so it sees each layer's inputs and output), computes the loss, back-propagates with
autograd, and takes one optimizer step. Everything the detail functions need is kept in
a `Capture`: values before the step, gradients, dropout masks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from visualnn.core.backprop.errors import TraceError
from visualnn.core.i18n import tr

# Element-wise activations: a = f(z) value by value, so dE/dz = dE/da * f'(z).
ELEMENTWISE = ("ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Identity")


@dataclass
class Capture:
    """Tensors of one update, all float64 (token ids int64), batch dimension first.

    ins[n]: the node's inputs (one per incoming edge, in connection order);
    outs[n]: its output; grad_out[n]: dE/d(output), summed over every consumer;
    grad_in[n]: dE/d(input i) through this node only (None for token ids);
    before[n] / grads[n] / after[n]: parameters before the step, dE/dparam, after the step;
    buffers_before[n] / buffers[n]: buffers before and after (BatchNorm running statistics);
    masks[n]: a Dropout's mask scaled by 1/(1-p) (the tensor the input is multiplied by).
    """

    module: torch.nn.Module
    order: list[str]
    types: dict[str, str]
    sources: dict[str, list[str]]
    input_id: str
    output_id: str
    x: torch.Tensor
    target: torch.Tensor
    loss_name: str
    single: bool
    seed: int
    ins: dict = field(default_factory=dict)
    outs: dict = field(default_factory=dict)
    grad_out: dict = field(default_factory=dict)
    grad_in: dict = field(default_factory=dict)
    before: dict = field(default_factory=dict)
    grads: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    buffers: dict = field(default_factory=dict)
    buffers_before: dict = field(default_factory=dict)
    masks: dict = field(default_factory=dict)
    loss: torch.Tensor | None = None
    data_loss: torch.Tensor | None = None
    l1_penalty: torch.Tensor | None = None
    output_grad: torch.Tensor | None = None
    optimizer: torch.optim.Optimizer | None = None

    l1: float = 0.0

    def data_grad(self, nid: str, name: str) -> torch.Tensor:
        """dE/dparam without the L1 penalty's part l1 * sign(w) (weights only, as in training)."""
        g = self.grads[nid][name]
        p = self.before[nid][name]
        return g - self.l1 * torch.sign(p) if self.l1 and p.dim() > 1 else g

    @property
    def batch(self) -> int:
        return int(self.x.shape[0])

    def consumers(self, nid: str) -> list[str]:
        return [n for n in self.order if nid in self.sources[n]]

    def layer(self, nid: str) -> torch.nn.Module:
        return self.module.layer(nid)

    def lst(self, t):
        """A batched tensor as plain nested lists, the batch dimension dropped for one sample."""
        if t is None:
            return None
        t = t.detach()
        if self.single:
            t = t[0]
        return t.tolist()


def forward_nodes(module, x, capture: Capture | None = None, seed: int = 0):
    """Run the network node by node under a fixed RNG seed (so dropout masks are the same on
    every call). With a capture, each node's inputs are fresh clones whose gradient is the
    part flowing through that node, and outputs keep their gradients."""
    values = {module.input_id: x}
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        for nid, srcs in module.plan:
            layer = module.layer(nid)
            ins = [values[s] for s in srcs]
            if capture is not None:
                ins = [t.clone() if t.is_floating_point() else t for t in ins]
                for t in ins:
                    if t.requires_grad:
                        t.retain_grad()
                if isinstance(layer, torch.nn.Dropout) and layer.training and layer.p > 0:
                    rng = torch.get_rng_state()
                    with torch.no_grad():
                        capture.masks[nid] = layer(torch.ones_like(ins[0]))
                    torch.set_rng_state(rng)
            out = layer(*ins)
            if capture is not None:
                if out.requires_grad:
                    out.retain_grad()
                capture.ins[nid] = ins
                capture.outs[nid] = out
            values[nid] = out
    return values


def loss_value(module, output, target, cfg):
    """(total, data loss, l1 penalty or None): the loss the optimizer minimises, as in training."""
    from visualnn.core.train.losses import l1_penalty, loss_fn

    data = loss_fn(cfg.loss)(output, target)
    if cfg.l1:
        pen = l1_penalty(module)
        return data + cfg.l1 * pen, data, pen
    return data, data, None


def run_update(module, x, target, cfg, single: bool, seed: int) -> Capture:
    """Forward, loss, backward and one optimizer step on `module` (float64, training mode)."""
    from visualnn.core.train.losses import make_optimizer

    module.train()
    types = dict(module.types)
    cap = Capture(
        module=module, order=[n for n, _ in module.plan], types=types,
        sources={n: list(s) for n, s in module.plan}, input_id=module.input_id,
        output_id=module.output_id, x=x, target=target, loss_name=cfg.loss, single=single, seed=seed,
        l1=float(cfg.l1),
    )
    for nid in cap.order:
        cap.before[nid] = {n: p.detach().clone() for n, p in cap.layer(nid).named_parameters()}
        cap.buffers_before[nid] = {n: b.detach().clone() for n, b in cap.layer(nid).named_buffers()}
    xin = x.detach().clone()
    if xin.is_floating_point():
        xin.requires_grad_(True)
    try:
        values = forward_nodes(module, xin, cap, seed)
        output = values[module.output_id]
        cap.loss, cap.data_loss, cap.l1_penalty = loss_value(module, output, target, cfg)
    except (RuntimeError, ValueError, IndexError) as e:
        raise TraceError(tr("the forward pass failed: {e}", e=_first_line(e))) from None
    if not torch.isfinite(cap.loss):
        raise TraceError(tr("the loss is {item} (not a finite number): check the inputs, targets and weights", item=cap.loss.item()))
    module.zero_grad(set_to_none=True)
    cap.loss.backward(retain_graph=True)
    cap.output_grad = output.grad.detach().clone()
    for nid in cap.order:
        out = cap.outs[nid]
        g = out.grad if out.grad is not None else torch.zeros_like(out)
        cap.grad_out[nid] = g.detach().clone()
        cap.grad_in[nid] = [t.grad.detach().clone() if t.grad is not None else
                            (torch.zeros_like(t) if t.is_floating_point() else None) for t in cap.ins[nid]]
        cap.grads[nid] = {n: (p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p))
                          for n, p in cap.layer(nid).named_parameters()}
    params = [p for p in module.parameters()]
    if params:
        cap.optimizer = make_optimizer(cfg, params)
        cap.optimizer.step()
    for nid in cap.order:
        cap.after[nid] = {n: p.detach().clone() for n, p in cap.layer(nid).named_parameters()}
        cap.buffers[nid] = {n: b.detach().clone() for n, b in cap.layer(nid).named_buffers()}
    return cap


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
