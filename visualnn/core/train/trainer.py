"""The Trainer: a plain generator of training steps, the same for tests, CLI and GUI.

    trainer = Trainer(project)                  # or Trainer.from_parts(graph, dataset, config)
    for result in trainer.steps(epochs=5):      # or trainer.step() / trainer.run_epoch()
        ...                                     # StepResult: loss, epoch stats, snapshot

Everything is seeded from the project's `seed`: the initial weights (compile_graph), the
order of the samples in each epoch (a torch.Generator) and dropout, so the same project
gives bit-identical losses on the CPU. The data moves to the device once; each epoch
permutes it once and the batches are then contiguous slices, so a step costs what a
hand-written PyTorch loop costs. Snapshots (probes.py) are taken only on the steps asked
for. `update_config` and `request_capture` may be called from another thread; every other
method belongs to the thread that steps.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import torch

from visualnn.core.compile import compile_graph
from visualnn.core.graph.init import large_inits
from visualnn.core.train.metrics import split_macro
from visualnn.core.train.config import TrainConfig, resolve_device
from visualnn.core.train.losses import l1_penalty, loss_fn, make_optimizer
from visualnn.core.train.probes import DEFAULT_ROWS, Capture, Snapshot, find_non_finite, forward_snapshot, predict_grid
from visualnn.core.train.runtime import cpu_threads_for, has_randomness, to_device
from visualnn.core.train.targets import TrainingError, check_fit, data_task, make_targets, predicted_classes
from visualnn.core.i18n import tr

EVAL_CHUNK = 4096
_LIVE_KEYS = ("lr", "batch_size", "optimizer", "loss", "l1", "weight_decay", "momentum", "nesterov", "betas",
              "eps", "epochs")


@dataclass(frozen=True, slots=True)
class StepResult:
    """One update. step: updates made so far, this one included (1-based). epoch: the
    epoch this step belongs to (1-based). batch_loss: the mini-batch's loss (without the
    L1 penalty). epoch_done: this step ended an epoch; epoch_stats then holds
    {epoch, train_loss, test_loss, train_accuracy, test_accuracy} and, for classification,
    the macro averages train_precision, train_recall, train_f1, test_precision, test_recall,
    test_f1 (metrics.classification_report; None where not measured). snapshot: a Snapshot
    when this step was captured, else None."""

    step: int
    epoch: int
    batch_loss: float
    epoch_done: bool = False
    epoch_stats: dict | None = None
    snapshot: Snapshot | None = None


class Trainer:
    """Trains one project's network. See the module docstring.

    capture_every_s: take a snapshot when at least this many seconds passed since the
    last one (e.g. 0.033 for ~30 per second; None: only on request_capture()).
    capture_rows: how many samples of a captured batch the snapshot keeps.
    device: overrides the project's train.device ('auto', 'cpu', 'cuda', 'mps').
    dataset: an already loaded Dataset to use instead of loading the project's data.
    threads: CPU threads for PyTorch's intra-op work (a process-wide setting): 'auto'
    picks cpu_threads_for(model) when training on the CPU; None leaves it alone.
    """

    def __init__(self, project, *, device: str | None = None, dataset=None, capture_every_s: float | None = None,
                 capture_rows: int = DEFAULT_ROWS, threads: int | str | None = "auto"):
        self.graph = project.graph
        self.data = project.data
        self.base_dir = project.base_dir
        self.state = project.state
        self.config = TrainConfig.from_dict(project.train)
        self._init(device, dataset, capture_every_s, capture_rows, threads)

    @classmethod
    def from_parts(cls, graph, dataset, config: TrainConfig | dict, state: dict | None = None, *,
                   device: str | None = None, capture_every_s: float | None = None,
                   capture_rows: int = DEFAULT_ROWS, threads: int | str | None = "auto") -> "Trainer":
        """A Trainer for a graph and an already loaded Dataset (reset() keeps that data)."""
        self = cls.__new__(cls)
        self.graph, self.data, self.base_dir, self.state = graph, None, None, state
        self.config = config if isinstance(config, TrainConfig) else TrainConfig.from_dict(config)
        self._init(device, dataset, capture_every_s, capture_rows, threads)
        return self

    def _init(self, device, dataset, capture_every_s, capture_rows, threads):
        self.device_override = device
        self.threads = threads
        self.capture_every_s = capture_every_s
        self.capture_rows = int(capture_rows)
        self.dataset = dataset
        self._fixed_dataset = dataset is not None
        self._data_key = None
        self._pending = self._wanted = None
        self._capture_requested = False
        self.latest_snapshot: Snapshot | None = None
        self._setup()

    # -- setting up -------------------------------------------------------------------
    def _load_data(self):
        cfg = self.config
        task = data_task(cfg.loss, self.data or {})
        key = (cfg.seed, cfg.test_fraction, task)
        if self._fixed_dataset or (self.dataset is not None and key == self._data_key):
            return
        from visualnn.core.data import load_dataset

        self.dataset = load_dataset(self.data or {}, seed=cfg.seed, test_fraction=cfg.test_fraction,
                                    base_dir=self.base_dir, task=task)
        self._data_key = key

    def _setup(self) -> None:
        cfg = self.config
        self.device = resolve_device(self.device_override or cfg.device)
        self._load_data()
        ds = self.dataset
        model = compile_graph(self.graph, self.state, seed=cfg.seed)
        check_fit(model, ds, cfg.loss)
        if ds.num_train == 0:
            raise TrainingError(tr("the data set has no training samples"))
        dev = torch.device(self.device)
        if self.threads is not None and dev.type == "cpu":
            n = cpu_threads_for(model, cfg.batch_size) if self.threads == "auto" else int(self.threads)
            if n != torch.get_num_threads():
                torch.set_num_threads(n)
        self.model = model.to(dev)
        self.model.train()
        self._dev = dev
        self.classification = ds.task == "classification"
        self._out_shape = tuple(model.shapes[model.output_id])
        self._x = {"train": to_device(ds.x_train, dev), "test": to_device(ds.x_test, dev)}
        self._yc = ({k: to_device(getattr(ds, "y_" + k), dev).long().reshape(-1) for k in ("train", "test")}
                    if self.classification else None)
        self._perm = None
        self._set_loss(cfg.loss)
        if not any(True for _ in self.model.parameters()):
            out = model.output_id
            raise TrainingError(tr("the network has no learnable parameters; try adding a layer with weights "
                                   "(Linear, Conv2d) after {node}", node=out), node=out)
        self.optimizer = make_optimizer(cfg, self.model.parameters())
        self._l1 = float(cfg.l1)
        self._bs = int(cfg.batch_size)
        self._n = ds.num_train
        self._gen = torch.Generator().manual_seed(cfg.seed)
        self._random = has_randomness(self.model)
        self._rng_state = torch.Generator().manual_seed(cfg.seed + 1).get_state() if self._random else None
        self.step_count = 0
        self.epoch = 0  # epochs completed
        self.history: list[dict] = []
        self.max_history: int | None = getattr(self, "max_history", None)  # None: every epoch's row is kept
        self._pos = self._n  # the first step starts an epoch
        self._last_capture = -math.inf
        self.latest_snapshot = None

    def _set_loss(self, name: str) -> None:
        ds = self.dataset
        self._loss_name = name
        self._loss_fn = loss_fn(name)
        self._y = {k: make_targets(getattr(ds, "y_" + k), ds, name, self._out_shape, self._dev) for k in ("train", "test")}
        if self._perm is not None:
            self._ys = self._y["train"].index_select(0, self._perm)

    def reset(self) -> None:
        """Start again: weights from the seed (and the project's state), a fresh optimizer,
        the first epoch. Settings changed with update_config all apply, the seed and
        test_fraction included (the data is reloaded when they changed)."""
        if self._wanted is not None:
            self.config = self._wanted
        self._wanted = self._pending = None
        self._setup()

    # -- settings while running --------------------------------------------------------
    @property
    def next_config(self) -> TrainConfig:
        """The settings as they will be at the next step: `config` with the changes
        update_config() took (seed, test_fraction and device wait for reset())."""
        return self._wanted or self.config

    def update_config(self, changes: dict) -> None:
        """Change training settings; they apply before the next step (lr, batch_size,
        optimizer and its settings, loss, l1, weight_decay, epochs) or at reset() (seed,
        test_fraction, device). Raises ConfigError / TrainingError, changing nothing, when
        a value is wrong. Safe to call from another thread."""
        base = self.next_config.to_dict()
        base.update(changes)
        cfg = TrainConfig.from_dict(base)
        if cfg.loss != self.config.loss:
            data = self.data or {}
            if (not self._fixed_dataset and data.get("kind") in ("table", "csv")
                    and data_task(cfg.loss, data) != data_task(self.config.loss, data)):
                raise TrainingError(tr("train.loss {loss}: this data's targets are read differently for that loss; set it in the project and reset", loss=cfg.loss))
            check_fit(self.model, self.dataset, cfg.loss)
        self._wanted = cfg
        self._pending = cfg

    def _apply_pending(self) -> None:
        cfg, self._pending = self._pending, None
        old = self.config
        live = {k: getattr(cfg, k) for k in _LIVE_KEYS}
        new = TrainConfig.from_dict({**old.to_dict(), **live})
        new.extra = dict(cfg.extra)
        self.config = new  # seed, test_fraction and device wait in self._wanted for reset()
        if new.loss != old.loss:
            self._set_loss(new.loss)
        if new.optimizer != old.optimizer:
            self.optimizer = make_optimizer(new, self.model.parameters())
        else:
            for group in self.optimizer.param_groups:
                group["lr"] = new.lr
                group["weight_decay"] = new.weight_decay
                for key in ("momentum", "nesterov", "betas", "eps"):
                    if key in group:
                        group[key] = tuple(new.betas) if key == "betas" else getattr(new, key)
        self._l1 = float(new.l1)
        self._bs = int(new.batch_size)

    def request_capture(self) -> None:
        """Capture the next step. Safe to call from another thread."""
        self._capture_requested = True

    # -- stepping ----------------------------------------------------------------------
    @property
    def steps_per_epoch(self) -> int:
        return -(-self._n // self._bs)

    def _new_epoch(self) -> None:
        perm = torch.randperm(self._n, generator=self._gen)
        if self._dev.type != "cpu":
            perm = perm.to(self._dev)
        self._perm = perm
        self._xs = self._x["train"].index_select(0, perm)
        self._ys = self._y["train"].index_select(0, perm)
        self._ycs = self._yc["train"].index_select(0, perm) if self.classification else None
        self._pos = 0
        self._loss_sum = 0.0
        self._outs = []

    def step(self, capture: bool | None = None) -> StepResult:
        """One mini-batch update. capture: True/False forces a snapshot or none; None
        follows capture_every_s and request_capture(). Raises TrainingError (before the
        update, so the weights stay as they were) when the loss is not finite."""
        if self._pending is not None:
            self._apply_pending()
        if self._pos >= self._n:
            self._new_epoch()
        i = self._pos
        j = i + self._bs
        xb = self._xs[i:j]
        yb = self._ys[i:j]
        self._pos = j
        step_no = self.step_count + 1
        if capture is None:
            capture = self._capture_requested or (
                self.capture_every_s is not None and time.perf_counter() - self._last_capture >= self.capture_every_s)
        cap = None
        if capture:
            self._capture_requested = False
            cap = Capture(self.model, self.capture_rows)
        if self._random:
            outer = torch.get_rng_state()
            torch.set_rng_state(self._rng_state)
        try:
            self.optimizer.zero_grad()
            if cap is None:
                out = self.model(xb)
                loss = self._loss_fn(out, yb)
                if self._l1:
                    (loss + self._l1 * l1_penalty(self.model)).backward()
                else:
                    loss.backward()
            else:
                out = cap.forward(xb)
                loss = self._loss_fn(out, yb)
                cap.backward(loss + self._l1 * l1_penalty(self.model) if self._l1 else loss)
        except Exception as e:
            raise self._wrap_error(e, step_no) from e
        finally:
            if self._random:
                self._rng_state = torch.get_rng_state()
                torch.set_rng_state(outer)
        value = loss.item()
        if not math.isfinite(value):
            self._pos = i
            self._fail(step_no, value, xb, yb)
        snapshot = None
        if cap is not None:
            preds = predicted_classes(out, self._loss_name) if self.classification else out
            snapshot = cap.finish(step=step_no, epoch=self.epoch + 1, loss=value, batch_size=xb.shape[0],
                                  targets=yb, predictions=preds)
            self.latest_snapshot = snapshot
            self._last_capture = time.perf_counter()
        self.optimizer.step()
        self.step_count = step_no
        self._loss_sum += value * xb.shape[0]
        if self._ycs is not None:
            self._outs.append(out.detach())
        if j >= self._n:
            stats = self._end_epoch()
            return StepResult(step_no, self.epoch, value, True, stats, snapshot)
        return StepResult(step_no, self.epoch + 1, value, False, None, snapshot)

    def steps(self, max_steps: int | None = None, epochs: int | None = None):
        """Yield StepResults: at most `max_steps` steps and/or until `epochs` more epochs
        are done; with neither, forever."""
        stop_epoch = None if epochs is None else self.epoch + epochs
        if stop_epoch is not None and epochs <= 0:
            return
        count = 0
        step = self.step
        while max_steps is None or count < max_steps:
            r = step()
            count += 1
            yield r
            if stop_epoch is not None and r.epoch_done and self.epoch >= stop_epoch:
                return

    def run_epoch(self) -> StepResult:
        """Steps to the end of the current epoch; returns its last StepResult, carrying
        the latest snapshot taken during the epoch when the last step took none."""
        snap = None
        while True:
            r = self.step()
            snap = r.snapshot or snap
            if r.epoch_done:
                if r.snapshot is None and snap is not None:
                    r = StepResult(r.step, r.epoch, r.batch_loss, True, r.epoch_stats, snap)
                return r

    # -- measuring -----------------------------------------------------------------------
    def _end_epoch(self) -> dict:
        self.epoch += 1
        stats = {"epoch": self.epoch, "train_loss": self._loss_sum / self._n, "test_loss": None,
                 "train_accuracy": None, "test_accuracy": None}
        if self._ycs is not None:
            pred = predicted_classes(torch.cat(self._outs), self._loss_name)
            stats["train_accuracy"] = (pred == self._ycs).sum().item() / self._n
            stats.update(split_macro("train", self._confusion(self._ycs, pred).cpu().numpy()))
            stats.update(split_macro("test", None))
            self._outs = []
        if self._x["test"].shape[0]:
            stats["test_loss"], stats["test_accuracy"], cm = self._evaluate("test")
            if cm is not None:
                stats.update(split_macro("test", cm.cpu().numpy()))
        self.history.append(stats)
        if self.max_history and len(self.history) > self.max_history:
            # a live run that trains for hours: only the newest rows (its consumers have the rest)
            del self.history[:len(self.history) - self.max_history // 2]
        return stats

    def _confusion(self, y_true: torch.Tensor, y_pred: torch.Tensor) -> torch.Tensor:
        k = self.dataset.num_classes
        return torch.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)

    def evaluate(self, split: str = "test") -> tuple[float | None, float | None]:
        """(mean loss, accuracy or None) over the 'train' or 'test' split, in eval mode and
        without gradients; (None, None) when the split is empty."""
        loss, acc, _ = self._evaluate(split)
        return loss, acc

    def _evaluate(self, split: str):
        """(mean loss, accuracy, confusion tensor) over a split; None for what is not measured."""
        x, y = self._x[split], self._y[split]
        n = x.shape[0]
        if n == 0:
            return None, None, None
        total, cm = 0.0, None
        self.model.eval()
        try:
            with torch.no_grad():
                for i in range(0, n, EVAL_CHUNK):
                    out = self.model(x[i:i + EVAL_CHUNK])
                    total += self._loss_fn(out, y[i:i + EVAL_CHUNK]).item() * out.shape[0]
                    if self.classification:
                        pred = predicted_classes(out, self._loss_name)
                        part = self._confusion(self._yc[split][i:i + EVAL_CHUNK], pred)
                        cm = part if cm is None else cm + part
        finally:
            self.model.train()
        if cm is None:
            return total / n, None, None
        return total / n, torch.diagonal(cm).sum().item() / n, cm

    def predictions(self, split: str = "test") -> tuple:
        """(predicted, target) numpy arrays over a split, in eval mode: predicted class
        indices and true class indices for classification (for a confusion matrix or a
        strip of test images), else the outputs and the targets."""
        out = predict_grid(self.model, self._x[split], nodes=()).output
        if self.classification:
            pred = predicted_classes(torch.tensor(out), self._loss_name).numpy()
            return pred, getattr(self.dataset, "y_" + split)
        return out, self._y[split].cpu().numpy()

    def split_tensors(self, split: str = "train") -> tuple:
        """(inputs, targets) of a split as training uses them, on the training device; the
        targets are what loss_function takes. Not to be modified."""
        return self._x[split], self._y[split]

    @property
    def loss_function(self):
        """The loss in use: (output, target) -> mean loss (without the L1 penalty)."""
        return self._loss_fn

    def forward_sample(self, x):
        """probes.forward_snapshot on this trainer's model (eval mode, no gradients)."""
        return forward_snapshot(self.model, x)

    def predict_grid(self, xs, nodes=None):
        """probes.predict_grid on this trainer's model."""
        return predict_grid(self.model, xs, nodes)

    # -- errors ------------------------------------------------------------------------
    def _wrap_error(self, e: Exception, step_no: int) -> TrainingError:
        if isinstance(e, TrainingError):
            return e
        text = (str(e).strip().splitlines() or [type(e).__name__])[0]
        if "out of memory" in text.lower():
            return TrainingError(tr("the device ran out of memory at step {step_no}; try a smaller batch size", step_no=step_no), step_no)
        return TrainingError(tr("step {step_no}: {text}", step_no=step_no, text=text), step_no)

    def _fail(self, step_no: int, value: float, xb, yb) -> None:
        self.optimizer.zero_grad()
        node, where = find_non_finite(self.model, xb, lambda out: self._loss_fn(out, yb))
        chosen = large_inits(self.graph, self.state)
        if chosen:
            raise TrainingError(tr("loss became {value} at step {step_no}: {where}; try a smaller learning rate, "
                                   "or smaller initial weights ({inits})", value=value, step_no=step_no, where=where,
                                   inits=chosen), step=step_no, node=node)
        raise TrainingError(tr("loss became {value} at step {step_no}: {where}; try a smaller learning rate", value=value, step_no=step_no, where=where),
                            step=step_no, node=node)

