"""Play lesson actions on a project without a window (for `visualnn lesson check` and tests).

    player = LessonPlayer(project)          # works on its own copy
    player.apply({"do": "set", "key": "train.lr", "value": 0.1})
    player.apply({"do": "train", "epochs": 20})
    player.last_row                         # the last finished epoch's {train_loss, test_loss, ...}

Actions have their headless meaning: `set`, `data` and `reset` change the project or the
run, `train` trains, `stepthrough` computes the step-through trace (so a stage past its end
is an error), `select` / `highlight` check that the layers exist; `show`, `pause`, `play`,
`edit` and `speed` only concern the window. Settings that the app applies while training
runs (the learning rate, the optimizer, ...) keep the weights; the data, the network, the
seed and the test split start a new run, as in the app.
"""

from __future__ import annotations

import copy

from visualnn.core.i18n import tr
from visualnn.core.lesson.goals import goal_met
from visualnn.core.lesson.model import MAX_EPOCHS_UNTIL, LessonError

_LIVE = ("lr", "batch_size", "optimizer", "loss", "l1", "weight_decay", "momentum", "nesterov", "betas", "eps",
         "epochs")
_SCORES = ("precision", "recall", "f1")


def set_value(project, key: str, value) -> bool:
    """Set `key` (train.KEY, data.KEY[.SUBKEY], nodes.ID.PARAM, nodes.ID.init) to `value` in `project`.
    Returns True when the change keeps the run (a live training setting), False when the
    run must start again. Raises LessonError when the key names nothing."""
    head, _, rest = key.partition(".")
    if head == "train":
        project.train[rest] = copy.deepcopy(value)
        return rest in _LIVE
    if head == "data":
        target = project.data
        parts = rest.split(".")
        for p in parts[:-1]:
            target = target.setdefault(p, {})
            if not isinstance(target, dict):
                raise LessonError(tr("set: {key}: {part} is not a section", key=key, part=p))
        target[parts[-1]] = copy.deepcopy(value)
        return False
    if head == "nodes":
        nid, _, param = rest.partition(".")
        if nid not in project.graph.nodes:
            raise LessonError(tr("set: {key}: no layer named {node}", key=key, node=nid))
        if param == "init":  # the layer's initialisation ({"scheme": ...}), used at the next reset
            project.graph.set_init(nid, copy.deepcopy(value))
            if project.state and nid in project.state:
                project.state = {k: v for k, v in project.state.items() if k != nid}
            return False
        from visualnn.core.graph import get_spec

        spec = get_spec(project.graph.nodes[nid].type)
        if spec is None or spec.param(param) is None:
            raise LessonError(tr("set: {key}: a {type} layer has no setting {param}", key=key,
                                 type=project.graph.nodes[nid].type, param=param))
        project.graph.set_param(nid, param, copy.deepcopy(value))
        if project.state and nid in project.state:  # its old weights no longer fit
            project.state = {k: v for k, v in project.state.items() if k != nid}
        return False
    raise LessonError(tr("set: {key}: write train.KEY, data.KEY or nodes.ID.PARAM", key=key))


def scores(trainer, split: str) -> dict:
    """Macro precision, recall and F1 of a classification trainer's model on a split
    ({}, when the split is empty or the task is regression)."""
    import numpy as np

    if not trainer.classification or trainer.dataset.num_train == 0:
        return {}
    pred, true = trainer.predictions(split)
    pred, true = np.asarray(pred).reshape(-1), np.asarray(true).reshape(-1)
    if true.size == 0:
        return {}
    from visualnn.core.train.metrics import macro_scores

    num_classes = int(max(true.max(), pred.max())) + 1
    p, r, f = macro_scores(true, pred, max(num_classes, int(trainer.dataset.num_classes or 0)))
    return {f"{split}_precision": float(p), f"{split}_recall": float(r), f"{split}_f1": float(f)}


