"""The race dialog: variants of the project train side by side, their curves, boundaries
and final results fill in, Cancel stops it, and the finished variants join the runs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visualnn.core.train.compare import make_variants, race
from visualnn.gui.document import Document
from visualnn.gui.live.runs_model import RunsModel
from visualnn.gui.share.race_dialog import RaceDialog
from tests.core.train.helpers import mlp

WAIT_MS = 60_000


def test_a_race_of_optimizers_fills_curves_boundaries_and_table(qtbot):
    doc = Document(mlp(epochs=3))
    runs = RunsModel(doc)
    dlg = RaceDialog(doc, runs)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.key.setCurrentIndex(dlg.key.findData("optimizer"))
    dlg.values.setText("sgd, adam")
    dlg.epochs.setValue(2)
    qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.worker is None and dlg.progress.value() == 4, timeout=WAIT_MS)
    assert [dlg.table.item(i, 0).text() for i in range(2)] == ["sgd", "adam"]
    expected = race(make_variants(doc.project, [("optimizer", ["sgd", "adam"])]), epochs=2)
    for i, run in enumerate(expected):
        assert dlg.table.item(i, 2).text() == f"{run['history'][-1]['test_loss']:.4f}"
        assert [{k: v for k, v in r.items() if k != "step"} for r in dlg.rows[i]] == run["history"]
    assert all(b.grid is not None for b in dlg.boundaries) and dlg.side.isTabVisible(0)
    land = dlg.landscape.result  # one map, a path per variant on it, each in its run's colour
    assert land is not None and [len(p) for p in land["paths"]] == [2 * 8 + 1] * 2 and len(dlg.landscape.paths) == 6
    assert len(dlg.curves.runs) == 2
    assert runs.log.labels() == ["sgd", "adam"] and doc.project.extra["runs"][1]["label"] == "adam"
    assert doc.dirty  # the variants joined the project's runs: closing asks first
    from visualnn.gui import style, theme

    try:  # the projector theme recolours the variants' paths too
        style.apply_theme("projector")
        okabe = theme.RUN_COLORS_BY_THEME["projector"]
        assert [item.opts["pen"].color().name() for item in dlg.landscape.paths[::3]] == [okabe[0].lower(),
                                                                                         okabe[1].lower()]
    finally:
        style.apply_theme("light")


def test_bad_values_are_named_and_cancel_stops_the_race(qtbot):
    doc = Document(mlp(epochs=3))
    dlg = RaceDialog(doc)
    qtbot.addWidget(dlg)
    dlg.key.setCurrentIndex(dlg.key.findData("lr"))
    dlg.values.setText("fast")
    qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert "must be a number" in dlg.message.text() and dlg.worker is None
    dlg.values.setText("0.1, 0.01")
    dlg.epochs.setValue(10_000)
    qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert dlg.worker is not None and dlg.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dlg.progress.value() >= 1, timeout=WAIT_MS)
    qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.worker is None, timeout=WAIT_MS)
    assert "Cancelled" in dlg.message.text() and dlg.progress.value() < 20_000 and dlg.start_button.isEnabled()
