"""`visualnn step PROJECT`: one step-through update, in float64."""

from __future__ import annotations

import json
import sys

from visualnn.cli.common import PROJECT_HELP, load
from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("step", help=tr("one step-through update, in float64"))
    s.add_argument("project", help=tr(PROJECT_HELP))
    s.add_argument("--sample", type=int, default=0, help=tr("the training sample to trace (default 0)"))
    s.add_argument("--digits", type=int, default=4, help=tr("digits shown (1-9)"))
    s.add_argument("--batch", type=int, help=tr("trace a mini-batch of B samples starting at --sample"))
    s.add_argument("--worksheet", choices=("md", "csv", "tex"), help=tr("print the trace as tables for students"))
    s.add_argument("--json", action="store_true", help=tr("print the whole trace as JSON"))
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.core.backprop.text import format_trace
    from visualnn.core.backprop.trace import trace_project

    project = load(args.project)
    trace = trace_project(project, sample=args.sample, batch=args.batch)
    if args.json:
        print(json.dumps(trace))
    elif args.worksheet:
        from visualnn.core.backprop.worksheet import worksheet

        sys.stdout.write(worksheet(trace, args.worksheet, digits=args.digits))
    else:
        sys.stdout.write(format_trace(trace, digits=args.digits))
    return 0