class LessonPlayer:
    """Plays actions on its own copy of a project; see the module docstring."""

    def __init__(self, project):
        self.project = project.copy()
        self.trainer = None
        self.history: list[dict] = []

    # -- the run ---------------------------------------------------------------------------
    def _ensure_trainer(self):
        if self.trainer is None:
            from visualnn.core.train.trainer import Trainer

            self.trainer = Trainer(self.project, device="cpu")
            self.history = []
        return self.trainer

    def _new_run(self) -> None:
        self.trainer = None
        self.history = []

    @property
    def last_row(self) -> dict | None:
        return self.history[-1] if self.history else None

    def _train_epoch(self, wanted: str | None = None) -> dict:
        trainer = self._ensure_trainer()
        trainer.run_epoch()
        row = dict(trainer.history[-1])
        if wanted and wanted not in row and wanted.endswith(_SCORES):
            row.update(scores(trainer, wanted.partition("_")[0]))
        self.history.append(row)
        return row

    def current_row(self, wanted: str | None = None) -> dict:
        """The metrics of the network as it is now: the last epoch's row, else an
        evaluation of the untrained network."""
        if self.last_row is not None:
            row = dict(self.last_row)
        else:
            trainer = self._ensure_trainer()
            train_loss, train_acc = trainer.evaluate("train")
            test_loss, test_acc = trainer.evaluate("test")
            row = {"epoch": 0, "train_loss": train_loss, "test_loss": test_loss, "train_accuracy": train_acc,
                   "test_accuracy": test_acc}
        if wanted and row.get(wanted) is None and wanted.endswith(_SCORES):
            row.update(scores(self._ensure_trainer(), wanted.partition("_")[0]))
        return row

    # -- actions -----------------------------------------------------------------------------
    def apply(self, action: dict, goal=None) -> None:
        """Carry out one action (see the module docstring). `goal`: the step's goal, for
        `train until goal`. Raises LessonError naming what is wrong, or the core's
        errors (TrainingError, DataError, ConfigError) when training cannot run."""
        do = action["do"]
        if do in ("select", "highlight"):
            missing = [n for n in action["nodes"] if n not in self.project.graph.nodes]
            if missing:
                raise LessonError(tr("{do}: no layer named {node}", do=do, node=missing[0]))
        elif do == "set":
            from visualnn.core.train.config import TrainConfig

            live = set_value(self.project, action["key"], action["value"])
            TrainConfig.from_dict(self.project.train)  # a wrong value is said now, by name
            if live and self.trainer is not None:
                self.trainer.update_config({action["key"][6:]: copy.deepcopy(action["value"])})
            elif not live:
                self._new_run()
        elif do == "data":
            self.project.data = copy.deepcopy(action["data"])
            self._new_run()
        elif do == "reset":
            self._new_run()
        elif do == "train":
            if "epochs" in action:
                for _ in range(action["epochs"]):
                    self._train_epoch(goal.metric if goal else None)
            else:
                if goal is None:
                    raise LessonError(tr("train until goal: this step has no goal"))
                for _ in range(action.get("max_epochs", MAX_EPOCHS_UNTIL)):
                    if goal_met(goal, self._train_epoch(goal.metric), self.project.graph):
                        break
        elif do == "stepthrough":
            self._check_stage(action.get("stage", 0), action.get("sample", 0))

    def _check_stage(self, stage: int, sample: int) -> None:
        from visualnn.core.backprop.equations import stages
        from visualnn.core.backprop.trace import trace_project

        project = self.project.copy()
        if self.trainer is not None:
            from visualnn.core.compile import state_to_lists

            project.state = state_to_lists(self.trainer.model.cpu())
        count = len(list(stages(trace_project(project, sample=sample), digits=4)))
        if stage >= count:
            raise LessonError(tr("stepthrough: stage {stage} is past the last one ({last})", stage=stage,
                                 last=count - 1))
