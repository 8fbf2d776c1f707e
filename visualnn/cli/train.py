"""`visualnn train PROJECT`: train headless with a progress bar on stderr."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from visualnn.cli.common import PROJECT_HELP, CliError, load
from visualnn.core.i18n import N_, tr

HISTORY_LABELS = {"train_loss": N_("train_loss {value:.4f}"), "test_loss": N_("test_loss {value:.4f}"),
                  "train_accuracy": N_("train_accuracy {value:.4f}"), "test_accuracy": N_("test_accuracy {value:.4f}"),
                  "test_f1": N_("test_f1 {value:.4f}")}


def register(sub) -> None:
    s = sub.add_parser("train", help=tr("train headless"))
    s.add_argument("project", help=tr(PROJECT_HELP))
    s.add_argument("--epochs", type=int, help=tr("epochs to train (default: the project's train.epochs)"))
    s.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"),
                   help=tr("where to train (default: the project's train.device)"))
    s.add_argument("--out", help=tr("save the trained project here"))
    s.add_argument("--json", action="store_true", help=tr("print the history as JSON"))
    s.add_argument("--csv", metavar="FILE", help=tr("also write the history rows to this CSV file"))
    s.add_argument("--tensorboard", metavar="DIR", help=tr("also log scalars and weight histograms for TensorBoard here"))
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
        bar = "#" * done + "." * (width - done)
        if loss is None:
            text = tr("epoch {epoch}/{epochs} step {step}", epoch=epoch, epochs=epochs, step=step)
        else:
            text = tr("epoch {epoch}/{epochs} step {step} loss {loss:.4g}", epoch=epoch, epochs=epochs, step=step, loss=loss)
        line = f"\r[{bar}] {text}"
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
    progress = Progress(sys.stderr.isatty())  # a log file gets no \r frames
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
            parts = [tr("epoch {epoch:>3}", epoch=row["epoch"])]
            for key, label in HISTORY_LABELS.items():
                if row.get(key) is not None:
                    parts.append(tr(label, value=row[key]))
            print("  ".join(parts))
        print(tr("{steps} steps in {seconds:.2f} s on {device}", steps=result.steps, seconds=result.seconds, device=result.device))
    if result.error:
        print(tr("error: {message}", message=result.error), file=sys.stderr)
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
