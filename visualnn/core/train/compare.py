"""Comparing runs: variants of one project that differ in a few settings, their labels,
and training them one after the other exactly as `visualnn train` would.

    variants = make_variants(project, [parse_vary("optimizer=sgd,adam"), parse_vary("lr=0.1,0.01")])
    runs = race(variants, epochs=20)       # [{"label", "settings", "history"}], one per variant

A variant's `settings` hold only the keys that were varied (plus their values); its
label names what differs from the other variants ("adam, lr 0.01"). Any `train` key may
vary; `dropout` sets `p` of every Dropout layer.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, fields

from visualnn.core.i18n import N_, tr
from visualnn.core.train.config import DEVICES, LOSSES, OPTIMIZERS, ConfigError, TrainConfig

NODE_KEYS = ("dropout",)  # settings that live on the layers rather than in `train`
_CHOICES = {"optimizer": OPTIMIZERS, "loss": LOSSES, "device": DEVICES}
_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def vary_keys() -> dict[str, type]:
    """Every key a variant may change -> the type its values are parsed to."""
    kinds = {}
    for f in fields(TrainConfig):
        default = getattr(TrainConfig, f.name, None)
        if f.name in ("extra", "betas"):
            continue
        kinds[f.name] = type(default) if default is not None else str
    kinds["dropout"] = float
    return kinds


def parse_value(key: str, text) -> object:
    """`text` (a string from the command line, or a value already typed) as the key's
    type. Raises ConfigError naming the key and the value."""
    kinds = vary_keys()
    if key not in kinds:
        raise ConfigError(tr("cannot vary {key!r}: choose one of {keys}", key=key, keys=", ".join(sorted(kinds))))
    kind = kinds[key]
    if not isinstance(text, str):
        if kind is float and isinstance(text, int) and not isinstance(text, bool):
            return float(text)
        if isinstance(text, kind) and not (kind is not bool and isinstance(text, bool)):
            return text
        text = str(text)
    raw = text.strip()
    try:
        if kind is bool:
            if raw.lower() in _TRUE:
                return True
            if raw.lower() in _FALSE:
                return False
            raise ValueError
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
    except ValueError:
        messages = {bool: N_("{key}={value!r}: the value must be true or false"),
                    int: N_("{key}={value!r}: the value must be a whole number"),
                    float: N_("{key}={value!r}: the value must be a number")}
        raise ConfigError(tr(messages[kind], key=key, value=raw)) from None
    choices = _CHOICES.get(key)
    if choices and raw not in choices:
        raise ConfigError(tr("{key}={value!r}: choose one of {choices}", key=key, value=raw, choices=", ".join(choices)))
    return raw


def parse_vary(text: str) -> tuple[str, list]:
    """'KEY=V1,V2,...' -> (KEY, [typed values]). Raises ConfigError when malformed."""
    key, sep, values = str(text).partition("=")
    key = key.strip()
    items = [v for v in (s.strip() for s in values.split(",")) if v]
    if not sep or not key or not items:
        raise ConfigError(tr("--vary {text!r}: write KEY=V1,V2,... (e.g. optimizer=sgd,adam)", text=text))
    return key, [parse_value(key, v) for v in items]


@dataclass
class Variant:
    """One run of a comparison: its label, the varied settings and the project to train."""

    label: str
    settings: dict
    project: object


def apply_settings(project, settings: dict):
    """A copy of `project` with `settings` applied (train keys, and `dropout` on every
    Dropout layer). The copy's train section is checked: a bad value raises ConfigError."""
    out = project.copy()
    for key, value in settings.items():
        if key == "dropout":
            drops = [n for n in out.graph.nodes.values() if n.type == "Dropout"]
            if not drops:
                raise ConfigError(tr("cannot vary dropout: the network has no Dropout layer"))
            if not 0 <= value < 1:
                raise ConfigError(tr("dropout={value}: p must be at least 0 and below 1", value=value))
            for node in drops:
                node.params["p"] = value
        else:
            out.train[key] = value
    TrainConfig.from_dict(out.train)
    return out


