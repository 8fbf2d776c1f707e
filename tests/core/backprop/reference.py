"""Graphs for the trace tests, and the reference: plain torch.autograd and torch.optim on the
compiled module's own forward (hooks only), written independently of the trace engine."""

from __future__ import annotations

import numpy as np
import torch

from visualnn.core.compile import compile_graph, load_state
from visualnn.core.graph.model import Graph
from visualnn.core.train.config import TrainConfig
from visualnn.core.train.losses import l1_penalty, loss_fn, make_optimizer

TOL = 1e-10


def build(layers, edges=None) -> Graph:
    """layers: [(id, type, params)], chained in order unless `edges` [(src, dst)] is given."""
    g = Graph()
    for nid, typ, params in layers:
        g.add_node(typ, nid, params)
    if edges is None:
        edges = [(a[0], b[0]) for a, b in zip(layers, layers[1:])]
    for a, b in edges:
        g.connect(a, b)
    return g


def reference(graph, state, x, target, cfg: dict, seed: int | None = None):
    """Every value of one update by plain autograd: node outputs, dE/d(output), dE/d(input)
    per node, parameter gradients, loss, output gradient and parameters after the step."""
    cfg = TrainConfig.from_dict(cfg)
    module = compile_graph(graph, None, seed=cfg.seed).double()
    if state:
        load_state(module, state)
    module.train()
    outs, ins = {}, {}

    def pre_hook(nid):
        def hook(mod, args):
            clones = tuple(a.clone() if a.is_floating_point() else a for a in args)
            for c in clones:
                if c.requires_grad:
                    c.retain_grad()
            ins[nid] = clones
            return clones
        return hook

    def post_hook(nid):
        def hook(mod, args, out):
            if out.requires_grad:
                out.retain_grad()
            outs[nid] = out
        return hook

    handles = []
    for nid, _ in module.plan:
        m = module._modules[nid]
        handles.append(m.register_forward_pre_hook(pre_hook(nid)))
        handles.append(m.register_forward_hook(post_hook(nid)))
    x = torch.as_tensor(np.asarray(x))
    x = x.long() if module.input_dtype == "long" else x.double().requires_grad_(True)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(cfg.seed if seed is None else seed)
        y = module(x)
    y.retain_grad()
    t = torch.as_tensor(np.asarray(target))
    t = t.long().reshape(-1) if cfg.loss == "cross_entropy" else t.double().reshape(y.shape)
    loss = loss_fn(cfg.loss)(y, t)
    if cfg.l1:
        loss = loss + cfg.l1 * l1_penalty(module)
    loss.backward()
    for h in handles:
        h.remove()
    ref = {"loss": loss.item(), "output_grad": y.grad.clone(), "outs": {}, "grad_out": {}, "grad_in": {},
           "param_grads": {}, "before": {}, "after": {}}
    for nid, _ in module.plan:
        ref["outs"][nid] = outs[nid].detach()
        ref["grad_out"][nid] = outs[nid].grad if outs[nid].grad is not None else torch.zeros_like(outs[nid])
        ref["grad_in"][nid] = [c.grad if c.grad is not None else None for c in ins[nid]]
        ref["param_grads"][nid] = {n: p.grad.clone() for n, p in module._modules[nid].named_parameters()}
        ref["before"][nid] = {n: p.detach().clone() for n, p in module._modules[nid].named_parameters()}
    opt = make_optimizer(cfg, module.parameters())
    opt.step()
    for nid, _ in module.plan:
        ref["after"][nid] = {n: p.detach().clone() for n, p in module._modules[nid].named_parameters()}
    ref["module"] = module
    ref["opt_state"] = {nid: {n: opt.state.get(p, {}) for n, p in module._modules[nid].named_parameters()}
                        for nid, _ in module.plan}
    return ref


def close(a, b, tol: float = TOL) -> bool:
    """|a - b| <= tol * max(1, |b|) everywhere (relative, or absolute near zero)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b.detach().numpy() if torch.is_tensor(b) else b, dtype=np.float64)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol * np.maximum(1.0, np.abs(b))))


def unbatch(t, single: bool):
    return t[0] if single else t


def assert_trace_matches(trace, ref, single: bool) -> None:
    """Every forward, loss, backward and update value of the trace equals the reference."""
    assert trace["dtype"] == "float64"
    assert abs(trace["loss"]["value"] - ref["loss"]) <= TOL * max(1.0, abs(ref["loss"]))
    assert close(trace["loss"]["grad"], unbatch(ref["output_grad"], single))
    order = [e["node"] for e in trace["forward"]]
    assert [e["node"] for e in trace["backward"]] == order[::-1]
    for e in trace["forward"]:
        nid = e["node"]
        assert close(e["output"], unbatch(ref["outs"][nid], single)), nid
    for e in trace["backward"]:
        nid = e["node"]
        assert close(e["grad_output"], unbatch(ref["grad_out"][nid], single)), nid
        gins = e["grad_inputs"] if len(ref["grad_in"][nid]) > 1 else [e["grad_input"]]
        for got, want in zip(gins, ref["grad_in"][nid]):
            if want is None:
                assert got is None, nid
            else:
                assert close(got, unbatch(want, single)), nid
        assert set(e["param_grads"]) == set(ref["param_grads"][nid])
        for name, g in ref["param_grads"][nid].items():
            assert close(e["param_grads"][name], g), (nid, name)
    for nid, params in ref["after"].items():
        for name, p in params.items():
            assert close(trace["update"]["params"][nid][name], p), (nid, name)
            assert close(trace["update"]["before"][nid][name], ref["before"][nid][name]), (nid, name)
    assert trace["max_error"] < TOL, trace["max_error"]


def random_targets(loss: str, out_shape, batch: int, gen: torch.Generator):
    if loss == "cross_entropy":
        return torch.randint(0, out_shape[0], (batch,), generator=gen)
    if loss == "bce":
        return torch.rand((batch, *out_shape), generator=gen, dtype=torch.float64)
    return torch.randn((batch, *out_shape), generator=gen, dtype=torch.float64)
