"""The lesson as a list of stages: the equations of each step with the trace's numbers.

`stages(trace)` is the order a teacher walks through one update: forward layer by layer
(one stage per neuron for small Linear layers), the loss, backward layer by layer, the
update. Each Stage holds the general `formula` and the same with the numbers substituted
(`lines`), the node it concerns (and the neuron), and the edges a view highlights. The
readable `visualnn step` output and the GUI's equation panel both come from this list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from visualnn.core.backprop import equations_layers as layers
from visualnn.core.backprop import neurons as nr
from visualnn.core.backprop.numfmt import check_digits, num, sub, term, vec
from visualnn.core.i18n import tr

MAX_NEURON_STAGES = 8   # a Linear with at most this many outputs gets one stage per neuron
MAX_TERMS = 16          # terms written out in one sum before it is summarised
MAX_LINES = 16          # value lines per stage before "... more"


@dataclass(frozen=True)
class Stage:
    """One step of the lesson.

    kind: "forward", "loss", "backward" or "update"; node: the node id (None for the loss);
    title: one line; formula: the general equations; lines: the same with numbers;
    neuron: the output position concerned (as the trace indexes it) or None for the layer;
    edges: (source, destination) pairs a view highlights (the gradient's path for backward)."""

    kind: str
    node: str | None
    title: str
    formula: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    neuron: tuple | None = None
    edges: list[tuple[str, str]] = field(default_factory=list)


def stages(trace: dict, digits: int = 4, max_neuron_stages: int = MAX_NEURON_STAGES) -> list[Stage]:
    """Every stage of the trace in lesson order."""
    d = check_digits(digits)
    out = []
    single = trace.get("batch") is None
    for e in trace["forward"]:
        ins = [(s, e["node"]) for s in e["sources"]]
        if e["type"] == "Linear" and single and _small(e, max_neuron_stages):
            for idx in _positions(e["output"]):
                out.append(_linear_neuron_stage(trace, e, idx, d, ins))
        else:
            out.append(Stage("forward", e["node"], tr("{node} ({type}): forward", node=e["node"], type=e["type"]),
                             *forward_lines(trace, e, d), edges=ins))
    out.append(loss_stage(trace, d))
    for e in trace["backward"]:
        cons = [(e["node"], c["node"]) for c in trace["forward"] if e["node"] in c["sources"]]
        if e["type"] == "Linear" and single and _small(nr.forward_entry(trace, e["node"]), max_neuron_stages):
            for idx in _positions(e["grad_output"]):
                out.append(_linear_backward_stage(trace, e, idx, d, cons))
        else:
            out.append(Stage("backward", e["node"], tr("{node} ({type}): backward", node=e["node"], type=e["type"]),
                             *backward_lines(trace, e, d), edges=cons))
    for nid in trace["update"]["params"]:
        out.append(update_stage(trace, nid, d))
    return out


def _small(e: dict, limit: int) -> bool:
    shape = np.shape(e["output"])
    return len(shape) == 1 and shape[0] <= limit


def _value(values, idx) -> float:
    return float(np.asarray(values, dtype=float)[tuple(idx)])


def _positions(values):
    import itertools

    return list(itertools.product(*[range(n) for n in np.shape(values)]))


# -- forward -------------------------------------------------------------------------------

def linear_neuron_lines(trace: dict, node: str, idx, d: int) -> tuple[list[str], list[str]]:
    """z_j = w_j1*x_1 + ... + b_j for one Linear output, then a = f(z) when an activation follows."""
    n = nr.linear_neuron(trace, node, idx)
    j = sub(n["j"])
    terms = n["terms"]
    shown = terms[:MAX_TERMS]
    sym = " + ".join(f"w{sub([n['j'], t['i']])}*x{sub(t['i'])}" for t in shown)
    val = " + ".join(f"{term(t['w'], d)}*{term(t['x'], d)}" for t in shown)
    if len(terms) > MAX_TERMS:
        rest = sum(t["product"] for t in terms[MAX_TERMS:])
        sym += " + ... " + tr("({n} more)", n=len(terms) - MAX_TERMS)
        val += f" + {term(rest, d)}"
    if n["bias"] is not None:
        sym += f" + b{j}"
        val += f" + {term(n['bias'], d)}"
    formula = [f"z{j} = {sym}"]
    lines = [f"z{j} = {val} = {num(n['z'], d)}"]
    act = n["activation"]
    if act:
        formula.append(f"a{j} = {act['function']}(z{j})")
        lines.append(f"a{j} = {act['function']}({num(n['z'], d)}) = {num(act['a'], d)}")
    return formula, lines


def _linear_neuron_stage(trace, e, idx, d, edges) -> Stage:
    formula, lines = linear_neuron_lines(trace, e["node"], idx, d)
    total = int(np.prod(np.shape(e["output"])))
    return Stage("forward", e["node"], tr("{node} (Linear): neuron {idx} of {total}", node=e['node'], idx=sub(idx), total=total),
                 formula, lines, neuron=tuple(idx), edges=edges)


def forward_lines(trace: dict, e: dict, d: int) -> tuple[list[str], list[str]]:
    """(formula, lines) of one layer's forward stage."""
    t = e["type"]
    if t == "Linear":
        formula, lines = [e["detail"]["formula"]], []
        for idx in _positions(e["output"])[:4]:
            lines += linear_neuron_lines(trace, e["node"], idx, d)[1][:1]
        total = int(np.prod(np.shape(e["output"])))
        if total > 4:
            lines.append(tr("... ({value} more outputs) z = {output}", value=total - 4, output=vec(e['output'], d)))
        act = e["detail"].get("activation")
        if act:
            lines.append(tr("then {node} applies {function}", node=act['node'], function=act['function']))
        return formula, lines
    fn = layers.FORWARD.get(t)
    if fn:
        return fn(trace, e, d)
    return [t], [tr("input {value}", value=vec(e["input"], d)), tr("output {value}", value=vec(e["output"], d))]


# -- loss ----------------------------------------------------------------------------------

def loss_stage(trace: dict, d: int) -> Stage:
    loss = trace["loss"]
    formula = [loss["formula"], loss["grad_rule"]]
    lines = []
    if loss["type"] == "cross_entropy":
        for t in loss["terms"][:MAX_LINES]:
            at = " " + tr("(sample {index})", index=sub(t["index"])) if t["index"] else ""
            lines.append(f"p = softmax({vec(t['logits'], d)}) = {vec(t['p'], d)}{at}")
            lines.append(f"-log p_{t['target']} = -log({num(t['p_target'], d)}) = {num(t['value'], d)}")
        sc = loss["shortcut"]
        formula += sc["derivation"]
        lines.append(f"dE/dz = p - y = {vec(sc['p'], d)} - {vec(sc['y_onehot'], d)} = {vec(sc['p_minus_y'], d)}"
                     + (f", / {loss['divisor']}" if loss["divisor"] > 1 else ""))
    else:
        names = {"half_sse": "1/2 * ({t} - {o})^2", "mse": "({o} - {t})^2", "l1": "|{o} - {t}|",
                 "bce": "-({t}*log({o}) + (1 - {t})*log(1 - {o}))",
                 "bce_logits": "-({t}*log(sigmoid({o})) + (1 - {t})*log(1 - sigmoid({o})))"}[loss["type"]]
        for t in loss["terms"][:MAX_LINES]:
            expr = names.format(t=term(t["target"], d), o=term(t["output"], d))
            lines.append(f"E{sub(t['index'])} = {expr} = {num(t['value'], d)}")
        more = len(loss["terms"]) + loss["terms_omitted"] - min(len(loss["terms"]), MAX_LINES)
        if more:
            lines.append(tr("... ({more} more terms)", more=more))
        div = loss["divisor"]
        names = " + ".join("E" + sub(t["index"]) for t in loss["terms"][:6]) + (" + ..." if len(loss["terms"]) > 6 else "")
        lines.append(f"E = ({names}) / {div} = {num(loss['data_value'], d)}" if div > 1
                     else f"E = {names} = {num(loss['data_value'], d)}")
        grad = {"half_sse": "-({t} - {o})", "mse": "2 * ({o} - {t})", "l1": "sign({o} - {t})",
                "bce": "({o} - {t}) / ({o} * (1 - {o}))", "bce_logits": "(sigmoid({o}) - {t})"}[loss["type"]]
        scale = f" / {div}" if div > 1 else ""
        for t in loss["terms"][:MAX_LINES]:
            expr = grad.format(t=term(t["target"], d), o=term(t["output"], d))
            lines.append(f"dE/do{sub(t['index'])} = {expr}{scale} = {num(t['grad'], d)}")
        if "shortcut" in loss:
            formula += loss["shortcut"]["derivation"]
    if "l1" in loss:
        l1 = loss["l1"]
        formula.append(l1["formula"])
        lines.append(f"E_total = {num(loss['data_value'], d)} + {num(l1['weight'], d)} * {num(l1['penalty'], d)}"
                     f" = {num(loss['value'], d)}")
    elif loss["type"] == "cross_entropy":
        lines.append(f"E = {num(loss['value'], d)}")
    return Stage("loss", None, tr("loss ({type})", type=loss["type"]), formula, lines,
                 edges=[(trace["output"], "loss")] if trace.get("output") else [])


# -- backward ------------------------------------------------------------------------------

def linear_delta_lines(trace: dict, node: str, idx, d: int) -> list[str]:
    """How delta_j of a Linear output came about, with numbers."""
    n = nr.linear_delta(trace, node, idx)
    j = sub(n["j"])
    if n["kind"] == "activation_loss":
        return [f"delta{j} = dE/da{j} * f'(z{j}) = {term(n['dE_da'], d)} * {term(n['fprime'], d)} = {num(n['delta'], d)}"]
    if n["kind"] in ("activation_linear", "linear"):
        terms = n["terms"][:MAX_TERMS]
        s = " + ".join(f"{term(t['w'], d)}*{term(t['delta'], d)}" for t in terms)
        more = " + ... " + tr("({n} more)", n=len(n["terms"]) - MAX_TERMS) if len(n["terms"]) > MAX_TERMS else ""
        sym = " + ".join(f"w{sub([t['k'], n['j']])}*delta'{sub(t['k'])}" for t in terms) + more
        if n["kind"] == "linear":
            return [f"delta{j} = {sym}", f"delta{j} = {s}{more} = {num(n['delta'], d)}"]
        return [tr("delta{j} = ({sym}) * f'(z{j})  (delta' of {next})", j=j, sym=sym, next=n['next']),
                f"delta{j} = ({s}{more}) * {term(n['fprime'], d)} = {num(n['sum'], d)} * {term(n['fprime'], d)}"
                f" = {num(n['delta'], d)}"]
    return [f"delta{j} = dE/dz{j} = {num(n['delta'], d)}"]


def linear_neuron_backward_lines(trace: dict, node: str, idx, d: int) -> tuple[list[str], list[str]]:
    """The backward pass at one Linear output: its delta by the chain rule, then dE/dw
    and dE/db of its weights (formula lines, lines with the numbers)."""
    st = _linear_backward_stage(trace, nr.backward_entry(trace, node), idx, d, [])
    return list(st.formula), list(st.lines)


def _linear_backward_stage(trace, e, idx, d, edges) -> Stage:
    node = e["node"]
    j = idx[-1]
    src = nr.backward_entry(trace, node)["detail"]["source"]
    if src.get("activation"):  # the chain was written out at the activation's stage
        lines = [f"delta{sub(j)} = dE/dz{sub(j)} = {num(_value(e['grad_output'], idx), d)}  " + tr("(from {node})", node=src["activation"])]
    else:
        lines = linear_delta_lines(trace, node, idx, d)
    n_in = len(nr.forward_entry(trace, node)["input"])
    for i in range(min(n_in, MAX_TERMS)):
        g = nr.linear_weight_grad(trace, node, j, i)
        t = g["terms"][0]
        lines.append(f"dE/dw{sub([j, i])} = delta{sub(j)} * x{sub(i)} = {term(t['delta'], d)} * {term(t['a'], d)}"
                     f" = {num(g['value'], d)}")
    if n_in > MAX_TERMS:
        lines.append(tr("... ({value} more weights of neuron {j})", value=n_in - MAX_TERMS, j=sub(j)))
    if "bias" in e["param_grads"]:
        lines.append(f"dE/db{sub(j)} = delta{sub(j)} = {num(e['param_grads']['bias'][j], d)}")
    formula = [src["rule"], "dE/dw_ji = delta_j * x_i", "dE/db_j = delta_j"]
    total = int(np.prod(np.shape(e["grad_output"])))
    return Stage("backward", node, tr("{node} (Linear): neuron {idx} of {total}, delta and gradients", node=node, idx=sub(idx), total=total),
                 formula, lines, neuron=tuple(idx), edges=edges)


def backward_lines(trace: dict, e: dict, d: int) -> tuple[list[str], list[str]]:
    t = e["type"]
    fn = layers.BACKWARD.get(t)
    if t == "Linear":
        node = e["node"]
        lines = []
        for idx in _positions(e["grad_output"])[:4]:
            lines += linear_delta_lines(trace, node, idx, d)[-1:]
        lines.append(f"delta = {vec(e['grad_output'], d)}")
        lines.append(f"dE/dW = delta x^T = {vec(e['param_grads']['weight'], d)}")
        return [e["detail"]["rule"], e["detail"]["source"]["rule"]], lines
    if t in layers.ELEMENTWISE_NAMES:
        return layers.activation_backward(trace, e, d, linear_delta_lines)
    if fn:
        return fn(trace, e, d)
    return [t], [f"dE/dy {vec(e['grad_output'], d)}", f"dE/dx {vec(e['grad_input'], d)}"]


# -- update --------------------------------------------------------------------------------

def update_stage(trace: dict, nid: str, d: int) -> Stage:
    up = trace["update"]
    lines = []
    typ = nr.forward_entry(trace, nid)["type"]
    for name in up["params"][nid]:
        shape = np.shape(up["before"][nid][name])
        idxs = _positions(np.zeros(shape))
        for idx in idxs[:MAX_LINES]:
            u = nr.param_update(trace, nid, name, idx)
            lines.append(layers.update_line(up, name, idx, u, d, typ))
        if len(idxs) > MAX_LINES:
            lines.append(tr("... ({value} more values of {name})", value=len(idxs) - MAX_LINES, name=name))
    return Stage("update", nid, tr("{nid}: update ({optimizer}, lr {lr})", nid=nid, optimizer=up['optimizer'], lr=num(up['lr'], d)), list(up["formula"]), lines)
