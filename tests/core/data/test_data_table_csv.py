"""Inline tables and CSV files: tasks, order, standardisation and every bad-file case."""
import numpy as np
import pytest

from visualnn.core.data import DataError, load_dataset, preview_rows


def table(inputs, targets, **kw):
    return load_dataset({"kind": "table", "inputs": inputs, "targets": targets},
                        test_fraction=kw.pop("test_fraction", 0.0), **kw)


def test_table_regression_keeps_row_order():
    ds = table([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    assert ds.task == "regression" and ds.output_dim == 2
    np.testing.assert_allclose(ds.x_train, [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], rtol=1e-6)
    assert ds.y_train.dtype == np.float32 and ds.y_train.shape == (3, 2)
    assert ds.x_test.shape == (0, 2) and ds.y_test.shape == (0, 2)


def test_table_class_indices_guess_and_force():
    inputs, targets = [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]
    guessed = table(inputs, targets)
    assert guessed.task == "classification" and guessed.y_train.tolist() == [0, 1, 1, 0]
    assert guessed.y_train.dtype == np.int64 and guessed.num_classes == 2
    forced = table(inputs, targets, task="regression")
    assert forced.task == "regression" and forced.y_train.shape == (4, 1)
    assert table([[1.0], [2.0]], [2, 0], task="classification").num_classes == 3
    with pytest.raises(DataError, match="row 1: a class index must be a whole number"):
        table([[1.0], [2.0]], [[0], [0.5]], task="classification")
    with pytest.raises(DataError, match="one class index per row"):
        table([[1.0], [2.0]], [[0, 1], [1, 0]], task="classification")


def test_table_split_is_seeded_and_long_inputs():
    rows = [[float(i)] for i in range(20)]
    a = table(rows, [[i % 2] for i in range(20)], test_fraction=0.25, seed=1)
    b = table(rows, [[i % 2] for i in range(20)], test_fraction=0.25, seed=1)
    assert len(a.x_test) == 5 and np.array_equal(a.x_test, b.x_test)
    assert sorted(np.concatenate([a.x_train, a.x_test])[:, 0]) == list(range(20))
    tokens = load_dataset({"kind": "table", "inputs": [[1, 2, 3], [4, 5, 0]],
                           "targets": [[1], [0]], "input_dtype": "long"}, test_fraction=0)
    assert tokens.x_train.dtype == np.int64 and tokens.input_dtype == "long"


def test_table_errors():
    with pytest.raises(DataError, match="table inputs row 2: expected shape \\[2\\], found \\[3\\]"):
        table([[1, 2], [3, 4], [5, 6, 7]], [[0], [1], [0]])
    with pytest.raises(DataError, match="3 input rows but 2 target rows"):
        table([[1], [2], [3]], [[0], [1]])
    with pytest.raises(DataError, match="non-empty list of inputs"):
        table([], [])
    with pytest.raises(DataError, match="numbers only"):
        table([["a"], ["b"]], [[0], [1]])


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def csv_data(tmp_path, text, target="label", **kw):
    write(tmp_path, text)
    extra = {k: kw.pop(k) for k in ("standardize", "inputs", "delimiter") if k in kw}
    return load_dataset({"kind": "csv", "path": "data.csv", "target": target, **extra},
                        base_dir=tmp_path, test_fraction=kw.pop("test_fraction", 0.0), **kw)


GOOD = "a,b,label\n1,10,0\n2,20,1\n3,30,2\n\n4,40,1\n"


def test_csv_classification_with_relative_path(tmp_path):
    ds = csv_data(tmp_path, GOOD, standardize=False)
    assert ds.task == "classification" and ds.class_names == ["0", "1", "2"]
    assert ds.feature_names == ["a", "b"] and ds.name == "data"
    np.testing.assert_array_equal(ds.x_train, [[1, 10], [2, 20], [3, 30], [4, 40]])
    assert ds.y_train.tolist() == [0, 1, 2, 1]  # blank lines skipped, order kept


def test_csv_class_names_from_sorted_values_and_standardize(tmp_path):
    ds = csv_data(tmp_path, "x,label\n1,5\n2,-1\n3,5\n4,7\n")
    assert ds.class_names == ["-1", "5", "7"] and ds.y_train.tolist() == [1, 0, 1, 2]
    np.testing.assert_allclose(ds.x_train.mean(), 0, atol=1e-6)
    np.testing.assert_allclose(ds.x_train.std(), 1, atol=1e-5)


def test_csv_text_labels_are_classes(tmp_path):
    text = "petal,species\n1.4,setosa\n4.7,versicolor\n1.3,setosa\n6.0,virginica\n"
    ds = csv_data(tmp_path, text, target="species", standardize=False)
    assert ds.task == "classification" and ds.class_names == ["setosa", "versicolor", "virginica"]
    assert ds.y_train.tolist() == [0, 1, 0, 2]
    with pytest.raises(DataError, match="line 2, column 'species': 'setosa' is not a number"):
        csv_data(tmp_path, text, target="species", task="regression")
    with pytest.raises(DataError, match="line 4, column 'species': empty value"):
        csv_data(tmp_path, "petal,species\n1.4,setosa\n4.7,versicolor\n1.3,\n", target="species")


def test_csv_regression_guess_and_force(tmp_path):
    ds = csv_data(tmp_path, "x,y\n1,0.5\n2,1.5\n3,2.5\n", target="y")
    assert ds.task == "regression" and ds.y_train.shape == (3, 1)
    ds = csv_data(tmp_path, "x,y\n1,1\n2,2\n3,3\n", target="y", task="regression")
    assert ds.task == "regression" and ds.y_train[:, 0].tolist() == [1, 2, 3]
    many = "x,y\n" + "".join(f"{i},{i * 3}\n" for i in range(40))
    assert csv_data(tmp_path, many, target="y").task == "regression"  # 40 distinct ints
    assert csv_data(tmp_path, many, target="y", task="classification").num_classes == 40


def test_csv_split_and_options(tmp_path):
    text = "a;b;label\n" + "".join(f"{i};{i % 3};{i % 2}\n" for i in range(10))
    ds = csv_data(tmp_path, text, inputs=["a"], standardize=False, test_fraction=0.3)
    assert ds.input_shape == (1,) and len(ds.x_test) == 3 and len(ds.x_train) == 7
    assert sorted(np.concatenate([ds.x_train, ds.x_test])[:, 0]) == list(range(10))
    header, rows = preview_rows({"path": "data.csv"}, tmp_path, n=2)
    assert header == ["a", "b", "label"] and rows == [["0", "0", "0"], ["1", "1", "1"]]


@pytest.mark.parametrize("text, target, message", [
    ("a,b,c,d,label\n1,2,3,4,0\n1,2,3,4,1\n1,2,3,4,0\n1,2,3,4,1\n1,2,3,4,0\n1,2,3,4\n",
     "label", "data.csv line 7: expected 5 values, found 4"),
    ("a,label\n1,0\n2,1,9\n", "label", "data.csv line 3: expected 2 values, found 3"),
    ("a,label\n1,0\nabc,1\n", "label", "data.csv line 3, column 'a': 'abc' is not a number"),
    ("a,label\n1,0\n2,\n", "label", "data.csv line 3, column 'label': empty value"),
    ("a,label\n1,0\ninf,1\n", "label", "data.csv line 3, column 'a': 'inf' is not a finite number"),
    ("", "label", "data.csv is empty"),
    ("\n\n", "label", "data.csv is empty"),
    ("a,label\n", "label", "data.csv has a header but no data rows"),
    ("a,b\n1,2\n", "label", "data.csv: no column named 'label' \\(columns: a, b\\)"),
    ("a,a,label\n1,2,0\n", "label", "data.csv line 1: column 'a' appears twice"),
    ("a,,label\n1,2,0\n", "label", "data.csv line 1: column 2 has no name"),
    ("label\n1\n", "label", "needs at least one input column"),
])
def test_bad_csv_files(tmp_path, text, target, message):
    with pytest.raises(DataError, match=message):
        csv_data(tmp_path, text, target=target)


def test_csv_missing_file_and_default_target(tmp_path):
    with pytest.raises(DataError, match="missing.csv: file not found"):
        load_dataset({"kind": "csv", "path": "missing.csv"}, base_dir=tmp_path)
    write(tmp_path, "a,b,y\n1,2,0\n3,4,1\n")
    ds = load_dataset({"kind": "csv", "path": str(tmp_path / "data.csv")}, test_fraction=0)
    assert ds.feature_names == ["a", "b"] and ds.y_train.tolist() == [0, 1]
