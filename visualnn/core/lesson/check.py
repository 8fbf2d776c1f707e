"""`visualnn lesson check` and `visualnn lessons`: play a lesson headless, list the bundled ones.

    report = check_lesson("assets/lessons/xor_hidden_layer.vnn")
    report["ok"]          # every action valid and every goal met by its solution

The lesson is played step by step on one copy of the project, as a student walks it: each
step's actions in order; at a step with a goal, its `solution` actions, then the goal is
checked on the last finished epoch (or on the network as it is, when nothing trained yet).
The next step goes on from there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from visualnn.core.i18n import pick, tr
from visualnn.core.lesson.goals import constraint_problems, goal_text, metric_value
from visualnn.core.lesson.model import LessonError, parse_lesson
from visualnn.core.lesson.player import LessonPlayer


def lesson_report(project) -> dict:
    """{"lesson": title, "steps": N, "goals": [{"step" (1-based), "text", "metric", "target",
    "reached" (the metric's value, None when it could not be measured), "met"}], "ok"} and,
    when an action could not be played, "error": one line naming the step. Raises
    LessonError when the project has no lesson or the lesson is not valid."""
    doc = project.extra.get("lesson")
    if doc is None:
        raise LessonError(tr("{name}: the project has no lesson", name=project.name))
    lesson = parse_lesson(doc)
    player = LessonPlayer(project)
    goals, error = [], None
    for i, step in enumerate(lesson.steps, 1):
        try:
            for j, action in enumerate(step.actions):
                where = tr("step {i}, actions[{j}]", i=i, j=j)
                player.apply(action, step.goal)
            if step.goal is not None:
                for j, action in enumerate(step.goal.solution):
                    where = tr("step {i}, goal.solution[{j}]", i=i, j=j)
                    player.apply(action, step.goal)
        except Exception as e:  # the lesson's own failure, reported as its result
            error = f"{where}: {_one_line(e)}"
        if step.goal is not None:
            goal = step.goal
            reached = None
            if error is None:
                try:
                    reached = metric_value(goal.metric, player.current_row(goal.metric))
                except Exception as e:
                    error = tr("step {i}, goal: {message}", i=i, message=_one_line(e))
            broken = constraint_problems(goal, player.project.graph) if error is None else []
            met = error is None and goal.satisfied_by(reached) and not broken
            entry = {"step": i, "text": goal_text(goal), "metric": goal.metric, "target": goal.target,
                     "reached": reached, "met": met}
            if broken:
                entry["problems"] = broken
            goals.append(entry)
        if error is not None:
            break
    out = {"lesson": pick(lesson.title), "steps": len(lesson.steps), "goals": goals,
           "ok": error is None and all(g["met"] for g in goals)}
    if error is not None:
        out["error"] = error
    return out


def check_lesson(path) -> dict:
    """lesson_report of the project file at `path` (ProjectError when it cannot be read)."""
    from visualnn.core.io import load_project

    return lesson_report(load_project(path))


def _one_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


@dataclass(frozen=True)
class LessonInfo:
    path: Path
    title: object
    topics: tuple


def lessons_dir() -> Path:
    from visualnn.core.paths import REPO_ASSETS, find_assets

    return (find_assets() or REPO_ASSETS) / "lessons"


def read_lesson_info(path) -> LessonInfo | None:
    """The title and topics of the lesson in a .vnn file; None when it holds none or
    cannot be read."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lesson = doc.get("lesson") if isinstance(doc, dict) else None
    if not isinstance(lesson, dict):
        return None
    topics = lesson.get("topics", [])
    return LessonInfo(path.resolve(), lesson.get("title") or doc.get("name", path.stem),
                      tuple(t for t in topics if isinstance(t, str)) if isinstance(topics, list) else ())


def list_lessons() -> list[LessonInfo]:
    """The bundled lessons (assets/lessons/*.vnn), sorted by file name."""
    out = []
    for path in sorted(lessons_dir().glob("*.vnn")):
        info = read_lesson_info(path)
        if info is not None:
            out.append(info)
    return out
