"""Equation lines for every layer type other than Linear: (formula, lines) per stage.

Each function takes the trace, the layer's forward or backward entry and the digits, and
writes the layer's rule with the trace's numbers (the first few values; views expand more).
"""

from __future__ import annotations

import itertools

import numpy as np

from visualnn.core.backprop import neurons as nr
from visualnn.core.backprop.numfmt import num, pos, sub, term, vec
from visualnn.core.i18n import tr

ELEMENTWISE_NAMES = ("ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Identity")
SHOW = 6  # values written out one per line


def _flat_positions(values, limit=SHOW):
    shape = np.shape(values)
    return list(itertools.islice(itertools.product(*[range(n) for n in shape]), limit)), int(np.prod(shape))


def _at(values, idx):
    return float(np.asarray(values, dtype=float)[tuple(idx)])


def _direction(run) -> str:
    return tr("forward") if run["direction"] == "forward" else tr("reverse")


def _more(total, shown):
    return ["... " + tr("({n} more)", n=total - shown)] if total > shown else []


def activation_forward(trace, e, d):
    det = e["detail"]
    fn = det["function"]
    idxs, total = _flat_positions(e["output"])
    lines = [f"a{sub(i)} = {fn}({num(_at(det['z'], i), d)}) = {num(_at(det['a'], i), d)}" for i in idxs]
    return [det["formula"], det["derivative"]], lines + _more(total, len(idxs))


def activation_backward(trace, e, d, linear_delta_lines):
    """dE/dz = dE/da * f'(z); when the activation sits between two Linear layers, the whole
    chain delta_j = (sum_k w_kj * delta_k) * f'(z_j) is written out here."""
    node = e["node"]
    fwd = nr.forward_entry(trace, node)
    fp = fwd["detail"]["fprime"]
    src = fwd["sources"][0]
    srce = nr.forward_entry(trace, src) if src != trace["input"]["node"] else None
    formula = ["dE/dz = dE/da * f'(z)", fwd["detail"]["derivative"]]
    idxs, total = _flat_positions(e["grad_output"])
    if srce and srce["type"] == "Linear" and (srce["detail"].get("activation") or {}).get("node") == node \
            and trace.get("batch") is None and len(np.shape(e["grad_output"])) == 1:
        lines = []
        for i in idxs:
            lines += linear_delta_lines(trace, src, i, d)
        return formula + [nr.backward_entry(trace, src)["detail"]["source"]["rule"]], lines + _more(total, len(idxs))
    lines = [f"dE/dz{sub(i)} = {term(_at(e['grad_output'], i), d)} * {term(_at(fp, i), d)} = "
             f"{num(_at(e['grad_input'], i), d)}" for i in idxs]
    return formula, lines + _more(total, len(idxs))


def softmax_forward(trace, e, d):
    det = e["detail"]
    return [det["formula"], det["shift"]], [f"z = {vec(e['input'], d)}", f"exp = {vec(det['exp'], d)}",
                                           f"sum = {vec(det['sum'], d)}", f"a = {vec(e['output'], d)}"]


def softmax_backward(trace, e, d):
    det = e["detail"]
    return [det["rule"]], [f"sum_j p_j dE/dp_j = {vec(det['dot'], d)}", f"dE/dz = {vec(e['grad_input'], d)}"]


def conv_forward(trace, e, d):
    det = e["detail"]
    first = [0] * len(np.shape(e["output"]))
    px = nr.conv_pixel(trace, e["node"], first)
    shown = px["terms"][:8]
    expr = " + ".join(f"{term(t['w'], d)}*{term(t['x'], d)}" for t in shown)
    if len(px["terms"]) > 8:
        expr += " + ... " + tr("({n} more)", n=len(px["terms"]) - 8)
    if px["bias"] is not None:
        expr += f" + {term(px['bias'], d)}"
    return [det["formula"]], [
        tr("kernel {kernel_size}, stride {stride}, padding {padding}, dilation {dilation}: {in_shape} -> {out_shape}", kernel_size=det['kernel_size'], stride=det['stride'], padding=det['padding'], dilation=det['dilation'], in_shape=det['in_shape'], out_shape=det['out_shape']),
        tr("z{first} (receptive field rows {rows}, cols {cols}) = {expr} = {z}", first=pos(first), rows=px['rows'], cols=px['cols'], expr=expr, z=num(px['z'], d)),
        tr("pick any output pixel to see its receptive field and multiply-add")]


