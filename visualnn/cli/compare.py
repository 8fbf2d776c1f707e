"""`visualnn compare PROJECT --vary KEY=V1,V2,...`: train variants of one project."""

from __future__ import annotations

import json
import sys

from visualnn.cli.common import PROJECT_HELP, CliError, load
from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("compare", help=tr("train variants that differ in some settings and compare them"))
    s.add_argument("project", help=tr(PROJECT_HELP))
    s.add_argument("--vary", action="append", required=True, metavar="KEY=V1,V2,...",
                   help=tr("a train setting and its values (optimizer, lr, batch_size, weight_decay, momentum, seed, "
                           "dropout, ...); several --vary make a grid"))
    s.add_argument("--epochs", type=int, help=tr("epochs to train (default: the project's train.epochs)"))
    s.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"),
                   help=tr("where to train (default: the project's train.device)"))
    s.add_argument("--csv", metavar="FILE", help=tr("also write every run's history to this CSV file (a run column first)"))
    s.add_argument("--landscape", action="store_true",
                   help=tr("also map one loss landscape for all the variants, with each one's path on it"))
    s.add_argument("--json", action="store_true", help=tr('print {"runs": [{"label", "settings", "history"}]}'))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.cli.train import Progress
    from visualnn.core.train.compare import make_variants, parse_vary, race
    from visualnn.core.train.config import ConfigError

    project = load(args.project)
    if args.epochs is not None and args.epochs < 0:
        raise CliError(tr("--{name} must be at least {least}", name="epochs", least=0), 2)
    try:
        variants = make_variants(project, [parse_vary(v) for v in args.vary])
    except ConfigError as e:
        raise CliError(str(e), 2) from None
    bar = Progress(True)
    current = [-1]

    def progress(i, epoch, epochs, step, loss):
        if i != current[0]:
            bar.close()
            bar.last = ""
            current[0] = i
            sys.stderr.write(f"{variants[i].label} ({i + 1}/{len(variants)})\n")
        bar(epoch, epochs, step, loss)

    land = None
    try:
        if args.landscape:
            from visualnn.core.train.race_landscape import race_with_landscape

            runs, land = race_with_landscape(variants, args.epochs, args.device)
        else:
            runs = race(variants, epochs=args.epochs, device=args.device, progress=progress)
    finally:
        bar.close()
    if args.csv:
        from pathlib import Path

        from visualnn.core.train.history_csv import runs_to_csv

        try:
            Path(args.csv).write_text(runs_to_csv(runs), encoding="utf-8")
        except OSError as e:
            raise CliError(tr("{path}: cannot write ({reason})", path=args.csv, reason=e.strerror), 2) from None
    if args.json:
        print(json.dumps({"runs": runs, **({"landscape": land} if args.landscape else {})}))
    else:
        _table(runs)
        if args.landscape and land is None:
            print(tr("no landscape: the paths together do not span a plane"))
    failed = [r for r in runs if r.get("error")]
    for r in failed:
        print(f"error: {r['label']}: {r['error']}", file=sys.stderr)
    return 1 if failed else 0


def _table(runs) -> None:
    width = max([len(r["label"]) for r in runs] + [3])
    for r in runs:
        last = r["history"][-1] if r["history"] else {}
        parts = [r["label"].ljust(width)]
        for key in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
            if last.get(key) is not None:
                parts.append(f"{key} {last[key]:.4f}")
        print("  ".join(parts))
