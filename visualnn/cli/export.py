"""`visualnn export PROJECT --format F -o FILE`: code, ONNX, a picture of the canvas, one
live view as a figure (`--view NAME`: png, svg or csv), or an animation of training
(gif, mp4)."""

from __future__ import annotations

from pathlib import Path

from visualnn.cli.common import PROJECT_HELP, CliError, load
from visualnn.core.i18n import tr

FORMATS = ("py", "onnx", "png", "svg", "csv", "gif", "mp4")
# the live views, as the app's table of views names them (a test keeps the two equal; the
# table itself needs Qt, which --help does not load)
VIEW_NAMES = ("boundary", "regression", "sequence", "samples", "embedding", "curves", "landscape", "grads", "weights",
              "confusion", "input")


def register(sub) -> None:
    s = sub.add_parser("export", help=tr("PyTorch code, ONNX model, a picture of the canvas or of a live view, "
                                         "or an animation of training"))
    s.add_argument("project", help=tr(PROJECT_HELP))
    s.add_argument("--format", required=True, choices=FORMATS,
                   help=tr("py: readable PyTorch code; onnx: an ONNX model; png, svg: a picture of the canvas "
                           "(or of --view); csv: a view's numbers; gif, mp4: an animation of training"))
    s.add_argument("-o", "--output", required=True, help=tr("the file to write"))
    s.add_argument("--view", help=tr("a live view to draw: {names}", names=", ".join(VIEW_NAMES)))
    s.add_argument("--epochs", type=int, help=tr("train this many epochs first (default: the project's state as saved; "
                                                 "for an animation: the project's epochs)"))
    s.add_argument("--width", type=int, help=tr("picture width in pixels (png, gif, mp4)"))
    s.add_argument("--height", type=int, help=tr("picture height in pixels (png, gif, mp4)"))
    s.add_argument("--fps", type=float, help=tr("animation frames per second (default 10; 1 for a walk)"))
    s.add_argument("--frames", type=int, help=tr("animation frames to capture (default: one per epoch, at most 60)"))
    s.add_argument("--views", help=tr("animation: the live views beside the canvas, comma-separated (default: "
                                      "boundary,curves for 2-D data, else curves)"))
    s.add_argument("--walk", action="store_true",
                   help=tr("animation: the step-through of one update, a frame per stage, instead of training"))
    s.set_defaults(func=run)


def run(args) -> int:
    project = load(args.project)
    out = Path(args.output)
    for name in ("epochs", "width", "height", "frames"):
        v = getattr(args, name)
        if v is not None and v < (0 if name == "epochs" else 1):
            raise CliError(tr("--{name} must be at least {least}", name=name, least=0 if name == "epochs" else 1), 2)
    if args.view is not None or args.format == "csv":
        written = _view(project, out, args)
    elif args.format in ("gif", "mp4") and args.walk:
        written = _walk(project, out, args)
    elif args.format in ("gif", "mp4"):
        written = _animation(project, out, args)
    elif args.format == "py":
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


def _view(project, out: Path, args):
    if args.view is None:
        raise CliError(tr("--format csv needs --view (e.g. --view curves)"), 2)
    if args.format not in ("png", "svg", "csv"):
        raise CliError(tr("a view is written as png, svg or csv, not {fmt}", fmt=args.format), 2)
    from visualnn.gui.share.figures import FigureError, write_figure
    from visualnn.gui.share.headless import DEFAULT_SIZE, ViewError, trained_view

    if not out.resolve().parent.is_dir():
        raise CliError(tr("{path}: the folder does not exist", path=out), 2)
    size = DEFAULT_SIZE
    view = None
    try:
        view = trained_view(project, args.view, args.epochs, size)
        width = args.width or (None if args.height else 2 * size[0])
        return write_figure(view, out, args.format, width, args.height)
    except ViewError as e:
        raise CliError(str(e), 2) from None
    except FigureError as e:
        raise CliError(str(e), 2) from None
    finally:
        if view is not None:
            view.close()
            view.deleteLater()


def _animation(project, out: Path, args):
    from visualnn.gui.share.animation import AnimationError, EncoderMissing, record_training

    if not out.resolve().parent.is_dir():
        raise CliError(tr("{path}: the folder does not exist", path=out), 2)
    views = [v.strip() for v in args.views.split(",") if v.strip()] if args.views else None
    fps = 10.0 if args.fps is None else args.fps
    if fps <= 0:
        raise CliError(tr("--fps must be above 0"), 2)
    try:
        return record_training(project, out, args.format, epochs=args.epochs, frames=args.frames, fps=fps,
                               views=views, width=args.width, height=args.height)
    except EncoderMissing as e:
        raise CliError(str(e), 2) from None
    except AnimationError as e:
        raise CliError(str(e), 2) from None


def _walk(project, out: Path, args):
    from visualnn.gui.render import ensure_app
    from visualnn.gui.share.animation import AnimationError

    if not out.resolve().parent.is_dir():
        raise CliError(tr("{path}: the folder does not exist", path=out), 2)
    fps = 1.0 if args.fps is None else args.fps
    if fps <= 0:
        raise CliError(tr("--fps must be above 0"), 2)
    ensure_app()
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow
    from visualnn.gui.share.walk import record_walk

    window = MainWindow(Document(project))
    window.resize(1280, 800)
    window.show()
    try:
        return record_walk(window, out, args.format, fps=fps, width=args.width)
    except AnimationError as e:
        raise CliError(str(e), 1) from None
    finally:
        window.document.mark_saved()
        window.close()
