"""Normalisation layers."""

from __future__ import annotations

from visualnn.core.graph.layers._util import fmt, one
from visualnn.core.graph.spec import LayerSpec, ParamSpec, ShapeError
from visualnn.core.i18n import tr

GROUP = "Normalisation"


def _bn1_infer(p, ins):
    s = one(ins)
    if len(s) not in (1, 2):
        raise ShapeError(tr("BatchNorm1d expects [C] or [C, L], got {shape}: use BatchNorm2d for images", shape=fmt(s)) if len(s) == 3
                         else tr("BatchNorm1d expects [C] or [C, L], got {shape}", shape=fmt(s)))
    return s


def _bn2_infer(p, ins):
    s = one(ins)
    if len(s) != 3:
        raise ShapeError(tr("BatchNorm2d expects an image [C, H, W], got {shape}", shape=fmt(s)))
    return s


def _ln_infer(p, ins):
    return one(ins)


def _bn_build(kind):
    def build(p, ins):
        import torch.nn as nn

        return getattr(nn, kind)(ins[0][0], eps=p["eps"], momentum=p["momentum"], affine=p["affine"])

    return build


def _ln_build(p, ins):
    import torch.nn as nn

    return nn.LayerNorm(ins[0][-1], eps=p["eps"], elementwise_affine=p["elementwise_affine"])


def _bn_params():
    return (
        ParamSpec("eps", "float", 1e-5, "Added to the variance to avoid dividing by zero", minimum=0.0, maximum=1.0),
        ParamSpec("momentum", "float", 0.1, "How fast the running mean and variance follow the batches", minimum=0.0, maximum=1.0),
        ParamSpec("affine", "bool", True, "Learn a scale (gamma) and shift (beta)"),
    )


SPECS = (
    LayerSpec(
        "BatchNorm1d", GROUP, "Normalises each feature over the batch, then scales and shifts it.",
        "y = (x - mean_batch) / sqrt(var_batch + eps) * gamma + beta", _bn1_infer, _bn_build("BatchNorm1d"),
        params=_bn_params(), shapes="[C] or [C, L] -> same", trainable=True, inferred=("num_features",),
    ),
    LayerSpec(
        "BatchNorm2d", GROUP, "Normalises each channel over the batch and the image, then scales and shifts it.",
        "y = (x - mean_c) / sqrt(var_c + eps) * gamma + beta", _bn2_infer, _bn_build("BatchNorm2d"),
        params=_bn_params(), shapes="[C, H, W] -> same", trainable=True, inferred=("num_features",),
    ),
    LayerSpec(
        "LayerNorm", GROUP, "Normalises each sample over its last dim, then scales and shifts it.",
        "y = (x - mean_last) / sqrt(var_last + eps) * gamma + beta", _ln_infer, _ln_build,
        params=(
            ParamSpec("eps", "float", 1e-5, "Added to the variance to avoid dividing by zero", minimum=0.0, maximum=1.0),
            ParamSpec("elementwise_affine", "bool", True, "Learn a scale (gamma) and shift (beta)"),
        ),
        shapes="[..., F] -> same", trainable=True, inferred=("normalized_shape",),
    ),
)
