"""`visualnn bench`: speed of training, measured in one run.

Per case: steps/s of a plain PyTorch loop, and the ratio to it of the headless Trainer
(trainer_ratio), of the Trainer with live capture about 30 times a second
(capture_ratio), and of the app training with every view open (gui_ratio, with the UI
timer's p99 lateness in ms and the repaint rate in frames/s). The GUI columns come from
`visualnn.bench.gui_bench.measure(case, quick, device=...)` when that module is present;
otherwise they are null. `device` picks where both the plain loop and the app train
(cpu by default; cuda or mps to time a GPU, auto for the best one present).

Beside the table: validation and project-file timings (io_bench: `validation`,
`project_io`) and, with the GUI bench, how long the app takes to open a 1,000-layer chain
and to take one edit in it (open_bench: `app_open`, null without it).
"""

from __future__ import annotations

import json
import sys

from visualnn.bench.core_bench import bench_cases, plain_and_trainer
from visualnn.core.i18n import tr

GUI_KEYS = ("gui_ratio", "ui_latency_p99_ms", "fps")


def _gui_bench():
    """The GUI bench module, or None where it cannot be imported (no Qt). Imported by its
    full name, so that a module marked absent is absent even after the package has it."""
    import importlib

    try:
        return importlib.import_module("visualnn.bench.gui_bench")
    except ImportError:
        return None


def _gui_measure():
    gui_bench = _gui_bench()
    if gui_bench is None:
        return None
    return getattr(gui_bench, "measure", None)


def _app_open(quick: bool) -> dict | None:
    """The app's open of a 1,000-layer chain (open_bench, offered by the GUI bench), or None
    without the GUI bench."""
    gui_bench = _gui_bench()
    if gui_bench is None:
        return None
    run = getattr(gui_bench, "app_open", None)
    return None if run is None else run(quick)


def measure_case(case: str, quick: bool = False, device: str = "cpu") -> dict:
    """One case's row: {name, device, plain_steps_per_s, trainer_ratio, capture_ratio,
    gui_ratio, ui_latency_p99_ms, fps} plus the details of the core measurement."""
    core = plain_and_trainer(case, quick, device=device)
    row = {"name": case, "device": core["device"], "plain_steps_per_s": core["plain_steps_per_s"],
           "trainer_ratio": core["trainer_ratio"], "capture_ratio": core["capture_ratio"],
           **{k: None for k in GUI_KEYS}}
    measure = _gui_measure()
    if measure is not None:
        gui = measure(case, quick, device=core["device"]) or {}
        row.update({k: gui.get(k) for k in GUI_KEYS})
        row["gui_details"] = {k: v for k, v in gui.items() if k not in GUI_KEYS}
    row["details"] = core
    return row


def _table(rows) -> str:
    def f(v, fmt):
        return "-" if v is None else format(v, fmt)

    device = rows[0].get("device", "cpu") if rows else "cpu"
    lines = [f"{'case':<12} {'plain steps/s':>14} {'trainer':>8} {'capture':>8} {'gui':>6} {'ui p99 ms':>10} {'fps':>6}"]
    for r in rows:
        lines.append(f"{r['name']:<12} {f(r['plain_steps_per_s'], ',.0f'):>14} {f(r['trainer_ratio'], '.3f'):>8} "
                     f"{f(r['capture_ratio'], '.3f'):>8} {f(r['gui_ratio'], '.3f'):>6} "
                     f"{f(r['ui_latency_p99_ms'], '.1f'):>10} {f(r['fps'], '.1f'):>6}")
    lines.append(tr("ratios: steps/s relative to the plain PyTorch loop on the same model, data, batch and device "
                    "({device}) (targets: trainer >= 0.95, capture >= 0.90, gui >= 0.85); ui p99: how late a 10 ms "
                    "timer fires while training at full speed (target < 50 ms)", device=device))
    for r in rows:
        g = r.get("gui_details") or {}
        if g.get("neurons"):
            line = tr("{name}: the canvas drew {neurons:,} neurons and the network's {weights:,} weights as "
                      "{lines:,} lines (neighbours closer than a few pixels share one); fps = canvas repaints per "
                      "second while training at full speed", name=r["name"], neurons=g["neurons"],
                      weights=g.get("weights", 0), lines=g.get("weights_drawn", 0))
            if g["neurons"] >= 500:
                line += " " + tr("(target >= 25 with 500 neurons and 20,000 weights)")
            lines.append(line)
        if g.get("memory_growth_mb") is not None:
            lines.append(tr("{name}: memory grew {mb:.1f} MB over {steps:,} steps with every view open (target: "
                            "within 50 MB; the timeline held {frames} frames, {tl:.1f} MB)", name=r["name"],
                            mb=g["memory_growth_mb"], steps=g["memory_steps"], frames=g.get("timeline_frames", 0),
                            tl=g.get("timeline_mb", 0)))
    return "\n".join(lines)


