"""The training loop in a child process (no Qt here).

Training in its own process gives it its own interpreter lock: PyTorch's Python-side work
per step and the window's painting then run side by side on two cores instead of taking
turns, so the window stays smooth and training keeps its speed (see `visualnn bench`).

The parent's training QThread (`training_worker.TrainingWorker`) starts `main()` with two
one-way pipes. Commands arrive as (kind, value) tuples; a project travels as its JSON
document. What the loop produces goes back as ("out", Drained, Frame or None) messages,
sent when something happened and at most about 60 times a second while it trains, so the
pipe never carries one message per step. Everything sent is plain data (numpy arrays,
dataclasses) written by this process for its parent.
"""

from __future__ import annotations

import copyreg
import gc
import queue
import select
import time
import traceback
from types import MappingProxyType

SEND_INTERVAL_S = 0.03  # while training, losses go up at most this often (the window reads ~30 times a second)
LOOK_INTERVAL_S = 0.004  # while training, the pipe is looked at for commands at most this often
SAME = "same"  # in a sent frame's grid / evaluation: the one sent before (not sent again)


def encode_project(project) -> tuple:
    """A Project as picklable plain data: its JSON document and its path."""
    from visualnn.core.io.project import project_to_dict

    return project_to_dict(project), (str(project.path) if project.path else None)


def decode_project(data):
    from pathlib import Path

    from visualnn.core.io.project import project_from_dict

    doc, path = data
    project = project_from_dict(doc)
    project.path = Path(path) if path else None
    return project


def _reduce_mapping(m):  # frames freeze their dicts; pickle them as dicts, frozen again on arrival
    from visualnn.gui.workers.frames import _frozen

    return _frozen, (dict(m),)


copyreg.pickle(MappingProxyType, _reduce_mapping)


class PipeCommands:
    """The loop's command queue, read from the parent's pipe. The parent closing its end
    (it exited) reads as a stop command."""

    def __init__(self, conn):
        self.conn = conn
        self._looked = 0.0
        self._poller = None
        if hasattr(select, "poll"):  # POSIX: one poll object, a plain system call per look
            try:
                self._poller = select.poll()
                self._poller.register(conn.fileno(), select.POLLIN)
            except (OSError, ValueError, AttributeError):
                self._poller = None

    def _waiting(self) -> bool:
        if self._poller is not None:
            return bool(self._poller.poll(0))
        return self.conn.poll(0)

    def get(self, timeout: float | None = None):
        if not self.conn.poll(timeout):
            raise queue.Empty
        return self._recv()

    def get_nowait(self):
        """A command if one is waiting. Between two fast steps the pipe is not asked again
        (asking costs a system call, a noticeable share of a tiny network's step)."""
        now = time.perf_counter()
        if now - self._looked < LOOK_INTERVAL_S:
            raise queue.Empty
        if not self._waiting():
            self._looked = now
            raise queue.Empty
        return self._recv()

    def _recv(self):
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            return "stop", None
        if kind == "rebuild":
            value = decode_project(value)
        return kind, value


def _loop_class():
    from visualnn.gui.workers.loop import TrainingLoop

    class PipeLoop(TrainingLoop):
        """TrainingLoop that sends its buffer and mailbox down a pipe."""

        def __init__(self, out, **kw):
            super().__init__(**kw)
            self.out = out
            self._last_send = 0.0
            self._last_counters = None
            self._frames_sent = 0
            self._sent_grid = self._sent_eval = None

        def published(self, idle: bool) -> None:
            now = time.perf_counter()
            if not idle and self.frames_made == self._frames_sent and now - self._last_send < SEND_INTERVAL_S:
                return  # while training: losses go in batches, frames at once
            counters, buf = self.buffer.counters, self.buffer
            if not buf.has_news() and self.mailbox.peek() is None and counters == self._last_counters:
                return  # nothing new (a paused loop waking up)
            drained, frame = buf.drain(), self.mailbox.take()
            if frame is not None:
                frame = self._shared_parts(frame)
            try:
                self.out.send(("out", drained, frame))
            except (BrokenPipeError, EOFError, OSError):
                self.stop()  # the parent is gone
                return
            self._last_send, self._last_counters, self._frames_sent = now, drained.counters, self.frames_made

        def _shared_parts(self, frame):
            """The frame with the grid and the evaluation replaced by SAME where they are
            the ones sent with an earlier frame (they are computed less often than frames)."""
            from dataclasses import replace

            same = {}
            if frame.grid is not None and frame.grid is self._sent_grid:
                same["grid"] = SAME
            if frame.evaluation is not None and frame.evaluation is self._sent_eval:
                same["evaluation"] = SAME
            self._sent_grid, self._sent_eval = frame.grid, frame.evaluation
            return replace(frame, **same) if same else frame

    return PipeLoop


class SharedParts:
    """The parent's side of SAME: puts back the grid and evaluation received before, so
    that frames sharing them share one object (the views redraw only what is new)."""

    def __init__(self):
        self.grid = self.evaluation = None

    def restore(self, frame):
        from dataclasses import replace

        back = {}
        for name in ("grid", "evaluation"):
            value = getattr(frame, name)
            if isinstance(value, str):
                back[name] = getattr(self, name)
            else:
                setattr(self, name, value)
        return replace(frame, **back) if back else frame


def main(commands, out, project_data, device, sample, rows, lang: str | None = None) -> None:
    """The child process: run the loop until a stop command or the parent goes away; its
    messages in `lang` (the app's language)."""
    from visualnn.core.i18n import set_language

    set_language(lang)
    try:
        loop = _loop_class()(out, project=decode_project(project_data), device=device, sample=sample,
                             capture_rows=rows, commands=PipeCommands(commands))
        # PyTorch's objects live as long as this process: out of the garbage collector's
        # sight, so that its full passes do not pause training for a tenth of a second
        gc.collect()
        gc.freeze()
        loop.run()
    except BaseException as e:  # anything the loop did not catch: tell the parent, then end
        from visualnn.gui.workers.live_buffer import Drained
        from visualnn.gui.workers.loop import problem_from

        import numpy as np

        traceback.print_exc()
        try:
            empty = np.zeros(0)
            out.send(("out", Drained(empty, empty, [], [("problem", problem_from(e))], (0, 0, "failed", 0)), None))
        except Exception:
            pass
    finally:
        try:
            out.close()
        except Exception:
            pass
