"""A step-through walk as an animation: the window in step-through mode, one frame per
stage of the update (forward, loss, backward, the step), as an animated GIF or an MP4."""

from __future__ import annotations

import time
from pathlib import Path

from visualnn.core.i18n import tr as core_tr
from visualnn.gui.share.animation import AnimationError, Cancelled, EncoderMissing, encoder_message, mp4_available

WAIT_S = 60.0


def record_walk(window, out, fmt: str | None = None, *, fps: float = 1.0, width: int | None = None,
                progress=None, should_stop=None) -> Path:
    """Walk `window`'s project through its step-through stages and write a frame per
    stage to `out` (gif or mp4). The window's mode and stage come back as they were.
    progress(done, total) after each frame; should_stop() -> True cancels (Cancelled)."""
    from PySide6.QtWidgets import QApplication

    from visualnn.gui.share.animation import _to_pil, write_animation
    from visualnn.gui.share.figures import png_image

    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in ("gif", "mp4"):
        raise AnimationError(core_tr("{path}: an animation is written as gif or mp4, not {fmt!r}", path=out, fmt=fmt))
    if fmt == "mp4" and not mp4_available():
        raise EncoderMissing(encoder_message())
    app = QApplication.instance()
    mode, st = window.mode, window.step_through
    session = st.session
    before = session.index
    window.set_mode("step")
    try:
        end = time.monotonic() + WAIT_S
        while (session.busy or not session.stages) and session.error is None and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        if not session.stages:
            raise AnimationError(session.error or core_tr("the step-through has no stages to show"))
        images = []
        total = len(session.stages)
        for i in range(total):
            if should_stop is not None and should_stop():
                raise Cancelled()
            session.go(i)
            app.processEvents()
            images.append(_to_pil(png_image(window, width)))
            if progress is not None:
                progress(i + 1, total)
    finally:
        session.go(before)
        window.set_mode(mode)
    return write_animation(images, out, fmt, fps)
