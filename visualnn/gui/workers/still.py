"""One still frame of a Trainer with everything every view draws (for pictures of the
views without a training process: exports, screenshots, tests). No Qt."""

from __future__ import annotations

from dataclasses import replace


def still_frame(trainer, landscape_job=None, run: int = 1, sample: int = 0, snapshot=None):
    """(SessionInfo, Frame) of the trainer's model now, with the 2-D field, the regression
    curve, the sequence forecast, the evaluation and, given a LandscapeJob with settings,
    the loss map (its path is what the job recorded)."""
    from visualnn.gui.workers import frames

    session = frames.make_session(trainer, run, sample)
    if landscape_job is not None:
        session = replace(session, param_labels=landscape_job.labels() if landscape_job.fits else ())
    grid = frames.grid_field(trainer, session) if session.is_2d else None
    curve = frames.regression_curve(trainer, session) if session.is_1d else None
    forecast = frames.sequence_forecast(trainer, session) if session.is_sequence else None
    ev = frames.evaluation(trainer, session)
    landscape = landscape_job.compute() if landscape_job is not None and landscape_job.settings else None
    frame = frames.make_frame(trainer, session, run, snapshot, grid, ev, frames.dead_units(trainer, session), curve,
                              landscape=landscape, forecast=forecast)
    return session, frame
