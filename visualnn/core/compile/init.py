"""Applying the nodes' `init` schemes (core/graph/init.py) to a built network.

Called by compile_graph right after the modules are built from the seed, in the order the
nodes are built, so the same project and seed give the same weights everywhere (and the
exported PyTorch script, which runs the same torch.nn.init calls in the same order).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from visualnn.core.graph.init import BIAS_FOLLOWS, resolve_init, torch_arguments

_FUNCTIONS = {
    "zeros": nn.init.zeros_,
    "constant": nn.init.constant_,
    "normal": nn.init.normal_,
    "uniform": nn.init.uniform_,
    "xavier_uniform": nn.init.xavier_uniform_,
    "xavier_normal": nn.init.xavier_normal_,
    "kaiming_uniform": nn.init.kaiming_uniform_,
    "kaiming_normal": nn.init.kaiming_normal_,
    "orthogonal": nn.init.orthogonal_,
}


def init_layer(layer: nn.Module, init: dict | None) -> None:
    """Set the layer's parameters by the (resolved or raw) init: weight tensors (2+ dims)
    by the scheme; 1-D parameters by the scheme for zeros/constant/normal/uniform, else 0.
    None or `default` leaves the layer as built. Uses torch's global random generator."""
    r = resolve_init(init)
    if r is None:
        return
    scheme = r["scheme"]
    args = torch_arguments(r)
    fn = _FUNCTIONS[scheme]
    with torch.no_grad():
        for _, p in layer.named_parameters():
            if p.dim() >= 2:
                fn(p, **args)
            elif scheme in BIAS_FOLLOWS:
                fn(p, **args)
            else:
                nn.init.zeros_(p)


def apply_inits(module, graph) -> None:
    """init_layer on every node of `graph` that carries an `init`, in build order (the
    project's state, loaded after, then overrides the nodes it holds)."""
    for nid in module.node_ids():
        init = graph.nodes[nid].extra.get("init")
        if init is not None:
            init_layer(module.layer(nid), init)
