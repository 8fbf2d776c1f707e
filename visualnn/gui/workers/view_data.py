"""What the live views learn of a run's data and compute for its frames besides the
network's state: which views apply (points of a plane, one input, sequences, images)
and the regression curve and the sequence forecast (core.views), next to the model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # frames imports this module
    from visualnn.gui.workers.frames import SessionInfo

MAX_POINTS = 1000      # data points drawn under the heatmap


def points_of(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first MAX_POINTS inputs and their labels (first target value)."""
    points = np.array(x[:MAX_POINTS], copy=True)
    return points, np.array(y[:MAX_POINTS], copy=True).reshape(len(points), -1)[:, 0]


def on_plane(ds) -> bool:
    """The samples are points of a plane: a generated 2-D set (whatever its feature
    inputs), or data of two float inputs (a table, a CSV): the boundary view and the
    neuron thumbnails apply."""
    return ds.points("train") is not None


def on_line(ds) -> bool:
    """The input is one number and the task regression: the regression view applies."""
    return tuple(ds.input_shape) == (1,) and ds.input_dtype == "float" and ds.task == "regression"


def regression_curve(trainer, session: "SessionInfo"):
    """The network over the 1-D input's range (a core Curve)."""
    from visualnn.core.views.regression import regression_curve as curve

    return curve(trainer.model, *session.x_range)


def on_sequence(ds) -> bool:
    from visualnn.core.views.sequence import predicts_next

    return predicts_next(tuple(ds.input_shape), int(ds.output_dim or 0), ds.task, ds.input_dtype)


def sequence_forecast(trainer, session: "SessionInfo"):
    """The network's next values for the first test windows (core SequenceForecast)."""
    from visualnn.core.views.sequence import forecast

    ds = trainer.dataset
    x, y = (ds.x_test, ds.y_test) if ds.num_test else (ds.x_train, ds.y_train)
    return forecast(trainer.model, x, y)


def image_shape(ds) -> tuple | None:
    """(H, W) of a classification set of one-channel images, also when flattened to a
    square number of pixels (digits: 64 = 8 x 8); None for other data."""
    if ds.task != "classification" or ds.input_dtype != "float":
        return None
    shape = tuple(ds.input_shape)
    if len(shape) == 3 and shape[0] == 1:
        return shape[1], shape[2]
    if len(shape) == 1 and shape[0] >= 16 and ds.name in ("digits", "mnist", "fashion_mnist"):
        side = int(round(shape[0] ** 0.5))
        return (side, side) if side * side == shape[0] else None
    return None