def make_variants(project, varies: list[tuple[str, list]]) -> list[Variant]:
    """The grid of every combination of the varied values (the first --vary changes
    slowest), each labelled by what differs from the others."""
    if not varies:
        raise ConfigError(tr("nothing to compare: give at least one --vary KEY=V1,V2,..."))
    keys = [k for k, _ in varies]
    if len(set(keys)) != len(keys):
        raise ConfigError(tr("each key may be varied only once"))
    grid = [dict(zip(keys, combo)) for combo in itertools.product(*(vals for _, vals in varies))]
    labels = labels_for(grid)
    return [Variant(label, settings, apply_settings(project, settings)) for label, settings in zip(labels, grid)]


def describe(key: str, value) -> str:
    """One setting as a reader would say it: 'adam', 'lr 0.01', 'L2 0.001', 'batch 32'."""
    if key in ("optimizer", "loss", "device"):
        return str(value)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    names = {"lr": tr("lr {v}", v=shown), "batch_size": tr("batch {v}", v=shown),
             "weight_decay": tr("L2 {v}", v=shown), "l1": tr("L1 {v}", v=shown),
             "momentum": tr("momentum {v}", v=shown), "seed": tr("seed {v}", v=shown),
             "dropout": tr("dropout {v}", v=shown), "epochs": tr("{v} epochs", v=shown),
             "test_fraction": tr("test share {v}", v=shown)}
    if key == "nesterov":
        return tr("Nesterov") if value else tr("no Nesterov")
    return names.get(key, f"{key} {shown}")


def labels_for(settings_list: list[dict]) -> list[str]:
    """A label per run naming only the settings that differ between the runs; runs that
    do not differ at all are numbered ('run 1', 'run 2')."""
    keys: list[str] = []
    for s in settings_list:
        keys += [k for k in s if k not in keys]
    differing = [k for k in keys if len({repr(s.get(k)) for s in settings_list}) > 1]
    labels = []
    for i, s in enumerate(settings_list):
        parts = [describe(k, s[k]) for k in differing if k in s]
        labels.append(", ".join(parts) if parts else tr("run {n}", n=i + 1))
    return labels


def race(variants: list[Variant], epochs: int | None = None, device: str | None = None,
         progress=None, should_stop=None) -> list[dict]:
    """Train each variant as `visualnn train` does and return
    [{"label", "settings", "history"}] with the history rows of `train --json`.
    progress(run_index, epoch, epochs, step, loss) reports each run's progress;
    should_stop() is asked between runs (a True ends the race with the runs so far).
    A run whose loss went non-finite keeps its history so far and carries `error`."""
    from visualnn.core.train.headless import train_project

    runs = []
    for i, v in enumerate(variants):
        if should_stop is not None and should_stop():
            break
        report = None if progress is None else (lambda e, n, s, loss, i=i: progress(i, e, n, s, loss))
        result = train_project(v.project, epochs=epochs, device=device, progress=report)
        run = {"label": v.label, "settings": dict(v.settings), "history": result.to_json()["history"]}
        if result.error:
            run["error"] = result.error
        runs.append(run)
    return runs


def race_side_by_side(variants: list[Variant], epochs: int | None = None, device: str | None = None,
                      should_stop=None, paths: list | None = None):
    """Train the variants together, one epoch of each in turn, so their curves grow side
    by side. Yields (index, trainer, row, error): after each finished epoch of a variant
    its history row (with the `step` it ended on), or, when it fails, error (its message)
    and row None; a failed variant is left out of the following rounds. Each variant
    trains as a separate `train` run would (its own seeded Trainer). should_stop() is
    asked between steps; a True ends the race. paths: a list that receives one
    PathRecorder per variant (its starting weights, then every step) for race_landscape()."""
    from visualnn.core.train.targets import TrainingError
    from visualnn.core.train.trainer import Trainer

    trainers = [Trainer(v.project, device=device) for v in variants]
    recorders = None
    if paths is not None:
        from visualnn.core.train.race_landscape import recorders_for

        recorders = recorders_for(trainers)
        paths.extend(recorders)
    totals = [t.config.epochs if epochs is None else int(epochs) for t in trainers]
    live = [i for i, n in enumerate(totals) if n > 0]
    while live:
        for i in list(live):
            t = trainers[i]
            try:
                while True:
                    if should_stop is not None and should_stop():
                        return
                    r = t.step()
                    if recorders is not None:
                        recorders[i].record()
                    if r.epoch_done:
                        break
            except TrainingError as e:
                live.remove(i)
                yield i, t, None, str(e)
                continue
            if t.epoch >= totals[i]:
                live.remove(i)
            yield i, t, {**r.epoch_stats, "step": r.step}, None
