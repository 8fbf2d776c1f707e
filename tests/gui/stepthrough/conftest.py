"""Fixtures of the step-through GUI tests."""

from __future__ import annotations

import pytest

from tests.gui.stepthrough.helpers import open_example


@pytest.fixture
def lesson(qtbot, tmp_path):
    """The main window on a copy of the 2-2-2 lesson (pytest-qt closes it, unsaved)."""
    return open_example(qtbot, tmp_path)
