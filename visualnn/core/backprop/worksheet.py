"""The trace as tables for handing out: Markdown, CSV or LaTeX.

Per Linear layer one row per neuron (z, a, dE/da, delta = dE/dz, dE/db); per other layer one
row per value (output, dE/d output); the loss term by term; per parameter old, dE/dw, new
(and the optimizer's state). CSV is one table with a `section` column.
"""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from visualnn.core.backprop import neurons as nr
from visualnn.core.backprop.errors import TraceError
from visualnn.core.backprop.numfmt import check_digits, num
from visualnn.core.i18n import tr

MAX_ROWS = 64  # rows per table; the title says when more were left out


@dataclass
class Table:
    section: str
    node: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    total: int = 0


def _positions(shape):
    return itertools.product(*[range(n) for n in shape])


def _at(values, idx):
    return float(np.asarray(values, dtype=float)[tuple(idx)])


def _index(idx) -> str:
    return "[" + ", ".join(str(int(i)) for i in idx) + "]"


def tables(trace: dict, digits: int = 4) -> list[Table]:
    """Every table of the worksheet, in lesson order (cells as floats, formatted on output;
    `digits` is for the numbers in the titles)."""
    out = []
    bwd = {e["node"]: e for e in trace["backward"]}
    skip = set()
    for e in trace["forward"]:
        nid = e["node"]
        if nid in skip:
            continue
        if e["type"] == "Linear":
            act = e["detail"].get("activation")
            if act:
                skip.add(act["node"])
            out.append(_linear_table(trace, e, bwd[nid], act))
        else:
            t = Table("layer", nid, f"{nid} ({e['type']})", [tr("position"), tr("output"), tr("dE/d output")])
            shape = np.shape(e["output"])
            t.total = int(np.prod(shape))
            for idx in itertools.islice(_positions(shape), MAX_ROWS):
                t.rows.append([_index(idx), _at(e["output"], idx), _at(bwd[nid]["grad_output"], idx)])
            out.append(t)
    out.append(_loss_table(trace, digits))
    for nid in trace["update"]["params"]:
        out.append(_param_table(trace, nid, digits))
    return out


def _linear_table(trace, e, b, act) -> Table:
    shape = np.shape(e["output"])
    cols = [tr("neuron") if len(shape) == 1 else tr("sample/position, neuron"), "z"] + (["a", "dE/da"] if act else []) + ["delta = dE/dz"]
    has_bias = "bias" in b["param_grads"]
    if has_bias:
        cols += ["dE/db"]
    name = f"{e['node']} (Linear" + (f" + {act['function']} {act['node']}" if act else "") + ")"
    t = Table("neurons", e["node"], name, cols)
    t.total = int(np.prod(shape))
    a_e = nr.forward_entry(trace, act["node"]) if act else None
    a_b = nr.backward_entry(trace, act["node"]) if act else None
    for idx in itertools.islice(_positions(shape), MAX_ROWS):
        row = [", ".join(str(i + 1) for i in idx), _at(e["output"], idx)]
        if act:
            row += [_at(a_e["output"], idx), _at(a_b["grad_output"], idx)]
        row.append(_at(b["grad_output"], idx))
        if has_bias:
            row.append(float(b["param_grads"]["bias"][idx[-1]]) if len(idx) == 1 else None)
        t.rows.append(row)
    return t


def _loss_table(trace, d) -> Table:
    loss = trace["loss"]
    if loss["type"] == "cross_entropy":
        t = Table("loss", "loss", tr("loss ({type}) E = {value}", type=loss["type"], value=num(loss["value"], d)),
                  [tr("sample"), tr("target class"), tr("p of the target"), "-log p"])
        for term in loss["terms"]:
            t.rows.append([_index(term["index"]), term["target"], term["p_target"], term["value"]])
    else:
        t = Table("loss", "loss", tr("loss ({type}) E = {value}", type=loss["type"], value=num(loss["value"], d)),
                  [tr("position"), tr("output"), tr("target"), tr("term"), tr("dE/d output")])
        for term in loss["terms"]:
            t.rows.append([_index(term["index"]), term["output"], term["target"], term["value"], term["grad"]])
    t.total = len(t.rows) + loss.get("terms_omitted", 0)
    return t