def conv_backward(trace, e, d):
    det = e["detail"]
    w = np.asarray(nr.params_before(trace, e["node"])["weight"])
    g = nr.conv_weight_grad(trace, e["node"], (0, 0, 0, 0))
    shown = g["terms"][:6]
    expr = " + ".join(f"{term(t['delta'], d)}*{term(t['x'], d)}" for t in shown)
    if len(g["terms"]) > 6:
        expr += " + ... " + tr("({n} more)", n=len(g["terms"]) - 6)
    return [det["rule"]], [f"dE/dW[0,0,0,0] = {expr} = {num(g['value'], d)}",
                           tr("dE/dW has shape {shape}; dE/dx = {grad_input}", shape=list(w.shape), grad_input=vec(e['grad_input'], d))]


def maxpool_forward(trace, e, d):
    det = e["detail"]
    idxs, total = _flat_positions(e["output"])
    arg = np.asarray(det["argmax"])
    lines = []
    for i in idxs:
        hw = [int(v) for v in arg[tuple(i)]]
        where = list(i[:-2]) + hw
        lines.append(tr("y{i} = max of its window = {output}, won by x{where}", i=pos(i), output=num(_at(e['output'], i), d), where=pos(where)))
    return [det["formula"]], lines + _more(total, len(idxs))


def maxpool_backward(trace, e, d):
    fwd = nr.forward_entry(trace, e["node"])
    arg = np.asarray(fwd["detail"]["argmax"])
    idxs, total = _flat_positions(e["grad_output"])
    lines = [tr("dE/dy{i} = {grad_output} goes to x{value}", i=pos(i), grad_output=num(_at(e['grad_output'], i), d), value=pos(list(i[:-2]) + [int(v) for v in arg[tuple(i)]]))
             for i in idxs]
    return [e["detail"]["rule"]], lines + _more(total, len(idxs))


def avgpool_forward(trace, e, d):
    det = e["detail"]
    return [det["formula"]], [tr("window {kernel_size}, stride {stride}, padding {padding}", kernel_size=det['kernel_size'], stride=det['stride'], padding=det['padding']),
                              f"y = {vec(e['output'], d)}"]


def avgpool_backward(trace, e, d):
    return [e["detail"]["rule"]], [f"dE/dy = {vec(e['grad_output'], d)}", f"dE/dx = {vec(e['grad_input'], d)}"]


def reshape_forward(trace, e, d):
    det = e["detail"]
    lines = [f"{det['in_shape']} -> {det['out_shape']}"]
    for o, i in (det.get("mapping") or [])[:SHOW]:
        lines.append(f"y{pos(o)} = x{pos(i)} = {num(_at(e['output'], o if trace.get('batch') is None else [0] + o), d)}")
    return [det["rule"]], lines


def reshape_backward(trace, e, d):
    return [e["detail"]["rule"]], [f"dE/dx = {vec(e['grad_input'], d)}"]


def dropout_forward(trace, e, d):
    det = e["detail"]
    return [det["formula"]], [tr("p = {p}, scale 1/(1-p) = {scale}", p=num(det["p"], d), scale=num(det["scale"], d)),
                              tr("mask m = {mask} ({kept} kept, {dropped} dropped)", mask=vec(det['mask'], d), kept=det['kept'], dropped=det['dropped']),
                              f"y = {vec(e['output'], d)}"]


def dropout_backward(trace, e, d):
    return [e["detail"]["rule"]], [f"dE/dx = {vec(e['grad_input'], d)}"]


def norm_forward(trace, e, d):
    det = e["detail"]
    lines = [tr("over {over} ({count} values each)", over=det['over'], count=det['count']), f"mean = {vec(det['mean'], d)}",
             f"var = {vec(det['var'], d)}", f"x_hat = {vec(det['x_hat'], d)}"]
    if det["gamma"] is not None:
        lines.append(f"gamma = {vec(det['gamma'], d)}, beta = {vec(det['beta'], d)}")
    lines.append(f"y = {vec(e['output'], d)}")
    if "running_mean_after" in det:
        lines.append(tr("running mean -> {running_mean_after}, running var -> {running_var_after}", running_mean_after=vec(det['running_mean_after'], d), running_var_after=vec(det['running_var_after'], d)))
    return [det["formula"]], lines


