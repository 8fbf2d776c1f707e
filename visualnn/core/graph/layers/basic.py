"""Core layers: Input, Linear, Flatten, Reshape, Dropout, Identity, Embedding."""

from __future__ import annotations

import math

from visualnn.core.graph.layers._util import fmt, one
from visualnn.core.graph.spec import LayerSpec, ParamSpec, ShapeError
from visualnn.core.i18n import tr

GROUP = "Core"


def _input_infer(p, ins):
    if ins:
        raise ShapeError(tr("an Input takes no incoming connections"))
    if any(d < 1 for d in p["shape"]):
        raise ShapeError(tr("shape {shape} must hold positive sizes", shape=fmt(p['shape'])))
    return tuple(p["shape"])


def _linear_infer(p, ins):
    s = one(ins)
    if len(s) > 2:
        raise ShapeError(
            tr("Linear expects features [F] or a sequence [T, F], got {shape}: add a Flatten before it", shape=fmt(s))
        )
    return s[:-1] + (p["out_features"],)


def _linear_build(p, ins):
    import torch.nn as nn

    return nn.Linear(ins[0][-1], p["out_features"], bias=p["bias"])


def _flat_dims(p, s):
    # start_dim/end_dim count the batch as dim 0, as in torch.nn.Flatten
    full = (None,) + tuple(s)
    n = len(full)
    start = p["start_dim"] % n
    end = p["end_dim"] % n
    if start == 0 or start > end:
        raise ShapeError(tr("cannot flatten dims {start_dim}..{end_dim} of {shape}", start_dim=p['start_dim'], end_dim=p['end_dim'], shape=fmt(s)))
    return start, end


def _flatten_infer(p, ins):
    s = one(ins)
    start, end = _flat_dims(p, s)
    full = (None,) + tuple(s)
    return tuple(full[1:start]) + (math.prod(full[start:end + 1]),) + tuple(full[end + 1:])


def _flatten_build(p, ins):
    import torch.nn as nn

    return nn.Flatten(p["start_dim"], p["end_dim"])


def _reshape_infer(p, ins):
    s = one(ins)
    total = math.prod(s)
    target = list(p["shape"])
    if target.count(-1) > 1:
        raise ShapeError(tr("only one -1 is allowed in a Reshape"))
    known = math.prod(d for d in target if d != -1)
    if known <= 0 or any(d < -1 or d == 0 for d in target):
        raise ShapeError(tr("shape {shape} must hold positive sizes (one may be -1)", shape=fmt(target)))
    if -1 in target:
        if total % known:
            raise ShapeError(tr("cannot reshape {shape} ({total} values) to {shape2}", shape=fmt(s), total=total, shape2=fmt(target)))
        target[target.index(-1)] = total // known
    if math.prod(target) != total:
        raise ShapeError(tr("cannot reshape {shape} ({total} values) to {shape2} ({prod} values)", shape=fmt(s), total=total, shape2=fmt(target), prod=math.prod(target)))
    return tuple(target)


def _reshape_build(p, ins):
    from visualnn.core.compile.modules import Reshape

    return Reshape(_reshape_infer(p, ins))


def _same_infer(p, ins):
    return one(ins)


def _dropout_build(p, ins):
    import torch.nn as nn

    return nn.Dropout(p["p"], inplace=False)


def _identity_build(p, ins):
    import torch.nn as nn

    return nn.Identity()


def _embedding_infer(p, ins):
    s = one(ins)
    if len(s) != 1:
        raise ShapeError(tr("Embedding expects token ids [T], got {shape}", shape=fmt(s)))
    return (s[0], p["embedding_dim"])


def _embedding_build(p, ins):
    import torch.nn as nn

    return nn.Embedding(p["num_embeddings"], p["embedding_dim"], padding_idx=p["padding_idx"])


SPECS = (
    LayerSpec(
        "Input", GROUP, "The data enters here: one sample's shape, without the batch.",
        "x = a sample of the dataset", _input_infer, None,
        params=(
            ParamSpec("shape", "ints", (2,), "Shape of one sample, batch excluded: [2], [1, 8, 8], [T, F]", minimum=1),
            ParamSpec("dtype", "choice", "float", "'long' for token ids (feeds an Embedding)", choices=("float", "long")),
        ),
        min_inputs=0, max_inputs=0, shapes="- -> shape",
    ),
    LayerSpec(
        "Linear", GROUP, "Fully connected layer: every output is a weighted sum of all inputs plus a bias.",
        "y = W x + b", _linear_infer, _linear_build,
        params=(
            ParamSpec("out_features", "int", 8, "Number of output neurons", minimum=1, maximum=100000),
            ParamSpec("bias", "bool", True, "Add a learnable bias b"),
        ),
        shapes="[F] -> [out_features]; [T, F] -> [T, out_features]", trainable=True,
        inferred=("in_features",),
    ),
    LayerSpec(
        "Flatten", GROUP, "Lays a tensor out as one vector (e.g. feature maps before a Linear).",
        "y = x.reshape(N, -1)", _flatten_infer, _flatten_build,
        params=(
            ParamSpec("start_dim", "int", 1, "First dim to flatten (the batch is dim 0)", minimum=-8, maximum=8),
            ParamSpec("end_dim", "int", -1, "Last dim to flatten", minimum=-8, maximum=8),
        ),
        shapes="[C, H, W] -> [C*H*W]",
    ),
    LayerSpec(
        "Reshape", GROUP, "Gives the same values a new shape (batch excluded, one size may be -1).",
        "y = x.reshape(N, *shape)", _reshape_infer, _reshape_build,
        params=(ParamSpec("shape", "ints", (-1,), "New shape without the batch; -1 is inferred", minimum=-1),),
        shapes="any -> shape (same number of values)",
    ),
    LayerSpec(
        "Dropout", GROUP, "While training, zeroes each value with probability p and scales the rest by 1/(1-p).",
        "y = m * x / (1 - p),  m ~ Bernoulli(1 - p)", _same_infer, _dropout_build,
        params=(ParamSpec("p", "float", 0.5, "Probability of dropping a value", minimum=0.0, maximum=0.99),),
        shapes="same as input",
    ),
    LayerSpec(
        "Identity", GROUP, "Passes its input through unchanged.", "y = x", _same_infer, _identity_build,
        shapes="same as input",
    ),
    LayerSpec(
        "Embedding", GROUP, "Looks up a learnable vector for each token id.",
        "y[t] = E[x[t]]", _embedding_infer, _embedding_build,
        params=(
            ParamSpec("num_embeddings", "int", 1000, "Vocabulary size (number of token ids)", minimum=1, maximum=10_000_000),
            ParamSpec("embedding_dim", "int", 16, "Length of each vector", minimum=1, maximum=100000),
            ParamSpec("padding_idx", "int", None, "Token id whose vector stays zero (e.g. 0 for <pad>)", minimum=0, optional=True),
        ),
        shapes="[T] ids -> [T, embedding_dim]", trainable=True,
    ),
)
