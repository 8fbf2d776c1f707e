"""`visualnn lessons`: the bundled lessons, with their files, titles and topics."""

from __future__ import annotations

import json

from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("lessons", help=tr("list the bundled lessons"))
    s.add_argument("--json", action="store_true", help=tr('print {"lessons": [{"file", "title", "topics"}]}'))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.core.i18n import pick
    from visualnn.core.lesson import list_lessons

    lessons = list_lessons()
    if args.json:
        print(json.dumps({"lessons": [{"file": str(x.path), "title": pick(x.title), "topics": list(x.topics)}
                                      for x in lessons]}, ensure_ascii=False))
    else:
        for x in lessons:
            print(f"{x.path.name:<32} {pick(x.title)}  [{', '.join(x.topics)}]")
    return 0
