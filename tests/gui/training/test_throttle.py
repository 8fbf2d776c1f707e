"""Throttle: the views' redraw limiter keeps each view on its own grid of times."""

from __future__ import annotations

import random

from visualnn.gui.live import throttle as throttle_mod
from visualnn.gui.live.throttle import Throttle


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_draws_keep_their_phase_so_views_stay_apart(qtbot, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle_mod.time, "perf_counter", clock)
    drawn = {0: [], 1: [], 2: []}
    views = [Throttle(lambda k=k: drawn[k].append(clock.t), 0.5, phase=k / 3) for k in range(3)]
    # frames arrive every 25 to 75 ms; every view asks to redraw at each (timers left
    # aside: the next frame's request draws once the view's time has come)
    rng = random.Random(3)
    for i in range(1500):
        clock.t += rng.uniform(0.025, 0.075)
        for v in views:
            if v._timer.isActive():
                v._timer.stop()
            v.request()
    for k in range(3):
        gaps = [b - a for a, b in zip(drawn[k][1:], drawn[k][2:])]  # (the first draw is at once)
        assert len(drawn[k]) >= 100 and all(0.42 <= g <= 0.58 for g in gaps), gaps
    # after many draws the three views still draw in different frames, a third apart
    last = sorted(drawn[k][-1] % 0.5 for k in range(3))
    spread = [b - a for a, b in zip(last, last[1:])] + [last[0] + 0.5 - last[-1]]
    assert min(spread) >= 0.12, spread


def test_a_draw_asked_early_does_not_push_the_next_one_back(qtbot, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle_mod.time, "perf_counter", clock)
    drawn = []
    t = Throttle(lambda: drawn.append(clock.t), 0.5)
    t.request()          # first draw at once
    clock.t += 0.2
    t.now()              # scrubbing: at once
    clock.t += 0.31      # 0.51 after the first draw
    t.request()
    assert drawn == [100.0, 100.2, 100.51]
    t.request()          # within the interval: waits on its timer, not drawn twice
    assert len(drawn) == 3 and t._timer.isActive()
    t._timer.stop()
