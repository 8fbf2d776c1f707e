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

