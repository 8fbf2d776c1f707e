"""`visualnn landscape PROJECT`: the training loss over a plane of weights, with the path
the optimizer took there."""

from __future__ import annotations

import json
import sys

from visualnn.cli.common import PROJECT_HELP, CliError, load
from visualnn.core.i18n import tr

SHADES = " .:-=+*#%@"
KINDS = ("params", "random", "pca")  # core.train.landscape.KINDS, kept here so --help needs no torch
DEFAULT_RESOLUTION, DEFAULT_SPAN = 25, 1.0


def register(sub) -> None:
    s = sub.add_parser("landscape", help=tr("the training loss over a plane of weights, with the optimizer's path"))
    s.add_argument("project", help=tr(PROJECT_HELP))
    s.add_argument("--axes", choices=KINDS, default="params",
                   help=tr("two chosen parameters (params), two random filter-normalised directions (random), or the two principal directions of the path (pca)"))
    s.add_argument("--params", help=tr("the two parameters of --axes params, e.g. fc.weight[0,0],fc.bias[0] (default: the first two)"))
    s.add_argument("--epochs", type=int, help=tr("epochs to train first (default: the project's)"))
    s.add_argument("--resolution", type=int, default=DEFAULT_RESOLUTION, help=tr("grid points per axis"))
    s.add_argument("--span", type=float, default=DEFAULT_SPAN,
                   help=tr("half-width of the grid around the final weights (widened to hold the path)"))
    s.add_argument("--json", action="store_true", help=tr("print the grid and the path as JSON"))
    s.set_defaults(func=run)


def _split_params(text: str | None):
    if text is None:
        return None
    # commas also separate indices: "fc.weight[0,0],fc.bias[0]" splits outside brackets
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "[") - (ch == "]")
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) != 2:
        raise CliError(tr("--params needs two parameters separated by a comma, e.g. fc.weight[0,0],fc.bias[0]"), 2)
    return parts


def run(args) -> int:
    from visualnn.core.train.landscape import LandscapeError, train_and_map

    params = _split_params(args.params)
    if args.params and args.axes != "params":
        raise CliError(tr("--params goes with --axes params"), 2)
    if args.epochs is not None and args.epochs < 0:
        raise CliError(tr("--epochs must be 0 or more"), 2)
    project = load(args.project)
    try:
        result, error = train_and_map(project, args.axes, params=params, epochs=args.epochs,
                                      resolution=args.resolution, span=args.span)
    except LandscapeError as e:
        raise CliError(str(e), 1) from None
    if args.json:
        print(json.dumps(result))
    else:
        print(render_text(result))
    if error:
        print(tr("error: {message}", message=error), file=sys.stderr)
        return 1
    return 0


def render_text(result: dict, width: int = 41) -> str:
    """A text picture of the landscape: the loss shaded from low (' ') to high ('@'), the
    path's points as 'o', its start 'S' and its end (the current weights) 'E'; the y axis
    upwards."""
    xs, ys, grid = result["x"], result["y"], result["loss"]
    finite = [v for row in grid for v in row if v is not None]
    lines = [tr("x: {label}  from {lo:.4g} to {hi:.4g}", label=result["axes"]["x"], lo=xs[0], hi=xs[-1]),
             tr("y: {label}  from {lo:.4g} to {hi:.4g}", label=result["axes"]["y"], lo=ys[0], hi=ys[-1])]
    if finite:
        lo, hi = min(finite), max(finite)
        lines.append(tr("loss on the grid from {lo:.4g} to {hi:.4g}", lo=lo, hi=hi))
    cols, rows = min(width, len(xs)), min(width // 2 + 1, len(ys))
    pic = []
    for r in range(rows):
        j = round((rows - 1 - r) * (len(ys) - 1) / max(rows - 1, 1))
        line = []
        for c in range(cols):
            v = grid[j][round(c * (len(xs) - 1) / max(cols - 1, 1))]
            if v is None or not finite:
                line.append("!")
            else:
                line.append(SHADES[min(len(SHADES) - 1, int((v - lo) / ((hi - lo) or 1) * len(SHADES)))])
        pic.append(line)
    path = result["path"]
    marks = [(p, "o") for p in path[1:-1]] + [(p, "S") for p in path[:1]] + [(p, "E") for p in path[-1:]]
    for (px, py, _), mark in marks:  # the start and the end drawn last, over the path
        if px is None or py is None:
            continue
        c = round((px - xs[0]) / ((xs[-1] - xs[0]) or 1) * (cols - 1))
        r = rows - 1 - round((py - ys[0]) / ((ys[-1] - ys[0]) or 1) * (rows - 1))
        if 0 <= r < rows and 0 <= c < cols:
            pic[r][c] = mark
    lines += ["+" + "-" * cols + "+"] + ["|" + "".join(p) + "|" for p in pic] + ["+" + "-" * cols + "+"]
    if path:
        (x0, y0, l0), (x1, y1, l1) = path[0], path[-1]
        lines.append(tr("start: x {x}, y {y}, loss {loss}", x=_fmt(x0), y=_fmt(y0), loss=_fmt(l0)))
        lines.append(tr("end: x {x}, y {y}, loss {loss}", x=_fmt(x1), y=_fmt(y1), loss=_fmt(l1)))
    return "\n".join(lines)


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.4g}"
