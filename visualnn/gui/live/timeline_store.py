"""The captured frames of a run, kept within a memory cap so a slider can scrub back.

When the frames held exceed `max_bytes` (or `max_frames`), every second frame of the
older half is dropped: recent training stays dense, the whole run stays covered, and the
memory stays bounded however long training runs. Arrays shared between frames (the 2-D
grid, the evaluation, which are recomputed less often) are counted once.
"""

from __future__ import annotations

from visualnn.gui.workers.frames import nbytes_of

DEFAULT_MAX_BYTES = 24 * 1024 * 1024
DEFAULT_MAX_FRAMES = 1500


class TimelineStore:
    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, max_frames: int = DEFAULT_MAX_FRAMES):
        self.max_bytes, self.max_frames = int(max_bytes), int(max_frames)
        self.frames: list = []
        self._sizes: list[int] = []
        self.bytes = 0
        self.thinned = 0  # times the cap was reached and the older half thinned

    def __len__(self) -> int:
        return len(self.frames)

    def __getitem__(self, i):
        return self.frames[i]

    def clear(self) -> None:
        self.frames.clear()
        self._sizes.clear()
        self.bytes = 0

    def add(self, frame) -> None:
        size = frame.nbytes
        prev = self.frames[-1] if self.frames else None
        for name in ("grid", "evaluation"):
            part = getattr(frame, name)
            if part is not None and (prev is None or getattr(prev, name) is not part):
                size += nbytes_of(part)
        if prev is not None and prev.step == frame.step and prev.run == frame.run:
            self.bytes -= self._sizes.pop()
            self.frames.pop()
        self.frames.append(frame)
        self._sizes.append(size)
        self.bytes += size
        while (self.bytes > self.max_bytes or len(self.frames) > self.max_frames) and len(self.frames) > 4:
            self._thin()

    def _thin(self) -> None:
        self.thinned += 1
        half = len(self.frames) // 2
        keep_f, keep_s = [], []
        for i, (f, s) in enumerate(zip(self.frames, self._sizes)):
            if i < half and i % 2 == 1:
                continue
            keep_f.append(f)
            keep_s.append(s)
        self.frames, self._sizes = keep_f, keep_s
        self.bytes = sum(keep_s)

    def index_of_step(self, step: int) -> int:
        """The index of the last frame at or before `step` (0 when none)."""
        best = 0
        for i, f in enumerate(self.frames):
            if f.step <= step:
                best = i
            else:
                break
        return best
