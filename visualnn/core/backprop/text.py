"""The readable `visualnn step` output: every stage of the lesson with its numbers."""

from __future__ import annotations

from visualnn.core.backprop.equations import stages
from visualnn.core.backprop.numfmt import check_digits, num, vec

HEADINGS = {"forward": "FORWARD", "loss": "LOSS", "backward": "BACKWARD", "update": "UPDATE"}


def format_trace(trace: dict, digits: int = 4) -> str:
    """The trace as text: forward (each Linear neuron's z = w1*x1 + ... + b with numbers, then
    a = f(z)), the loss term by term, backward (deltas, the chain rule, dE/dw = delta * a) and the
    update w_new = w - lr * dE/dw. Values are shown with `digits` significant digits (1 to 9)."""
    d = check_digits(digits)
    head = f"sample {trace['sample']}" if trace.get("batch") is None else \
        f"mini-batch of {trace['batch']} samples {trace['samples']}"
    out = [f"One training update, {head}, computed in {trace['dtype']}",
           f"input {trace['input']['node']} = {vec(trace['input']['value'], d)}"]
    kind = None
    for st in stages(trace, d):
        if st.kind != kind:
            kind = st.kind
            out += ["", HEADINGS[kind], "=" * len(HEADINGS[kind])]
        out.append(f"{st.title}")
        for line in st.formula:
            out.append(f"    | {line}")
        for line in st.lines:
            out.append(f"      {line}")
    out += ["", f"loss before the update: {num(trace['loss']['value'], d)}"]
    return "\n".join(out) + "\n"
