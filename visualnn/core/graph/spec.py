"""Layer specifications: the parameter schema, shape inference and torch build of a layer type.

A `LayerSpec` is everything the rest of visualnn knows about a layer type: the
inspector builds its widgets from `params`, the palette shows `group`, `formula` and
`help`, validation calls `infer`, and the compiler calls `build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from visualnn.core.i18n import tr

Shape = tuple  # a tensor shape without the batch dimension, e.g. (2,), (1, 8, 8), (T, F)


class ShapeError(ValueError):
    """A layer cannot take the shape (or number) of inputs it is given."""


class ParamError(ValueError):
    """A parameter value is out of its schema (wrong type, out of range, unknown)."""


@dataclass(frozen=True)
class ParamSpec:
    """One constructor argument of a layer.

    kind: "int", "float", "bool", "choice", "size" (an int or a pair of ints, e.g. a
    kernel size), or "ints" (a list of ints, e.g. a shape; -1 allowed where `minimum` is -1).
    `optional` means None is accepted (e.g. a pooling stride that defaults to the kernel).
    """

    name: str
    kind: str
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple = ()
    optional: bool = False

    @property
    def help_text(self) -> str:
        """`help` in the UI language."""
        return tr(self.help)

    def check(self, value: Any) -> Any:
        """Return `value` normalised to this parameter's kind, or raise ParamError."""
        if value is None:
            if self.optional:
                return None
            raise ParamError(tr("parameter '{name}' must be set", name=self.name))
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ParamError(tr("parameter '{name}' must be true or false, not {value!r}", name=self.name, value=value))
            return value
        if self.kind == "choice":
            if value not in self.choices:
                opts = ", ".join(repr(c) for c in self.choices)
                raise ParamError(tr("parameter '{name}' must be one of {opts}, not {value!r}", name=self.name, opts=opts, value=value))
            return value
        if self.kind == "int":
            return self._number(value, int)
        if self.kind == "float":
            return self._number(value, float)
        if self.kind == "size":
            if isinstance(value, (list, tuple)):
                if len(value) != 2:
                    raise ParamError(tr("parameter '{name}' must be an int or a pair of ints", name=self.name))
                return tuple(self._number(v, int) for v in value)
            return self._number(value, int)
        if self.kind == "ints":
            if not isinstance(value, (list, tuple)) or not value:
                raise ParamError(tr("parameter '{name}' must be a non-empty list of ints", name=self.name))
            return tuple(self._number(v, int) for v in value)
        raise ParamError(tr("parameter '{name}' has unknown kind {kind}", name=self.name, kind=self.kind))

    def _number(self, value: Any, typ: type) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParamError(tr("parameter '{name}' must be a number, not {value!r}", name=self.name, value=value))
        if typ is int:
            if float(value) != int(value):
                raise ParamError(tr("parameter '{name}' must be a whole number, not {value!r}", name=self.name, value=value))
            value = int(value)
        else:
            value = float(value)
        if self.minimum is not None and value < self.minimum:
            raise ParamError(tr("parameter '{name}' must be >= {minimum:g}, not {value:g}", name=self.name, minimum=self.minimum, value=value))
        if self.maximum is not None and value > self.maximum:
            raise ParamError(tr("parameter '{name}' must be <= {maximum:g}, not {value:g}", name=self.name, maximum=self.maximum, value=value))
        return value


@dataclass(frozen=True)
class LayerSpec:
    """A layer type.

    infer(params, in_shapes) -> output shape, raising ShapeError with a reason a person can act on.
    build(params, in_shapes) -> torch.nn.Module (torch imported inside, so the registry loads fast).
    `params` passed to infer/build are already resolved (defaults filled, values checked).
    """

    type: str
    group: str
    help: str
    formula: str
    infer: Callable[[dict, list], tuple]
    build: Callable[[dict, list], Any] | None
    params: tuple[ParamSpec, ...] = ()
    min_inputs: int = 1
    max_inputs: int = 1
    shapes: str = ""  # "in -> out" in words, for tooltips
    trainable: bool = False  # has learnable parameters
    inferred: tuple[str, ...] = field(default=())  # torch arguments taken from the input shape

    @property
    def help_text(self) -> str:
        """`help` in the UI language (the palette, the inspector, the layer reference)."""
        return tr(self.help)

    @property
    def formula_text(self) -> str:
        """`formula` in the UI language: the words of a formula translate, its symbols stay."""
        return tr(self.formula)

    @property
    def shapes_text(self) -> str:
        return tr(self.shapes)

    @property
    def group_text(self) -> str:
        return tr(self.group)

    def param(self, name: str) -> ParamSpec | None:
        for p in self.params:
            if p.name == name:
                return p
        return None

    def resolve(self, params: dict | None) -> dict:
        """Defaults filled in and every value checked; raises ParamError naming the parameter."""
        params = dict(params or {})
        out = {}
        for p in self.params:
            out[p.name] = p.check(params.pop(p.name)) if p.name in params else p.default
        if params:
            name = sorted(params)[0]
            known = ", ".join(p.name for p in self.params) or "none"
            raise ParamError(tr("{type} has no parameter '{name}' (its parameters: {known})", type=self.type, name=name, known=known))
        return out

    @property
    def takes_many(self) -> bool:
        return self.max_inputs > 1
