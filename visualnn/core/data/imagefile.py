"""Reading PNG and Netpbm (PBM/PGM/PPM) images with numpy and zlib only.

Every reader returns float32 ``(H, W, C)`` in [0, 1]: C is 1 (grey), 2 (grey +
alpha), 3 (RGB) or 4 (RGBA).
"""
from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import numpy as np

from .dataset import DataError

from visualnn.core.i18n import tr

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel
IMAGE_SUFFIXES = (".png", ".pgm", ".ppm", ".pbm", ".pnm")


class ImageFormatError(ValueError):
    """The bytes are not an image this module can decode."""


def read_image(path) -> np.ndarray:
    """Read a PNG, PGM, PPM or PBM file; a DataError names the file on failure."""
    path = Path(path)
    try:
        data = path.read_bytes()
        if data.startswith(PNG_SIGNATURE):
            return decode_png(data)
        if data[:1] == b"P" and data[1:2] in b"123456":
            return decode_pnm(data)
        raise ImageFormatError(tr("not a PNG, PGM or PPM file"))
    except FileNotFoundError:
        raise DataError(tr("{path}: file not found", path=path)) from None
    except (OSError, ImageFormatError, zlib.error, ValueError, struct.error) as exc:
        raise DataError(tr("{name}: cannot read image ({exc})", name=path.name, exc=exc)) from None


# ------------------------------------------------------------------ PNG


def _png_chunks(data: bytes):
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) < length or len(crc) < 4:
            raise ImageFormatError(tr("file is cut short"))
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ImageFormatError(tr("corrupt {decode} chunk (bad CRC)", decode=kind.decode('latin-1')))
        yield kind, body
        if kind == b"IEND":
            return
        pos += 12 + length
    raise ImageFormatError(tr("file is cut short (no IEND chunk)"))


def _unfilter(raw: bytes, height: int, stride: int, bpp: int) -> np.ndarray:
    """Undo PNG's per-row filters (None, Sub, Up, Average, Paeth)."""
    if len(raw) < height * (stride + 1):
        raise ImageFormatError(tr("image data is cut short"))
    rows = np.frombuffer(raw, np.uint8, height * (stride + 1)).reshape(height, stride + 1)
    out = np.empty((height, stride), np.uint8)
    prev = np.zeros(stride, np.uint8)
    pad = (-stride) % bpp
    for r in range(height):
        kind, line = rows[r, 0], rows[r, 1:]
        if kind == 0:
            cur = line
        elif kind == 1:  # Sub: running sum, mod 256, along each byte lane of a pixel
            lanes = np.concatenate([line, np.zeros(pad, np.uint8)]).reshape(-1, bpp)
            cur = np.cumsum(lanes, axis=0, dtype=np.uint8).reshape(-1)[:stride]
        elif kind == 2:  # Up
            cur = line + prev
        elif kind in (3, 4):  # Average and Paeth depend on the byte just decoded
            cur = np.frombuffer(_sequential(kind, line.tobytes(), prev.tobytes(), bpp), np.uint8)
        else:
            raise ImageFormatError(tr("unknown filter type {kind} in row {r}", kind=kind, r=r))
        out[r] = cur
        prev = out[r]
    return out


def _sequential(kind: int, line: bytes, prev: bytes, bpp: int) -> bytearray:
    cur = bytearray(line)
    for i in range(len(cur)):
        a = cur[i - bpp] if i >= bpp else 0
        b = prev[i]
        if kind == 3:
            cur[i] = (cur[i] + ((a + b) >> 1)) & 0xFF
            continue
        c = prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        cur[i] = (cur[i] + pred) & 0xFF
    return cur


