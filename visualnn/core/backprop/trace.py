"""The step-through trace: one training update taken apart, in float64.

`trace_project(project, sample)` picks a training sample (or a mini-batch) of the project's
data and returns `trace_update(...)`: a plain JSON-ready dict in the design's format

    {"sample", "dtype": "float64", "forward": [...], "loss": {...}, "backward": [...], "update": {...}}

extended (never renamed) with per-layer `detail`. Every value is what torch.autograd and
torch.optim give for that update on a float64 copy of the model; the detail recomputes
each layer's formulas and records the largest difference as `max_error`.

forward[i]:  node, type, sources (input node ids), input (a list of inputs for Add/Concat,
             also under `inputs`), output, shape (output shape, batch excluded), detail
loss:        type, value, output, target, grad (dE/d output), formula, terms, shortcut, ...
backward[i]: node, type, grad_output (dE/d output), grad_input (dE/d input through this node;
             a list for Add/Concat, also under `grad_inputs`), param_grads (the whole dE/dparam,
             the L1 penalty's part included; that part alone under `l1_grads`), detail
update:      optimizer, lr, params (after the step), before, state (the optimizer's values),
             formula, settings, buffers (BatchNorm running statistics after the step)
A one-sample trace drops the batch dimension from every per-sample value; a batched trace
(`batch` given) keeps it first and lists the samples under `samples`.
"""

from __future__ import annotations

import numpy as np

from visualnn.core.backprop import neurons
from visualnn.core.backprop.capture import run_update
from visualnn.core.backprop.details import backward_detail, forward_detail
from visualnn.core.backprop.errors import TraceError
from visualnn.core.backprop.inputs import (check_batchnorm, config, make_inputs, make_model, make_targets,
                                          select_samples)
from visualnn.core.backprop.loss_detail import loss_section
from visualnn.core.backprop.optim_detail import update_section
from visualnn.core.i18n import tr

NEURON_LIMIT = 256  # inline per-neuron terms for a Linear whose outputs x inputs are at most this


def trace_update(graph, state_or_module, x, target, train_cfg, *, single: bool | None = None,
                 samples=None, seed: int | None = None) -> dict:
    """Trace one update of the network of `graph` on the batch `x` (samples first) with
    targets `target` (class indices for cross_entropy, else output values).

    state_or_module: the project's `state` dict (or None: initialised from the seed) or a
    module compiled from `graph` (copied, never changed). train_cfg: a TrainConfig or the
    project's `train` dict. single: drop the batch dimension (default: when x holds one
    sample). seed: the random seed for dropout masks (default: the config's seed)."""
    cfg = config(train_cfg)
    module = make_model(graph, state_or_module, cfg.seed)
    xt = make_inputs(module, x)
    batch = int(xt.shape[0])
    if batch < 1:
        raise TraceError(tr("no samples to trace"))
    single = batch == 1 if single is None else bool(single)
    if single and batch != 1:
        raise TraceError(tr("a one-sample trace needs exactly one sample"))
    tt = make_targets(module, target, cfg.loss, batch)
    check_batchnorm(module, batch)
    seed = cfg.seed if seed is None else int(seed)
    cap = run_update(module, xt, tt, cfg, single, seed)
    samples = list(samples) if samples is not None else list(range(batch))
    trace = {"sample": int(samples[0]), "dtype": "float64"}
    if not single:
        trace["batch"], trace["samples"] = batch, [int(s) for s in samples]
    else:
        trace["batch"] = None
    trace["input"] = {"node": module.input_id, "value": cap.lst(xt), "shape": list(xt.shape[1:]),
                      "dtype": "long" if module.input_dtype == "long" else "float64"}
    trace["forward"] = [_forward_entry(cap, nid) for nid in cap.order]
    trace["output"] = module.output_id
    trace["loss"] = loss_section(cap, cfg.loss, cfg.l1)
    trace["backward"] = [_backward_entry(cap, nid) for nid in reversed(cap.order)]
    trace["update"] = update_section(cap, cfg)
    trace["seed"] = seed
    _inline_neurons(trace)
    trace["max_error"] = max_detail_error(trace)
    return trace


def _values(cap, tensors):
    return cap.lst(tensors[0]) if len(tensors) == 1 else [cap.lst(t) for t in tensors]


def _forward_entry(cap, nid: str) -> dict:
    ins = cap.ins[nid]
    e = {"node": nid, "type": cap.types[nid], "sources": list(cap.sources[nid]), "input": _values(cap, ins),
         "output": cap.lst(cap.outs[nid]), "shape": list(cap.outs[nid].shape[1:])}
    if len(ins) > 1:
        e["inputs"] = e["input"]
    e["detail"] = forward_detail(cap, nid)
    return e


def _backward_entry(cap, nid: str) -> dict:
    gin = cap.grad_in[nid]
    e = {"node": nid, "type": cap.types[nid], "grad_output": cap.lst(cap.grad_out[nid]),
         "grad_input": _values(cap, gin),
         "param_grads": {n: g.tolist() for n, g in cap.grads[nid].items()}}
    if len(gin) > 1:
        e["grad_inputs"] = e["grad_input"]
    if cap.l1:
        e["l1_grads"] = {n: (g - cap.data_grad(nid, n)).tolist() for n, g in cap.grads[nid].items()
                         if cap.before[nid][n].dim() > 1}
    e["detail"] = backward_detail(cap, nid)
    return e


def _inline_neurons(trace: dict) -> None:
    """Small Linear layers get every neuron written out in the trace itself."""
    import itertools

    for fe in trace["forward"]:
        if fe["type"] != "Linear":
            continue
        shape = np.shape(fe["output"])
        if int(np.prod(shape)) * fe["detail"]["in_features"] > NEURON_LIMIT:
            continue
        idxs = list(itertools.product(*[range(n) for n in shape]))
        fe["detail"]["neurons"] = [neurons.linear_neuron(trace, fe["node"], i) for i in idxs]
        be = neurons.backward_entry(trace, fe["node"])
        be["detail"]["neurons"] = [neurons.linear_delta(trace, fe["node"], i) for i in idxs]
        out_f, in_f = fe["detail"]["out_features"], fe["detail"]["in_features"]
        be["detail"]["weight_grads"] = [neurons.linear_weight_grad(trace, fe["node"], j, i)
                                        for j in range(out_f) for i in range(in_f)]


def max_detail_error(trace: dict) -> float:
    """The largest `max_error` anywhere in the trace: how far the written-out formulas are from
    torch's own values (relative to max(1, |value|))."""
    found = [0.0]

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k.endswith("max_error") and isinstance(x, float):
                    found.append(x)
                elif isinstance(x, (dict, list)):
                    walk(x)
        elif isinstance(v, list) and v and isinstance(v[0], (dict, list)):
            for x in v:
                walk(x)

    for key in ("forward", "loss", "backward", "update"):
        walk(trace[key])
    return max(found)


def trace_project(project, sample: int = 0, batch=None) -> dict:
    """Trace one update of the project on training sample `sample` (an index into the training
    split; for `table` data without a test split, sample I is inputs[I]).

    batch: None for one sample; an int B for the mini-batch of samples sample .. sample+B-1;
    or a list of sample indices. Raises TraceError (one line) when the project cannot be traced."""
    x, y, idx, cfg = select_samples(project, sample, batch)
    trace = trace_update(project.graph, project.state, x, y, cfg, single=batch is None, samples=idx)
    from visualnn.core.views.words import sample_words

    words = sample_words(project, x)
    if words is not None:  # text: the first sample's token ids as words, position by position
        trace["tokens"] = words
    return trace
