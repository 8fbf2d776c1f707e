"""How long the app takes to open a big project, and to take one edit in it, for `visualnn bench`.

`app_open()`: a chain of Linear and ReLU layers (as io_bench builds for validation, on
the spiral data) opened with File > Open in the shown main window (offscreen), timed from
the open until the canvas has painted every card and routed every edge, for 100 and for
1,000 layers; then, in the 1,000-layer project, moving one card and changing one
parameter, each until the canvas has painted again; and once, the open until the
training process the app starts has built the model and its first values hang under
every card. CPU time (process_time, this process only) is the figure, since the wall time
of a busy machine counts its waits for a core; the wall time stands beside it.
"""

from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path

SIZES = (100, 1000)


def _chain_project(layers: int):
    """Input [2] -> Linear 8 -> ReLU -> ... -> Linear 2 -> ReLU: `layers` layers, trainable
    on the spiral data (cards without saved positions: the open lays them out)."""
    from visualnn.bench.io_bench import _chain
    from visualnn.core.io import Project

    g = _chain(layers)
    g.nodes["x"].params["shape"] = [2]
    last = [n for n, node in g.nodes.items() if node.type == "Linear"][-1]
    g.nodes[last].params["out_features"] = 2
    return Project(graph=g, name=f"chain of {layers}", data={"kind": "builtin", "name": "spiral"},
                   train={"loss": "cross_entropy", "optimizer": "sgd", "lr": 0.03, "batch_size": 10, "epochs": 20,
                          "seed": 0, "device": "cpu", "test_fraction": 0.2})


def _timed(fn) -> tuple[float, float]:
    """(CPU s, wall s) of `fn()`, after a collection so that one run's garbage is not the next's."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c0, time.perf_counter() - t0


def app_open(quick: bool = False, sizes=SIZES) -> dict:
    """{"layers", "open_cpu_s", "open_wall_s", "small_layers", "small_open_cpu_s", "ratio",
    "live_cpu_s", "live_wall_s", "live_cards", "move_ms", "param_ms"}.

    open_: the best of 3 runs (1 when quick) of opening the chain of sizes[1] layers;
    small_open_cpu_s: the same for sizes[0], and ratio the one over the other (linear in
    the layers would be sizes[1] / sizes[0] at most, less the fixed cost of an open).
    live_: once, the open until the canvas shows the training process's first values under
    every card (this process's CPU, and the wall time, which includes the training process
    building the model); live_cards: the cards that got them. move_ms, param_ms: the CPU
    milliseconds of moving one card and of changing one layer's out_features in the open
    sizes[1]-layer project, each until the canvas has painted again."""
    from visualnn.bench.gui_bench import _app, _wait
    from visualnn.core.io import save_project
    from visualnn.gui.commands import MoveNodes, set_param
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    app = _app()
    repeat = 1 if quick else 3
    window = MainWindow(Document())
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    ctl, live = window.training.controller, window.training.canvas_live
    ctl.ensure_started()  # as the shown app has it: each open starts training the new project
    best: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="visualnn-bench-") as folder:
        paths = {n: save_project(_chain_project(n), Path(folder) / f"chain{n}.vnn") for n in sizes}

        def open_(n):
            window.files.open(paths[n])
            app.processEvents()
            window.canvas.viewport().grab()  # painted

        for n in sizes:
            best[n] = min(_timed(lambda: open_(n)) for _ in range(repeat))

        def open_live():  # the open, then the training process's model and the first values on the canvas
            open_(sizes[-1])
            _wait(lambda: ctl.session is not None and ctl.current is not None and bool(live.overlays), 300.0)
            app.processEvents()
            window.canvas.viewport().grab()

        live_cpu, live_wall = _timed(open_live)
        live_cards = len(live.overlays)
        doc = window.document  # the largest chain, open
        node = [nid for nid, nd in doc.graph.nodes.items() if nd.type == "Linear"][len(doc.graph.nodes) // 4]
        x, y = doc.graph.nodes[node].pos or window.canvas.canvas_scene.display_pos(node)

        def edit(command):
            doc.undo_stack.push(command)
            app.processEvents()
            window.canvas.viewport().grab()

        moves = [_timed(lambda i=i: edit(MoveNodes(doc, {node: (x + 40.0 * (i + 1), y + 300.0)})))[0]
                 for i in range(repeat)]
        params = [_timed(lambda i=i: edit(set_param(doc, node, "out_features", 9 + i)))[0] for i in range(repeat)]
    doc.mark_saved()
    window.close()
    app.processEvents()
    small, large = sizes[0], sizes[-1]
    return {"layers": large, "open_cpu_s": best[large][0], "open_wall_s": best[large][1], "small_layers": small,
            "small_open_cpu_s": best[small][0], "ratio": best[large][0] / best[small][0],
            "live_cpu_s": live_cpu, "live_wall_s": live_wall, "live_cards": live_cards, "move_ms": min(moves) * 1000,
            "param_ms": min(params) * 1000}


def line(result: dict) -> str:
    from visualnn.core.i18n import tr

    return tr("opening a {layers:,}-layer chain in the app: {cpu:.2f} s CPU ({wall:.2f} s wall) to the painted "
              "canvas; {small:,} layers {small_cpu:.2f} s (x{ratio:.1f} for x{times} the layers); with the training "
              "process's first values under every card: {live_cpu:.2f} s CPU ({live_wall:.2f} s wall); there, moving "
              "one card {move:.0f} ms and changing one parameter {param:.0f} ms of CPU",
              layers=result["layers"], cpu=result["open_cpu_s"], wall=result["open_wall_s"],
              small=result["small_layers"], small_cpu=result["small_open_cpu_s"], ratio=result["ratio"],
              times=result["layers"] // result["small_layers"], live_cpu=result["live_cpu_s"],
              live_wall=result["live_wall_s"], move=result["move_ms"], param=result["param_ms"])
