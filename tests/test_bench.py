"""`visualnn bench`: the JSON schema (no speed thresholds here: the bench prints ratios)."""

import json
import sys
import types

from visualnn.bench import run_bench
from visualnn.bench.core_bench import bench_cases
from visualnn.cli import main

KEYS = {"name", "plain_steps_per_s", "trainer_ratio", "capture_ratio", "gui_ratio", "ui_latency_p99_ms", "fps"}


def test_quick_json_schema(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "visualnn.bench.gui_bench", None)  # as if there were no GUI bench
    assert run_bench(as_json=True, quick=True) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = doc["cases"]
    assert [r["name"] for r in rows] == list(bench_cases()) == ["mlp_spiral", "cnn_digits", "wide_mlp"]
    assert doc["app_open"] is None   # the app's open of a big project comes from the GUI bench too
    for r in rows:
        assert KEYS <= set(r)
        for k in ("plain_steps_per_s", "trainer_ratio", "capture_ratio"):
            assert isinstance(r[k], float) and r[k] > 0, k
        assert r["gui_ratio"] is None and r["ui_latency_p99_ms"] is None and r["fps"] is None
        assert r["details"]["captures"] > 0


def test_gui_columns_come_from_the_gui_bench(capsys, monkeypatch):
    fake = types.ModuleType("visualnn.bench.gui_bench")
    fake.measure = lambda case, quick, device: {"gui_ratio": 0.9, "ui_latency_p99_ms": 12.0, "fps": 30.0,
                                                "seen_device": device}
    monkeypatch.setitem(sys.modules, "visualnn.bench.gui_bench", fake)
    assert main(["bench", "--json", "--quick", "--case", "mlp_spiral"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["cases"]
    assert (row["gui_ratio"], row["ui_latency_p99_ms"], row["fps"]) == (0.9, 12.0, 30.0)
    assert row["device"] == row["gui_details"]["seen_device"] == "cpu"


def test_the_open_of_a_big_project_comes_from_the_gui_bench(capsys, monkeypatch):
    fake = types.ModuleType("visualnn.bench.gui_bench")
    fake.measure = lambda case, quick, device: {}
    fake.app_open = lambda quick: {"layers": 1000, "open_cpu_s": 0.6, "open_wall_s": 0.7, "small_layers": 100,
                                   "small_open_cpu_s": 0.3, "ratio": 2.0, "live_cpu_s": 2.5, "live_wall_s": 3.5,
                                   "move_ms": 30.0, "param_ms": 40.0, "quick": quick}
    monkeypatch.setitem(sys.modules, "visualnn.bench.gui_bench", fake)
    assert main(["bench", "--json", "--quick", "--case", "mlp_spiral"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["app_open"]["open_cpu_s"] == 0.6 and doc["app_open"]["quick"] is True
    assert {"validation", "project_io"} <= set(doc)   # the keys before it stay
    assert main(["bench", "--quick", "--case", "mlp_spiral"]) == 0
    out = capsys.readouterr().out
    assert "opening a 1,000-layer chain in the app: 0.60 s CPU (0.70 s wall)" in out and "moving one card 30 ms" in out


def test_a_device_that_is_not_here_is_refused_with_the_reason(capsys, monkeypatch):
    from visualnn.core.train import config

    monkeypatch.setitem(sys.modules, "visualnn.bench.gui_bench", None)
    monkeypatch.setattr(config, "available_devices",
                        lambda: {"cpu": None, "cuda": "no CUDA GPU found", "mps": "Apple MPS is not available"})
    assert main(["bench", "--quick", "--device", "cuda", "--case", "mlp_spiral"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: device 'cuda' asked for, but no CUDA GPU found") and err.count("\n") == 1
    assert main(["bench", "--json", "--quick", "--device", "auto", "--case", "mlp_spiral"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["cases"]
    assert row["device"] == "cpu" and row["trainer_ratio"] > 0


def test_table_and_unknown_case(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "visualnn.bench.gui_bench", None)
    assert run_bench(quick=True, cases=["mlp_spiral"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("case") and "mlp_spiral" in out and "trainer" in out
    assert run_bench(cases=["nope"]) == 2
    assert "unknown bench case 'nope'" in capsys.readouterr().err


def test_cases_are_the_design_networks():
    cases = bench_cases()
    mlp = cases["mlp_spiral"]
    assert [mlp.graph.nodes[n].type for n in mlp.graph.topo_order()] == ["Input", "Linear", "Tanh", "Linear", "Tanh", "Linear"]
    assert [mlp.graph.nodes[n].params.get("out_features") for n in ("fc1", "fc2", "out")] == [8, 8, 1]
    assert mlp.train["batch_size"] == 10 and cases["cnn_digits"].train["batch_size"] == 32
