"""The runs of a project, kept for comparison: each run's settings, its history (one row
per finished epoch, with the `step` it ended on), a label naming what differs from the
other runs (or the user's own name), whether it is shown, and its colour slot.

Saved with the project, compactly (curves only), as the additive key
    "runs": [{"label", "settings", "history", "name"?, "hidden"?, "color"?}]
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from visualnn.core.train.compare import labels_for

MAX_RUNS = 12            # the oldest run goes when a new one would make more
MAX_ROWS = 2000          # epochs kept per run (every other row dropped beyond, so memory stays bounded)
COLORS = 10              # colour slots; a new run takes the first slot no kept run uses
IGNORED = ("device", "extra")  # not a difference worth a label


def run_settings(project) -> dict:
    """What a run of `project` is labelled by: its train section (without the device),
    and `dropout` when the network has Dropout layers."""
    s = {k: copy.deepcopy(v) for k, v in project.train.items() if k not in IGNORED}
    drops = [n.params.get("p", 0.5) for n in project.graph.nodes.values() if n.type == "Dropout"]
    if drops:
        s["dropout"] = drops[0]
    return s


def final_figures(history: list) -> dict | None:
    """A run's last epoch in a few numbers, for comparing runs: {"epoch", "split",
    "accuracy", "f1", "loss"}. split is "test" where the run measured a test split, else
    "train"; accuracy (0 to 1), f1 (the macro average over classes) and loss are that
    split's at the end of the last epoch, None where not measured (a regression has no
    accuracy). None for a run without a finished epoch."""
    if not history:
        return None
    last = history[-1]
    split = "test" if last.get("test_loss") is not None else "train"
    return {"epoch": last.get("epoch"), "split": split, "accuracy": last.get(f"{split}_accuracy"),
            "f1": last.get(f"{split}_f1"), "loss": last.get(f"{split}_loss")}


@dataclass
class Run:
    settings: dict
    history: list = field(default_factory=list)
    name: str | None = None      # set when the user renamed the run
    visible: bool = True
    color: int = 0
    uid: int = 0                 # stable identity within the session

    def add_rows(self, rows) -> None:
        self.history.extend(dict(r) for r in rows)
        if len(self.history) > MAX_ROWS:
            self.history = self.history[::2]


class RunLog:
    """The runs, oldest first; the last one is the run in progress (if any)."""

    def __init__(self, max_runs: int = MAX_RUNS):
        self.max_runs = max_runs
        self.runs: list[Run] = []
        self._uid = 0

    def add(self, settings: dict, history=None, name=None, visible=True, color=None) -> Run:
        used = {r.color for r in self.runs}
        if color is None:
            color = next((c for c in range(COLORS) if c not in used), len(self.runs) % COLORS)
        self._uid += 1
        run = Run(dict(settings), [], name, visible, int(color) % COLORS, self._uid)
        run.add_rows(history or [])
        self.runs.append(run)
        while len(self.runs) > self.max_runs:
            self.runs.pop(0)
        return run

    def remove(self, run: Run) -> None:
        self.runs = [r for r in self.runs if r is not run]

    def clear(self) -> None:
        self.runs = []

    def labels(self) -> list[str]:
        """Each run's name, or what differs in its settings from the other runs'."""
        auto = labels_for([r.settings for r in self.runs])
        return [r.name or a for r, a in zip(self.runs, auto)]

    def label_of(self, run: Run) -> str:
        return self.labels()[self.runs.index(run)]

    def to_json(self, skip_empty: bool = True) -> list[dict]:
        out = []
        for run, label in zip(self.runs, self.labels()):
            if skip_empty and not run.history:
                continue
            rec = {"label": label, "settings": run.settings, "history": run.history, "color": run.color}
            if run.name:
                rec["name"] = run.name
            if not run.visible:
                rec["hidden"] = True
            out.append(rec)
        return out

    @classmethod
    def from_json(cls, records, max_runs: int = MAX_RUNS) -> "RunLog":
        """Runs from a project's "runs" list; malformed entries are skipped, never fatal."""
        log = cls(max_runs)
        for rec in records if isinstance(records, list) else []:
            if not isinstance(rec, dict) or not isinstance(rec.get("history", []), list):
                continue
            settings = rec.get("settings") if isinstance(rec.get("settings"), dict) else {}
            rows = [r for r in rec.get("history", []) if isinstance(r, dict)]
            name = rec.get("name") if isinstance(rec.get("name"), str) else None
            if name is None and not settings and isinstance(rec.get("label"), str):
                name = rec["label"]
            color = rec.get("color") if isinstance(rec.get("color"), int) else None
            log.add(settings, rows, name, not rec.get("hidden", False), color)
        return log
