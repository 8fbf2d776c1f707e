"""A project opens at a zoom where the cards' text is as large as the UI's; a graph too big
for that opens on its Input. Fit to Window (F) still shows the whole graph."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.gui.stepthrough.helpers import open_example
from visualnn.gui.canvas.node_item import PARAM_FONT


def card_text_pt(view) -> float:
    return PARAM_FONT[0] * view.zoom()


def visible(view, item) -> bool:
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    return shown.contains(item.sceneBoundingRect())


def test_a_big_graph_opens_readable_on_its_input(qtbot, tmp_path):
    window = open_example(qtbot, tmp_path, "digits_cnn.vnn")
    window.resize(1280, 800)
    view = window.canvas
    qtbot.waitUntil(lambda: view.viewport().width() < 1000)
    view.fit(readable=True)
    ui = QApplication.font().pointSizeF()
    assert card_text_pt(view) >= ui - 1e-6
    graph = view.canvas_scene.graph_rect()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert not shown.contains(graph)  # this graph does not fit readably here...
    assert visible(view, view.node_item("x"))  # ...so the view starts on its Input
    view.fit()  # Fit to Window: the whole graph, however small
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(graph)
    assert card_text_pt(view) < ui


def test_opening_another_project_fits_it_readably(qtbot, tmp_path):
    window = open_example(qtbot, tmp_path)
    window.resize(1024, 700)
    from visualnn.examples import example_path

    assert window.files.open_example(example_path("batchnorm_cnn.vnn"))
    qtbot.wait(50)
    view = window.canvas
    assert card_text_pt(view) >= QApplication.font().pointSizeF() - 1e-6
    assert visible(view, view.node_item(window.document.graph.input_ids()[0]))
