"""Where an edge runs: a plain S-curve; when that would cross cards, a lane above or below
them (skip connections); and when the input lies left of the output (a graph folded into
bands, or a card dragged back), a U-turn out of the output, a lane back to the left and a
U-turn into the input. Plain geometry, no Qt: rectangles are (x0, y0, x1, y1)."""

from __future__ import annotations

BEND = 48.0  # horizontal run of the S-bend from a port into a lane
MARGIN = 14.0  # clearance between a lane and a card
TURN = 34.0  # how far a U-turn reaches out beside the port


def controls(p0, p1) -> tuple[tuple[float, float], tuple[float, float]]:
    """The two inner control points of the plain cubic from p0 (an output) to p1 (an input):
    horizontal tangents at both ports, a loop when the input lies left of the output."""
    dx = p1[0] - p0[0]
    k = max(40.0, abs(dx) * 0.5) if dx > 0 else max(80.0, min(200.0, -dx * 0.5 + 60.0))
    return (p0[0] + k, p0[1]), (p1[0] - k, p1[1])


def _bezier(p0, c0, c1, p1, t):
    u = 1 - t
    return (u ** 3 * p0[0] + 3 * u * u * t * c0[0] + 3 * u * t * t * c1[0] + t ** 3 * p1[0],
            u ** 3 * p0[1] + 3 * u * u * t * c0[1] + 3 * u * t * t * c1[1] + t ** 3 * p1[1])


def _inside(pt, r, pad=0.0) -> bool:
    return r[0] - pad <= pt[0] <= r[2] + pad and r[1] - pad <= pt[1] <= r[3] + pad


def plain_is_clear(p0, p1, obstacles, samples: int = 32) -> bool:
    c0, c1 = controls(p0, p1)
    pts = [_bezier(p0, c0, c1, p1, i / samples) for i in range(1, samples)]
    x0, x1 = min(p[0] for p in pts) - 2.0, max(p[0] for p in pts) + 2.0
    y0, y1 = min(p[1] for p in pts) - 2.0, max(p[1] for p in pts) + 2.0
    near = [r for r in obstacles if r[2] >= x0 and r[0] <= x1 and r[3] >= y0 and r[1] <= y1]
    return not any(_inside(pt, r, 2.0) for pt in pts for r in near)


def lane(p0, p1, obstacles) -> float | None:
    """The y of a horizontal lane for the edge p0 -> p1 that passes no card, or None when the
    plain curve is clear (or no lane helps: the edge goes backwards or the run is short).

    obstacles: the cards' rectangles, without the edge's own two ends."""
    if p1[0] - p0[0] < 2 * BEND + 20 or plain_is_clear(p0, p1, obstacles):
        return None
    xa, xb = p0[0] + BEND, p1[0] - BEND
    span = [r for r in obstacles if r[2] > xa and r[0] < xb]
    candidates = {p0[1], p1[1], (p0[1] + p1[1]) / 2}
    for r in span:
        candidates.add(r[1] - MARGIN)
        candidates.add(r[3] + MARGIN)
    clear = [y for y in candidates if not any(r[1] - MARGIN + 0.5 < y < r[3] + MARGIN - 0.5 for r in span)]
    if not clear:
        return None
    # nearest to the two ends; on a tie below (where the layout leaves lanes)
    return min(clear, key=lambda y: (abs(y - p0[1]) + abs(y - p1[1]), -y))


def lane_points(p0, p1, y):
    """The path through a lane: (p0, bend controls, lane start, lane end, bend controls, p1)."""
    xa, xb = p0[0] + BEND, p1[0] - BEND
    k = BEND * 0.55
    return [p0, (p0[0] + k, p0[1]), (xa - k, y), (xa, y), (xb, y), (xb + k, y), (p1[0] - k, p1[1]), p1]


def _clear_lane(y0, y1_hint, xa, xb, obstacles):
    lo, hi = min(xa, xb), max(xa, xb)
    span = [r for r in obstacles if r[2] > lo and r[0] < hi]
    candidates = {y1_hint}
    for r in span:
        candidates.add(r[1] - MARGIN)
        candidates.add(r[3] + MARGIN)
    return [y for y in candidates if not any(r[1] - MARGIN + 0.5 < y < r[3] + MARGIN - 0.5 for r in span)]


def return_lane(p0, p1, obstacles) -> float | None:
    """The y of the lane an edge takes back to the left (p1 left of p0), clear of every card
    including its own two ends (`obstacles` must hold them); None when there is none."""
    if p1[0] > p0[0] + 2 * BEND + 20:
        return None
    mid = (p0[1] + p1[1]) / 2
    clear = _clear_lane(mid, mid, p1[0] - TURN * 1.4, p0[0] + TURN * 1.4, obstacles)
    if not clear:
        return None
    return min(clear, key=lambda y: (abs(y - p0[1]) + abs(y - p1[1]), abs(y - mid), -y))


def return_points(p0, p1, y):
    """(p0, U-turn controls, lane start, lane end, U-turn controls, p1) for a return lane."""
    k = TURN * 1.33
    return [p0, (p0[0] + k, p0[1]), (p0[0] + k, y), (p0[0], y), (p1[0], y), (p1[0] - k, y), (p1[0] - k, p1[1]), p1]
