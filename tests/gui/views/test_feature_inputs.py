"""Feature inputs (x1*x2, sin(x1), ...): the boundary is drawn over the raw plane, each
feature shows its own heatmap (the Input's thumbnails), and a clicked point reaches the
network as its features."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import Qt

from tests.gui.views.helpers import chain, frame_for, run
from visualnn.gui.panels.own_input import OwnInputView
from visualnn.gui.workers import frames


def _xor_product():
    data = {"kind": "builtin", "name": "xor", "params": {"samples": 200, "features": ["x1", "x2", "x1*x2"]}}
    return chain([3], [("Linear", "out", {"out_features": 2})], data, {"loss": "cross_entropy", "lr": 0.3})


def test_the_boundary_and_the_feature_heatmaps_cover_the_raw_plane(qtbot):
    trainer, session, frame = run(_xor_product(), steps=60)
    ds = trainer.dataset
    assert session.is_2d and session.plane_features == ("x1", "x2", "x1*x2")
    np.testing.assert_array_equal(session.points, ds.coords_train[: len(session.points)])
    g = frame.grid
    pts = frames.grid_points(session.extent, g.res)
    feats = pts[:, :1] * pts[:, 1:]
    np.testing.assert_allclose(g.units["x"][2].astype(np.float32).reshape(-1), feats[:, 0], rtol=2e-3, atol=2e-3)
    np.testing.assert_allclose(g.units["x"][0].astype(np.float32).reshape(-1), pts[:, 0], rtol=2e-3, atol=2e-3)
    with torch.no_grad():
        trainer.model.eval()
        out = trainer.model(torch.from_numpy(np.concatenate([pts, feats], 1).astype(np.float32)))
    np.testing.assert_allclose(g.value.reshape(-1), torch.softmax(out, 1)[:, 1].numpy(), rtol=1e-5, atol=1e-6)


def test_a_clicked_point_reaches_the_network_as_its_features(qtbot):
    trainer, session, frame = run(_xor_product(), steps=20)
    view = OwnInputView()
    qtbot.addWidget(view)
    view.resize(600, 360)
    view.set_session(session)
    view.show_frame(frame)
    view.show()
    qtbot.waitExposed(view)
    sent = []
    view.requested.connect(sent.append)
    assert not view.edit_box.isVisible()  # the points are not the inputs: no table of them
    qtbot.mouseClick(view.plane, Qt.MouseButton.LeftButton, pos=view.plane.to_pixel(2.0, -3.0).toPoint())
    x1, x2, prod = sent[-1]
    assert np.isclose(prod, x1 * x2, rtol=1e-5) and abs(x1 - 2.0) < 0.2 and abs(x2 + 3.0) < 0.2
    view.show_frame(frame_for(trainer, session, sent[-1]))
    with torch.no_grad():
        want = torch.softmax(trainer.model(torch.from_numpy(sent[-1])[None]), 1)[0].numpy()
    np.testing.assert_allclose(view.prediction[1], want, rtol=1e-5, atol=1e-6)
