"""The loss landscape: the training loss over a plane of weights, with the optimizer's path.

A plane is `base + a * d1 + b * d2` in the space of all the network's parameters flattened
into one vector (named_parameters order). Three kinds of axes:

- "params": two chosen parameters, e.g. "fc.weight[0,0]" and "fc.bias[0]". d1, d2 are
  their unit vectors and `base` is the current weights with those two set to 0, so (a, b)
  are the two parameters' actual values and every other weight stays as it is now.
- "random": two random directions (seeded), filter-normalised as in Li et al. 2018
  ("Visualizing the Loss Landscape of Neural Nets"): each row (filter) of a weight matrix
  gets the norm of that row of the weights; a 1-D parameter (bias, norm scale) the norm of
  the whole tensor. `base` is the current weights: (0, 0) is where the network is now.
- "pca": the two principal directions of the recorded path, centred on its last point (Li
  et al.): the plane that the optimizer's steps mostly move in. (0, 0) is the last point.

The loss at a point is the project's loss function (without the L1 penalty, like the
reported train_loss) over the whole training split, in eval mode (dropout off, batch norm
on its running statistics), i.e. exactly `Trainer.evaluate("train")[0]` for the network
with those weights. Grid points are evaluated in batches with torch.func (vmap over
parameter sets); a network that vmap cannot run goes point by point.

    recorder = PathRecorder(model); recorder.record()          # before training
    ... after each step: recorder.record()
    result = trainer_landscape(trainer, recorder, kind="pca")   # the CLI's JSON object
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass

import torch

from visualnn.core.i18n import tr

KINDS = ("params", "random", "pca")
DEFAULT_RESOLUTION = 25
DEFAULT_SPAN = 1.0
MAX_RESOLUTION = 201
EVAL_BUDGET = 1 << 25  # activation values per evaluation chunk (~128 MB of float32)
_LABEL = re.compile(r"^\s*([^\s.\[\]]+)\.([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[([0-9,\s]*)\])?\s*$")


class LandscapeError(ValueError):
    """The landscape cannot be computed as asked; the message says why, in one line."""


def flat_params(model: torch.nn.Module) -> torch.Tensor:
    """All the model's parameters as one detached float64 CPU vector (named_parameters order)."""
    with torch.no_grad():
        return torch.cat([p.detach().reshape(-1).double().cpu() for p in model.parameters()])


def parameter_labels(model: torch.nn.Module, limit: int | None = None) -> list[str]:
    """Labels of the model's scalar parameters, in flat order: "fc.weight[0,0]", "fc.bias[1]",
    ... (at most `limit` of them)."""
    out = []
    for name, p in model.named_parameters():
        for idx in _indices(tuple(p.shape)):
            if limit is not None and len(out) >= limit:
                return out
            out.append(f"{name}[{','.join(map(str, idx))}]")
    return out


def _indices(shape):
    if not shape:
        yield ()
        return
    for i in range(shape[0]):
        for rest in _indices(shape[1:]):
            yield (i, *rest)


def parameter_index(model: torch.nn.Module, label: str) -> int:
    """The position in flat_params of the scalar parameter `label` ("node.param[i,j]"; the
    index may be left out for a parameter with one value). Raises LandscapeError."""
    m = _LABEL.match(str(label))
    if not m:
        raise LandscapeError(tr("parameter {label!r} is not of the form node.param[i,j] (e.g. fc.weight[0,0])",
                                label=label))
    name = f"{m.group(1)}.{m.group(2)}"
    offset = 0
    for pname, p in model.named_parameters():
        if pname == name:
            shape = tuple(p.shape)
            if m.group(3) is None or not m.group(3).strip():
                if p.numel() != 1:
                    raise LandscapeError(tr("parameter {name} has shape {shape}: give an index, e.g. {example}",
                                            name=name, shape=list(shape), example=f"{name}[{','.join('0' * len(shape))}]"))
                return offset
            idx = tuple(int(v) for v in m.group(3).split(","))
            if len(idx) != len(shape) or any(not 0 <= i < n for i, n in zip(idx, shape)):
                raise LandscapeError(tr("parameter {label}: index out of range for shape {shape}",
                                        label=label, shape=list(shape)))
            flat = 0
            for i, n in zip(idx, shape):
                flat = flat * n + i
            return offset + flat
        offset += p.numel()
    names = ", ".join(n for n, _ in model.named_parameters())
    raise LandscapeError(tr("no parameter {name} (the network has: {names})", name=name, names=names))


