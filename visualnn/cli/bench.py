"""`visualnn bench`: speed, measured in one run."""

from __future__ import annotations

from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("bench", help=tr("speed, measured in one run"))
    s.add_argument("--json", action="store_true", help=tr("print the measurements as JSON"))
    s.add_argument("--quick", action="store_true", help=tr("short runs (for checking the bench itself)"))
    s.add_argument("--case", action="append", help=tr("run only this case (repeatable)"))
    s.add_argument("--device", default="cpu", choices=("cpu", "cuda", "mps", "auto"),
                   help=tr("where the plain loop and the app train (default cpu)"))
    s.add_argument("--memory-minutes", type=float, metavar="M",
                   help=tr("instead of the speed cases: train the spiral case with every view open for M "
                           "minutes and print the app's memory each minute"))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.bench import run_bench, run_memory

    if args.memory_minutes is not None:
        return run_memory(args.memory_minutes, as_json=args.json)
    return run_bench(as_json=args.json, quick=args.quick, cases=args.case, device=args.device)
