"""`visualnn examples`: the bundled example projects."""

from __future__ import annotations

from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("examples", help=tr("list the bundled example projects"))
    s.add_argument("--paths", action="store_true", help=tr("show each example's file"))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.examples import list_examples

    for ex in list_examples():
        if getattr(args, "paths", False):
            print(f"{ex.path.stem:<24} {ex.path.resolve()}")
        else:
            print(f"{ex.path.name:<28} {ex.name}" + (f"  ({ex.description})" if ex.description else ""))
    return 0
