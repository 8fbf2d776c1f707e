"""Convolution and pooling on images [C, H, W]."""

from __future__ import annotations

from visualnn.core.graph.layers._util import conv_out, fmt, one, pair
from visualnn.core.graph.spec import LayerSpec, ParamSpec, ShapeError
from visualnn.core.i18n import tr

GROUP = "Convolution"


def _image(ins, kind):
    s = one(ins)
    if len(s) != 3:
        if len(s) == 1:
            raise ShapeError(tr("{kind} expects an image [C, H, W], got {shape} (a Flatten before it removed the image layout)",
                                kind=kind, shape=fmt(s)))
        raise ShapeError(tr("{kind} expects an image [C, H, W], got {shape}", kind=kind, shape=fmt(s)))
    return s


def _spatial(s, k, st, pad, dil=(1, 1)):
    h = conv_out(s[1], k[0], st[0], pad[0], dil[0])
    w = conv_out(s[2], k[1], st[1], pad[1], dil[1])
    if h < 1 or w < 1:
        raise ShapeError(tr("kernel {k}x{k2} does not fit in {s}x{s2} (output would be {h}x{w}); add padding or shrink the kernel", k=k[0], k2=k[1], s=s[1], s2=s[2], h=h, w=w))
    return h, w


def _conv_infer(p, ins):
    s = _image(ins, "Conv2d")
    h, w = _spatial(s, pair(p["kernel_size"]), pair(p["stride"]), pair(p["padding"]), pair(p["dilation"]))
    return (p["out_channels"], h, w)


def _conv_build(p, ins):
    import torch.nn as nn

    return nn.Conv2d(
        ins[0][0], p["out_channels"], p["kernel_size"], stride=p["stride"], padding=p["padding"],
        dilation=p["dilation"], bias=p["bias"], padding_mode=p["padding_mode"],
    )


def _pool_infer(kind):
    def infer(p, ins):
        s = _image(ins, kind)
        k = pair(p["kernel_size"])
        st = pair(p["stride"] if p["stride"] is not None else p["kernel_size"])
        pad = pair(p["padding"])
        if pad[0] * 2 > k[0] or pad[1] * 2 > k[1]:
            raise ShapeError(tr("padding {shape} must be at most half the kernel {shape2}", shape=fmt(pad), shape2=fmt(k)))
        h, w = _spatial(s, k, st, pad)
        return (s[0], h, w)

    return infer


def _maxpool_build(p, ins):
    import torch.nn as nn

    return nn.MaxPool2d(p["kernel_size"], stride=p["stride"], padding=p["padding"])


def _avgpool_build(p, ins):
    import torch.nn as nn

    return nn.AvgPool2d(p["kernel_size"], stride=p["stride"], padding=p["padding"])


def _pool_params():
    return (
        ParamSpec("kernel_size", "size", 2, "Window size (n or [h, w])", minimum=1, maximum=64),
        ParamSpec("stride", "size", None, "Step between windows; empty = the window size", minimum=1, maximum=64, optional=True),
        ParamSpec("padding", "size", 0, "Zeros added on each side", minimum=0, maximum=32),
    )


SPECS = (
    LayerSpec(
        "Conv2d", GROUP, "Slides learnable kernels over the image; each output channel is one feature map.",
        "y[o,i,j] = b[o] + sum_c,u,v W[o,c,u,v] * x[c, i*s+u, j*s+v]", _conv_infer, _conv_build,
        params=(
            ParamSpec("out_channels", "int", 8, "Number of kernels (output feature maps)", minimum=1, maximum=4096),
            ParamSpec("kernel_size", "size", 3, "Kernel size (n or [h, w])", minimum=1, maximum=64),
            ParamSpec("stride", "size", 1, "Step of the kernel", minimum=1, maximum=64),
            ParamSpec("padding", "size", 0, "Zeros added on each side", minimum=0, maximum=64),
            ParamSpec("dilation", "size", 1, "Spacing between kernel taps", minimum=1, maximum=16),
            ParamSpec("bias", "bool", True, "Add a learnable bias per output channel"),
            ParamSpec("padding_mode", "choice", "zeros", "What the padding holds", choices=("zeros", "reflect", "replicate", "circular")),
        ),
        shapes="[C, H, W] -> [out_channels, H', W']", trainable=True, inferred=("in_channels",),
    ),
    LayerSpec(
        "MaxPool2d", GROUP, "Keeps the largest value of each window: smaller maps, same channels.",
        "y[c,i,j] = max_u,v x[c, i*s+u, j*s+v]", _pool_infer("MaxPool2d"), _maxpool_build,
        params=_pool_params(), shapes="[C, H, W] -> [C, H', W']",
    ),
    LayerSpec(
        "AvgPool2d", GROUP, "Averages each window: smaller maps, same channels.",
        "y[c,i,j] = mean_u,v x[c, i*s+u, j*s+v]", _pool_infer("AvgPool2d"), _avgpool_build,
        params=_pool_params(), shapes="[C, H, W] -> [C, H', W']",
    ),
)