def norm_backward(trace, e, d):
    det = e["detail"]
    return [det["rule"]], [f"dx_hat = {vec(det['dx_hat'], d)}", f"dE/dx = {vec(e['grad_input'], d)}"]


def recurrent_forward(trace, e, d):
    det = e["detail"]
    lines = []
    for run in det["runs"][:2]:
        lines.append(tr("layer {layer}, {direction}:", layer=run["layer"] + 1, direction=_direction(run)))
        for s in run["steps"][:SHOW]:
            gates = ", ".join(f"{g} = {vec(s[g], d, 4)}" for g in det["gates"] if g in s and g != "h")
            extra = f", c = {vec(s['c'], d, 4)}" if "c" in s else ""
            lines.append(f"  t = {s['t'] + 1}: {gates + ', ' if gates else ''}h = {vec(s['h'], d, 4)}{extra}")
    return list(det["equations"]), lines


def recurrent_backward(trace, e, d):
    det = e["detail"]
    lines = []
    for run in det["runs"][:2]:
        lines.append(tr("layer {value}, {direction} (back through time):", value=run['layer'] + 1, direction=_direction(run)))
        for s in sorted(run["steps"], key=lambda s: -s["t"])[:SHOW]:
            extra = f", dE/dc = {vec(s['dc'], d, 4)}" if "dc" in s else ""
            lines.append(tr("  t = {value}: dE/dh = {dh} (from the output {dh_from_output}){extra}", value=s['t'] + 1, dh=vec(s['dh'], d, 4), dh_from_output=vec(s['dh_from_output'], d, 4), extra=extra))
    return [det["rule"]], lines


def embedding_forward(trace, e, d):
    det = e["detail"]
    ids = np.asarray(det["ids"]).reshape(-1)
    rows = np.asarray(e["output"], dtype=float).reshape(len(ids), -1)
    words = trace.get("tokens")
    if words is not None and len(words) >= len(ids):  # "'great' -> row 281"
        lines = [tr("'{word}' -> row {id} = {vector}", word=w, id=int(i), vector=vec(r, d, 6))
                 for w, i, r in zip(words[:SHOW], ids[:SHOW], rows[:SHOW])]
    else:
        lines = [f"id {int(i)} -> E[{int(i)}] = {vec(r, d, 6)}" for i, r in zip(ids[:SHOW], rows[:SHOW])]
    return [det["formula"]], lines + _more(len(ids), min(len(ids), SHOW))


def embedding_backward(trace, e, d):
    det = e["detail"]
    lines = [tr("rows that get gradient: {rows_with_gradient}", rows_with_gradient=det['rows_with_gradient'])]
    fwd = next((f for f in trace.get("forward", ()) if f.get("node") == e.get("node")), {})
    ids = np.asarray((fwd.get("detail") or {}).get("ids", [])).reshape(-1).tolist()
    words = dict(zip(ids, trace.get("tokens") or []))
    lines += [tr("dE/dE[{row}] ('{word}') = {vector}", row=r, word=words[r], vector=vec(g, d, 6)) if r in words
              else f"dE/dE[{r}] = {vec(g, d, 6)}" for r, g in det["row_grads"][:SHOW]]
    return [det["rule"]], lines


def attention_forward(trace, e, d):
    det = e["detail"]
    w = np.asarray(det["weights"], dtype=float)
    w = w[0] if trace.get("batch") is not None else w
    lines = [tr("{num_heads} head(s) of size {head_dim}", num_heads=det['num_heads'], head_dim=det['head_dim'])]
    for t, row in enumerate(w[0][:SHOW]):
        lines.append(tr("head 1, position {value}: weights {row}", value=t + 1, row=vec(row, d)))
    lines.append(f"y = {vec(e['output'], d)}")
    return list(det["formula"]), lines


