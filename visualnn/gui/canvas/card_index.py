"""Cards' rectangles sorted by their left edge, so that the cards across a horizontal range
(the obstacles of an edge, the cards below a card) are found without looking at every
card: a 1,000-layer graph routes its edges and sizes its overlays in n log n, not n².
And x-ranges merged into disjoint intervals, to find the edges whose run meets any of
the places cards moved from or to. Plain geometry, no Qt: rectangles are (x0, y0, x1, y1)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class CardIndex:
    def __init__(self, rects: dict[str, tuple]):
        items = sorted(rects.items(), key=lambda kv: kv[1][0])
        self._ids = [n for n, _ in items]
        self._rects = [r for _, r in items]
        self._lefts = [r[0] for r in self._rects]
        self._by_id = dict(rects)
        # a card reaching into [lo, hi] starts at most this far left of lo
        self._widest = max((r[2] - r[0] for r in self._rects), default=0.0)

    def move(self, node_id: str, rect: tuple) -> None:
        """The card `node_id` (new or known) is now at `rect` (a drag moves one card at a
        time: no new sort)."""
        old = self._by_id.get(node_id)
        if old is not None:
            i = bisect_left(self._lefts, old[0])
            while self._ids[i] != node_id:
                i += 1
            del self._ids[i], self._rects[i], self._lefts[i]
        j = bisect_right(self._lefts, rect[0])
        self._ids.insert(j, node_id)
        self._rects.insert(j, rect)
        self._lefts.insert(j, rect[0])
        self._by_id[node_id] = rect
        self._widest = max(self._widest, rect[2] - rect[0])

    def across(self, lo: float, hi: float, skip=()) -> list[tuple]:
        """The rectangles that reach into the x-range [lo, hi] (touching counts), less the
        cards named in `skip`."""
        return [r for n, r in self.items_across(lo, hi) if n not in skip]

    def items_across(self, lo: float, hi: float) -> list[tuple[str, tuple]]:
        """(id, rectangle) of every card reaching into [lo, hi], left to right."""
        i = bisect_left(self._lefts, lo - self._widest)
        j = bisect_right(self._lefts, hi)
        return [(n, r) for n, r in zip(self._ids[i:j], self._rects[i:j]) if r[2] >= lo]

    def room_below(self, node_id: str, rect: tuple, gap: float) -> float | None:
        """Free height under `rect` before the next card below it that overlaps it
        horizontally, less `gap` above and below (None: no card below)."""
        room = None
        for other, o in self.items_across(rect[0], rect[2]):
            # strictly overlapping in x, as a card's own column of cards does
            if other == node_id or not (o[1] > rect[3] and o[0] < rect[2] and o[2] > rect[0]):
                continue
            free = o[1] - rect[3] - 2 * gap
            room = free if room is None else min(room, free)
        return room


def merge_ranges(ranges: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """x-ranges as sorted, disjoint intervals: (starts, ends)."""
    starts: list[float] = []
    ends: list[float] = []
    for a, b in sorted(ranges):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def meets(starts: list[float], ends: list[float], lo: float, hi: float) -> bool:
    """Whether [lo, hi] meets one of the disjoint intervals (starts, ends) of merge_ranges."""
    i = bisect_right(starts, hi) - 1
    return i >= 0 and ends[i] >= lo
