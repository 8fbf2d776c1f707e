"""The `lesson` section of a project (see the design, "Lessons"): parsed into plain records
and checked, with one clear message naming the step and the field when something is wrong.

    lesson = parse_lesson(project.extra["lesson"])     # raises LessonError
    lesson.steps[0].actions[0].do                      # "select", "set", "train", ...
    lesson_to_dict(lesson)                             # back to the file's form, unknown keys kept

Texts stay as they are in the file (a string or {"en": ..., "zh": ...}); show them with
visualnn.core.i18n.pick. Actions are plain dicts with a `do` key, checked against ACTIONS.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from visualnn.core.i18n import tr

TOPICS = (
    "linear_regression", "gradient_descent", "learning_rate", "logistic_regression", "softmax_regression",
    "xor_hidden_layer", "feature_inputs", "activation_functions", "backprop_by_hand", "loss_functions",
    "minibatch_sgd", "optimizers", "cnn", "rnn", "lstm", "word_embeddings", "sentiment", "attention",
    "vanishing_gradients", "exploding_gradients", "batch_normalization", "residual_connections", "overfitting",
    "regularization", "dropout", "evaluation_metrics",
)
# the live views a lesson may bring to the front or hide (`views.NAME`)
VIEWS = ("boundary", "samples", "curves", "grads", "weights", "confusion", "regression", "landscape", "embedding",
         "input", "sequence", "metrics")
# the app's panels a lesson may hide or lock
PANELS = ("palette", "inspector", "data", "training", "live", "history", "toolbar", "stepthrough")
TRAIN_KEYS = ("loss", "optimizer", "lr", "batch_size", "epochs", "seed", "device", "test_fraction", "momentum",
              "nesterov", "weight_decay", "l1", "betas", "eps")
METRICS = ("test_accuracy", "train_accuracy", "test_loss", "train_loss", "test_f1", "train_f1", "test_precision",
           "train_precision", "test_recall", "train_recall")
CONSTRAINTS = ("max_params", "max_hidden_units")
# speed presets: steps per second, or a number of epochs a second ("epoch": one epoch a second)
SPEED_PRESETS = ("full", "epoch", "step", "slow")
# what each action takes: required keys, optional keys
ACTIONS = {
    "select": (("nodes",), ()),
    "highlight": (("nodes",), ()),
    "set": (("key", "value"), ()),
    "data": (("data",), ()),
    "train": ((), ("epochs", "until", "max_epochs")),
    "play": ((), ()),
    "pause": ((), ()),
    "reset": ((), ()),
    "stepthrough": ((), ("stage", "sample")),
    "edit": ((), ()),
    "show": (("view",), ()),
    "speed": (("preset",), ()),
}
MAX_EPOCHS_UNTIL = 2000


class LessonError(ValueError):
    """The lesson section is not valid: one line naming the step and the field."""


@dataclass
class Goal:
    """metric: one of METRICS. at_least / at_most: the bound (one of them). text: the
    goal in words (a string or by language). constraints: {max_params: N,
    max_hidden_units: N}. solution: actions that reach it (for `lesson check`)."""

    metric: str
    at_least: float | None = None
    at_most: float | None = None
    text: object = ""
    constraints: dict = field(default_factory=dict)
    solution: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def target(self) -> float:
        return self.at_least if self.at_least is not None else self.at_most

    def satisfied_by(self, value) -> bool:
        """Whether the metric's value meets the bound (None, a missing value, never does)."""
        if value is None:
            return False
        if self.at_least is not None:
            return value >= self.at_least
        return value <= self.at_most


@dataclass
class Step:
    text: object = ""
    actions: list = field(default_factory=list)
    goal: Goal | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Lesson:
    title: object = ""
    topics: list = field(default_factory=list)
    hide: list = field(default_factory=list)
    lock: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def _is_text(value) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and bool(value)
                                      and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()))


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def part_problem(name) -> str | None:
    """Why `name` is not a part of the app that `hide` / `lock` can name, else None."""
    if not isinstance(name, str):
        return tr("{name!r} is not a part name", name=name)
    if name in PANELS or name == "graph":
        return None
    if name.startswith("train."):
        return None if name[6:] in TRAIN_KEYS else tr("{name}: no such training setting", name=name)
    if name.startswith("views."):
        return None if name[6:] in VIEWS else tr("{name}: no such view (views: {views})", name=name,
                                                  views=", ".join(VIEWS))
    return tr("{name}: no such part (panels: {panels}; graph; train.KEY; views.NAME)", name=name,
              panels=", ".join(PANELS))


