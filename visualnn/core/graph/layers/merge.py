"""Layers that join several inputs: Add (skip connections) and Concat."""

from __future__ import annotations

from visualnn.core.graph.layers._util import fmt
from visualnn.core.graph.spec import LayerSpec, ParamSpec, ShapeError
from visualnn.core.i18n import tr

GROUP = "Merge"


def _add_infer(p, ins):
    if len(ins) < 2:
        raise ShapeError(tr("Add needs at least two inputs, has {n}", n=len(ins)))
    first = tuple(ins[0])
    for s in ins[1:]:
        if tuple(s) != first:
            raise ShapeError(tr("Add needs inputs of one shape, got {items}", items=' and '.join(fmt(s) for s in ins)))
    return first


def _add_build(p, ins):
    from visualnn.core.compile.modules import Add

    return Add()


def _cat_infer(p, ins):
    if len(ins) < 2:
        raise ShapeError(tr("Concat needs at least two inputs, has {n}", n=len(ins)))
    rank = len(ins[0])
    if any(len(s) != rank for s in ins):
        raise ShapeError(tr("Concat needs inputs of one rank, got {items}", items=' and '.join(fmt(s) for s in ins)))
    d = p["dim"]
    if not -rank <= d < rank:
        raise ShapeError(tr("dim {d} is outside the shape {shape} (batch excluded)", d=d, shape=fmt(ins[0])))
    d %= rank
    for s in ins[1:]:
        if any(a != b for i, (a, b) in enumerate(zip(ins[0], s)) if i != d):
            raise ShapeError(tr("Concat along dim {d} needs the other sizes equal, got {items}", d=d, items=' and '.join(fmt(s) for s in ins)))
    out = list(ins[0])
    out[d] = sum(s[d] for s in ins)
    return tuple(out)


def _cat_build(p, ins):
    from visualnn.core.compile.modules import Concat

    return Concat(p["dim"] % len(ins[0]) + 1)


SPECS = (
    LayerSpec(
        "Add", GROUP, "Adds its inputs element by element (residual / skip connections).",
        "y = x1 + x2 + ...", _add_infer, _add_build, min_inputs=2, max_inputs=16,
        shapes="[S], [S], ... -> [S]",
    ),
    LayerSpec(
        "Concat", GROUP, "Joins its inputs along one dim, in the order they were connected.",
        "y = [x1, x2, ...] along dim", _cat_infer, _cat_build, min_inputs=2, max_inputs=16,
        params=(ParamSpec("dim", "int", -1, "Dim to join along (batch excluded; -1 = last)", minimum=-8, maximum=8),),
        shapes="[A], [B] -> [A+B]",
    ),
)
