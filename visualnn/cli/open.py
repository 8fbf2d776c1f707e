"""`visualnn open [PROJECT]`: the app, with that project."""

from __future__ import annotations

from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("open", help=tr("open the app, with a project"))
    s.add_argument("project", nargs="?")
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.gui.app import run_app

    return run_app(getattr(args, "project", None))
