"""The `visualnn` command line (see the design's contract).

Exit codes: 0 success; 1 the project is invalid or the run failed (a reason is printed);
2 usage or an unreadable file. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from visualnn import __version__


class CliError(Exception):
    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def _load(path):
    from visualnn.core.io import ProjectError, load_project

    try:
        return load_project(path)
    except ProjectError as e:
        raise CliError(str(e), 2) from None


def _fmt_shape(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else "?"


def cmd_validate(args) -> int:
    from visualnn.core.graph import check_graph, param_count

    project = _load(args.project)
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
        print(f"  {nid:<{width}}  {node.type:<13} {_fmt_shape(report.shapes[nid]):<16} {counts.get(nid, 0):>9,} params")
    print(f"  total {sum(counts.values()):,} parameters; output {report.order[-1] if report.order else '-'}")
    return 0


class _Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.last = ""

    def __call__(self, epoch: int, epochs: int, step: int, loss: float | None) -> None:
        if not self.enabled:
            return
        width = 30
        done = int(width * epoch / max(epochs, 1))
        loss_txt = f"loss {loss:.4g}" if loss is not None else ""
        line = f"\r[{'#' * done}{'.' * (width - done)}] epoch {epoch}/{epochs} step {step} {loss_txt}"
        if line != self.last:
            sys.stderr.write(line)
            sys.stderr.flush()
            self.last = line

    def close(self):
        if self.enabled and self.last:
            sys.stderr.write("\n")


def cmd_train(args) -> int:
    from visualnn.core.compile import state_to_lists
    from visualnn.core.io import save_project
    from visualnn.core.train.headless import train_project

    project = _load(args.project)
    progress = _Progress(True)
    try:
        result = train_project(project, epochs=args.epochs, device=args.device, progress=progress)
    finally:
        progress.close()
    if args.out:
        trained = project.copy()
        trained.state = state_to_lists(result.model.cpu())
        save_project(trained, args.out)
    if args.json:
        print(json.dumps(result.to_json()))
    else:
        for row in result.history:
            parts = [f"epoch {row['epoch']:>3}", f"train_loss {row['train_loss']:.4f}"]
            for key in ("test_loss", "train_accuracy", "test_accuracy"):
                if row.get(key) is not None:
                    parts.append(f"{key} {row[key]:.4f}")
            print("  ".join(parts))
        print(f"{result.steps} steps in {result.seconds:.2f} s on {result.device}")
    if result.error:
        print(f"error: {result.error}", file=sys.stderr)
        return 1
    return 0


def cmd_step(args) -> int:
    from visualnn.core.backprop.text import format_trace
    from visualnn.core.backprop.trace import trace_project

    project = _load(args.project)
    trace = trace_project(project, sample=args.sample, batch=args.batch)
    if args.json:
        print(json.dumps(trace))
    elif args.worksheet:
        from visualnn.core.backprop.worksheet import worksheet

        sys.stdout.write(worksheet(trace, args.worksheet, digits=args.digits))
    else:
        sys.stdout.write(format_trace(trace, digits=args.digits))
    return 0


def cmd_export(args) -> int:
    project = _load(args.project)
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


def cmd_examples(args) -> int:
    from visualnn.examples import list_examples

    for ex in list_examples():
        print(f"{ex.path.name:<28} {ex.name}" + (f"  ({ex.description})" if ex.description else ""))
    return 0


def cmd_bench(args) -> int:
    from visualnn.bench import run_bench

    return run_bench(as_json=args.json, quick=args.quick, cases=args.case, device=args.device)


def cmd_open(args) -> int:
    from visualnn.gui.app import run_app

    return run_app(getattr(args, "project", None))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="visualnn", description="See neural networks learn.")
    p.add_argument("--version", action="version", version=f"visualnn {__version__}")
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("open", help="open the app, with a project")
    s.add_argument("project", nargs="?")
    s.set_defaults(func=cmd_open)

    s = sub.add_parser("validate", help="check a project's graph")
    s.add_argument("project")
    s.set_defaults(func=cmd_validate)

    s = sub.add_parser("train", help="train headless")
    s.add_argument("project")
    s.add_argument("--epochs", type=int)
    s.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"))
    s.add_argument("--out", help="save the trained project here")
    s.add_argument("--json", action="store_true", help="print the history as JSON")
    s.set_defaults(func=cmd_train)

    s = sub.add_parser("step", help="one step-through update, in float64")
    s.add_argument("project")
    s.add_argument("--sample", type=int, default=0)
    s.add_argument("--digits", type=int, default=4, help="digits shown (1-9)")
    s.add_argument("--batch", type=int, help="trace a mini-batch of B samples starting at --sample")
    s.add_argument("--worksheet", choices=("md", "csv", "tex"), help="print the trace as tables for students")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_step)

    s = sub.add_parser("export", help="PyTorch code, ONNX model or a picture of the canvas")
    s.add_argument("project")
    s.add_argument("--format", required=True, choices=("py", "onnx", "png", "svg"))
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("examples", help="list the bundled example projects")
    s.set_defaults(func=cmd_examples)

    s = sub.add_parser("bench", help="speed, measured in one run")
    s.add_argument("--json", action="store_true")
    s.add_argument("--quick", action="store_true", help="short runs (for checking the bench itself)")
    s.add_argument("--case", action="append", help="run only this case (repeatable)")
    s.add_argument("--device", default="cpu", choices=("cpu", "cuda", "mps", "auto"),
                   help="where the plain loop and the app train (default cpu)")
    s.set_defaults(func=cmd_bench)
    return p


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv:
        return cmd_open(argparse.Namespace(project=None))
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except CliError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 1
    except Exception as e:  # every failure is one clear line, never a traceback
        print(f"error: {_describe(e)}", file=sys.stderr)
        return 1


def _describe(e: Exception) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    known = ("CompileError", "ConfigError", "DataError", "DeviceError", "StateError", "ProjectError", "ExportError", "TraceError",
             "TrainingError")
    return msg if type(e).__name__ in known else f"{type(e).__name__}: {msg}"


if __name__ == "__main__":
    sys.exit(main())
