"""While a project's data set loads, the Data panel does not compare the new network with
the last project's data (no false "Input is [1, 8, 8], data gives [2] ... Match")."""

from __future__ import annotations

from tests.gui.main_helpers import open_window
from visualnn.examples import example_path


def test_no_match_note_while_the_data_set_loads(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)  # the spiral: 2-D points
    panel = w.dataset_panel
    qtbot.waitUntil(lambda: panel.dataset is not None and panel.dataset.input_shape == (2,), timeout=30000)
    with qtbot.waitSignal(panel.loaded, timeout=30000):
        assert w.files.open_example(example_path("digits_cnn.vnn"))  # an Input of [1, 8, 8]
        assert not panel.match_box.isVisibleTo(panel)  # the spiral still held is no reference
    assert tuple(panel.dataset.input_shape) == (1, 8, 8)
    assert not panel.match_box.isVisibleTo(panel)  # the network fits its own data
    w.training.shutdown()
