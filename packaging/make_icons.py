"""Render the app icon (assets/icons/visualnn.svg) into every size the desktops want.

    python packaging/make_icons.py [--svg assets/icons/visualnn.svg] [--out assets/icons]

Writes visualnn-<N>.png for N in 16..512 (the Linux hicolor sizes), visualnn.ico
(Windows: PNG images in an ICO container) and visualnn.icns (macOS: PNG images in an ICNS
container, 16 to 1024 pixels). The SVG is rendered with QtSvg, which PySide6-Essentials
ships; the containers are written here with struct, so no other tool is needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and the pixel size of each (the "@2x" ones are
# the Retina variants of the size half as large).
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
              ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512))
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a size x size transparent image, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication([sys.argv[0]])  # kept alive for the later sizes
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNG data.

    Width and height are one byte each, where 0 means 256."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size
        # width, height, palette colours, reserved, colour planes, bits per pixel, bytes, offset
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(elements: list[tuple[str, bytes]]) -> bytes:
    """An ICNS file: 'icns' and the total length, then per image its 4-byte type and its
    length (8-byte element header included), big-endian, and the PNG data."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data for kind, data in elements)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Write every icon file into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    cache: dict[int, bytes] = {}

    def png(size: int) -> bytes:
        if size not in cache:
            cache[size] = render_png(svg, size)
        return cache[size]

    written = []
    for size in PNG_SIZES:
        path = out / f"visualnn-{size}.png"
        path.write_bytes(png(size))
        written.append(path)
    ico = out / "visualnn.ico"
    ico.write_bytes(ico_bytes({s: png(s) for s in ICO_SIZES}))
    icns = out / "visualnn.icns"
    icns.write_bytes(icns_bytes([(kind, png(size)) for kind, size in ICNS_TYPES]))
    return written + [ico, icns]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Render the visualnn icon set from its SVG source.")
    parser.add_argument("--svg", type=Path, default=ROOT / "assets" / "icons" / "visualnn.svg")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "icons")
    args = parser.parse_args(argv)
    if not args.svg.is_file():
        print(f"error: {args.svg}: no such file", file=sys.stderr)
        return 2
    for path in make_icons(args.svg, args.out):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