@dataclass
class Axes:
    """A plane of weights: point(a, b) = base + a * d1 + b * d2 (flat float64 vectors).
    x_label, y_label: what a and b are; kind: "params", "random" or "pca"; center: (a, b)
    of the weights the axes were made at."""

    kind: str
    base: torch.Tensor
    d1: torch.Tensor
    d2: torch.Tensor
    x_label: str
    y_label: str
    center: tuple[float, float]

    def points(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        """(n, D) flat weight vectors at coordinates a[i], b[i]."""
        return self.base + a.double()[:, None] * self.d1 + b.double()[:, None] * self.d2

    def project(self, vectors: torch.Tensor) -> torch.Tensor:
        """(n, 2) least-squares coordinates of flat weight vectors (n, D) on the plane (for
        "params" axes: exactly the two parameters' values)."""
        basis = torch.stack([self.d1, self.d2], dim=1)  # (D, 2)
        rhs = (vectors.double() - self.base).T  # (D, n)
        return torch.linalg.lstsq(basis, rhs).solution.T


def make_axes(model: torch.nn.Module, kind: str = "params", params=None, path: torch.Tensor | None = None,
              seed: int = 0) -> Axes:
    """Axes through the model's current weights. params: two labels for "params" (default:
    the first two scalar parameters); seed: for "random"; path: (T, D) recorded weights
    for "pca" (at least 3 points that move). Raises LandscapeError."""
    current = flat_params(model)
    n = current.numel()
    if kind == "params":
        labels = list(params) if params else parameter_labels(model, 2)
        if len(labels) != 2:
            raise LandscapeError(tr("the params axes need two parameters, e.g. --params fc.weight[0,0],fc.bias[0]"))
        i, j = (parameter_index(model, lab) for lab in labels)
        if i == j:
            raise LandscapeError(tr("the two axes name the same parameter {label}", label=labels[0]))
        d1, d2 = torch.zeros(n, dtype=torch.float64), torch.zeros(n, dtype=torch.float64)
        d1[i] = d2[j] = 1.0
        base = current.clone()
        base[i] = base[j] = 0.0
        return Axes("params", base, d1, d2, labels[0].strip(), labels[1].strip(),
                    (float(current[i]), float(current[j])))
    if kind == "random":
        gen = torch.Generator().manual_seed(int(seed))
        d1, d2 = (_filter_normalized(model, gen) for _ in range(2))
        return Axes("random", current, d1, d2, tr("direction 1"), tr("direction 2"), (0.0, 0.0))
    if kind == "pca":
        if path is None or path.shape[0] < 3:
            raise LandscapeError(tr("the pca axes need a path of at least 3 recorded steps: train first"))
        last = path[-1].double()
        moves = path.double() - last
        _, s, vh = torch.linalg.svd(moves, full_matrices=False)
        if s.numel() < 2 or s[1] <= 1e-12 * max(float(s[0]), 1e-300):
            raise LandscapeError(tr("the path so far moves along a single line: the pca axes need it to turn"))
        share = (s * s) / (s * s).sum()
        return Axes("pca", last, vh[0].clone(), vh[1].clone(),
                    tr("PC1 ({share:.0%} of the path)", share=float(share[0])),
                    tr("PC2 ({share:.0%} of the path)", share=float(share[1])), (0.0, 0.0))
    raise LandscapeError(tr("unknown axes {kind!r}: use params, random or pca", kind=kind))


def _filter_normalized(model, gen) -> torch.Tensor:
    parts = []
    for p in model.parameters():
        w = p.detach().double().cpu()
        d = torch.randn(w.shape, generator=gen, dtype=torch.float64)
        rows_w = w.reshape(w.shape[0], -1) if w.dim() > 1 else w.reshape(1, -1)
        rows_d = d.reshape(rows_w.shape)
        wn = rows_w.norm(dim=1, keepdim=True)
        dn = rows_d.norm(dim=1, keepdim=True).clamp_min(1e-12)
        # a filter of zeros (e.g. zeros init) keeps a unit-length direction, so the plane stays a plane
        scale = torch.where(wn > 0, wn, torch.ones_like(wn)) / dn
        parts.append((rows_d * scale).reshape(-1))
    return torch.cat(parts)


class LossEvaluator:
    """The training loss of a model at many flat weight vectors, evaluated in batches.

    x, y: the inputs and targets (as the loss function takes them); loss: (output, target)
    -> mean loss. The model itself is never changed."""

    def __init__(self, model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor, loss):
        self.model, self.x, self.y, self.loss = model, x, y, loss
        self.names = [n for n, _ in model.named_parameters()]
        self.shapes = [tuple(p.shape) for _, p in model.named_parameters()]
        self.sizes = [p.numel() for _, p in model.named_parameters()]
        self.dtype = next(model.parameters()).dtype
        self.device = next(model.parameters()).device
        per_sample = sum(math.prod(s) if s else 1 for s in getattr(model, "shapes", {}).values()) or 1
        n = max(int(x.shape[0]), 1)
        self.chunk = max(1, min(256, EVAL_BUDGET // (per_sample * n * 4)))
        self._vmap_ok = True

    def _params(self, vectors: torch.Tensor) -> dict:
        vectors = vectors.to(device=self.device, dtype=self.dtype)
        out, at = {}, 0
        for name, shape, size in zip(self.names, self.shapes, self.sizes):
            out[name] = vectors[:, at:at + size].reshape(vectors.shape[0], *shape)
            at += size
        return out

    def __call__(self, vectors: torch.Tensor) -> torch.Tensor:
        """(n,) float64 CPU losses at the flat weight vectors (n, D)."""
        from torch.func import functional_call

        was_training = self.model.training
        self.model.eval()
        results = []
        try:
            with torch.no_grad():
                for start in range(0, vectors.shape[0], self.chunk):
                    part = self._params(vectors[start:start + self.chunk])
                    results.append(self._chunk(part, functional_call))
        finally:
            self.model.train(was_training)
        return torch.cat(results).double().cpu() if results else torch.zeros(0, dtype=torch.float64)

    def _chunk(self, params: dict, functional_call) -> torch.Tensor:
        if self._vmap_ok:
            def one(p):
                return self.loss(functional_call(self.model, p, (self.x,)), self.y)

            try:
                with warnings.catch_warnings():  # "batching rule not implemented" is only about speed
                    warnings.simplefilter("ignore", UserWarning)
                    return torch.vmap(one)(params)
            except Exception:  # layers vmap cannot batch (e.g. fused RNN kernels) go one by one
                self._vmap_ok = False
        count = next(iter(params.values())).shape[0]
        return torch.stack([self.loss(functional_call(self.model, {k: v[i] for k, v in params.items()}, (self.x,)),
                                      self.y) for i in range(count)])


class PathRecorder:
    """The optimizer's path: the flat weights after each record() call, on the CPU.

    At most `max_points` are kept: when full, every other point is dropped and from then
    on only every second (fourth, ...) call records, so a long run keeps an even sample of
    its path with its first and latest points."""

    def __init__(self, model: torch.nn.Module, max_points: int = 400):
        self.model = model
        self.max_points = max(4, int(max_points))
        self.stride = 1
        self._calls = 0
        self._points: list[torch.Tensor] = []
        self._latest: torch.Tensor | None = None

    def record(self) -> None:
        """Remember the model's weights now (call it before training and after each step)."""
        v = flat_params(self.model)
        self._latest = v
        if self._calls % self.stride == 0:
            self._points.append(v)
            if len(self._points) > self.max_points:
                self._points = self._points[::2]
                self.stride *= 2
        self._calls += 1

    def reset(self) -> None:
        self.stride, self._calls, self._points, self._latest = 1, 0, [], None

    def __len__(self) -> int:
        """How many points vectors() gives."""
        extra = self._latest is not None and (not self._points or self._points[-1] is not self._latest)
        return len(self._points) + int(extra)

    def vectors(self) -> torch.Tensor:
        """(T, D) float64: the kept points, the latest weights always last."""
        pts = list(self._points)
        if self._latest is not None and (not pts or pts[-1] is not self._latest):
            pts.append(self._latest)
        return torch.stack(pts) if pts else torch.zeros((0, 0), dtype=torch.float64)


def landscape(evaluator: LossEvaluator, axes: Axes, path: torch.Tensor | None = None,
              resolution: int = DEFAULT_RESOLUTION, span: float = DEFAULT_SPAN, fit_path: bool = True,
              also: torch.Tensor | None = None) -> dict:
    """The loss over the plane `axes` around its center, as the CLI's JSON object:
    {"axes": {"x", "y", "kind"}, "x": [...], "y": [...], "loss": [[...]] (a row per y),
    "path": [[x, y, loss], ...]}. The grid spans center +- span on both axes, widened to
    hold the whole path (with a 10 % margin) when fit_path. The path's points are its
    weights projected on the plane, each with the loss of those exact weights. Non-finite
    losses are None. also: (n, 2) more points of the plane (a, b) that the grid widens to
    hold when fit_path (other runs' paths, projected on it to be drawn there too)."""
    resolution = int(resolution)
    if not 2 <= resolution <= MAX_RESOLUTION:
        raise LandscapeError(tr("the resolution must be between 2 and {most}, not {n}", most=MAX_RESOLUTION,
                                n=resolution))
    if not (isinstance(span, (int, float)) and math.isfinite(span) and span > 0):
        raise LandscapeError(tr("the span must be a number above 0, not {span}", span=span))
    cx, cy = axes.center
    lo_x, hi_x, lo_y, hi_y = cx - span, cx + span, cy - span, cy + span
    coords = path_losses = None
    if path is not None and path.shape[0]:
        coords = axes.project(path)
        path_losses = evaluator(path)
    fit = [c for c in (coords, also) if c is not None and c.shape[0]]
    if fit_path and fit:
        c = torch.cat([f.double() for f in fit])
        c = c[torch.isfinite(c).all(dim=1)]
        if c.shape[0]:
            (px0, py0), (px1, py1) = c.min(0).values.tolist(), c.max(0).values.tolist()
            mx, my = 0.1 * (px1 - px0), 0.1 * (py1 - py0)
            lo_x, hi_x = min(lo_x, px0 - mx), max(hi_x, px1 + mx)
            lo_y, hi_y = min(lo_y, py0 - my), max(hi_y, py1 + my)
    xs = torch.linspace(lo_x, hi_x, resolution, dtype=torch.float64)
    ys = torch.linspace(lo_y, hi_y, resolution, dtype=torch.float64)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    grid = evaluator(axes.points(gx.reshape(-1), gy.reshape(-1))).reshape(resolution, resolution)
    out = {"axes": {"x": axes.x_label, "y": axes.y_label, "kind": axes.kind},
           "x": xs.tolist(), "y": ys.tolist(), "loss": [[_num(v) for v in row] for row in grid.tolist()],
           "path": []}
    if coords is not None:
        out["path"] = [[_num(a), _num(b), _num(v)] for (a, b), v in zip(coords.tolist(), path_losses.tolist())]
    return out


def _num(v: float) -> float | None:
    return float(v) + 0.0 if math.isfinite(v) else None  # + 0.0: no "-0.0" in the output


def trainer_evaluator(trainer, max_samples: int | None = None) -> LossEvaluator:
    """A LossEvaluator of a Trainer's network on its whole training split with its loss.
    max_samples: use only the first that many training samples (a quicker, approximate
    map for a large data set; the split's order is already a seeded shuffle)."""
    x, y = trainer.split_tensors("train")
    if max_samples is not None and x.shape[0] > max_samples:
        x, y = x[:max_samples], y[:max_samples]
    return LossEvaluator(trainer.model, x, y, trainer.loss_function)


def trainer_landscape(trainer, recorder: PathRecorder | None = None, kind: str = "params", params=None,
                      resolution: int = DEFAULT_RESOLUTION, span: float = DEFAULT_SPAN, seed: int | None = None,
                      evaluator: LossEvaluator | None = None) -> dict:
    """landscape() of a Trainer's network at its current weights, with the path `recorder`
    kept (None: no path). seed: for random axes (default: the project's seed)."""
    path = recorder.vectors() if recorder is not None and len(recorder) else None
    axes = make_axes(trainer.model, kind, params=params, path=path,
                     seed=trainer.config.seed if seed is None else seed)
    return landscape(evaluator or trainer_evaluator(trainer), axes, path, resolution=resolution, span=span)


def train_and_map(project, kind: str = "params", params=None, epochs: int | None = None,
                  resolution: int = DEFAULT_RESOLUTION, span: float = DEFAULT_SPAN, device: str | None = None):
    """Train `project` for `epochs` (default: its train.epochs) recording the path after
    every step, then map the landscape around the final weights. Returns (result dict,
    error or None): a run stopped by a non-finite loss still maps the path so far."""
    from visualnn.core.train.targets import TrainingError
    from visualnn.core.train.trainer import Trainer

    trainer = Trainer(project, device=device)
    recorder = PathRecorder(trainer.model)
    recorder.record()
    total = trainer.config.epochs if epochs is None else int(epochs)
    error = None
    try:
        for _ in trainer.steps(epochs=total):
            recorder.record()
    except TrainingError as e:
        error = str(e)
    return trainer_landscape(trainer, recorder, kind, params=params, resolution=resolution, span=span), error
