"""A curve that keeps every point's contribution in flat memory.

Points arrive in batches (every step's loss). They are averaged into bins of `width`
consecutive points; when there are more than `capacity` bins, neighbouring bins merge and
the width doubles. So after 100,000 steps the curve still has at most `capacity` points,
each the exact mean of the points it covers: none is dropped, the memory stays flat, and
adding a point costs O(1) (amortised).
"""

from __future__ import annotations

import numpy as np


class BinnedSeries:
    def __init__(self, capacity: int = 1024):
        self.capacity = int(capacity)
        self.width = 1
        self._x = np.empty(self.capacity + 2)
        self._y = np.empty(self.capacity + 2)
        self.n = 0                      # finished bins
        self._sx = self._sy = 0.0       # sums of the partial bin
        self._count = 0                 # points in the partial bin
        self.count = 0                  # points added in all

    def add_one(self, x: float, y: float) -> None:
        """Append one point (the fast path for per-frame statistics)."""
        self.count += 1
        self._sx += x
        self._sy += y
        self._count += 1
        if self._count == self.width:
            bx, by = self._sx / self.width, self._sy / self.width
            self._sx = self._sy = 0.0
            self._count = 0
            self._push(bx, by)

    def add(self, steps, values) -> None:
        """Append points (x increasing)."""
        if np.ndim(steps) == 0:
            self.add_one(float(steps), float(values))
            return
        xs = np.asarray(steps, float).ravel()
        ys = np.asarray(values, float).ravel()
        self.count += len(xs)
        i = 0
        while i < len(xs):
            need = self.width - self._count
            if self._count or len(xs) - i < self.width:
                take = min(need, len(xs) - i)
                self._sx += float(xs[i:i + take].sum())
                self._sy += float(ys[i:i + take].sum())
                self._count += take
                i += take
                if self._count == self.width:
                    bx, by = self._sx / self.width, self._sy / self.width
                    self._sx = self._sy = 0.0
                    self._count = 0
                    self._push(bx, by)
                continue
            full = (len(xs) - i) // self.width
            room = self.capacity + 1 - self.n
            full = max(1, min(full, room))
            w = self.width
            bx = xs[i:i + full * w].reshape(full, w).mean(axis=1)
            by = ys[i:i + full * w].reshape(full, w).mean(axis=1)
            self._x[self.n:self.n + full] = bx
            self._y[self.n:self.n + full] = by
            self.n += full
            i += full * w
            self._merge_if_full()

    def _push(self, x: float, y: float) -> None:
        self._x[self.n] = x
        self._y[self.n] = y
        self.n += 1
        self._merge_if_full()

    def _merge_if_full(self) -> None:
        if self.n <= self.capacity:
            return
        old = self.width
        pairs = self.n // 2
        self._x[:pairs] = self._x[: 2 * pairs].reshape(pairs, 2).mean(axis=1)
        self._y[:pairs] = self._y[: 2 * pairs].reshape(pairs, 2).mean(axis=1)
        odd = self.n % 2
        if odd:  # the last bin (old width) becomes part of the new partial bin
            self._sx += self._x[self.n - 1] * old
            self._sy += self._y[self.n - 1] * old
            self._count += old
        self.n = pairs
        self.width = 2 * old

    def arrays(self, upto: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of the bins and of the partial bin at the end; only x <= upto if given."""
        x, y = self._x[: self.n], self._y[: self.n]
        if self._count:
            x = np.append(x, self._sx / self._count)
            y = np.append(y, self._sy / self._count)
        else:
            x, y = x.copy(), y.copy()
        if upto is not None:
            k = int(np.searchsorted(x, upto, side="right"))
            x, y = x[:k], y[:k]
        return x, y

    def clear(self) -> None:
        self.__init__(self.capacity)
