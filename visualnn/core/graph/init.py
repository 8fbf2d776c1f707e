"""Weight initialisation schemes: the node key `init` of the project file, checked.

    {"id": "fc", "type": "Linear", "params": {...}, "init": {"scheme": "normal", "std": 2.0}}

A scheme names a `torch.nn.init` function and takes that function's arguments (defaults
as PyTorch's). It is used when the node is absent from the project's `state` (at Reset and
the first training), right after the network is built from the seed. What it sets:

- every weight tensor of the layer (a parameter with 2 or more dimensions: a Linear or
  Conv2d weight, each recurrent weight matrix, an Embedding table, the attention's
  projections) gets the scheme;
- every 1-D parameter (a bias) gets the scheme too for zeros, constant, normal and uniform,
  and 0 for xavier_*, kaiming_* and orthogonal (which need a matrix's fan in and out);
- `default` keeps PyTorch's own initialisation (the same as no `init`).

Only layers with weights take an init (Linear, Conv2d, RNN, LSTM, GRU, Embedding,
SelfAttention): a normalisation layer's scale and shift start at 1 and 0 by design.
This module is plain Python (no torch): the compiler applies it (compile/init.py).
"""

from __future__ import annotations

import math

from visualnn.core.graph.registry import get_spec
from visualnn.core.i18n import tr

# scheme -> its arguments and PyTorch's defaults for them, in the order torch takes them
SCHEMES: dict[str, dict] = {
    "default": {},
    "zeros": {},
    "constant": {"value": 0.0},
    "normal": {"mean": 0.0, "std": 1.0},
    "uniform": {"a": 0.0, "b": 1.0},
    "xavier_uniform": {"gain": 1.0},
    "xavier_normal": {"gain": 1.0},
    "kaiming_uniform": {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu"},
    "kaiming_normal": {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu"},
    "orthogonal": {"gain": 1.0},
}
TORCH_NAMES = {"value": "val"}  # file key -> torch.nn.init's argument name, where they differ
BIAS_FOLLOWS = ("zeros", "constant", "normal", "uniform")  # the others set biases to 0
MODES = ("fan_in", "fan_out")
NONLINEARITIES = ("leaky_relu", "relu", "tanh", "sigmoid", "linear", "selu")
CHOICES = {"mode": MODES, "nonlinearity": NONLINEARITIES}


class InitError(ValueError):
    """An `init` that cannot be used; the message names the key or value."""


def takes_init(layer_type: str) -> bool:
    """Whether a layer type has weights that an init scheme sets."""
    spec = get_spec(layer_type)
    return spec is not None and spec.trainable and spec.group != "Normalisation"


def resolve_init(init, layer_type: str | None = None) -> dict | None:
    """The init with PyTorch's defaults filled in: {"scheme": S, arg: value, ...}; None for
    no init or the `default` scheme. Raises InitError saying what is wrong."""
    if init is None:
        return None
    if not isinstance(init, dict):
        raise InitError(tr("init must be an object like {example}, not {value!r}",
                              example='{"scheme": "normal", "std": 0.1}', value=init))
    scheme = init.get("scheme")
    if scheme not in SCHEMES:
        raise InitError(tr("init scheme {scheme!r} is not one of {names}", scheme=scheme, names=", ".join(SCHEMES)))
    if layer_type is not None and not takes_init(layer_type):
        raise InitError(tr("a {type} layer takes no init (only layers with weights do)", type=layer_type))
    args = SCHEMES[scheme]
    unknown = sorted(k for k in init if k != "scheme" and k not in args)
    if unknown:
        if not args:
            raise InitError(tr("init {scheme} takes no arguments, got {key!r}", scheme=scheme, key=unknown[0]))
        raise InitError(tr("init {scheme} has no argument {key!r} (it takes {names})", scheme=scheme,
                           key=unknown[0], names=", ".join(args)))
    if scheme == "default":
        return None
    out = {"scheme": scheme}
    for key, default in args.items():
        value = init.get(key, default)
        if key in CHOICES:
            if value not in CHOICES[key]:
                raise InitError(tr("init {scheme}: {key} must be one of {names}, not {value!r}", scheme=scheme, key=key,
                                   names=", ".join(CHOICES[key]), value=value))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InitError(tr("init {scheme}: {key} must be a number, not {value!r}", scheme=scheme, key=key, value=value))
        else:
            value = float(value)
        out[key] = value
    if scheme == "normal" and out["std"] < 0:
        raise InitError(tr("init normal: std must be >= 0, not {std:g}", std=out["std"]))
    if scheme == "uniform" and out["a"] > out["b"]:
        raise InitError(tr("init uniform: a ({a:g}) must not be above b ({b:g})", a=out["a"], b=out["b"]))
    if "gain" in out and out["gain"] < 0:
        raise InitError(tr("init {scheme}: gain must be >= 0, not {gain:g}", scheme=scheme, gain=out["gain"]))
    return out


def torch_arguments(resolved: dict) -> dict:
    """The keyword arguments of torch.nn.init.<scheme>_ for a resolved init."""
    return {TORCH_NAMES.get(k, k): v for k, v in resolved.items() if k != "scheme"}


def init_problem(init, layer_type: str) -> str | None:
    """Why a node's `init` cannot be used, or None (for validation)."""
    try:
        resolve_init(init, layer_type)
    except InitError as e:
        return str(e)
    return None


def describe_init(init) -> str:
    """A short text of an init for labels: 'normal(mean=0, std=2)', 'xavier_uniform(gain=1)'."""
    try:
        r = resolve_init(init)
    except InitError:
        return str(init)
    if r is None:
        return "default"
    args = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items() if k != "scheme")
    return f"{r['scheme']}({args})" if args else r["scheme"]


def large_inits(graph, state=None) -> str:
    """'fc1: normal(mean=0, std=2), ...': the layers that start from a chosen normal,
    uniform or constant init (the ones that can make a network explode), except those
    `state` sets; at most three named. Empty when there are none."""
    out = []
    for nid, node in graph.nodes.items():
        try:
            r = resolve_init(node.extra.get("init"))
        except InitError:
            continue
        if r is not None and r["scheme"] in ("constant", "normal", "uniform") and nid not in (state or {}):
            out.append(f"{nid}: {describe_init(r)}")
    return ", ".join(out[:3]) + (", …" if len(out) > 3 else "")
