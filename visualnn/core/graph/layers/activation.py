"""Element-wise activations (and Softmax), shape unchanged."""

from __future__ import annotations

from visualnn.core.graph.layers._util import fmt, one
from visualnn.core.graph.spec import LayerSpec, ParamSpec, ShapeError
from visualnn.core.i18n import tr

GROUP = "Activation"


def _same(p, ins):
    return one(ins)


def _softmax_infer(p, ins):
    s = one(ins)
    if not -len(s) <= p["dim"] < len(s):
        raise ShapeError(tr("dim {dim} is outside the shape {shape} (batch excluded)", dim=p['dim'], shape=fmt(s)))
    return s


def _builder(name, **fixed):
    def build(p, ins):
        import torch.nn as nn

        if name == "Softmax":
            d = p["dim"]
            return nn.Softmax(dim=d + 1 if d >= 0 else d)
        return getattr(nn, name)(**fixed, **p)

    return build


def _simple(name, help, formula):
    return LayerSpec(name, GROUP, help, formula, _same, _builder(name), shapes="same as input")


SPECS = (
    _simple("ReLU", "Keeps positive values, zeroes negative ones.", "a = max(0, z)"),
    LayerSpec(
        "LeakyReLU", GROUP, "Like ReLU, but negative values keep a small slope.",
        "a = z if z > 0 else slope * z", _same, _builder("LeakyReLU"),
        params=(ParamSpec("negative_slope", "float", 0.01, "Slope for z < 0", minimum=0.0, maximum=1.0),),
        shapes="same as input",
    ),
    _simple("Sigmoid", "Squashes any value into (0, 1).", "a = 1 / (1 + exp(-z))"),
    _simple("Tanh", "Squashes any value into (-1, 1), centred on 0.", "a = tanh(z) = (e^z - e^-z) / (e^z + e^-z)"),
    LayerSpec(
        "GELU", GROUP, "Smooth ReLU used in transformers: z times the Gaussian CDF of z.",
        "a = z * Phi(z)", _same, _builder("GELU"),
        params=(ParamSpec("approximate", "choice", "none", "'tanh' uses the tanh approximation", choices=("none", "tanh")),),
        shapes="same as input",
    ),
    LayerSpec(
        "Softmax", GROUP, "Turns scores into probabilities that sum to 1 along one dim.",
        "a_i = exp(z_i) / sum_j exp(z_j)", _softmax_infer, _builder("Softmax"),
        params=(ParamSpec("dim", "int", -1, "Dim to normalise over (batch excluded; -1 = last)", minimum=-8, maximum=8),),
        shapes="same as input",
    ),
)
