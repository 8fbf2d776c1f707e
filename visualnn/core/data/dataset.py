"""Plain records shared by every dataset loader: Dataset, ParamInfo, DataError."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from visualnn.core.i18n import tr


class DataError(Exception):
    """A dataset could not be made or read. The message is one line for the user;
    for files it names the file (and for CSV the line: ``data.csv line 7: ...``)."""


@dataclass
class Dataset:
    """A train/test split ready for training.

    ``x_*`` are float32, or int64 token ids when ``input_dtype == "long"``, shaped
    ``(N, *input_shape)``. ``y_*`` are int64 class indices ``(N,)`` for
    classification, float32 ``(N, output_dim)`` for regression. The test arrays may
    be empty (``N == 0``) but always carry the right trailing shape.

    Sets made of points of the plane (the generated 2-D sets) also carry
    ``plane_features``, the feature names each point (x1, x2) becomes (``["x1", "x2"]``
    unless the project chose others), and ``coords_train`` / ``coords_test``, the raw
    points (N, 2) float32 in the same order as ``x_*``; ``plane_inputs(points)`` maps
    any points of the plane to network inputs. For other sets these are None.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    task: str
    input_shape: tuple[int, ...]
    input_dtype: str
    num_classes: int
    output_dim: int
    class_names: list[str]
    name: str
    vocab: list[str] | None = None
    feature_names: list[str] | None = None
    is_2d: bool = False
    plane_features: list[str] | None = None
    coords_train: np.ndarray | None = None
    coords_test: np.ndarray | None = None

    def plane_inputs(self, points) -> np.ndarray:
        """Network inputs (N, F) float32 for points (N, 2) of the plane, through this set's
        plane_features. Raises ValueError for a set that is not made of points."""
        if self.plane_features is None:
            raise ValueError(f"the {self.name} data is not made of points of the plane")
        from .features import plane_inputs

        return plane_inputs(points, self.plane_features)

    def points(self, split: str = "train") -> np.ndarray | None:
        """The samples of a split as points (N, 2) of the plane: the raw coordinates of a
        generated set (whatever its features), the inputs themselves for other data of
        two float inputs (a table, a CSV), else None."""
        if self.plane_features is not None:
            return self.coords_train if split == "train" else self.coords_test
        if tuple(self.input_shape) == (2,) and self.input_dtype == "float":
            return self.x_train if split == "train" else self.x_test
        return None

    @property
    def num_train(self) -> int:
        return int(self.x_train.shape[0])

    @property
    def num_test(self) -> int:
        return int(self.x_test.shape[0])


@dataclass(frozen=True)
class ParamInfo:
    """One parameter of a builtin dataset, for the dataset panel.

    ``kind`` is ``"int"``, ``"float"`` or ``"choice"`` (a flag such as ``flatten``
    is a choice between ``False`` and ``True``). ``min``/``max`` bound numbers,
    ``choices`` lists the allowed values of a choice.
    """

    name: str
    kind: str
    default: Any
    min: float | None = None
    max: float | None = None
    choices: tuple | None = None
    help: str = ""

    @property
    def help_text(self) -> str:
        """`help` in the UI language."""
        return tr(self.help)


def flag(data: dict, key: str, default: bool) -> bool:
    """A true/false setting of a data section (e.g. ``standardize``); DataError when it
    is something else."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise DataError(tr("data {key} must be true or false, got {value!r}", key=key, value=value))
    return value
