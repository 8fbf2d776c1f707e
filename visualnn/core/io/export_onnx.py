"""Export a project's network as an ONNX model.

Through `torch.onnx.export(..., dynamo=True)` (the torch.export-based exporter, which
needs the `onnx` and `onnxscript` packages), with a dynamic batch axis, then checked with
`onnx.checker.check_model`. The ONNX input is named after the Input node and the output
after the output node. The project's weights (`state`) are in the model; nodes without
weights in the project start from the project's seed, as in visualnn.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import warnings
from pathlib import Path

from visualnn.core.io.export_py import ExportError, _check
from visualnn.core.i18n import tr

INSTALL_HINT = "pip install visualnn[export]"
EXAMPLE_BATCH = 2  # the traced batch size; the batch axis stays dynamic


def _need_packages() -> None:
    missing = []
    for name in ("onnx", "onnxscript"):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise ExportError(tr("ONNX export needs the {missing} package(s): {INSTALL_HINT}", missing=' and '.join(missing), INSTALL_HINT=INSTALL_HINT))


@contextlib.contextmanager
def _quiet():
    """The exporter logs and warns a lot about things that do not concern the user."""
    loggers = [logging.getLogger(n) for n in ("torch.onnx", "torch.export", "torch._export", "onnxscript")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


_REGISTRIES: dict = {}


@contextlib.contextmanager
def _cached_registry():
    """Build the exporter's table of ONNX functions once per process.

    torch.onnx.export rebuilds it on every call (seconds, by parsing hundreds of
    onnxscript functions) and only reads it afterwards when, as here, no custom
    translation table is given. Where that internal hook is not there, nothing changes."""
    try:
        from torch.onnx._internal.exporter import _registration

        cls = _registration.ONNXRegistry
        original = cls.__dict__["from_torchlib"]
        build = original.__func__
    except (ImportError, AttributeError, KeyError):
        yield
        return

    def from_torchlib(klass, *args, **kwargs):
        key = (klass, args, tuple(sorted(kwargs.items())))
        if key not in _REGISTRIES:
            _REGISTRIES[key] = build(klass, *args, **kwargs)
        return _REGISTRIES[key]

    cls.from_torchlib = classmethod(from_torchlib)
    try:
        yield
    finally:
        cls.from_torchlib = original


def _example(shape, dtype: str, high: int = 2):
    import torch

    g = torch.Generator().manual_seed(0)
    if dtype == "long":
        return torch.randint(0, max(high, 1), (EXAMPLE_BATCH, *shape), generator=g)
    return torch.randn(EXAMPLE_BATCH, *shape, generator=g)


def _token_limit(module) -> int:
    """Token ids below every Embedding's vocabulary size (for a valid example input)."""
    import torch.nn as nn

    sizes = [m.num_embeddings for m in module.modules() if isinstance(m, nn.Embedding)]
    return min(sizes) if sizes else 2


def _export(model, inputs, path: Path, input_names, output_names, varargs: bool = False) -> None:
    import torch

    batch = torch.export.Dim("batch")
    dynamic = tuple({0: batch} for _ in inputs)
    if varargs:  # forward(self, *xs): one entry holding the shapes of all
        dynamic = (dynamic,)
    with _quiet(), _cached_registry():
        from visualnn.core.io import atomic

        atomic.write_with(path, lambda tmp: torch.onnx.export(
            model, tuple(inputs), str(tmp), dynamo=True, dynamic_shapes=dynamic,
            input_names=list(input_names), output_names=list(output_names), verbose=False,
            external_data=False))  # one self-contained file (visualnn's networks are small)


def _reason(e: Exception) -> str:
    """The first line of the innermost error (the exporter wraps the real one)."""
    while e.__cause__ is not None:
        e = e.__cause__
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(e))
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    text = lines[0] if lines else type(e).__name__
    return text if len(text) <= 200 else text[:197] + "..."


class _OneLayer:
    """A node's layer alone, called with its inputs (to find the layer the exporter refuses)."""

    def __new__(cls, layer):
        import torch.nn as nn

        class OneLayer(nn.Module):
            def __init__(self):
                super().__init__()
                self.layer = layer

            def forward(self, *xs):
                return self.layer(*xs)

        return OneLayer()


def _culprit(module, error: Exception) -> str:
    """The message for a failed export: the first node whose layer fails alone, by type."""
    tried = set()
    limit = _token_limit(module)
    for nid, srcs in module.plan:
        kind = module.types[nid]
        key = (kind, tuple(tuple(module.shapes[s]) for s in srcs))
        if key in tried:
            continue
        tried.add(key)
        inputs = []
        for s in srcs:
            dtype = module.input_dtype if s == module.input_id else "float"
            inputs.append(_example(module.shapes[s], dtype, limit))
        with tempfile.TemporaryDirectory() as tmp:
            try:
                _export(_OneLayer(module.layer(nid)).eval(), inputs, Path(tmp) / "layer.onnx",
                        [f"in{i}" for i in range(len(inputs))], ["out"], varargs=True)
            except Exception as e:  # the exporter raises many kinds
                return tr("node {nid}: the ONNX exporter cannot handle this {kind} layer ({e})", nid=nid, kind=kind, e=_reason(e))
    return tr("the ONNX exporter failed: {error}", error=_reason(error))


def export_onnx(project, path) -> Path:
    """Write the project's network to `path` as ONNX (batch axis dynamic, eval mode: dropout
    off, batch norm with its running statistics). Returns the path. Raises ExportError
    for an invalid project, a layer the exporter cannot handle (naming the node and its
    type), or missing ONNX packages."""
    _need_packages()
    import onnx

    path = Path(path)
    _, _, module = _check(project)
    module.eval()
    x = _example(module.shapes[module.input_id], module.input_dtype, _token_limit(module))
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written in a temporary folder beside the target, then moved: a failed export never
    # leaves a half-written file.
    with tempfile.TemporaryDirectory(prefix=".onnx-", dir=path.parent) as tmp_dir:
        tmp = Path(tmp_dir) / path.name
        try:
            _export(module, [x], tmp, [module.input_id], [module.output_id])
        except Exception as e:  # the exporter raises many kinds
            raise ExportError(_culprit(module, e)) from None
        try:
            onnx.checker.check_model(str(tmp), full_check=True)
        except Exception as e:
            raise ExportError(tr("the exported ONNX model fails onnx.checker: {e}", e=_reason(e))) from None
        os.replace(tmp, path)
    return path
