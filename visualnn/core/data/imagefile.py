"""Reading image files with Pillow: JPEG, PNG (any kind, interlaced too), BMP, GIF, WebP,
TIFF and Netpbm (PBM/PGM/PPM).

Every reader returns float32 ``(H, W, C)`` in [0, 1]: C is 1 (grey), 2 (grey + alpha),
3 (RGB) or 4 (RGBA). The pixel count is checked from the header before anything is
decoded, so a small file that expands to a huge picture is refused without allocating it.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .dataset import DataError

from visualnn.core.i18n import N_, tr

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff",
                  ".pgm", ".ppm", ".pbm", ".pnm")
_MODES = {"1": "L", "L": "L", "LA": "LA", "RGB": "RGB", "RGBA": "RGBA", "CMYK": "RGB",
          "YCbCr": "RGB", "LAB": "RGB", "HSV": "RGB", "PA": "RGBA", "La": "LA", "RGBa": "RGBA"}


def read_image(path, *, reduce_to: tuple[int, int] | None = None) -> np.ndarray:
    """Read one image file; a DataError names the file on failure.

    `reduce_to` (height, width): when the picture is more than twice that size, it is
    decoded at a reduced scale first (JPEG draft mode, else an integer box reduction), still
    at least twice the size asked, so that a later resize stays exact and large photos
    decode fast."""
    from PIL import Image, UnidentifiedImageError

    from .limits import check_file, check_pixels

    path = check_file(Path(path), N_("an image"))
    Image.MAX_IMAGE_PIXELS = None  # the size is checked here, from the header, against our own limit
    try:
        with Image.open(path) as im:
            check_pixels(*im.size, path.name)
            if reduce_to is not None:
                im = _reduced(im, reduce_to)
            return _to_array(im)
    except FileNotFoundError:
        raise DataError(tr("{path}: file not found", path=path)) from None
    except DataError:
        raise
    except UnidentifiedImageError:
        raise DataError(tr("{name}: cannot read image (not a picture in a known format: {items}, PGM/PPM)", name=path.name, items=', '.join(s.lstrip('.').upper() for s in IMAGE_SUFFIXES[:8]))) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise DataError(tr("{name}: cannot read image ({exc})", name=path.name, exc=exc)) from None


def _reduced(im, target):
    th, tw = target
    w, h = im.size
    factor = min(w // (2 * tw), h // (2 * th))
    if factor < 2:
        return im
    if im.format == "JPEG":
        im.draft(im.mode, (w // factor, h // factor))
        w2, h2 = im.size
        factor = min(w2 // (2 * tw), h2 // (2 * th))
        if factor < 2:
            return im
    im = im.convert(_MODES.get(im.mode, "RGBA")) if im.mode not in ("L", "LA", "RGB", "RGBA") else im
    return im.reduce(factor)


def _to_array(im) -> np.ndarray:
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        top = 65535.0 if im.mode.startswith("I;16") or a.max(initial=0) > 255 else 255.0
        if im.mode == "F":
            top = max(float(a.max(initial=0)), 1.0)
        return np.clip(a / top, 0, 1).astype(np.float32)[:, :, None]
    mode = _MODES.get(im.mode)
    if mode is None:
        im = im.convert("RGBA")
    elif mode != im.mode:
        im = im.convert(mode)
    a = np.asarray(im, dtype=np.float32) / np.float32(255.0)
    return a[:, :, None] if a.ndim == 2 else a