def decode_png(data: bytes) -> np.ndarray:
    """Decode a non-interlaced PNG: grey, grey+alpha, RGB, RGBA or palette, at
    bit depths 1-16 (16-bit samples keep their full precision)."""
    header, palette, alpha, idat = None, None, None, []
    for kind, body in _png_chunks(data):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body[:13])
        elif kind == b"PLTE":
            palette = np.frombuffer(body, np.uint8).reshape(-1, 3)
        elif kind == b"tRNS":
            alpha = np.frombuffer(body, np.uint8)
        elif kind == b"IDAT":
            idat.append(body)
    if header is None:
        raise ImageFormatError(tr("no IHDR chunk"))
    width, height, depth, colour, _, _, interlace = header
    if colour not in PNG_CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise ImageFormatError(tr("unsupported colour type {colour} / bit depth {depth}", colour=colour, depth=depth))
    if interlace:
        raise ImageFormatError(tr("interlaced PNG is not supported; save it without interlacing"))
    channels = PNG_CHANNELS[colour]
    bits = channels * depth
    stride = (width * bits + 7) // 8
    rows = _unfilter(zlib.decompress(b"".join(idat)), height, stride, max(1, bits // 8))
    if depth == 16:
        samples = rows.view(">u2").astype(np.float32) / 65535.0
        return samples.reshape(height, width, channels)
    if depth < 8:
        bits_per_row = np.unpackbits(rows, axis=1)[:, : width * depth]
        weights = 1 << np.arange(depth - 1, -1, -1)
        values = (bits_per_row.reshape(height, width, depth) * weights).sum(axis=2)
    else:
        values = rows.reshape(height, width, channels)
    if colour == 3:
        if palette is None:
            raise ImageFormatError(tr("palette image without a PLTE chunk"))
        index = np.clip(values.reshape(height, width), 0, len(palette) - 1)
        rgb = palette[index].astype(np.float32) / 255.0
        if alpha is None:
            return rgb
        full = np.full(len(palette), 255, np.uint8)
        full[: min(len(alpha), len(palette))] = alpha[: len(palette)]
        return np.concatenate([rgb, (full[index] / 255.0).astype(np.float32)[..., None]], axis=2)
    scale = float((1 << depth) - 1)
    return (values.reshape(height, width, channels) / scale).astype(np.float32)


# ------------------------------------------------------------------ Netpbm

_TOKEN = re.compile(rb"(?:\s|#[^\n]*\n?)*([^\s#]+)")


def decode_pnm(data: bytes) -> np.ndarray:
    """Decode PBM (P1/P4), PGM (P2/P5) or PPM (P3/P6), maxval up to 65535."""
    magic = data[:2]
    pos, fields = 2, []
    wanted = 2 if magic in (b"P1", b"P4") else 3
    while len(fields) < wanted:
        m = _TOKEN.match(data, pos)
        if m is None:
            raise ImageFormatError(tr("header is cut short"))
        fields.append(int(m.group(1)))
        pos = m.end()
    width, height = fields[0], fields[1]
    maxval = fields[2] if wanted == 3 else 1
    if width <= 0 or height <= 0 or not 0 < maxval < 65536:
        raise ImageFormatError(tr("bad size {width}x{height} or maxval {maxval}", width=width, height=height, maxval=maxval))
    channels = 3 if magic in (b"P3", b"P6") else 1
    count = width * height * channels
    if magic in (b"P1", b"P2", b"P3"):
        body = data[pos:]
        if magic == b"P1":  # digits may be written without spaces
            values = np.frombuffer(re.sub(rb"#[^\n]*|\s", b"", body), np.uint8) - ord("0")
        else:
            values = np.array(re.sub(rb"#[^\n]*", b"", body).split(), dtype=np.int64)
        if values.size < count:
            raise ImageFormatError(tr("expected {count} values, found {size}", count=count, size=values.size))
        values = values[:count]
    elif magic == b"P4":
        row_bytes = (width + 7) // 8
        raw = np.frombuffer(data, np.uint8, height * row_bytes, pos + 1).reshape(height, row_bytes)
        values = np.unpackbits(raw, axis=1)[:, :width]
    else:
        dtype = np.dtype(">u2" if maxval > 255 else np.uint8)
        if len(data) - pos - 1 < count * dtype.itemsize:
            raise ImageFormatError(tr("pixel data is cut short"))
        values = np.frombuffer(data, dtype, count, pos + 1)
    pixels = values.reshape(height, width, channels).astype(np.float32) / maxval
    if magic in (b"P1", b"P4"):  # in PBM 1 is black
        pixels = 1.0 - pixels
    return np.clip(pixels, 0.0, 1.0)
