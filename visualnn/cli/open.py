"""`visualnn open [PROJECT]`: the app, with that project."""

from __future__ import annotations

from visualnn.cli.common import PROJECT_HELP

from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("open", help=tr("open the app, with a project"))
    s.add_argument("project", nargs="?", help=tr(PROJECT_HELP))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.examples import resolve_project
    from visualnn.gui.app import run_app

    project = getattr(args, "project", None)
    return run_app(None if project is None else resolve_project(project))