def attention_backward(trace, e, d):
    det = e["detail"]
    return [det["rule"]], [f"dE/dweights = {vec(det['d_weights'], d)}", f"dE/dscores = {vec(det['d_scores'], d)}",
                           f"dE/dx = {vec(e['grad_input'], d)}"]


def add_forward(trace, e, d):
    return [e["detail"]["formula"]], [" + ".join(vec(x, d, 4) for x in e["input"]) + f" = {vec(e['output'], d, 4)}"]


def add_backward(trace, e, d):
    return [e["detail"]["rule"]], [tr("dE/dy = {grad_output} is passed to each of {sources}", grad_output=vec(e['grad_output'], d), sources=', '.join(nr.forward_entry(trace, e['node'])['sources']))]


def concat_forward(trace, e, d):
    det = e["detail"]
    src = nr.forward_entry(trace, e["node"])["sources"]
    return [det["formula"]], [tr("{s}: positions {o} .. {value} along dim {dim}", s=s, o=o, value=o + n - 1, dim=det['dim'])
                              for s, o, n in zip(src, det["offsets"], det["sizes"])]


def concat_backward(trace, e, d):
    src = nr.forward_entry(trace, e["node"])["sources"]
    return [e["detail"]["rule"]], [tr("{node} gets {value}", node=s, value=vec(g, d)) for s, g in zip(src, e["grad_inputs"])]


def update_line(up, name, idx, u, d, layer_type: str = "") -> str:
    """old -> new of one parameter value, with the optimizer's state."""
    if layer_type == "Linear" and name in ("weight", "bias"):
        label = ("w" if name == "weight" else "b") + sub(idx)
    else:
        label = f"{name}{pos(idx)}" if idx else name
    st = u["state"]
    opt = up["optimizer"]
    lr = num(up["lr"], d)
    if opt in ("adam", "adamw"):
        return (f"{label}: g = {num(u['grad'], d)}, m = {num(st['m'], d)}, v = {num(st['v'], d)}, "
                f"m_hat = {num(st['m_hat'], d)}, v_hat = {num(st['v_hat'], d)}: {num(u['old'], d)} -> {num(u['new'], d)}")
    if "momentum_buffer" in st or "square_avg" in st or "sum" in st:
        state = ", ".join(f"{k} = {num(v, d)}" for k, v in st.items() if k != "step")
        return f"{label}: g = {num(u['grad'], d)}, {state}: {num(u['old'], d)} -> {num(u['new'], d)}"
    wd = up["settings"]["weight_decay"]
    if wd:
        return (f"{label} = {term(u['old'], d)} - {lr} * ({term(u['grad'], d)} + {num(wd, d)}*{term(u['old'], d)})"
                f" = {num(u['new'], d)}")
    return f"{label} = {term(u['old'], d)} - {lr} * {term(u['grad'], d)} = {num(u['new'], d)}"


FORWARD = {
    "Softmax": softmax_forward, "Conv2d": conv_forward, "MaxPool2d": maxpool_forward,
    "AvgPool2d": avgpool_forward, "Flatten": reshape_forward, "Reshape": reshape_forward,
    "Dropout": dropout_forward, "BatchNorm1d": norm_forward, "BatchNorm2d": norm_forward,
    "LayerNorm": norm_forward, "RNN": recurrent_forward, "LSTM": recurrent_forward, "GRU": recurrent_forward,
    "Embedding": embedding_forward, "SelfAttention": attention_forward, "Add": add_forward, "Concat": concat_forward,
}
FORWARD.update({t: activation_forward for t in ELEMENTWISE_NAMES})
BACKWARD = {
    "Softmax": softmax_backward, "Conv2d": conv_backward, "MaxPool2d": maxpool_backward,
    "AvgPool2d": avgpool_backward, "Flatten": reshape_backward, "Reshape": reshape_backward,
    "Dropout": dropout_backward, "BatchNorm1d": norm_backward, "BatchNorm2d": norm_backward,
    "LayerNorm": norm_backward, "RNN": recurrent_backward, "LSTM": recurrent_backward, "GRU": recurrent_backward,
    "Embedding": embedding_backward, "SelfAttention": attention_backward, "Add": add_backward,
    "Concat": concat_backward,
}
