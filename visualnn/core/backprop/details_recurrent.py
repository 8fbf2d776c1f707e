"""Per-layer detail for RNN, LSTM and GRU: the layer unrolled through time.

The cell equations are run again in float64 step by step (PyTorch's gate order and
formulas), their output is checked equal to torch's, and autograd on this unrolled copy
gives the gradients through time: dE/dh_t (what reaches each hidden state, from the
output at t and from step t+1), dE/dc_t for an LSTM, and dE/d(pre-activation) per gate.

    RNN:  h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)
    LSTM: i = s(.), f = s(.), g = tanh(.), o = s(.)  (rows i, f, g, o of W_ih, W_hh, b)
          c_t = f * c_(t-1) + i * g;  h_t = o * tanh(c_t)
    GRU:  r = s(W_ir x + b_ir + W_hr h + b_hr);  z = s(W_iz x + b_iz + W_hz h + b_hz)
          n = tanh(W_in x + b_in + r * (W_hn h + b_hn));  h_t = (1 - z) * n + z * h_(t-1)
"""

from __future__ import annotations

import torch

from visualnn.core.backprop.capture import Capture
from visualnn.core.backprop.details_dense import max_error
from visualnn.core.i18n import tr

EQUATIONS = {
    "RNN": ["h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)"],
    "LSTM": ["i = sigmoid(W_ii x_t + b_ii + W_hi h_(t-1) + b_hi)",
             "f = sigmoid(W_if x_t + b_if + W_hf h_(t-1) + b_hf)",
             "g = tanh(W_ig x_t + b_ig + W_hg h_(t-1) + b_hg)",
             "o = sigmoid(W_io x_t + b_io + W_ho h_(t-1) + b_ho)",
             "c_t = f * c_(t-1) + i * g", "h_t = o * tanh(c_t)"],
    "GRU": ["r = sigmoid(W_ir x_t + b_ir + W_hr h_(t-1) + b_hr)",
            "z = sigmoid(W_iz x_t + b_iz + W_hz h_(t-1) + b_hz)",
            "n = tanh(W_in x_t + b_in + r * (W_hn h_(t-1) + b_hn))",
            "h_t = (1 - z) * n + z * h_(t-1)"],
}
GATES = {"RNN": ("h",), "LSTM": ("i", "f", "g", "o"), "GRU": ("r", "z", "n")}


def _cell(kind, layer, x_t, h, c, w_ih, w_hh, b_ih, b_hh):
    """One time step; returns (h, c, {gate: value}, {gate: pre-activation})."""
    gi = x_t @ w_ih.T + (b_ih if b_ih is not None else 0.0)
    gh = h @ w_hh.T + (b_hh if b_hh is not None else 0.0)
    if kind == "RNN":
        pre = gi + gh
        h = torch.relu(pre) if layer.nonlinearity == "relu" else torch.tanh(pre)
        return h, c, {"h": h}, {"h": pre}
    if kind == "LSTM":
        pi, pf, pg, po = (gi + gh).chunk(4, dim=1)
        i, f, g, o = torch.sigmoid(pi), torch.sigmoid(pf), torch.tanh(pg), torch.sigmoid(po)
        c = f * c + i * g
        h = o * torch.tanh(c)
        return h, c, {"i": i, "f": f, "g": g, "o": o}, {"i": pi, "f": pf, "g": pg, "o": po}
    ir, iz, in_ = gi.chunk(3, dim=1)
    hr, hz, hn = gh.chunk(3, dim=1)
    pr, pz = ir + hr, iz + hz
    r, z = torch.sigmoid(pr), torch.sigmoid(pz)
    pn = in_ + r * hn
    n = torch.tanh(pn)
    h = (1 - z) * n + z * h
    return h, c, {"r": r, "z": z, "n": n}, {"r": pr, "z": pz, "n": pn}


def unroll(kind: str, layer, x: torch.Tensor, params: dict):
    """Run the layer step by step. Returns (output as the node gives it, runs, layer outputs):
    runs is one record per (layer, direction) with per-step tensors."""
    b, steps = x.shape[0], x.shape[1]
    hsz = layer.hidden_size
    inp, runs, layer_outs = x, [], []
    for lyr in range(layer.num_layers):
        outs = []
        for rev in range(2 if layer.bidirectional else 1):
            sfx = f"_l{lyr}" + ("_reverse" if rev else "")
            w = [params["weight_ih" + sfx], params["weight_hh" + sfx],
                 params.get("bias_ih" + sfx), params.get("bias_hh" + sfx)]
            h = torch.zeros(b, hsz, dtype=x.dtype)
            c = torch.zeros(b, hsz, dtype=x.dtype) if kind == "LSTM" else None
            run = {"layer": lyr, "direction": "reverse" if rev else "forward", "steps": [None] * steps}
            order = range(steps - 1, -1, -1) if rev else range(steps)
            for t in order:
                h_prev, c_prev = h, c
                h, c, gates, pre = _cell(kind, layer, inp[:, t], h, c, *w)
                run["steps"][t] = {"t": t, "x": inp[:, t], "h_prev": h_prev, "c_prev": c_prev, "h": h, "c": c,
                                   "gates": gates, "pre": pre}
            runs.append(run)
            outs.append(torch.stack([s["h"] for s in run["steps"]], dim=1))
        inp = torch.cat(outs, dim=-1)
        layer_outs.append(inp)
    out = inp[:, -1] if layer.output == "last" else inp
    return out, runs, layer_outs