def _param_table(trace, nid, d) -> Table:
    up = trace["update"]
    state_keys = []
    for st in up["state"][nid].values():
        state_keys += [k for k in st if k != "step" and k not in state_keys]
    t = Table("update", nid, tr("{nid}: update ({optimizer}, lr {lr})", nid=nid, optimizer=up['optimizer'], lr=num(up['lr'], d)),
              [tr("parameter"), tr("index"), tr("old"), "dE/dw"] + state_keys + [tr("new")])
    for name, old in up["before"][nid].items():
        shape = np.shape(old)
        t.total += int(np.prod(shape))
        for idx in itertools.islice(_positions(shape), MAX_ROWS):
            u = nr.param_update(trace, nid, name, idx)
            t.rows.append([name, _index(idx), u["old"], u["grad"]] + [u["state"].get(k) for k in state_keys] + [u["new"]])
    return t


def _cell(v, d: int) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return num(v, d)


def worksheet(trace: dict, fmt: str = "md", digits: int = 4) -> str:
    """The whole trace as tables: fmt "md" (Markdown), "csv" (one table, a `section` column)
    or "tex" (LaTeX tabulars); numbers with `digits` significant digits (1 to 9)."""
    d = check_digits(digits)
    if fmt not in ("md", "csv", "tex"):
        raise TraceError(tr("worksheet format must be md, csv or tex, not {fmt!r}", fmt=fmt))
    ts = tables(trace, d)
    return {"md": _markdown, "csv": _csv, "tex": _latex}[fmt](trace, ts, d)


def _heading(trace) -> str:
    fields = dict(dtype=trace["dtype"], loss=trace["loss"]["type"], optimizer=trace["update"]["optimizer"])
    if trace.get("batch") is None:
        return tr("One training update on sample {sample} ({dtype}); loss {loss}, optimizer {optimizer}",
                  sample=trace["sample"], **fields)
    return tr("One training update on samples {samples} ({dtype}); loss {loss}, optimizer {optimizer}",
              samples=trace["samples"], **fields)


def _more(t: Table) -> str:
    return tr(" (first {n} of {total})", n=len(t.rows), total=t.total) if t.total > len(t.rows) else ""


def _markdown(trace, ts, d) -> str:
    out = [tr("# Backprop worksheet"), "", tr("{heading}. Neurons are counted from 1, other positions from 0.", heading=_heading(trace))]
    for t in ts:
        out += ["", f"## {t.title}{_more(t)}", "", "| " + " | ".join(t.columns) + " |",
                "|" + "|".join("---" for _ in t.columns) + "|"]
        out += ["| " + " | ".join(_cell(v, d) for v in row) + " |" for row in t.rows]
    return "\n".join(out) + "\n"


def _csv(trace, ts, d) -> str:
    cols = [tr("section"), tr("node"), tr("table")]
    for t in ts:
        cols += [c for c in t.columns if c not in cols]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for t in ts:
        for row in t.rows:
            rec = dict(zip(t.columns, row))
            w.writerow([t.section, t.node, t.title] + [_cell(rec.get(c), d) for c in cols[3:]])
    return buf.getvalue()


TEX_ESCAPE = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
              "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(s: str) -> str:
    out = "".join(TEX_ESCAPE.get(c, c) for c in s)
    return "{" + out + "}" if out.startswith("[") else out  # a "[" after \\ would read as a spacing argument


def _latex(trace, ts, d) -> str:
    out = [f"% {_tex(_heading(trace))}"]
    for t in ts:
        out += ["", f"\\subsection*{{{_tex(t.title + _more(t))}}}", f"\\begin{{tabular}}{{l{'r' * (len(t.columns) - 1)}}}",
                "\\hline", " & ".join(_tex(c) for c in t.columns) + r" \\", "\\hline"]
        out += [" & ".join(_tex(_cell(v, d)) for v in row) + r" \\" for row in t.rows]
        out += ["\\hline", "\\end{tabular}"]
    if any(unicodedata.east_asian_width(c) in "WF" for line in out for c in line):
        out.insert(1, "% " + tr("Chinese text: compile with XeLaTeX and \\usepackage{ctex}"))
    return "\n".join(out) + "\n"
