"""Measure how long the app takes from launch to its first painted window.

    python packaging/startup_time.py [--runs 5] [COMMAND ...]

COMMAND defaults to the built app (dist/visualnn/visualnn); e.g. `python -m visualnn`
measures the installed package instead. Each run starts the command with
VISUALNN_STARTUP_PROBE=1: the app prints the wall-clock time of its first paint and
quits. Printed: every run's seconds from launch to first paint (the first one is a cold
start when the files are not in the disk cache yet), then the median of the others.
Needs a display (an X server such as Xvfb, or QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_APP = ROOT / "dist" / "visualnn" / ("visualnn.exe" if sys.platform == "win32" else "visualnn")


def measure(command: list[str], timeout: float = 300.0) -> float:
    """Seconds from starting `command` to the first paint it reports."""
    env = dict(os.environ, VISUALNN_STARTUP_PROBE="1")
    started = time.time()
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    for line in run.stdout.splitlines():
        if line.startswith("first-paint-epoch "):
            return float(line.split()[1]) - started
    raise SystemExit(f"no first-paint line from {' '.join(command)} (exit {run.returncode}): "
                     f"{(run.stderr.strip().splitlines() or [''])[-1]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Seconds from launch to the app's first paint.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("command", nargs=argparse.REMAINDER, help=f"the app to start (default: {DEFAULT_APP})")
    args = parser.parse_args(argv)
    command = args.command or [str(DEFAULT_APP)]
    times = [measure(command) for _ in range(max(args.runs, 1))]
    for i, t in enumerate(times):
        print(f"run {i + 1}: {t:.2f} s" + ("  (cold)" if i == 0 else ""))
    warm = times[1:] or times
    print(f"median of warm starts: {statistics.median(warm):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