def action_problem(action) -> str | None:
    """Why `action` is not a valid action record, else None (the file's form is checked;
    whether its nodes exist is checked when it is played)."""
    if not isinstance(action, dict) or not isinstance(action.get("do"), str):
        return tr("an action must be an object with \"do\"")
    do = action["do"]
    if do not in ACTIONS:
        return tr("\"do\": {do!r} is not an action ({actions})", do=do, actions=", ".join(ACTIONS))
    required, optional = ACTIONS[do]
    for key in required:
        if key not in action:
            return tr("{do}: \"{key}\" is missing", do=do, key=key)
    if do in ("select", "highlight"):
        nodes = action["nodes"]
        if not isinstance(nodes, list) or not all(isinstance(n, str) for n in nodes):
            return tr("{do}: \"nodes\" must be a list of layer names", do=do)
    elif do == "set":
        key = action["key"]
        if not isinstance(key, str) or not key.startswith(("train.", "data.", "nodes.")):
            return tr("set: \"key\" must be train.KEY, data.KEY or nodes.ID.PARAM, not {key!r}", key=key)
        if key.startswith("train.") and key[6:] not in TRAIN_KEYS:
            return tr("set: {key}: no such training setting", key=key)
        if key.startswith("nodes.") and len(key.split(".")) != 3:
            return tr("set: {key}: write nodes.ID.PARAM", key=key)
    elif do == "data":
        if not isinstance(action["data"], dict) or not isinstance(action["data"].get("kind"), str):
            return tr("data: \"data\" must be a data section with a \"kind\"")
    elif do == "train":
        if "epochs" in action and (not isinstance(action["epochs"], int) or isinstance(action["epochs"], bool)
                                   or action["epochs"] < 1):
            return tr("train: \"epochs\" must be a whole number >= 1")
        if "until" in action and action["until"] != "goal":
            return tr("train: \"until\" can only be \"goal\"")
        if ("epochs" in action) == ("until" in action):
            return tr("train: give \"epochs\" or \"until\": \"goal\"")
        me = action.get("max_epochs", 1)
        if not isinstance(me, int) or isinstance(me, bool) or not 1 <= me <= MAX_EPOCHS_UNTIL:
            return tr("train: \"max_epochs\" must be a whole number from 1 to {n}", n=MAX_EPOCHS_UNTIL)
    elif do == "stepthrough":
        for key in ("stage", "sample"):
            v = action.get(key, 0)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                return tr("stepthrough: \"{key}\" must be a whole number >= 0", key=key)
    elif do == "show":
        if action["view"] not in VIEWS:
            return tr("show: {view!r} is not a view ({views})", view=action["view"], views=", ".join(VIEWS))
    elif do == "speed":
        if action["preset"] not in SPEED_PRESETS:
            return tr("speed: {preset!r} is not a preset ({presets})", preset=action["preset"],
                      presets=", ".join(SPEED_PRESETS))
    unknown = [k for k in action if k != "do" and k not in required and k not in optional]
    if unknown:
        return tr("{do}: unknown key \"{key}\"", do=do, key=unknown[0])
    return None


def _parse_goal(doc, where: str) -> Goal:
    if not isinstance(doc, dict):
        raise LessonError(tr("{where}: \"goal\" must be an object", where=where))
    metric = doc.get("metric")
    if metric not in METRICS:
        raise LessonError(tr("{where}: goal.metric {metric!r} is not one of {metrics}", where=where, metric=metric,
                             metrics=", ".join(METRICS)))
    bounds = [k for k in ("at_least", "at_most") if k in doc]
    if len(bounds) != 1 or not _number(doc[bounds[0]]):
        raise LessonError(tr("{where}: the goal needs one number, \"at_least\" or \"at_most\"", where=where))
    text = doc.get("text", "")
    if not _is_text(text):
        raise LessonError(tr("{where}: goal.text must be a text or an object by language", where=where))
    constraints = {}
    for key in CONSTRAINTS:
        if key in doc:
            v = doc[key]
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise LessonError(tr("{where}: goal.{key} must be a whole number >= 0", where=where, key=key))
            constraints[key] = v
    solution = doc.get("solution", [])
    if not isinstance(solution, list):
        raise LessonError(tr("{where}: goal.solution must be a list of actions", where=where))
    for j, action in enumerate(solution):
        problem = action_problem(action)
        if problem:
            raise LessonError(tr("{where}, goal.solution[{j}]: {problem}", where=where, j=j, problem=problem))
    known = {"metric", "at_least", "at_most", "text", "solution", *CONSTRAINTS}
    return Goal(metric, doc.get("at_least"), doc.get("at_most"), copy.deepcopy(text), constraints,
                copy.deepcopy(solution), {k: copy.deepcopy(v) for k, v in doc.items() if k not in known})


