"""`visualnn step`: the JSON trace of the design, the readable lesson, worksheets, errors."""

import csv
import io
import json

from visualnn.cli import main
from visualnn.examples import example_path

LESSON = str(example_path("lesson_222_sigmoid.vnn"))


def _spiral(tmp_path, **train):
    doc = {"format": "visualnn", "version": 1, "name": "spiral",
           "nodes": [{"id": "x", "type": "Input", "params": {"shape": [2]}},
                     {"id": "fc", "type": "Linear", "params": {"out_features": 4}},
                     {"id": "t", "type": "Tanh"}, {"id": "d", "type": "Dropout", "params": {"p": 0.25}},
                     {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
           "edges": [{"from": "x", "to": "fc"}, {"from": "fc", "to": "t"}, {"from": "t", "to": "d"},
                     {"from": "d", "to": "out"}],
           "data": {"kind": "builtin", "name": "spiral", "params": {"samples": 40}},
           "train": {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.01, "seed": 3, **train}}
    p = tmp_path / "spiral.vnn"
    p.write_text(json.dumps(doc))
    return str(p)


def test_json_trace_follows_the_design(capsys):
    assert main(["step", LESSON, "--sample", "0", "--json"]) == 0
    trace = json.loads(capsys.readouterr().out)
    assert trace["sample"] == 0 and trace["dtype"] == "float64"
    assert [e["node"] for e in trace["forward"]] == ["net_h", "out_h", "net_o", "out_o"]
    for e in trace["forward"]:
        assert {"node", "type", "input", "output"} <= set(e)
    assert {"type", "value", "output", "target"} <= set(trace["loss"])
    assert trace["loss"]["type"] == "half_sse" and abs(trace["loss"]["value"] - 0.298371109) < 1e-9
    assert [e["node"] for e in trace["backward"]] == ["out_o", "net_o", "out_h", "net_h"]
    for e in trace["backward"]:
        assert {"node", "grad_output", "grad_input", "param_grads"} <= set(e)
    assert set(trace["backward"][1]["param_grads"]) == {"weight", "bias"}
    up = trace["update"]
    assert up["optimizer"] == "sgd" and up["lr"] == 0.5
    assert set(up["params"]) == {"net_h", "net_o"}
    assert abs(up["params"]["net_o"]["weight"][0][0] - 0.35891648) < 1e-8


def test_readable_output_writes_the_arithmetic(capsys):
    assert main(["step", LESSON]) == 0
    out = capsys.readouterr().out
    for text in ["z1 = 0.15*0.05 + 0.2*0.1 + 0.35 = 0.3775", "a1 = sigmoid(0.3775) = 0.5933",
                 "E1 = 1/2 * (0.01 - 0.7514)^2 = 0.2748", "E = E1 + E2 = 0.2984",
                 "delta1 = dE/da1 * f'(z1) = 0.7414 * 0.1868 = 0.1385",
                 "delta1 = (0.4*0.1385 + 0.5*(-0.0381)) * 0.2413 = 0.03635 * 0.2413 = 0.008771",
                 "dE/dw11 = delta1 * x1 = 0.1385 * 0.5933 = 0.08217",
                 "w11 = 0.4 - 0.5 * 0.08217 = 0.3589", "w11 = 0.15 - 0.5 * 0.0004386 = 0.1498"]:
        assert text in out, text
    assert out.index("FORWARD") < out.index("LOSS") < out.index("BACKWARD") < out.index("UPDATE")


def test_digits_change_the_precision(capsys):
    assert main(["step", LESSON, "--digits", "9"]) == 0
    out = capsys.readouterr().out
    assert "a1 = sigmoid(0.3775) = 0.593269992" in out
    assert "w11 = 0.4 - 0.5 * 0.0821670406 = 0.35891648" in out


def test_worksheet_option(capsys):
    assert main(["step", LESSON, "--worksheet", "csv", "--digits", "6"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    new = [r["new"] for r in rows if r["section"] == "update" and r["node"] == "net_o"]
    assert new[0] == "0.358916"


def test_builtin_data_mini_batch_and_dropout(tmp_path, capsys):
    path = _spiral(tmp_path)
    assert main(["step", path, "--sample", "5", "--batch", "3", "--json"]) == 0
    trace = json.loads(capsys.readouterr().out)
    assert trace["batch"] == 3 and trace["samples"] == [5, 6, 7]
    assert len(trace["loss"]["target"]) == 3
    mask = {e["node"]: e for e in trace["forward"]}["d"]["detail"]["mask"]
    assert len(mask) == 3 and set(sum(mask, [])) <= {0.0, 1.0}
    assert "p_minus_y" in trace["loss"]["shortcut"]
    # the same project and sample give the same trace (dropout mask included)
    assert main(["step", path, "--sample", "5", "--batch", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == trace


def test_bad_sample_is_one_line_exit_1(capsys):
    assert main(["step", LESSON, "--sample", "3"]) == 1
    err = capsys.readouterr().err
    assert err == "error: sample 3 is out of range: the training split has 1 sample (index 0)\n"
    assert main(["step", LESSON, "--sample", "-1", "--json"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_missing_file_exit_2(tmp_path, capsys):
    assert main(["step", str(tmp_path / "missing.vnn")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no such file" in err and err.count("\n") == 1


def test_invalid_graph_and_bad_digits_exit_1(tmp_path, capsys):
    doc = json.loads(open(LESSON, encoding="utf-8").read())
    doc["nodes"][1]["params"]["out_features"] = 3  # the hand-set weights no longer fit
    p = tmp_path / "bad.vnn"
    p.write_text(json.dumps(doc))
    assert main(["step", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: node net_h: weight has shape [2, 2], the layer needs [3, 2]") and err.count("\n") == 1
    assert main(["step", LESSON, "--digits", "0"]) == 1
    assert "digits" in capsys.readouterr().err