def _unrolled(cap: Capture, nid: str):
    layer = cap.layer(nid)
    x = cap.ins[nid][0].detach().clone().requires_grad_(True)
    params = {n: p.clone().requires_grad_(True) for n, p in cap.before[nid].items()}
    with torch.enable_grad():
        out, runs, layer_outs = unroll(cap.types[nid], layer, x, params)
    return layer, x, params, out, runs, layer_outs


def recurrent_forward(cap: Capture, nid: str) -> dict:
    kind = cap.types[nid]
    layer, _, _, out, runs, _ = _unrolled(cap, nid)
    rows = []
    for run in runs:
        steps = []
        for s in run["steps"]:
            rec = {"t": s["t"], "x": cap.lst(s["x"]), "h_prev": cap.lst(s["h_prev"])}
            if kind == "LSTM":
                rec["c_prev"] = cap.lst(s["c_prev"])
            for g in GATES[kind]:
                if not (kind == "RNN" and g == "h"):
                    rec[g] = cap.lst(s["gates"][g])
            if kind == "LSTM":
                rec["c"] = cap.lst(s["c"])
            rec["h"] = cap.lst(s["h"])
            steps.append(rec)
        rows.append({"layer": run["layer"], "direction": run["direction"], "steps": steps})
    return {"kind": kind, "hidden_size": layer.hidden_size, "num_layers": layer.num_layers,
            "bidirectional": layer.bidirectional, "output": layer.output,
            "nonlinearity": getattr(layer, "nonlinearity", None) if kind == "RNN" else None,
            "equations": EQUATIONS[kind] if not (kind == "RNN" and layer.nonlinearity == "relu")
            else ["h_t = relu(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)"],
            "gates": list(GATES[kind]), "runs": rows,
            "max_error": max_error(out.detach(), cap.outs[nid])}


def recurrent_backward(cap: Capture, nid: str) -> dict:
    kind = cap.types[nid]
    layer, x, params, out, runs, layer_outs = _unrolled(cap, nid)
    hs = [s["h"] for r in runs for s in r["steps"]]
    cs = [s["c"] for r in runs for s in r["steps"]] if kind == "LSTM" else []
    pres = [s["pre"][g] for r in runs for s in r["steps"] for g in GATES[kind]]
    names = list(params)
    wrt = [x] + [params[n] for n in names] + layer_outs + hs + cs + pres
    grads = torch.autograd.grad(out, wrt, grad_outputs=cap.grad_out[nid], allow_unused=True)
    grads = [g if g is not None else torch.zeros_like(t) for g, t in zip(grads, wrt)]
    gx, gp = grads[0], dict(zip(names, grads[1:1 + len(names)]))
    k = 1 + len(names)
    g_layer_out, k = grads[k:k + len(layer_outs)], k + len(layer_outs)
    g_h, k = iter(grads[k:k + len(hs)]), k + len(hs)
    g_c, k = iter(grads[k:k + len(cs)]), k + len(cs)
    g_pre = iter(grads[k:])
    hsz = layer.hidden_size
    rows = []
    for run in runs:
        col = hsz if run["direction"] == "reverse" else 0
        direct = g_layer_out[run["layer"]][:, :, col:col + hsz]
        steps = [None] * len(run["steps"])
        for s in run["steps"]:
            t = s["t"]
            rec = {"t": t, "dh": cap.lst(next(g_h))}
            rec["dh_from_output"] = cap.lst(direct[:, t])
            if kind == "LSTM":
                rec["dc"] = cap.lst(next(g_c))
            steps[t] = rec
        for s in run["steps"]:
            for g in GATES[kind]:
                steps[s["t"]]["d_" + g] = cap.lst(next(g_pre))
        rows.append({"layer": run["layer"], "direction": run["direction"], "steps": steps})
    err = max(max_error(gp[n], cap.data_grad(nid, n)) for n in names) if names else 0.0
    if cap.grad_in[nid][0] is not None:
        err = max(err, max_error(gx, cap.grad_in[nid][0]))
    return {"runs": rows, "max_error": err,
            "rule": tr("back through time: dE/dh_t = (from the output at t) + (from step t+1 through W_hh); d_<gate> = dE/d(pre-activation of the gate); dE/dW sums over every step"),
            "keys": tr("dh: total dE/dh_t; dh_from_output: the part from the layer's output at t")}
