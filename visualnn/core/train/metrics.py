"""Classification metrics: the confusion matrix, per-class precision, recall and F1, and
their macro averages, computed with numpy (the tests check them against scikit-learn).

    report = classification_report(y_true, y_pred, num_classes=3, class_names=["a", "b", "c"])
    report["confusion"][i][j]   # samples of true class i predicted as class j
    report["f1"][i], report["macro"]["f1"], report["accuracy"]

A ratio whose denominator is 0 (a class never predicted, or absent from the data) is 0.0,
as scikit-learn's `zero_division=0` makes it.
"""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true, y_pred, num_classes: int) -> np.ndarray:
    """(k, k) int64 counts: rows are true classes, columns predicted classes. Labels
    outside 0..k-1 are ignored."""
    t = np.asarray(y_true, dtype=np.int64).reshape(-1)
    p = np.asarray(y_pred, dtype=np.int64).reshape(-1)
    if t.shape != p.shape:
        raise ValueError(f"y_true has {t.size} labels but y_pred has {p.size}")
    k = int(num_classes)
    ok = (t >= 0) & (t < k) & (p >= 0) & (p < k)
    return np.bincount(t[ok] * k + p[ok], minlength=k * k).reshape(k, k)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num = num.astype(np.float64)
    den = den.astype(np.float64)
    out = np.zeros_like(num)
    np.divide(num, den, out=out, where=den > 0)
    return out


def report_from_confusion(confusion, class_names=None) -> dict:
    """classification_report's dict from a (k, k) confusion matrix (rows true, columns
    predicted)."""
    cm = np.asarray(confusion, dtype=np.int64)
    k = cm.shape[0]
    tp = np.diag(cm)
    predicted = cm.sum(axis=0)
    support = cm.sum(axis=1)
    precision = _ratio(tp, predicted)
    recall = _ratio(tp, support)
    f1 = _ratio(2 * precision * recall, precision + recall)
    total = int(cm.sum())
    names = list(class_names) if class_names is not None else [str(i) for i in range(k)]
    if len(names) != k:
        raise ValueError(f"{len(names)} class names for {k} classes")
    return {
        "confusion": cm.tolist(),
        "precision": precision.tolist(),
        "recall": recall.tolist(),
        "f1": f1.tolist(),
        "support": support.tolist(),
        "macro": {"precision": float(precision.mean()) if k else 0.0,
                  "recall": float(recall.mean()) if k else 0.0,
                  "f1": float(f1.mean()) if k else 0.0},
        "accuracy": float(tp.sum() / total) if total else 0.0,
        "class_names": [str(n) for n in names],
    }


def classification_report(y_true, y_pred, num_classes: int, class_names=None) -> dict:
    """Metrics of predicted class indices `y_pred` against the true ones `y_true`.

    Returns {"confusion": k x k ints (rows true class, columns predicted class),
    "precision", "recall", "f1", "support": per-class lists (support = true samples of the
    class), "macro": {"precision", "recall", "f1"} (unweighted means over the k classes,
    as scikit-learn's average="macro" with labels=range(k)), "accuracy": share right,
    "class_names": k names (class_names, else "0".."k-1")}. Precision of a class never
    predicted, recall of a class never present, and F1 when both are 0, count as 0.0.
    """
    return report_from_confusion(confusion_matrix(y_true, y_pred, num_classes), class_names)


def macro_scores(y_true, y_pred, num_classes: int) -> tuple[float, float, float]:
    """(macro precision, macro recall, macro F1) as in classification_report."""
    m = classification_report(y_true, y_pred, num_classes)["macro"]
    return m["precision"], m["recall"], m["f1"]


def split_macro(split: str, confusion) -> dict:
    """{split_precision, split_recall, split_f1}: the macro averages of a (k, k) confusion
    matrix, all None without one."""
    if confusion is None:
        return {f"{split}_{k}": None for k in ("precision", "recall", "f1")}
    macro = report_from_confusion(confusion)["macro"]
    return {f"{split}_{k}": macro[k] for k in ("precision", "recall", "f1")}


def report_to_csv(report: dict, split: str | None = None) -> str:
    """A classification_report as CSV, one row a class: class, support, precision, recall,
    f1, then its confusion-matrix row (a column `predicted <name>` per class); a last row
    "macro average" with the total support, the macro precision, recall and F1 and, in
    the `accuracy` column, the share right. With `split` a first column names the split
    the numbers come from (test or train)."""
    import csv
    import io

    names = report["class_names"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    lead = ["split"] if split else []
    w.writerow(lead + ["class", "support", "precision", "recall", "f1", "accuracy"]
               + [f"predicted {n}" for n in names])
    first = [split] if split else []
    for i, name in enumerate(names):
        w.writerow(first + [name, report["support"][i], repr(report["precision"][i]), repr(report["recall"][i]),
                            repr(report["f1"][i]), ""] + report["confusion"][i])
    m = report["macro"]
    w.writerow(first + ["macro average", sum(report["support"]), repr(m["precision"]), repr(m["recall"]),
                        repr(m["f1"]), repr(report["accuracy"])] + [""] * len(names))
    return out.getvalue()
