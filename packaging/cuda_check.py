"""Prove the CUDA path in one run, on a machine with an NVIDIA GPU:

    python packaging/cuda_check.py [--quick] [--json FILE] [--device cuda]

1. Headless training: every classification example that trains in seconds (spiral, xor,
   circle, digits CNN, ...) on `cuda` and on the `cpu`, with the test accuracy of each
   (they differ a little: GPU kernels round differently) and the time.
2. The live-training loop of the app (the code the training process runs, without Qt) on
   `cuda`: Play for a few hundred steps with frames captured, then checks that the frames
   hold plain numpy copies of the network's activations, gradients and weights.
3. `visualnn bench --device cuda` (the plain loop and the app, offscreen, both on the GPU).

Without a CUDA GPU it says so and exits with status 1. Exit 0: every check passed.
`--device cpu` runs the same checks on the CPU, to check the script itself anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("spiral_tanh.vnn", "xor_relu.vnn", "circle_sigmoid.vnn", "iris_mlp.vnn", "digits_cnn.vnn",
            "batchnorm_cnn.vnn")
LOOP_STEPS = 300


def headless(device: str) -> list[dict]:
    from visualnn.core.io import load_project
    from visualnn.core.train.headless import train_project
    from visualnn.examples import example_path

    rows = []
    for name in EXAMPLES:
        result = train_project(load_project(example_path(name)), device=device)
        last = result.history[-1] if result.history else {}
        rows.append({"example": name, "device": result.device, "error": result.error, "steps": result.steps,
                     "seconds": round(result.seconds, 2), "test_accuracy": last.get("test_accuracy")})
    return rows


def live_loop(device: str) -> dict:
    """The app's training loop on `device`: play, LOOP_STEPS steps, pause; its frames."""
    import numpy as np

    from visualnn.core.io import load_project
    from visualnn.examples import example_path
    from visualnn.gui.workers.loop import TrainingLoop

    commands = queue.SimpleQueue()
    project = load_project(example_path("digits_cnn.vnn"))
    project.train["epochs"] = 0
    started = time.perf_counter()
    holder = {}

    def interrupted() -> bool:  # asked between steps: enough steps, or too long
        t = holder["loop"].trainer
        return (t is not None and t.step_count >= LOOP_STEPS) or time.perf_counter() - started > 120

    loop = holder["loop"] = TrainingLoop(project, device=device, commands=commands, interrupted=interrupted)
    frames = []

    class Mailbox:  # keep every frame the loop hands over
        def put(self, frame):
            frames.append(frame)

    loop.mailbox = Mailbox()
    commands.put(("play", None))
    loop.run()
    t = loop.trainer
    problems = [v for k, v in loop.buffer.drain().events if k == "problem"]
    last = next((f for f in reversed(frames) if f.snapshot is not None), None)
    plain = last is not None and all(isinstance(a, np.ndarray) for a in last.probe.activations.values()) and all(
        isinstance(v, np.ndarray) for p in last.params.values() for v in p.values())
    return {"device": str(t.device) if t else None, "steps": t.step_count if t else 0, "frames": len(frames),
            "frames_with_gradients": sum(f.snapshot is not None for f in frames), "numpy_copies": plain,
            "seconds": round(time.perf_counter() - started, 2),
            "problems": [p.message for p in problems]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short bench rounds")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--device", default="cuda", choices=("cuda", "cpu"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import torch

    dev = args.device
    if dev == "cuda" and not torch.cuda.is_available():
        built = torch.backends.cuda.is_built()
        print("cuda_check: no CUDA GPU here" + ("" if built else " (this PyTorch is a CPU build)")
              + "; run it on a machine with an NVIDIA GPU and a CUDA build of PyTorch", file=sys.stderr)
        return 1
    out = {"gpu": torch.cuda.get_device_name(0) if dev == "cuda" else "none (--device cpu)", "torch": torch.__version__}
    print(f"GPU: {out['gpu']} (PyTorch {out['torch']})", flush=True)
    ok = True
    on_dev = headless(dev)
    out["headless"] = {dev: on_dev, "cpu": headless("cpu") if dev != "cpu" else on_dev}
    for g, c in zip(out["headless"][dev], out["headless"]["cpu"]):
        good = g["error"] is None and g["device"] == dev and g["test_accuracy"] is not None \
            and g["test_accuracy"] >= c["test_accuracy"] - 0.05
        ok &= good
        print(f"{'ok ' if good else 'BAD'} {g['example']:<22} {dev} {g['test_accuracy']:.3f} in {g['seconds']:6.2f} s"
              f" | cpu {c['test_accuracy']:.3f} in {c['seconds']:6.2f} s", flush=True)
    out["live_loop"] = live = live_loop(dev)
    good = live["device"] == dev and live["steps"] >= LOOP_STEPS and live["frames_with_gradients"] > 0 \
        and live["numpy_copies"] and not live["problems"]
    ok &= good
    print(f"{'ok ' if good else 'BAD'} live training loop on {dev}: {live}", flush=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from visualnn.bench import measure_case
    from visualnn.bench.core_bench import bench_cases

    out["bench"] = []
    for case in bench_cases():
        row = measure_case(case, args.quick, dev)
        row.pop("details", None)
        out["bench"].append(row)
        print(f"bench {case}: {json.dumps({k: v for k, v in row.items() if k != 'gui_details'})}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    print("cuda_check:", "every check passed" if ok else "a check failed (BAD above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
