"""The app's speed while it trains: `measure(case, quick)` for `visualnn bench`.

In this one process: the main window (offscreen) on the case's project with every live
view open (the canvas with its neuron columns and weight lines, and a second window with
all the views laid out at once), training at full speed as the app trains (its training
thread relaying a training process), against the plain PyTorch loop of the core bench
(`core_bench.PlainLoop`) run in this process on the same model, data and batch. The two run in alternating rounds (plain, app, plain, app, ...); gui_ratio is
the median of the per-round ratios app steps/s over plain steps/s, so that a busy
machine slows both alike.

During the app's rounds a 10 ms QTimer records how late it fires (ui_latency_p99_ms: the
99th percentile of the lateness, in milliseconds) and the canvas counts its repaints
(fps: repaints per second of the network view; frames_per_s: the frames the controller
showed). For the spiral case, a long run then checks that memory stays flat
(memory_growth_mb: resident memory of the app and its training process at the end minus
after warm-up, over memory_steps steps).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

ROUNDS, PLAIN_S, APP_S, SETTLE_S = 8, 0.6, 1.5, 0.3
QUICK = (2, 0.2, 0.5, 0.2)
MEMORY_STEPS, QUICK_MEMORY_STEPS = 100_000, 2_000
DRAW_ALL = 10_000  # neurons per layer drawn in the wide case: every one


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of this process (or of process `pid`) in MB (Linux /proc; elsewhere
    this process's peak from resource, which can only grow, and 0 for another process)."""
    try:
        with open(f"/proc/{pid or 'self'}/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        if pid:
            return 0.0
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


def _app():
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from visualnn.gui.app import make_app
    from visualnn.gui.settings import use_settings_dir
    import tempfile

    use_settings_dir(tempfile.mkdtemp(prefix="visualnn-bench-"))
    from PySide6.QtCore import qInstallMessageHandler

    def quiet(mode, context, message):  # the offscreen platform's notes are not results
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(quiet)
    return make_app()


def _run_loop(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _wait(pred, timeout: float = 60.0) -> bool:
    from PySide6.QtCore import QCoreApplication

    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if pred():
            return True
        QCoreApplication.processEvents()
        time.sleep(0.002)
    return False


class _Probe:
    """A 10 ms timer's lateness and the canvas's repaints while the app trains."""

    def __init__(self, viewport):
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer

        self.late: list[float] = []
        self.paints = 0
        self.on = False
        self._last = None
        probe = self

        class Filter(QObject):
            def eventFilter(self, obj, event):
                if probe.on and event.type() == QEvent.Type.Paint:
                    probe.paints += 1
                return False

        self.filter = Filter()
        viewport.installEventFilter(self.filter)
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self):
        now = time.perf_counter()
        if self.on and self._last is not None:
            self.late.append(max(0.0, now - self._last - 0.010))
        self._last = now

    def start(self):
        self.on, self._last = True, None
        self.timer.start()

    def stop(self):
        self.on = False
        self.timer.stop()


def _open(project, case: str):
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow
    from visualnn.gui.panels.live_views import LiveViews

    window = MainWindow(Document(project))
    ui = window.training
    window.resize(1600, 1000)
    window.show()
    ui.views_dock.hide()
    views = LiveViews(ui.controller, grid=True)  # every view at once
    views.setWindowTitle("visualnn live views")
    views.resize(1500, 800)
    views.show()
    if case == "wide_mlp":
        ui.canvas_live.set_max_units(DRAW_ALL)
    ui.controller.ensure_started()
    _wait(lambda: ui.controller.session is not None and ui.controller.current is not None)
    window.canvas.fit()
    ui.canvas_live._update_lod()
    return window, views, ui


def _trainer_threads(plain) -> int | None:
    """The intra-op thread count the Trainer picks for this model on the CPU (it trains in
    its own process), so that the two loops differ only by the app around them."""
    if str(next(plain.model.parameters()).device) != "cpu":
        return None
    from visualnn.core.train.trainer import cpu_threads_for

    return cpu_threads_for(plain.model, plain.batch_size)


def _paused(ctl) -> bool:
    w = ctl.worker
    return w is not None and w.buffer.counters[2] == "paused" and w.buffer.counters[3] >= w.sent


def measure(case: str, quick: bool = False, device: str = "cpu") -> dict:
    """One case: {gui_ratio, ui_latency_p99_ms, fps, frames_per_s, gui_steps_per_s,
    plain_steps_per_s, rounds, neurons, weights_drawn} and, for mlp_spiral,
    {memory_growth_mb, memory_steps}. See the module docstring for what each means."""
    app = _app()
    from visualnn.bench.core_bench import PlainLoop, bench_cases
    from visualnn.core.data import load_dataset
    from visualnn.core.train.config import TrainConfig
    from visualnn.core.train.targets import data_task

    rounds, plain_s, app_s, settle_s = QUICK if quick else (ROUNDS, PLAIN_S, APP_S, SETTLE_S)
    project = bench_cases()[case]
    project.train["epochs"] = 0  # no limit: Play runs until paused
    project.train["device"] = device
    cfg = TrainConfig.from_dict(project.train)
    ds = load_dataset(project.data, seed=cfg.seed, test_fraction=cfg.test_fraction,
                      task=data_task(cfg.loss, project.data))
    plain = PlainLoop(project, ds, device=device)
    window, views, ui = _open(project, case)
    threads = _trainer_threads(plain)
    if threads:
        import torch
        torch.set_num_threads(threads)
    ctl = ui.controller
    probe = _Probe(window.canvas.viewport())
    plain.epoch()

    def plain_rate() -> float:
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < plain_s:
            n += plain.epoch()
        return n / (time.perf_counter() - t0)

    def app_rate() -> tuple[float, float, float]:
        ctl.play()
        _run_loop(settle_s)
        s0, f0, p0, t0 = ctl.worker.buffer.counters[0], ctl.frames_shown, probe.paints, time.perf_counter()
        probe.start()
        _run_loop(app_s)
        probe.stop()
        dt = time.perf_counter() - t0
        steps = ctl.worker.buffer.counters[0] - s0
        frames, paints = ctl.frames_shown - f0, probe.paints - p0
        ctl.pause()
        _wait(lambda: _paused(ctl))
        return steps / dt, frames / dt, paints / dt

    ratios, plains, apps, fps, frame_rates = [], [], [], [], []
    for _ in range(rounds):
        p = plain_rate()
        a, f, r = app_rate()
        plains.append(p)
        apps.append(a)
        ratios.append(a / p)
        frame_rates.append(f)
        fps.append(r)
    late = sorted(probe.late)
    p99 = late[min(len(late) - 1, int(0.99 * len(late)))] * 1000 if late else None
    edges = ui.canvas_live.edges
    out = {
        "gui_ratio": statistics.median(ratios), "ui_latency_p99_ms": p99, "fps": statistics.median(fps),
        "frames_per_s": statistics.median(frame_rates), "gui_steps_per_s": statistics.median(apps),
        "plain_steps_per_s": statistics.median(plains), "rounds": rounds,
        "neurons": sum(c.shown for c in ui.canvas_live.columns.values()),
        "weights_drawn": 0 if edges is None else edges.lines,
        "weights": sum(int(p["weight"].size) for nid, p in ctl.current.params.items()
                       if "weight" in p and ctl.session.types.get(nid) == "Linear"),
    }
    if case == "mlp_spiral":
        out.update(_memory(ctl, QUICK_MEMORY_STEPS if quick else MEMORY_STEPS))
    ui.shutdown()
    views.close()
    window.document.mark_saved()
    window.close()
    app.processEvents()
    return out


def memory_run(minutes: float, sample_s: float = 60.0, progress=None) -> dict:
    """Train the spiral case with every view open for `minutes`, sampling the resident
    memory of the app and of its training process every `sample_s` seconds.

    Returns {minutes, samples: [{t_s, steps, app_mb, trainer_mb, timeline_mb,
    timeline_frames}], full_at_s, growth_after_full_mb, growth_mb}: full_at_s is the first
    sample at which the timeline had reached its cap (it holds at most a fixed number of
    frames and bytes), growth_after_full_mb the memory (app plus trainer) at the end minus
    at that sample, growth_mb the end minus the first sample. `progress(sample)` is called
    after each sample."""
    app = _app()
    from visualnn.bench.core_bench import bench_cases

    project = bench_cases()["mlp_spiral"]
    project.train["epochs"] = 0
    project.train["device"] = "cpu"
    window, views, ui = _open(project, "mlp_spiral")
    ctl = ui.controller
    samples: list[dict] = []
    t0 = time.perf_counter()

    def sample() -> dict:
        store = ctl.timeline
        s = {"t_s": round(time.perf_counter() - t0, 1), "steps": int(ctl.worker.buffer.counters[0]),
             "app_mb": round(rss_mb(), 1),
             "trainer_mb": round(rss_mb(ctl.worker.pid) if ctl.worker.pid else 0.0, 1),
             "timeline_mb": round(store.bytes / 1e6, 2), "timeline_frames": len(store),
             "timeline_full": store.thinned > 0}
        samples.append(s)
        if progress:
            progress(s)
        return s

    ctl.play()
    _run_loop(min(5.0, sample_s))
    sample()
    end = t0 + minutes * 60
    while time.perf_counter() < end:
        _run_loop(max(0.1, min(sample_s, end - time.perf_counter())))
        sample()
    ctl.pause()
    _wait(lambda: _paused(ctl))
    ui.shutdown()
    views.close()
    window.document.mark_saved()
    window.close()
    app.processEvents()

    def total(s):
        return s["app_mb"] + s["trainer_mb"]

    full = next((s for s in samples if s["timeline_full"]), None)
    return {"minutes": minutes, "samples": samples, "full_at_s": full["t_s"] if full else None,
            "growth_after_full_mb": round(total(samples[-1]) - total(full), 1) if full else None,
            "growth_mb": round(total(samples[-1]) - total(samples[0]), 1)}


def _memory(ctl, steps: int) -> dict:
    """Train `steps` more steps with every view open; resident memory (the app's process
    plus its training process) after a tenth of them (warm: the timeline ring fills) and
    at the end."""
    start = ctl.worker.buffer.counters[0]
    ctl.play()

    def both() -> float:
        return rss_mb() + (rss_mb(ctl.worker.pid) if ctl.worker.pid else 0.0)

    _wait(lambda: ctl.worker.buffer.counters[0] - start >= steps // 10, timeout=3600)
    base = both()
    _wait(lambda: ctl.worker.buffer.counters[0] - start >= steps, timeout=3600)
    end = both()
    ctl.pause()
    _wait(lambda: _paused(ctl))
    return {"memory_growth_mb": end - base, "memory_steps": ctl.worker.buffer.counters[0] - start,
            "memory_mb": end, "timeline_frames": len(ctl.timeline), "timeline_mb": ctl.timeline.bytes / 1e6}



def app_open(quick: bool = False) -> dict:
    """How long the app takes to open a 1,000-layer chain and to take one edit in it
    (open_bench.app_open), for `visualnn bench` beside the GUI columns."""
    from visualnn.bench.open_bench import app_open as run

    return run(quick)
