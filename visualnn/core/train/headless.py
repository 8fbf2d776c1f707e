"""Headless training for the command line (`visualnn train`) and for tests."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from visualnn.core.train.targets import TrainingError
from visualnn.core.train.trainer import Trainer

PROGRESS_EVERY_S = 0.1
CLASSIFICATION_KEYS = ("train_precision", "train_recall", "train_f1", "test_precision", "test_recall", "test_f1")


@dataclass
class TrainResult:
    """history: one row per finished epoch, {epoch, train_loss, test_loss, train_accuracy,
    test_accuracy} (losses are means over the samples; accuracies are shares in 0..1, None
    for regression; test values None without a test split). steps: updates made.
    seconds: wall time of the training loop. device: where it ran. epochs: epochs finished.
    model: the trained GraphModule. error: why training stopped early, else None."""

    history: list = field(default_factory=list)
    steps: int = 0
    seconds: float = 0.0
    device: str = "cpu"
    epochs: int = 0
    model: object = None
    error: str | None = None
    classification: bool = False

    def to_json(self) -> dict:
        """The `visualnn train --json` object: {device, epochs, steps, seconds, history};
        the accuracy keys and the macro precision, recall and F1 (train_* and test_*) appear
        only for classification, and `error` only on failure."""
        keys = ["epoch", "train_loss", "test_loss"]
        if self.classification:
            keys += ["train_accuracy", "test_accuracy", *CLASSIFICATION_KEYS]
        out = {"device": self.device, "epochs": self.epochs, "steps": self.steps,
               "seconds": round(self.seconds, 4), "history": [{k: row.get(k) for k in keys} for row in self.history]}
        if self.error:
            out["error"] = self.error
        return out


def train_project(project, epochs: int | None = None, device: str | None = None, progress=None,
                  trainer: Trainer | None = None, on_epoch=None) -> TrainResult:
    """Train `project` for `epochs` (default: its train.epochs) on `device` (default: its
    train.device). progress(epoch, epochs, step, loss), when given, is called at the start,
    at most about ten times a second, and at the end. A non-finite loss stops training:
    the result then carries `error` and the history so far. Setup problems (invalid graph,
    missing device, data that does not fit) raise. on_epoch(row, model), when given, is
    called after each finished epoch with its history row."""
    trainer = trainer or Trainer(project, device=device)
    total = trainer.config.epochs if epochs is None else int(epochs)
    result = TrainResult(device=trainer.device, model=trainer.model, classification=trainer.classification)
    if progress:
        progress(0, total, 0, None)
    start = last = time.perf_counter()
    loss = None
    try:
        for r in trainer.steps(epochs=total):
            loss = r.batch_loss
            if on_epoch is not None and r.epoch_done:
                on_epoch(r.epoch_stats, trainer.model)
            if progress:
                now = time.perf_counter()
                if now - last >= PROGRESS_EVERY_S:
                    last = now
                    progress(trainer.epoch, total, r.step, loss)
    except TrainingError as e:
        result.error = str(e)
    result.seconds = time.perf_counter() - start
    result.history = list(trainer.history)
    result.steps = trainer.step_count
    result.epochs = trainer.epoch
    if progress:
        progress(trainer.epoch, total, trainer.step_count, loss)
    return result
