"""Image resizing and the ``images`` data kind (one sub-folder per class)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .dataset import DataError
from .imagefile import IMAGE_SUFFIXES, read_image

from visualnn.core.i18n import tr

RESIZE_METHODS = ("auto", "nearest", "bilinear", "area")


def _weights(n_in: int, n_out: int, method: str) -> np.ndarray:
    """An ``(n_out, n_in)`` matrix that resamples one axis; rows sum to 1."""
    if method == "auto":
        method = "area" if n_out < n_in else "bilinear"
    w = np.zeros((n_out, n_in), np.float64)
    rows = np.arange(n_out)
    scale = n_in / n_out
    if method == "nearest":
        w[rows, np.minimum(((rows + 0.5) * scale).astype(int), n_in - 1)] = 1.0
    elif method == "bilinear":  # pixel centres aligned, edges clamped
        src = np.clip((rows + 0.5) * scale - 0.5, 0, n_in - 1)
        lo = np.floor(src).astype(int)
        hi = np.minimum(lo + 1, n_in - 1)
        frac = src - lo
        np.add.at(w, (rows, lo), 1.0 - frac)
        np.add.at(w, (rows, hi), frac)
    elif method == "area":  # average of the source pixels each output pixel covers
        start, stop = rows * scale, (rows + 1) * scale
        cols = np.arange(n_in)
        overlap = np.minimum(cols + 1, stop[:, None]) - np.maximum(cols, start[:, None])
        w = np.clip(overlap, 0, None) / scale
    else:
        raise DataError(tr("unknown resize method {method!r}: use one of {RESIZE_METHODS}", method=method, RESIZE_METHODS=', '.join(RESIZE_METHODS)))
    return w


def resize(image: np.ndarray, size, method: str = "bilinear") -> np.ndarray:
    """Resize ``(H, W)`` or ``(H, W, C)`` to ``size = (h, w)``.

    ``nearest`` copies the closest pixel, ``bilinear`` interpolates between pixel
    centres, ``area`` averages the covered pixels (best for shrinking) and
    ``auto`` uses area to shrink and bilinear to enlarge, per axis.
    """
    h, w = int(size[0]), int(size[1])
    img = np.asarray(image, np.float64)
    flat = img.ndim == 2
    if flat:
        img = img[:, :, None]
    wy, wx = _weights(img.shape[0], h, method), _weights(img.shape[1], w, method)
    out = np.einsum("yh,hwc->ywc", wy, img)
    out = np.einsum("xw,ywc->yxc", wx, out)
    out = out.astype(np.float32)
    return out[:, :, 0] if flat else out


def to_color(image: np.ndarray, color: str) -> np.ndarray:
    """``(H, W, C)`` in [0, 1] -> ``(1, H, W)`` grey or ``(3, H, W)`` RGB.
    Transparent pixels are shown over white, as on a page; grey is the
    ITU-R 601 luma of RGB."""
    channels = image.shape[2]
    if channels in (2, 4):
        a = image[:, :, -1:]
        image = image[:, :, :-1] * a + (1.0 - a)
    if color == "gray":
        if image.shape[2] == 3:
            image = image @ np.array([[0.299], [0.587], [0.114]], np.float32)
        return np.clip(image.transpose(2, 0, 1), 0, 1).astype(np.float32)
    if image.shape[2] == 1:
        image = np.repeat(image, 3, axis=2)
    return np.clip(image.transpose(2, 0, 1), 0, 1).astype(np.float32)


def _size(value) -> tuple[int, int]:
    try:
        h, w = (int(v) for v in value)
    except (TypeError, ValueError):
        raise DataError(tr("images: size must be [height, width], got {value!r}", value=value)) from None
    if not (1 <= h <= 1024 and 1 <= w <= 1024):
        raise DataError(tr("images: size must be 1..1024 pixels a side, got {h}x{w}", h=h, w=w))
    return h, w


def scan_folder(folder: Path) -> tuple[list[str], list[list[Path]]]:
    """The class names (sorted sub-folder names) and each class's image files."""
    if not folder.is_dir():
        raise DataError(tr("image folder not found: {folder}", folder=folder))
    classes = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if len(classes) < 2:
        raise DataError(tr("{folder} needs at least two class sub-folders (one per class, named after it, holding its images); found {n}", folder=folder, n=len(classes)))
    files = []
    for cls in classes:
        entries = sorted(p for p in cls.iterdir() if p.is_file() and not p.name.startswith("."))
        images = [p for p in entries if p.suffix.lower() in IMAGE_SUFFIXES]
        if not images:
            others = sorted({p.suffix.lower() for p in entries if p.suffix})
            hint = tr(" (found {others} files)", others=', '.join(others)) if others else ""
            raise DataError(tr("class folder {cls} holds no images (JPEG, PNG, BMP, GIF, WebP, TIFF, PGM or PPM){hint}", cls=cls, hint=hint))
        files.append(images)
    return [c.name for c in classes], files


def load_images_kind(data: dict, *, seed: int, test_fraction: float, base_dir=None,
                     task=None, **_):
    """Data kind ``images``: ``{"path": folder, "size": [h, w], "color": "gray" |
    "rgb", "resize": "auto"}``. Each image becomes ``(1|3, h, w)`` in [0, 1]."""
    from .split import assemble

    if not data.get("path"):
        raise DataError(tr("images data needs 'path' (the folder with one sub-folder per class)"))
    folder = Path(str(data["path"])).expanduser()
    if not folder.is_absolute() and base_dir is not None:
        folder = Path(base_dir) / folder
    h, w = _size(data.get("size", [28, 28]))
    color = data.get("color", "gray")
    if color not in ("gray", "rgb"):
        raise DataError(tr("images: color must be 'gray' or 'rgb', got {color!r}", color=color))
    method = data.get("resize", "auto")
    class_names, files = scan_folder(folder)
    xs, ys = [], []
    for label, paths in enumerate(files):
        for path in paths:
            try:
                img = read_image(path, reduce_to=(h, w))
            except DataError as exc:  # name the class folder too: "cat/x.png: ..."
                raise DataError(f"{path.parent.name}/{exc}") from None
            if img.shape[:2] != (h, w):
                img = resize(img, (h, w), method)
            xs.append(to_color(img, color))
            ys.append(label)
    return assemble("images", np.stack(xs), np.array(ys, np.int64), task="classification",
                    seed=seed, test_fraction=test_fraction, class_names=class_names,
                    num_classes=len(class_names))
