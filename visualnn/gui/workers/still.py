"""One still frame of a Trainer with everything every view draws (for pictures of the
views without a training process: exports, screenshots, tests). No Qt."""

from __future__ import annotations


def still_frame(trainer, landscape_job=None, run: int = 1, sample: int = 0, snapshot=None):
    """(SessionInfo, Frame) of the trainer's model now, with the 2-D field, the regression
    curve, the sequence forecast, the evaluation and, given a LandscapeJob with settings,
    the loss map (its path is what the job recorded)."""
    from visualnn.gui.workers import frames
    from visualnn.gui.workers.landscape_job import with_labels

    session = frames.make_session(trainer, run, sample)
    if landscape_job is not None:
        session = with_labels(session, landscape_job)
    return session, frame_now(trainer, session, landscape_job, run, snapshot)


def frame_now(trainer, session, landscape_job=None, run: int = 1, snapshot=None):
    """The Frame of the trainer's model now for `session`, with everything the training
    loop computes when training halts: the network over its data (frames.over_data), the
    evaluation, the dead units and, given a LandscapeJob with settings, the loss map."""
    from visualnn.gui.workers import frames

    grid, curve, forecast = frames.over_data(trainer, session)
    ev = frames.evaluation(trainer, session)
    landscape = landscape_job.compute() if landscape_job is not None and landscape_job.settings else None
    return frames.make_frame(trainer, session, run, snapshot, grid, ev, frames.dead_units(trainer, session), curve,
                             landscape=landscape, forecast=forecast)
