"""The neuron or pixel a user picked in a big layer, written out with the core's text.

A Linear layer too big for one stage per neuron gets one stage for the whole layer; the
panel then also writes out the picked neuron, with the same lines the core gives small
layers. A Conv2d forward stage writes out the picked output pixel's multiply-add.
"""

from __future__ import annotations

from visualnn.gui.i18n import translate

MAX_TERMS = 12


def picked_position(trace: dict, stage, focus: dict):
    """(entry, output position without the batch) the panel expands for `stage`, or None."""
    if trace is None or stage is None or stage.neuron is not None or stage.kind not in ("forward", "backward"):
        return None
    e = next((x for x in trace["forward"] if x["node"] == stage.node), None)
    if e is None or e["type"] not in ("Linear", "Conv2d") or (e["type"] == "Conv2d" and stage.kind != "forward"):
        return None
    shape = [int(n) for n in e["shape"]]
    pos = focus.get(stage.node)
    if e["type"] == "Linear":
        if len(shape) != 1:   # a Linear over a sequence: neuron j of position 0
            shape = shape[-1:]
        pos = tuple(pos) if pos and len(pos) == 1 else (0,)
        pos = (0,) * (len(e["shape"]) - 1) + pos
    else:
        pos = tuple(pos) if pos and len(pos) == 3 else (0, shape[1] // 2, shape[2] // 2)
    return e, pos


def expansion(trace: dict, stage, focus: dict, digits: int):
    """(title, formula lines, number lines) for the picked position, or None."""
    from visualnn.core.backprop import equations as eq
    from visualnn.core.backprop import neurons as nr
    from visualnn.core.backprop.numfmt import num, pos as fmt_pos, sub, term

    found = picked_position(trace, stage, focus)
    if found is None:
        return None
    e, p = found
    idx = p if trace.get("batch") is None else (0,) + tuple(p)

    if e["type"] == "Linear":
        total = e["shape"][-1]
        if stage.kind == "forward":
            formula, lines = eq.linear_neuron_lines(trace, e["node"], idx, digits)
        else:
            formula, lines = eq.linear_neuron_backward_lines(trace, e["node"], idx, digits)
        title = (translate("expand", "neuron {j} of {total}") if trace.get("batch") is None
                 else translate("expand", "neuron {j} of {total} (first sample of the batch)")).format(
                     j=sub(p[-1]), total=total)
        return title, list(formula), list(lines)
    px = nr.conv_pixel(trace, e["node"], idx)
    terms = px["terms"]
    expr = " + ".join(f"{term(t['w'], digits)}*{term(t['x'], digits)}" for t in terms[:MAX_TERMS])
    if len(terms) > MAX_TERMS:
        rest = sum(t["product"] for t in terms[MAX_TERMS:])
        expr += " + ... " + translate("expand", "({n} more, together {sum})").format(
            n=len(terms) - MAX_TERMS, sum=num(rest, digits))
    if px["bias"] is not None:
        expr += f" + {term(px['bias'], digits)}"
    padded = sum(1 for t in terms if t["padding"])
    formula = ["z[o,i,j] = b[o] + sum_c,u,v W[o,c,u,v] * x[c, i*s+u*d-p, j*s+v*d-p]"]
    field = (translate("expand", "receptive field: rows {rows}, columns {cols} ({n} values of padding)") if padded
             else translate("expand", "receptive field: rows {rows}, columns {cols}")).format(
        rows=f"{px['rows'][0]}..{px['rows'][1]}", cols=f"{px['cols'][0]}..{px['cols'][1]}", n=padded)
    lines = [field,
             f"z{fmt_pos(p)} = {expr} = {num(px['z'], digits)}"]
    title = (translate("expand", "output pixel {pos}") if trace.get("batch") is None
             else translate("expand", "output pixel {pos} (first sample of the batch)")).format(pos=fmt_pos(p))
    return title, formula, lines
