"""Multi-head self-attention over a sequence [T, E]."""

from __future__ import annotations

from visualnn.core.graph.layers._util import fmt, one
from visualnn.core.graph.spec import LayerSpec, ParamSpec, ShapeError
from visualnn.core.i18n import tr

GROUP = "Attention"


def _infer(p, ins):
    s = one(ins)
    if len(s) != 2:
        raise ShapeError(tr("SelfAttention expects a sequence [T, E], got {shape}", shape=fmt(s)))
    if s[1] % p["num_heads"]:
        raise ShapeError(tr("embedding size {s} is not divisible by num_heads {num_heads}", s=s[1], num_heads=p['num_heads']))
    return s


def _build(p, ins):
    from visualnn.core.compile.modules import SelfAttention

    return SelfAttention(ins[0][-1], p["num_heads"], dropout=p["dropout"], bias=p["bias"])


SPECS = (
    LayerSpec(
        "SelfAttention", GROUP, "Every position looks at every other: a weighted mix of values, weights from query-key match.",
        "y = softmax(Q K^T / sqrt(d)) V W_o,  Q,K,V = x W_q, x W_k, x W_v", _infer, _build,
        params=(
            ParamSpec("num_heads", "int", 1, "Parallel attention heads (must divide the embedding size)", minimum=1, maximum=64),
            ParamSpec("dropout", "float", 0.0, "Dropout on the attention weights while training", minimum=0.0, maximum=0.99),
            ParamSpec("bias", "bool", True, "Learnable biases on the projections"),
        ),
        shapes="[T, E] -> [T, E]", trainable=True, inferred=("embed_dim",),
    ),
)
