"""Logging a run for TensorBoard: each epoch's losses and accuracies as scalars and each
parameter's values as a histogram. Needs the optional `tensorboard` package."""

from __future__ import annotations

import importlib.util

from visualnn.core.i18n import tr


class TensorBoardMissing(RuntimeError):
    """The `tensorboard` package is not installed."""


def tensorboard_available() -> bool:
    return importlib.util.find_spec("tensorboard") is not None


def missing_message() -> str:
    return tr("--tensorboard needs the tensorboard package: pip install 'visualnn[tensorboard]' (or pip install tensorboard)")


class TensorBoardLog:
    """Writes to `logdir` (made when missing). Call `epoch(row, model)` after each epoch
    and `close()` at the end. Raises TensorBoardMissing when the package is absent."""

    def __init__(self, logdir):
        if not tensorboard_available():
            raise TensorBoardMissing(missing_message())
        from torch.utils.tensorboard import SummaryWriter

        self.writer = SummaryWriter(log_dir=str(logdir))

    def epoch(self, row: dict, model) -> None:
        step = int(row["epoch"])
        for key, value in row.items():
            if key != "epoch" and isinstance(value, (int, float)) and value is not None:
                group = "loss" if key.endswith("_loss") else "metrics"
                self.writer.add_scalar(f"{group}/{key}", float(value), step)
        for name, param in model.named_parameters():
            self.writer.add_histogram(f"weights/{name}", param.detach().float().cpu(), step)

    def close(self) -> None:
        self.writer.flush()
        self.writer.close()
