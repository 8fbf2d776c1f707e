"""The lesson stages, the readable text, the worksheets and the pick-a-neuron functions."""

import csv
import io
import itertools

import numpy as np
import pytest

from tests.core.backprop.test_trace_layers import CASES, _sample
from visualnn.core.backprop import neurons as nr
from visualnn.core.backprop.equations import Stage, stages
from visualnn.core.backprop.errors import TraceError
from visualnn.core.backprop.text import format_trace
from visualnn.core.backprop.trace import trace_project, trace_update
from visualnn.core.backprop.worksheet import worksheet
from visualnn.core.io import load_project
from visualnn.examples import example_path


@pytest.fixture(scope="module")
def lesson():
    return trace_project(load_project(example_path("lesson_222_sigmoid.vnn")))


def _trace(case, seed=0, **cfg):
    graph, loss, batch = CASES[case](np.random.default_rng(seed))
    x, t = _sample(graph, loss, batch, seed)
    return trace_update(graph, None, x, t, {"loss": loss, **cfg})


def test_stages_follow_the_lesson_order(lesson):
    st = stages(lesson)
    assert all(isinstance(s, Stage) for s in st)
    assert [(s.kind, s.node, s.neuron) for s in st] == [
        ("forward", "net_h", (0,)), ("forward", "net_h", (1,)), ("forward", "out_h", None),
        ("forward", "net_o", (0,)), ("forward", "net_o", (1,)), ("forward", "out_o", None),
        ("loss", None, None),
        ("backward", "out_o", None), ("backward", "net_o", (0,)), ("backward", "net_o", (1,)),
        ("backward", "out_h", None), ("backward", "net_h", (0,)), ("backward", "net_h", (1,)),
        ("update", "net_h", None), ("update", "net_o", None)]
    first = st[0]
    assert first.formula[0] == "z1 = w11*x1 + w12*x2 + b1"
    assert first.lines == ["z1 = 0.15*0.05 + 0.2*0.1 + 0.35 = 0.3775", "a1 = sigmoid(0.3775) = 0.5933"]
    assert first.edges == [("i", "net_h")]
    assert st[6].edges == [("out_o", "loss")] and st[7].edges == []
    assert st[8].edges == [("net_o", "out_o")]
    assert any("p - y" in line or "delta" in line for s in st for line in s.formula)


def test_digits_apply_to_every_stage(lesson):
    long = stages(lesson, digits=9)
    assert "a1 = sigmoid(0.3775) = 0.593269992" in long[0].lines
    assert "E = E1 + E2 = 0.298371109" in long[6].lines
    for bad in (0, 10, 2.5, "4"):
        with pytest.raises(TraceError):
            stages(lesson, digits=bad)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_layer_type_is_written_out(case):
    trace = _trace(case, optimizer=["sgd", "adam", "rmsprop"][len(case) % 3], momentum=0.5 if len(case) % 3 == 2 else 0)
    text = format_trace(trace, digits=3)
    for e in trace["forward"]:
        assert f"{e['node']} ({e['type']})" in text
    st = stages(trace, 3)
    kinds = [s.kind for s in st]
    assert kinds == sorted(kinds, key=["forward", "loss", "backward", "update"].index)
    assert all(s.lines for s in st)


def test_cross_entropy_stage_shows_the_shortcut():
    trace = _trace("mlp")
    loss = [s for s in stages(trace) if s.kind == "loss"][0]
    assert any(line.startswith("dE/dz = p - y = ") for line in loss.lines)
    assert "dE/dz_i = p_i - y_i  (y one-hot)" in loss.formula
    sc = trace["loss"]["shortcut"]
    assert np.allclose(sc["p_minus_y"], trace["loss"]["grad"], rtol=0, atol=1e-15)


def test_worksheets_hold_the_numbers(lesson):
    md = worksheet(lesson, "md")
    assert "| 1 | 0.3775 | 0.5933 |" in md and "0.3589" in md and "## loss (half_sse) E = 0.2984" in md
    rows = list(csv.DictReader(io.StringIO(worksheet(lesson, "csv", digits=9))))
    assert {r["section"] for r in rows} == {"neurons", "loss", "update"}
    w1 = [r for r in rows if r["section"] == "update" and r["node"] == "net_h" and r["index"] == "[0, 0]"][0]
    assert (w1["old"], w1["new"]) == ("0.15", "0.149780716")
    tex = worksheet(lesson, "tex")
    assert tex.count("\\begin{tabular}") == tex.count("\\end{tabular}") == 5
    assert "net\\_h" in tex and "0.3589" in tex and "\\\\\n[" not in tex
    with pytest.raises(TraceError):
        worksheet(lesson, "xls")


def test_worksheet_for_a_conv_net_and_adam():
    trace = _trace("conv", optimizer="adam")
    rows = list(csv.DictReader(io.StringIO(worksheet(trace, "csv"))))
    assert {"m", "v", "m_hat", "v_hat"} <= set(rows[0])
    assert any(r["section"] == "layer" and r["node"] == "mp" for r in rows)


def test_conv_pixel_and_weight_gradient():
    trace = _trace("conv")
    fwd = nr.forward_entry(trace, "c2")
    out = np.asarray(fwd["output"])
    for idx in itertools.product(*[range(n) for n in out.shape]):
        px = nr.conv_pixel(trace, "c2", idx)
        assert abs(px["sum"] - px["z"]) < 1e-12 and px["z"] == out[idx]
    px = nr.conv_pixel(trace, "c1", (1, 0, 0))  # a corner: padding in the receptive field
    assert sum(t["padding"] for t in px["terms"]) == 2 * 5 and len(px["terms"]) == 2 * 9
    grads = np.asarray(nr.backward_entry(trace, "c1")["param_grads"]["weight"])
    for widx in [(0, 0, 0, 0), (2, 1, 2, 1)]:
        g = nr.conv_weight_grad(trace, "c1", widx)
        assert abs(g["sum"] - g["value"]) < 1e-12 and g["value"] == grads[widx]
    with pytest.raises(TraceError):
        nr.conv_pixel(trace, "c1", (9, 0, 0))


def test_reshape_linear_and_update_lookups(lesson):
    trace = _trace("conv")
    fl = nr.forward_entry(trace, "fl")
    src = nr.reshape_source(trace, "fl", [5])
    mp_out = np.asarray(nr.forward_entry(trace, "ap")["output"])
    assert fl["output"][5] == mp_out[tuple(src)]
    g = nr.linear_weight_grad(lesson, "net_o", 0, 1)
    assert len(g["terms"]) == 1 and abs(g["sum"] - g["value"]) < 1e-15
    u = nr.param_update(lesson, "net_o", "weight", (0, 0))
    assert (u["old"], round(u["new"], 8)) == (0.4, 0.35891648)
