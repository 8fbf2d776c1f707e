"""The sorted card index answers as a scan of every card would."""

from __future__ import annotations

import random

from visualnn.gui.canvas.card_index import CardIndex


def _rects(rng, n):
    out = {}
    for i in range(n):
        x, y = rng.uniform(-2000, 2000), rng.uniform(-1500, 1500)
        out[f"n{i}"] = (x, y, x + rng.choice((220.0, 260.0, 300.0)), y + rng.uniform(80, 400))
    return out


def _across(rects, lo, hi, skip=()):
    return sorted(r for n, r in rects.items() if r[2] >= lo and r[0] <= hi and n not in skip)


def _room(rects, nid, r, gap):
    gaps = [o[1] - r[3] - 2 * gap for n, o in rects.items()
            if n != nid and o[1] > r[3] and o[0] < r[2] and o[2] > r[0]]
    return min(gaps) if gaps else None


def test_cards_across_a_range_and_the_room_below_match_a_full_scan_also_after_moves():
    rng = random.Random(17)
    rects = _rects(rng, 300)
    index = CardIndex(rects)
    for step in range(400):
        if step % 2:  # a card dragged somewhere else, or a new one
            nid = f"n{rng.randrange(320)}"
            x, y = rng.uniform(-2000, 2000), rng.uniform(-1500, 1500)
            rects[nid] = (x, y, x + 260.0, y + rng.uniform(80, 900))
            index.move(nid, rects[nid])
        lo = rng.uniform(-2500, 2500)
        hi = lo + rng.uniform(0, 800)
        skip = {f"n{rng.randrange(300)}"}
        assert sorted(index.across(lo, hi, skip)) == _across(rects, lo, hi, skip)
        nid = rng.choice(list(rects))
        assert index.room_below(nid, rects[nid], 8.0) == _room(rects, nid, rects[nid], 8.0)


def test_touching_counts_and_an_empty_index_has_nothing():
    index = CardIndex({"a": (0.0, 0.0, 100.0, 50.0)})
    assert index.across(100.0, 200.0) == [(0.0, 0.0, 100.0, 50.0)]
    assert index.across(-50.0, 0.0) == [(0.0, 0.0, 100.0, 50.0)]
    assert index.across(100.5, 200.0) == []
    assert CardIndex({}).across(0, 1) == [] and CardIndex({}).room_below("a", (0, 0, 1, 1), 0) is None


def test_merged_ranges_meet_a_range_as_any_of_them_would():
    from visualnn.gui.canvas.card_index import meets, merge_ranges

    rng = random.Random(3)
    for _ in range(200):
        ranges = [(a, a + rng.uniform(0, 300)) for a in (rng.uniform(-1000, 1000) for _ in range(rng.randrange(1, 12)))]
        starts, ends = merge_ranges(ranges)
        assert all(e < s for e, s in zip(ends, starts[1:]))   # disjoint, sorted
        lo = rng.uniform(-1200, 1200)
        hi = lo + rng.uniform(0, 200)
        assert meets(starts, ends, lo, hi) == any(lo <= b and hi >= a for a, b in ranges)
