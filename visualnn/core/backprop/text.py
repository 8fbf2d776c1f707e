"""The readable `visualnn step` output: every stage of the lesson with its numbers."""

from __future__ import annotations

from visualnn.core.backprop.equations import stages
from visualnn.core.backprop.numfmt import check_digits, num, vec
from visualnn.core.i18n import N_, display_width, tr

HEADINGS = {"forward": N_("FORWARD"), "loss": N_("LOSS"), "backward": N_("BACKWARD"), "update": N_("UPDATE")}


def format_trace(trace: dict, digits: int = 4) -> str:
    """The trace as text: forward (each Linear neuron's z = w1*x1 + ... + b with numbers, then
    a = f(z)), the loss term by term, backward (deltas, the chain rule, dE/dw = delta * a) and the
    update w_new = w - lr * dE/dw. Values are shown with `digits` significant digits (1 to 9)."""
    d = check_digits(digits)
    if trace.get("batch") is None:
        first = tr("One training update, sample {sample}, computed in {dtype}", sample=trace["sample"], dtype=trace["dtype"])
    else:
        first = tr("One training update, mini-batch of {batch} samples {samples}, computed in {dtype}",
                   batch=trace["batch"], samples=trace["samples"], dtype=trace["dtype"])
    out = [first, tr("input {node} = {value}", node=trace["input"]["node"], value=vec(trace["input"]["value"], d))]
    kind = None
    for st in stages(trace, d):
        if st.kind != kind:
            kind = st.kind
            heading = tr(HEADINGS[kind])
            out += ["", heading, "=" * display_width(heading)]
        out.append(f"{st.title}")
        for line in st.formula:
            out.append(f"    | {line}")
        for line in st.lines:
            out.append(f"      {line}")
    out += ["", tr("loss before the update: {value}", value=num(trace['loss']['value'], d))]
    return "\n".join(out) + "\n"
