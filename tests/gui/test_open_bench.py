"""`visualnn bench`'s open of a big project, run small: the real File > Open path, every
figure there (no speed asserted here: the bench prints its figures)."""

from __future__ import annotations

from visualnn.bench.open_bench import app_open, line


def test_the_open_bench_opens_edits_and_sees_the_live_values(qtbot):
    result = app_open(quick=True, sizes=(5, 20))
    assert result["layers"] == 20 and result["small_layers"] == 5
    for key in ("open_cpu_s", "open_wall_s", "small_open_cpu_s", "ratio", "live_cpu_s", "live_wall_s", "move_ms",
                "param_ms"):
        assert result[key] > 0, key
    assert result["live_cards"] == 21   # the Input and the 20 layers show the training's values
    assert line(result).startswith("opening a 20-layer chain in the app: ")
