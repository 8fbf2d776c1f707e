"""Classification metrics against scikit-learn, and the macro scores in the training history."""

import numpy as np
import pytest
import torch
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

from visualnn.core.train.metrics import classification_report
from visualnn.core.train.trainer import Trainer
from tests.core.train.helpers import mlp


def sk(y_true, y_pred, k):
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(range(k)), zero_division=0)
    mp, mr, mf, _ = precision_recall_fscore_support(y_true, y_pred, labels=list(range(k)), average="macro",
                                                    zero_division=0)
    return p, r, f, s, (mp, mr, mf)


@pytest.mark.parametrize("seed,k,n", [(0, 2, 50), (1, 3, 40), (2, 5, 30), (3, 4, 6)])
def test_report_matches_sklearn(seed, k, n):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, k, n)
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, k, n))
    rep = classification_report(y_true, y_pred, k)
    p, r, f, s, macro = sk(y_true, y_pred, k)
    assert rep["confusion"] == confusion_matrix(y_true, y_pred, labels=list(range(k))).tolist()
    np.testing.assert_allclose(rep["precision"], p)
    np.testing.assert_allclose(rep["recall"], r)
    np.testing.assert_allclose(rep["f1"], f)
    assert rep["support"] == s.tolist()
    np.testing.assert_allclose([rep["macro"][m] for m in ("precision", "recall", "f1")], macro)
    assert rep["accuracy"] == pytest.approx(accuracy_score(y_true, y_pred))
    assert rep["class_names"] == [str(i) for i in range(k)]


def test_zero_division_like_sklearn():
    # class 2 is never predicted and never present; class 1 is never predicted
    y_true, y_pred = [0, 0, 1, 1], [0, 0, 0, 0]
    rep = classification_report(y_true, y_pred, 3, class_names=["cat", "dog", "bird"])
    p, r, f, s, macro = sk(y_true, y_pred, 3)
    assert rep["precision"] == pytest.approx(p.tolist()) and rep["precision"][1:] == [0.0, 0.0]
    assert rep["recall"] == pytest.approx(r.tolist()) and rep["f1"] == pytest.approx(f.tolist())
    assert rep["macro"]["f1"] == pytest.approx(macro[2])
    assert rep["class_names"] == ["cat", "dog", "bird"] and rep["support"] == [2, 2, 0]


def test_mismatched_lengths_refused():
    with pytest.raises(ValueError):
        classification_report([0, 1], [0], 2)


def test_history_rows_hold_macro_scores_of_the_model():
    trainer = Trainer(mlp(epochs=2))
    for _ in trainer.steps(epochs=2):
        pass
    row = trainer.history[-1]
    pred, true = trainer.predictions("test")
    p, r, f, _, macro = sk(true, pred, 2)
    assert row["test_precision"] == pytest.approx(macro[0])
    assert row["test_recall"] == pytest.approx(macro[1])
    assert row["test_f1"] == pytest.approx(macro[2])
    assert row["test_accuracy"] == pytest.approx(accuracy_score(true, pred))
    assert all(0 <= row[f"train_{m}"] <= 1 for m in ("precision", "recall", "f1"))


def test_train_scores_are_those_of_the_epochs_predictions():
    # one full-batch epoch with lr tiny: the epoch's training predictions are the start model's
    trainer = Trainer(mlp(epochs=1, batch_size=1000, lr=1e-12))
    x = torch.as_tensor(trainer.dataset.x_train)
    with torch.no_grad():
        pred = trainer.model(x).argmax(1).numpy()
    trainer.run_epoch()
    _, _, _, _, macro = sk(trainer.dataset.y_train, pred, 2)
    row = trainer.history[-1]
    assert (row["train_precision"], row["train_recall"], row["train_f1"]) == pytest.approx(macro)
