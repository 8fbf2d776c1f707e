"""`visualnn validate PROJECT`: check a project's graph."""

from __future__ import annotations

import json
import sys

from visualnn.cli.common import fmt_shape, load
from visualnn.core.i18n import display_width as width, tr, trn


def register(sub) -> None:
    s = sub.add_parser("validate", help=tr("check a project's graph"),
                       description=tr("Check a project: every problem as `node <id>: <message>` (exit 1), or its layers with output shapes and parameter counts (exit 0)."),
                       epilog=tr("examples:") + "\n  visualnn validate net.vnn\n  visualnn validate xor_relu --json")
    s.add_argument("project", help=tr("a .vnn file, or the name of a bundled example or lesson"))
    s.add_argument("--json", action="store_true",
                   help=tr('print {"ok", "problems": [{"node", "field", "message"}], "layers": [...]}'))  # no fields: not formatted
    s.set_defaults(func=run)


def run(args) -> int:
    from visualnn.core.graph import check_graph, param_count

    from visualnn.core.data.check import data_problems

    project = load(args.project)
    report = check_graph(project.graph)
    data = [f"data: {p}" for p in data_problems(project.data, project.base_dir)]
    if args.json:
        counts = param_count(project.graph, report) if not report.problems else {}
        layers = [{"id": nid, "type": project.graph.nodes[nid].type,
                   "shape": list(report.shapes[nid]) if report.shapes.get(nid) is not None else None,
                   "params": counts.get(nid, 0)} for nid in report.order]
        problems = [{"node": p.node, "field": p.field or None, "message": p.message} for p in report.problems]
        problems += [{"node": None, "field": "data", "message": p.removeprefix("data: ")} for p in data]
        print(json.dumps({"ok": not problems, "problems": problems, "layers": layers}, ensure_ascii=False))
        return 0 if not problems else 1
    if report.problems or data:
        for p in [*map(str, report.problems), *data]:
            print(p, file=sys.stderr)
        n = len(report.problems) + len(data)
        print(trn("{n} problem in {project}", "{n} problems in {project}", n, project=args.project), file=sys.stderr)
        return 1
    counts = param_count(project.graph, report)
    cols = max(width(n) for n in report.order)
    print(trn("{name}: {n} layer, valid", "{name}: {n} layers, valid", len(report.order), name=project.title))
    for nid in report.order:
        node = project.graph.nodes[nid]
        pad = nid + " " * (cols - width(nid))
        count = f"{counts.get(nid, 0):>9,}"
        print(f"  {pad}  {node.type:<13} {fmt_shape(report.shapes[nid]):<16} " + tr("{count} params", count=count))
    print(tr("  total {count:,} parameters; output {node}", count=sum(counts.values()),
             node=report.order[-1] if report.order else "-"))
    return 0
