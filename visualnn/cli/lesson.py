"""`visualnn lesson check LESSON`: play a lesson headless and check that every goal is
reached by its solution (exit 0 only when all are)."""

from __future__ import annotations

import json

from visualnn.cli.common import CliError, load
from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("lesson", help=tr("work with a lesson"))
    verbs = s.add_subparsers(dest="verb")
    c = verbs.add_parser("check", help=tr("play a lesson headless and check its goals"))
    c.add_argument("lesson", help=tr("a .vnn file with a lesson, or the name of a bundled lesson"))
    c.add_argument("--json", action="store_true", help=tr("print the report as JSON"))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.core.lesson import LessonError, lesson_report

    if getattr(args, "verb", None) != "check":
        raise CliError(tr("usage: visualnn lesson check LESSON [--json]"), 2)
    project = load(args.lesson)
    try:
        report = lesson_report(project)
    except LessonError as e:
        raise CliError(str(e), 1) from None
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(tr("{lesson}: {n} steps", lesson=report["lesson"], n=report["steps"]))
        for g in report["goals"]:
            reached = "-" if g["reached"] is None else f"{g['reached']:.4g}"
            mark = tr("met") if g["met"] else tr("NOT met")
            print(tr("  step {step}: {text} ({metric} {reached}, target {target:g}): {mark}", step=g["step"],
                     text=g["text"], metric=g["metric"], reached=reached, target=g["target"], mark=mark))
        if "error" in report:
            print(tr("error: {message}", message=report["error"]))
    return 0 if report["ok"] else 1