def run_bench(as_json: bool = False, quick: bool = False, cases=None, device: str = "cpu") -> int:
    """Run the cases (all, or the names in `cases`) on `device` and print a table, or with
    `as_json` the `{"cases": [...]}` object of the design. Returns the exit code (2 for an
    unknown case name, 1 for a device that is not here)."""
    names = list(bench_cases())
    chosen = list(cases) if cases else names
    unknown = [c for c in chosen if c not in names]
    if unknown:
        print(tr("error: {message}", message=tr("unknown bench case {case!r} (cases: {cases})", case=unknown[0],
                                                 cases=", ".join(names))), file=sys.stderr)
        return 2
    from visualnn.core.train.config import DeviceError, resolve_device

    try:
        device = resolve_device(device)
    except DeviceError as e:
        print(tr("error: {message}", message=e), file=sys.stderr)
        return 1
    rows = [measure_case(c, quick, device) for c in chosen]
    from visualnn.bench import io_bench

    validation, project_io = io_bench.validation_times(), io_bench.project_io()
    app_open = _app_open(quick)
    if as_json:
        print(json.dumps({"cases": rows, "validation": validation, "project_io": project_io, "app_open": app_open}))
    else:
        print(_table(rows))
        print("\n".join(io_bench.lines(validation, project_io)))
        if app_open is not None:
            from visualnn.bench.open_bench import line

            print(line(app_open))
    return 0


def run_memory(minutes: float, as_json: bool = False) -> int:
    """`visualnn bench --memory-minutes M`: the app's memory over a long run (the spiral
    case, every view open), one line a minute as it goes, then the growth once the
    timeline was full. Returns the exit code (2 for a duration that is not positive)."""
    import math

    if not (math.isfinite(minutes) and 0 < minutes <= 24 * 60):
        print(tr("error: {message}", message=tr("--memory-minutes must be between 0 and 1440, not {value}",
                                                 value=minutes)), file=sys.stderr)
        return 2
    from visualnn.bench.gui_bench import memory_run

    def line(s):
        if not as_json:
            print(tr("{t:>7.0f} s  {steps:>11,} steps  app {app:>7.1f} MB  trainer {trainer:>7.1f} MB  "
                     "timeline {tl:>5.1f} MB ({frames} frames)", t=s["t_s"], steps=s["steps"], app=s["app_mb"],
                     trainer=s["trainer_mb"], tl=s["timeline_mb"], frames=s["timeline_frames"]), flush=True)

    result = memory_run(minutes, sample_s=min(60.0, minutes * 60 / 4), progress=line)
    if as_json:
        print(json.dumps({"memory": result}))
        return 0
    if result["growth_after_full_mb"] is None:
        print(tr("memory grew {mb:.1f} MB over the run; the timeline did not reach its cap",
                 mb=result["growth_mb"]))
    else:
        print(tr("memory grew {mb:.1f} MB after the timeline reached its cap at {t:.0f} s "
                 "({total:.1f} MB over the whole run; target: within 50 MB)",
                 mb=result["growth_after_full_mb"], t=result["full_at_s"], total=result["growth_mb"]))
    return 0
