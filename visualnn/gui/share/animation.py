"""Training as an animation: the canvas with its live activations beside chosen live
views, captured at evenly spaced steps of a run and written as an animated GIF (Pillow)
or an MP4 (the optional imageio-ffmpeg encoder).

The run is the project's own, trained in this process by the same Trainer and drawn by
the same widgets as in the app (offscreen when there is no display).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from visualnn.core.i18n import tr as core_tr

MAX_FRAMES = 60
DEFAULT_SIZE = (960, 540)


class AnimationError(RuntimeError):
    """The animation cannot be made (unknown format or view, nothing to show)."""


class EncoderMissing(AnimationError):
    """MP4 asked for without the encoder package."""


class Cancelled(Exception):
    pass


def mp4_available() -> bool:
    return importlib.util.find_spec("imageio_ffmpeg") is not None


def encoder_message() -> str:
    return core_tr("MP4 needs the imageio-ffmpeg package: pip install 'visualnn[mp4]' (or write a .gif)")


class _Feed(QObject):
    """What LiveCanvas listens to, driven here instead of by a training controller."""

    sessionStarted = Signal(object)
    frameShown = Signal(object)
    state = "paused"


class TrainingFilm(QWidget):
    """The canvas with live activations and `views` beside it, fed by `feeder`."""

    def __init__(self, project, feeder, views: list[str], parent=None):
        super().__init__(parent)
        from visualnn.gui.canvas.view import CanvasView
        from visualnn.gui.document import Document
        from visualnn.gui.live.canvas_live import LiveCanvas
        from visualnn.gui.share.headless import attach, make_view, project_runs

        self.feeder = feeder
        self.doc = Document(project.copy(), self)
        self.canvas = CanvasView(self.doc, self)
        self.feed = _Feed(self)
        self.live = LiveCanvas(self.canvas, self.feed, parent=self)
        self.views = [make_view(name) for name in views]
        lay = QVBoxLayout(self)   # the network across the top, the views in a row under it
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.canvas, 1)
        if self.views:
            self.row = QWidget()
            self.row.setFixedHeight(int(DEFAULT_SIZE[1] * 0.5))
            row = QHBoxLayout(self.row)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(2)
            for v in self.views:
                row.addWidget(v, 2 if v.__class__.__name__ == "CurvesView" else 1)
            lay.addWidget(self.row)
        self.feed.sessionStarted.emit(feeder.session)
        self.runs = project_runs(project)
        for v in self.views:
            attach(v, feeder, self.runs)

    def show_now(self) -> None:
        """Draw the network as it is now in the feeder."""
        from visualnn.gui.share.headless import feed

        self.feed.frameShown.emit(feed(self.views, self.feeder, self.runs))


def default_views(session) -> list[str]:
    return ["boundary", "curves"] if session.is_2d else ["curves"]


def capture_steps(total_steps: int, frames: int) -> list[int]:
    """The step after which each frame is taken: evenly spaced, the last at the end (0
    steps: one frame of the untrained network)."""
    if total_steps <= 0:
        return [0]
    frames = max(1, min(int(frames), total_steps))
    return [round(total_steps * k / frames) for k in range(1, frames + 1)]


def record_training(project, out, fmt: str | None = None, *, epochs: int | None = None, frames: int | None = None,
                    fps: float = 10.0, views: list[str] | None = None, width: int | None = None,
                    height: int | None = None, progress=None, should_stop=None) -> Path:
    """Train `project` for `epochs` (default: its train.epochs), capture `frames` pictures
    (default: one per epoch, at most MAX_FRAMES) and write them to `out` as gif or mp4.
    progress(done, total) after each frame; should_stop() -> True cancels (nothing is
    written, Cancelled is raised)."""
    from visualnn.gui.panels.live_views import applies
    from visualnn.gui.render import ensure_app
    from visualnn.gui.share.figures import png_image
    from visualnn.gui.share.headless import Feeder, ViewError, view_names

    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in ("gif", "mp4"):
        raise AnimationError(core_tr("{path}: an animation is written as gif or mp4, not {fmt!r}", path=out, fmt=fmt))
    if fmt == "mp4" and not mp4_available():
        raise EncoderMissing(encoder_message())
    app = ensure_app()
    feeder = Feeder(project)
    views = default_views(feeder.session) if views is None else list(views)
    for name in views:
        if name not in view_names():
            raise AnimationError(core_tr("unknown view {name!r}: choose one of {names}", name=name, names=", ".join(view_names())))
        if not applies(name, feeder.session):
            raise ViewError(core_tr("the {name} view does not apply to this project's data", name=name))
    epochs = int(feeder.trainer.config.epochs if epochs is None else epochs)
    total = epochs * feeder.trainer.steps_per_epoch
    marks = capture_steps(total, frames if frames is not None else min(max(epochs, 1), MAX_FRAMES))
    film = TrainingFilm(project, feeder, views)
    film.resize(*DEFAULT_SIZE)
    film.show()
    app.processEvents()
    film.canvas.fit()
    app.processEvents()
    images, done = [], 0
    try:
        for k, step in enumerate(marks, start=1):
            if should_stop is not None and should_stop():
                raise Cancelled()
            if not feeder.train(steps=step - done, tick=should_stop):
                raise Cancelled()
            done = step
            film.show_now()
            app.processEvents()
            images.append(_to_pil(png_image(film, width, height)))
            if progress is not None:
                progress(k, len(marks))
    finally:
        film.close()
        film.deleteLater()
    return write_animation(images, out, fmt, fps)


def _to_pil(image):
    from PIL import Image
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = rgb.width(), rgb.height()
    data = bytes(rgb.constBits())[: rgb.bytesPerLine() * h]
    return Image.frombytes("RGB", (w, h), data, "raw", "RGB", rgb.bytesPerLine())


def write_animation(images: list, out: Path, fmt: str, fps: float) -> Path:
    """Write PIL images as an animated GIF (every frame kept, looping) or an MP4."""
    out = Path(out)
    if not images:
        raise AnimationError(core_tr("nothing to animate"))
    if fmt == "gif":
        duration = max(20, round(1000 / fps))
        frames = [im.convert("P", palette=1, colors=255) for im in images]  # 1: the adaptive palette
        frames[0].save(out, save_all=True, append_images=frames[1:], duration=duration, loop=0, optimize=False,
                       disposal=1)
        return out
    import imageio_ffmpeg

    w, h = images[0].size
    w2, h2 = w - w % 2, h - h % 2  # yuv420p needs even sides
    writer = imageio_ffmpeg.write_frames(str(out), (w2, h2), fps=fps, macro_block_size=1, quality=8)
    writer.send(None)
    for im in images:
        writer.send(im.crop((0, 0, w2, h2)).tobytes())
    writer.close()
    return out
