"""The live landscape: the map over two parameters is the training loss of the model with
those weights; the path ends at the weights now, marked on the view; the axes chosen in
the view are what it asks the training process for."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch

from tests.gui.views.helpers import line_project
from visualnn.core.train.trainer import Trainer
from visualnn.gui.panels.landscape import LandscapeView
from visualnn.gui.workers import frames
from visualnn.gui.workers.landscape_job import LandscapeJob, LandscapeSettings


W_AND_B = LandscapeSettings("params", ("fc.weight[0,0]", "fc.bias[0]"))


def _trained(steps=30, settings=W_AND_B):
    trainer = Trainer(line_project())
    job = LandscapeJob(trainer)
    job.want(settings)
    for _ in range(steps):
        trainer.step()
        job.record()
    return trainer, job


def test_the_map_over_two_parameters_is_the_training_loss_at_those_weights(qtbot):
    trainer, job = _trained()
    m = job.compute()
    assert not m.error and m.loss.shape == (len(m.y), len(m.x))
    ds = trainer.dataset
    x, y = torch.from_numpy(ds.x_train).double(), torch.from_numpy(ds.y_train).double()
    for i, j in ((0, 0), (5, 13), (20, 20)):
        w, b = m.x[j], m.y[i]
        want = torch.mean((w * x + b - y) ** 2).item()
        assert np.isclose(m.loss[i, j], want, rtol=1e-5)
    fc = trainer.model.layer("fc")
    np.testing.assert_allclose(m.path[-1, :2], [fc.weight.item(), fc.bias.item()], rtol=1e-6)
    assert len(m.path) == 31  # the weights when the map was first wanted, then after each step
    # between maps the path goes on: two more steps, on the same plane
    for _ in range(2):
        trainer.step()
        job.record()
    longer = job.extended()
    assert longer.loss is m.loss and len(longer.path) == len(m.path) + 2 and longer.step == m.step + 2
    w, b = fc.weight.item(), fc.bias.item()
    np.testing.assert_allclose(longer.path[-1, :2], [w, b], rtol=1e-6)
    ds = trainer.dataset
    want = float(np.mean((w * ds.x_train[:, 0] + b - ds.y_train[:, 0]) ** 2))
    assert np.isclose(longer.path[-1, 2], want, rtol=1e-4)
    job.want(None)  # hidden: the path waits
    trainer.step()
    job.record()
    job.want(LandscapeSettings("random"))
    assert len(job.recorder.vectors()) == 34  # shown again: it goes on from the weights now

    session = replace(frames.make_session(trainer, 1, 0), param_labels=job.labels())
    frame = replace(frames.make_frame(trainer, session, 1, None), landscape=m)
    view = LandscapeView()
    qtbot.addWidget(view)
    asked = []
    view.requested.connect(asked.append)
    view.resize(460, 460)
    view.set_session(session)
    view.show()
    qtbot.waitExposed(view)
    assert asked[-1] == {"kind": "params", "params": ("fc.weight[0,0]", "fc.bias[0]")}
    view.show_frame(frame)
    at = view.current_point()
    c = view.grab().toImage().pixelColor(int(at.x()), int(at.y()))
    assert c.red() > 180 and c.green() < 120  # the red marker of the weights now
    # choosing random directions asks for them
    view.kind.setCurrentIndex(view.kind.findData("random"))
    assert asked[-1]["kind"] == "random" and not view.px_box.isVisible()
    view.hide()
    assert asked[-1] is None  # hidden: no maps computed


def test_pca_axes_need_a_path_and_say_so(qtbot):
    trainer = Trainer(line_project())
    job = LandscapeJob(trainer)
    job.want(LandscapeSettings("pca"))
    m = job.compute()
    assert m.error and "path" in m.error
    trainer2, job2 = _trained(10, LandscapeSettings("pca"))
    m2 = job2.compute()
    assert not m2.error and m2.kind == "pca" and np.allclose(m2.path[-1, :2], 0.0, atol=1e-9)


def test_earlier_runs_paths_are_projected_on_each_plane_bounded_and_dropped_for_another_network(monkeypatch):
    from visualnn.core.train.landscape import flat_params
    from visualnn.gui.workers import landscape_job
    from visualnn.gui.workers.landscape_job import PastPaths

    past = PastPaths()
    trainer = Trainer(line_project(hidden=True))
    ends = {}
    for run, lr in ((1, 0.1), (2, 0.3)):  # two runs of the same network: the first kept for the second
        trainer.update_config({"lr": lr})
        trainer.reset()
        job = LandscapeJob(trainer, past)
        job.want(LandscapeSettings("random"))
        for _ in range(12):
            trainer.step()
            job.record()
        ends[run] = flat_params(trainer.model)
        if run == 1:
            past.keep(1, job)
    m = job.compute()  # random axes through the weights now: the first run projected on this plane
    assert [n for n, _ in m.others] == [1] and m.others[0][1].shape == (13, 2)
    want = job._axes.project(ends[1][None]).numpy()[0]
    np.testing.assert_allclose(m.others[0][1][-1], want, rtol=1e-5, atol=1e-6)
    xs, ys = m.others[0][1][:, 0], m.others[0][1][:, 1]
    assert m.x[0] <= xs.min() and xs.max() <= m.x[-1] and m.y[0] <= ys.min() and ys.max() <= m.y[-1]  # on the map
    assert job.extended().others is m.others  # between maps the plane stays

    d = past.paths[1].shape[1]  # the network's number of parameters
    monkeypatch.setattr(landscape_job, "PAST_VALUES", 40 * d)  # room for 40 points in all
    monkeypatch.setattr(landscape_job, "PAST_RUNS", 4)
    past.keep(2, job)
    assert [len(v) for v in past.paths.values()] == [13, 13]
    for run in range(3, 6):
        past.keep(run, job)
    assert list(past.paths) == [2, 3, 4, 5] and [len(v) for v in past.paths.values()] == [10] * 4  # the oldest gone
    assert all(v.dtype == torch.float32 for v in past.paths.values())
    assert torch.equal(past.paths[5][-1], job.recorder.vectors()[-1].float())  # thinned: the end kept

    other = Trainer(line_project())  # another network: its parameters are not those of the paths kept
    LandscapeJob(other, past)
    assert past.paths == {}