def parse_lesson(doc) -> Lesson:
    """The `lesson` section as a Lesson, or LessonError naming the step and the field."""
    if not isinstance(doc, dict):
        raise LessonError(tr("lesson: must be an object"))
    title = doc.get("title", "")
    if not _is_text(title):
        raise LessonError(tr("lesson.title must be a text or an object by language"))
    topics = doc.get("topics", [])
    if not isinstance(topics, list):
        raise LessonError(tr("lesson.topics must be a list"))
    for t in topics:
        if t not in TOPICS:
            raise LessonError(tr("lesson.topics: {topic!r} is not a topic ({topics})", topic=t,
                                 topics=", ".join(TOPICS)))
    parts = {}
    for key in ("hide", "lock"):
        names = doc.get(key, [])
        if not isinstance(names, list):
            raise LessonError(tr("lesson.{key} must be a list of part names", key=key))
        for name in names:
            problem = part_problem(name)
            if problem:
                raise LessonError(tr("lesson.{key}: {problem}", key=key, problem=problem))
        parts[key] = list(names)
    steps_doc = doc.get("steps", [])
    if not isinstance(steps_doc, list) or not steps_doc:
        raise LessonError(tr("lesson.steps must be a list of at least one step"))
    steps = []
    for i, s in enumerate(steps_doc, 1):
        where = tr("step {i}", i=i)
        if not isinstance(s, dict):
            raise LessonError(tr("{where}: must be an object", where=where))
        text = s.get("text", "")
        if not _is_text(text):
            raise LessonError(tr("{where}: \"text\" must be a text or an object by language", where=where))
        actions = s.get("actions", [])
        if not isinstance(actions, list):
            raise LessonError(tr("{where}: \"actions\" must be a list", where=where))
        for j, action in enumerate(actions):
            problem = action_problem(action)
            if problem:
                raise LessonError(tr("{where}, actions[{j}]: {problem}", where=where, j=j, problem=problem))
        goal = _parse_goal(s["goal"], where) if s.get("goal") is not None else None
        steps.append(Step(copy.deepcopy(text), copy.deepcopy(actions), goal,
                          {k: copy.deepcopy(v) for k, v in s.items() if k not in ("text", "actions", "goal")}))
    known = ("title", "topics", "hide", "lock", "steps")
    return Lesson(copy.deepcopy(title), list(topics), parts["hide"], parts["lock"], steps,
                  {k: copy.deepcopy(v) for k, v in doc.items() if k not in known})


def goal_to_dict(goal: Goal) -> dict:
    out = {"metric": goal.metric}
    if goal.at_least is not None:
        out["at_least"] = goal.at_least
    else:
        out["at_most"] = goal.at_most
    out.update(goal.constraints)
    if goal.text:
        out["text"] = copy.deepcopy(goal.text)
    if goal.solution:
        out["solution"] = copy.deepcopy(goal.solution)
    out.update(copy.deepcopy(goal.extra))
    return out


def step_to_dict(step: Step) -> dict:
    out = {"text": copy.deepcopy(step.text)}
    if step.actions:
        out["actions"] = copy.deepcopy(step.actions)
    if step.goal is not None:
        out["goal"] = goal_to_dict(step.goal)
    out.update(copy.deepcopy(step.extra))
    return out


def lesson_to_dict(lesson: Lesson) -> dict:
    """The file's form of `lesson` (parse_lesson(lesson_to_dict(x)) == x)."""
    out = {"title": copy.deepcopy(lesson.title)}
    if lesson.topics:
        out["topics"] = list(lesson.topics)
    if lesson.hide:
        out["hide"] = list(lesson.hide)
    if lesson.lock:
        out["lock"] = list(lesson.lock)
    out["steps"] = [step_to_dict(s) for s in lesson.steps]
    out.update(copy.deepcopy(lesson.extra))
    return out


def project_lesson(project) -> Lesson | None:
    """The project's lesson, None when it has none; LessonError when it is not valid."""
    doc = project.extra.get("lesson")
    return None if doc is None else parse_lesson(doc)
