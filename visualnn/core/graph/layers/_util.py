"""Small helpers shared by the layer modules."""

from __future__ import annotations

from visualnn.core.graph.spec import ShapeError
from visualnn.core.i18n import tr


def fmt(shape) -> str:
    """A shape as the user sees it: [1, 8, 8]."""
    return "[" + ", ".join(str(d) for d in shape) + "]"


def one(in_shapes: list) -> tuple:
    if len(in_shapes) != 1:
        raise ShapeError(tr("takes exactly one input, has {n}", n=len(in_shapes)))
    return tuple(in_shapes[0])


def pair(v) -> tuple[int, int]:
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv_out(size: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> int:
    """Output length of a convolution or pooling along one axis (PyTorch's formula)."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1
