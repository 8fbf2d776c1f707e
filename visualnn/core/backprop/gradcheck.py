"""Gradient check: each analytic gradient against a central finite difference, in float64.

For a parameter element w the numeric estimate is (E(w + eps) - E(w - eps)) / (2 eps), with
the same batch, targets, loss (L1 penalty included) and dropout masks as the trace. Big
parameters are checked on a seeded sample of their elements.
"""

from __future__ import annotations

import numpy as np
import torch

from visualnn.core.backprop.capture import forward_nodes, loss_value
from visualnn.core.backprop.errors import TraceError
from visualnn.core.backprop.inputs import (check_batchnorm, config, make_inputs, make_model, make_targets,
                                          select_samples)

from visualnn.core.i18n import tr

# Denominators below this count as this: float64 rounding in E(w +- eps) leaves the numeric
# estimate about 1e-10 * |E| of noise, so gradients both below 1e-6 are compared absolutely.
REL_FLOOR = 1e-6


def gradient_check(project_or_graph, state=None, x=None, target=None, cfg=None, *, sample: int = 0, batch=None,
                   eps: float = 1e-6, max_per_param: int = 24, seed: int | None = None) -> dict:
    """Compare dE/dw from autograd with central differences on every parameter.

    Call with a Project (and `sample` / `batch` as in trace_project), or with a graph, its
    `state` (or a module), a batch `x`, `target` and the train settings `cfg`.
    Returns {"rows": [{"node", "param", "index", "analytic", "numeric", "rel_error", "abs_error"}],
    "max_rel_error", "eps", "checked" (elements compared), "total" (elements in all)},
    where rel_error = |analytic - numeric| / max(|analytic|, |numeric|, 1e-6).
    Parameters with more than `max_per_param` elements are checked on that many, drawn
    with `seed` (default: the project's seed)."""
    if not eps > 0:
        raise TraceError(tr("eps must be > 0, not {eps}", eps=eps))
    if hasattr(project_or_graph, "graph") and hasattr(project_or_graph, "train"):
        project = project_or_graph
        x, target, _, cfg = select_samples(project, sample, batch)
        graph, state = project.graph, project.state
    else:
        graph, cfg = project_or_graph, config(cfg)
        if x is None or target is None:
            raise TraceError(tr("a gradient check needs a batch x and its targets"))
    module = make_model(graph, state, cfg.seed)
    xt = make_inputs(module, x)
    tt = make_targets(module, target, cfg.loss, int(xt.shape[0]))
    check_batchnorm(module, int(xt.shape[0]))
    seed = cfg.seed if seed is None else int(seed)
    module.train()

    def loss() -> float:
        values = forward_nodes(module, xt, None, seed)
        return float(loss_value(module, values[module.output_id], tt, cfg)[0])

    module.zero_grad(set_to_none=True)
    with torch.enable_grad():
        values = forward_nodes(module, xt, None, seed)
        loss_value(module, values[module.output_id], tt, cfg)[0].backward()
    rng = np.random.default_rng(seed)
    rows, total = [], 0
    with torch.no_grad():
        for key, p in module.named_parameters():
            node, name = module.split_key(key)
            flat = p.data.view(-1)
            grad = p.grad.reshape(-1) if p.grad is not None else torch.zeros_like(flat)
            total += flat.numel()
            picks = range(flat.numel()) if flat.numel() <= max_per_param else \
                sorted(rng.choice(flat.numel(), max_per_param, replace=False).tolist())
            for k in picks:
                old = float(flat[k])
                flat[k] = old + eps
                up = loss()
                flat[k] = old - eps
                down = loss()
                flat[k] = old
                numeric = (up - down) / (2 * eps)
                analytic = float(grad[k])
                rel = abs(analytic - numeric) / max(abs(analytic), abs(numeric), REL_FLOOR)
                index = [int(i) for i in np.unravel_index(k, tuple(p.shape))]
                rows.append({"node": node, "param": name, "index": index, "analytic": analytic,
                             "numeric": numeric, "rel_error": rel, "abs_error": abs(analytic - numeric)})
    return {"rows": rows, "max_rel_error": max((r["rel_error"] for r in rows), default=0.0), "eps": eps,
            "checked": len(rows), "total": total}
