"""Recurrent layers over sequences [T, F] (batch first)."""

from __future__ import annotations

from visualnn.core.graph.layers._util import fmt, one
from visualnn.core.graph.spec import LayerSpec, ParamSpec, ShapeError
from visualnn.core.i18n import tr

GROUP = "Recurrent"

FORMULAS = {
    "RNN": "h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)",
    "LSTM": "i,f,g,o = sigma/tanh(W_ih x_t + W_hh h_(t-1) + b); c_t = f*c_(t-1) + i*g; h_t = o*tanh(c_t)",
    "GRU": "r,z = sigma(W x_t + U h_(t-1) + b); n = tanh(W_n x_t + r*(U_n h_(t-1))); h_t = (1-z)*n + z*h_(t-1)",
}
HELP = {
    "RNN": "Reads a sequence step by step, keeping a hidden state.",
    "LSTM": "Recurrent layer with gates and a cell state that remembers over long sequences.",
    "GRU": "Recurrent layer with reset and update gates (a lighter LSTM).",
}


def _infer(kind):
    def infer(p, ins):
        s = one(ins)
        if len(s) != 2:
            raise ShapeError(tr("{kind} expects a sequence [T, F], got {shape}: add a Reshape to [T, F]", kind=kind, shape=fmt(s)))
        h = p["hidden_size"] * (2 if p["bidirectional"] else 1)
        return (h,) if p["output"] == "last" else (s[0], h)

    return infer


def _build(kind):
    def build(p, ins):
        from visualnn.core.compile.modules import recurrent_layer

        kw = {k: v for k, v in p.items() if k not in ("output",)}
        return recurrent_layer(kind, ins[0][-1], p["output"], **kw)

    return build


def _spec(kind):
    params = [
        ParamSpec("hidden_size", "int", 16, "Size of the hidden state h", minimum=1, maximum=8192),
        ParamSpec("num_layers", "int", 1, "Stacked recurrent layers", minimum=1, maximum=16),
        ParamSpec("output", "choice", "last", "'last': the last step's h; 'all': h at every step", choices=("last", "all")),
        ParamSpec("bias", "bool", True, "Learnable biases"),
        ParamSpec("bidirectional", "bool", False, "Also read the sequence backwards"),
    ]
    if kind == "RNN":
        params.insert(3, ParamSpec("nonlinearity", "choice", "tanh", "Activation of the hidden state", choices=("tanh", "relu")))
    return LayerSpec(
        kind, GROUP, HELP[kind], FORMULAS[kind], _infer(kind), _build(kind), params=tuple(params),
        shapes="[T, F] -> [H] (last) or [T, H] (all)", trainable=True, inferred=("input_size",),
    )


SPECS = (_spec("RNN"), _spec("LSTM"), _spec("GRU"))
