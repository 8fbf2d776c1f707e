"""Feature inputs of the 2-D sets (raw points kept), the blobs and line sets, and the
standardize choice of tables and CSV files."""

import numpy as np
import pytest

from visualnn.core.data import DataError, load_dataset
from visualnn.core.data.features import FEATURE_NAMES, plane_inputs


def xor(features=None, samples=60):
    params = {"samples": samples, "noise": 0.0}
    if features is not None:
        params["features"] = features
    return {"kind": "builtin", "name": "xor", "params": params}


def test_features_are_computed_from_the_same_points():
    plain = load_dataset(xor(), seed=3)
    ds = load_dataset(xor(["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]), seed=3)
    assert ds.input_shape == (7,) and ds.feature_names == list(FEATURE_NAMES)
    np.testing.assert_array_equal(ds.coords_train, plain.x_train)  # same points, same split
    np.testing.assert_array_equal(ds.y_train, plain.y_train)
    x1, x2 = plain.x_train[:, 0].astype(np.float64), plain.x_train[:, 1].astype(np.float64)
    want = np.stack([x1, x2, x1 ** 2, x2 ** 2, x1 * x2, np.sin(x1), np.sin(x2)], axis=1)
    np.testing.assert_allclose(ds.x_train, want, rtol=1e-5, atol=1e-5)
    assert ds.is_2d and ds.plane_features == list(FEATURE_NAMES)
    np.testing.assert_array_equal(ds.points("test"), ds.coords_test)
    np.testing.assert_allclose(ds.plane_inputs(ds.coords_test), ds.x_test, rtol=1e-5, atol=1e-5)


def test_one_feature_x1_times_x2_separates_xor():
    ds = load_dataset(xor(["x1*x2"]), seed=0)
    assert ds.input_shape == (1,)
    assert np.all((ds.x_train[:, 0] >= 0) == (ds.y_train == 1))  # the sign of x1*x2 is the class


def test_default_features_and_points_of_other_data():
    ds = load_dataset(xor(), seed=0)
    assert ds.plane_features == ["x1", "x2"] and ds.points() is ds.coords_train
    table = load_dataset({"kind": "table", "inputs": [[0, 1], [1, 0], [2, 2]], "targets": [[0], [1], [1]]},
                         test_fraction=0)
    assert table.plane_features is None and table.points() is table.x_train
    line = load_dataset({"kind": "builtin", "name": "line"})
    assert line.points() is None
    with pytest.raises(ValueError):
        line.plane_inputs([[0, 0]])


@pytest.mark.parametrize("bad,msg", [(["x3"], "unknown feature"), ([], "at least one"), ("x1", "a list"),
                                     (["x1", "x1"], "twice")])
def test_bad_features_are_refused(bad, msg):
    with pytest.raises(DataError, match=msg):
        load_dataset(xor(bad))


def test_plane_inputs_order():
    np.testing.assert_allclose(plane_inputs([[2.0, 3.0]], ["x2", "x1*x2", "x1^2"]), [[3.0, 6.0, 4.0]])


def test_blobs_has_k_separable_classes():
    ds = load_dataset({"kind": "builtin", "name": "blobs", "params": {"classes": 4, "samples": 200}}, seed=0)
    assert ds.num_classes == 4 and ds.class_names == ["A", "B", "C", "D"] and ds.input_shape == (2,)
    y = np.concatenate([ds.y_train, ds.y_test])
    assert np.bincount(y).tolist() == [50] * 4
    x = np.concatenate([ds.x_train, ds.x_test])
    centres = np.stack([x[y == k].mean(0) for k in range(4)])
    nearest = np.argmin(((x[:, None] - centres[None]) ** 2).sum(-1), axis=1)
    assert (nearest == y).mean() > 0.95
    assert load_dataset({"kind": "builtin", "name": "blobs"}).num_classes == 3


def test_line_follows_its_slope_and_intercept():
    ds = load_dataset({"kind": "builtin", "name": "line",
                       "params": {"slope": -1.5, "intercept": 0.5, "noise": 0.0, "samples": 50}}, seed=0)
    assert ds.task == "regression" and ds.input_shape == (1,) and ds.num_train == 40
    np.testing.assert_allclose(ds.y_train[:, 0], -1.5 * ds.x_train[:, 0] + 0.5, atol=1e-5)
    assert ds.x_train.min() >= -1 and ds.x_train.max() <= 1
    noisy = load_dataset({"kind": "builtin", "name": "line", "params": {"noise": 0.2}}, seed=0)
    w, b = np.polyfit(noisy.x_train[:, 0], noisy.y_train[:, 0], 1)
    assert w == pytest.approx(2.0, abs=0.3) and abs(b) < 0.2


def test_standardize_choice_for_tables_and_csv(tmp_path):
    rows = {"kind": "table", "inputs": [[1.0, 10.0], [2.0, 30.0], [3.0, 50.0]], "targets": [[0.5], [1.0], [2.0]]}
    raw = load_dataset(rows, test_fraction=0)
    np.testing.assert_array_equal(raw.x_train, rows["inputs"])  # a table stays as written by default
    std = load_dataset({**rows, "standardize": True}, test_fraction=0)
    np.testing.assert_allclose(std.x_train.mean(0), 0, atol=1e-6)
    np.testing.assert_allclose(std.x_train.std(0), 1, atol=1e-6)
    csv = tmp_path / "d.csv"
    csv.write_text("x,y\n1,2\n2,4\n3,6\n4,8\n")
    scaled = load_dataset({"kind": "csv", "path": str(csv)}, test_fraction=0)  # CSV: standardised by default
    assert scaled.x_train.std() == pytest.approx(1.0, abs=1e-6)
    as_is = load_dataset({"kind": "csv", "path": str(csv), "standardize": False}, test_fraction=0)
    np.testing.assert_array_equal(as_is.x_train[:, 0], [1, 2, 3, 4])
    with pytest.raises(DataError, match="true or false"):
        load_dataset({**rows, "standardize": "yes"})
