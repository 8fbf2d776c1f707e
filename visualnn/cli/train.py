"""`visualnn train PROJECT`: train headless with a progress bar on stderr."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from visualnn.cli.common import CliError, load
from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("train", help="train headless")
    s.add_argument("project")
    s.add_argument("--epochs", type=int)
    s.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"))
    s.add_argument("--out", help="save the trained project here")
    s.add_argument("--json", action="store_true", help="print the history as JSON")
    s.add_argument("--csv", metavar="FILE", help="also write the history rows to this CSV file")
    s.add_argument("--tensorboard", metavar="DIR", help="also log scalars and weight histograms for TensorBoard here")
    s.set_defaults(func=run)


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.last = ""

    def __call__(self, epoch: int, epochs: int, step: int, loss: float | None) -> None:
        if not self.enabled:
            return
        width = 30
        done = int(width * epoch / max(epochs, 1))
        loss_txt = f"loss {loss:.4g}" if loss is not None else ""
        line = f"\r[{'#' * done}{'.' * (width - done)}] epoch {epoch}/{epochs} step {step} {loss_txt}"
        if line != self.last:
            sys.stderr.write(line)
            sys.stderr.flush()
            self.last = line

    def close(self):
        if self.enabled and self.last:
            sys.stderr.write("\n")


def run(args) -> int:
    from visualnn.core.compile import state_to_lists
    from visualnn.core.io import save_project
    from visualnn.core.train.headless import train_project

    project = load(args.project)
    if args.csv and not Path(args.csv).resolve().parent.is_dir():
        raise CliError(tr("{path}: the folder does not exist", path=args.csv), 2)
    board = _tensorboard(args.tensorboard)
    progress = Progress(True)
    try:
        result = train_project(project, epochs=args.epochs, device=args.device, progress=progress,
                               on_epoch=board.epoch if board else None)
    finally:
        progress.close()
        if board:
            board.close()
    if args.csv:
        from visualnn.core.train.history_csv import write_history_csv

        try:
            write_history_csv(result.to_json()["history"], args.csv)
        except OSError as e:
            raise CliError(tr("{path}: cannot write ({reason})", path=args.csv, reason=e.strerror), 2) from None
    if args.out:
        trained = project.copy()
        trained.state = state_to_lists(result.model.cpu())
        save_project(trained, args.out)
    if args.json:
        print(json.dumps(result.to_json()))
    else:
        for row in result.history:
            parts = [f"epoch {row['epoch']:>3}", f"train_loss {row['train_loss']:.4f}"]
            for key in ("test_loss", "train_accuracy", "test_accuracy"):
                if row.get(key) is not None:
                    parts.append(f"{key} {row[key]:.4f}")
            print("  ".join(parts))
        print(f"{result.steps} steps in {result.seconds:.2f} s on {result.device}")
    if result.error:
        print(f"error: {result.error}", file=sys.stderr)
        return 1
    return 0


def _tensorboard(logdir):
    """The TensorBoard log for `logdir`, or None; a missing package is a usage error
    reported before any training."""
    if not logdir:
        return None
    from visualnn.core.train.tensorboard_log import TensorBoardLog, TensorBoardMissing

    try:
        return TensorBoardLog(logdir)
    except TensorBoardMissing as e:
        raise CliError(str(e), 2) from None
