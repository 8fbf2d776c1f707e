"""`visualnn export PROJECT --format F -o FILE`: code, ONNX or a picture."""

from __future__ import annotations

from pathlib import Path

from visualnn.cli.common import PROJECT_HELP, load
from visualnn.core.i18n import tr


def register(sub) -> None:
    s = sub.add_parser("export", help=tr("PyTorch code, ONNX model or a picture of the canvas"))
    s.add_argument("project", help=tr(PROJECT_HELP))
    s.add_argument("--format", required=True, choices=("py", "onnx", "png", "svg"),
                   help=tr("py: readable PyTorch code; onnx: an ONNX model; png, svg: a picture of the canvas"))
    s.add_argument("-o", "--output", required=True, help=tr("the file to write"))
    s.set_defaults(func=run)


def run(args) -> int:
    project = load(args.project)
    out = Path(args.output)
    if args.format == "py":
        from visualnn.core.io.export_py import export_python

        written = export_python(project, out)
    elif args.format == "onnx":
        from visualnn.core.io.export_onnx import export_onnx

        written = export_onnx(project, out)
    else:
        from visualnn.gui.render import render_project

        written = render_project(project, out, args.format)
    for path in written if isinstance(written, (list, tuple)) else [written]:
        print(path)
    return 0
