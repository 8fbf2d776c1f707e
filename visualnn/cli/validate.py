"""`visualnn validate PROJECT`: check a project's graph."""

from __future__ import annotations

import sys

from visualnn.cli.common import fmt_shape, load


def register(sub) -> None:
    s = sub.add_parser("validate", help="check a project's graph")
    s.add_argument("project")
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.core.graph import check_graph, param_count

    project = load(args.project)
    report = check_graph(project.graph)
    if report.problems:
        for p in report.problems:
            print(str(p), file=sys.stderr)
        print(f"{len(report.problems)} problem(s) in {args.project}", file=sys.stderr)
        return 1
    counts = param_count(project.graph, report)
    width = max(len(n) for n in report.order)
    print(f"{project.name}: {len(report.order)} layers, valid")
    for nid in report.order:
        node = project.graph.nodes[nid]
        print(f"  {nid:<{width}}  {node.type:<13} {fmt_shape(report.shapes[nid]):<16} {counts.get(nid, 0):>9,} params")
    print(f"  total {sum(counts.values()):,} parameters; output {report.order[-1] if report.order else '-'}")
    return 0
