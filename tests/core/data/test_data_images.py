"""Image decoding (Pillow: PNG of every kind, JPEG, Netpbm, ...), resizing and the
image-folder data kind."""
import struct
import zlib

import numpy as np
import pytest

from visualnn.core.data import DataError, load_dataset, read_image, resize


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def _filter(kind, row, prev, bpp):
    out = bytearray()
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, _paeth(a, b, c)][kind]
        out.append((x - pred) & 0xFF)
    return bytes(out)


ADAM7 = [(0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)]


def interlaced_png_bytes(samples):
    """An 8-bit grey Adam7-interlaced PNG of ``samples`` (H, W), every row unfiltered."""
    samples = np.asarray(samples, np.uint8)
    raw = b""
    for y0, x0, dy, dx in ADAM7:
        sub = samples[y0::dy, x0::dx]
        if sub.size:
            raw += b"".join(b"\x00" + row.tobytes() for row in sub)
    h, w = samples.shape

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 1))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def png_bytes(samples, colour, depth=8, palette=None, trns=None, interlace=0, filters=None):
    """Encode uint ``samples`` (H, W, C) as a PNG; row r uses filter filters[r % len]."""
    samples = np.asarray(samples)
    h, w = samples.shape[:2]
    if depth == 16:
        rows = samples.astype(">u2").reshape(h, -1).view(np.uint8)
    elif depth < 8:
        bits = ((samples.reshape(h, w)[:, :, None] >> np.arange(depth - 1, -1, -1)) & 1)
        rows = np.packbits(bits.reshape(h, -1).astype(np.uint8), axis=1)
    else:
        rows = samples.astype(np.uint8).reshape(h, -1)
    bpp = max(1, samples.shape[2] * depth // 8) if samples.ndim == 3 else 1
    filters = filters or [0, 1, 2, 3, 4]
    raw, prev = b"", bytes(rows.shape[1])
    for r in range(h):
        kind = filters[r % len(filters)]
        line = rows[r].tobytes()
        raw += bytes([kind]) + _filter(kind, line, prev, bpp)
        prev = line

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, interlace))
    if palette is not None:
        out += chunk(b"PLTE", np.asarray(palette, np.uint8).tobytes())
    if trns is not None:
        out += chunk(b"tRNS", bytes(trns))
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


RNG = np.random.default_rng(0)


@pytest.mark.parametrize("colour, channels", [(0, 1), (2, 3), (4, 2), (6, 4)])
@pytest.mark.parametrize("levels", [256, 8])  # few levels: many Paeth ties
def test_png_8bit_every_filter(tmp_path, colour, channels, levels):
    pixels = RNG.integers(0, levels, (20, 9, channels))
    (tmp_path / "a.png").write_bytes(png_bytes(pixels, colour))
    img = read_image(tmp_path / "a.png")
    assert img.dtype == np.float32 and img.shape == (20, 9, channels)
    np.testing.assert_allclose(img * 255, pixels, atol=1e-3)


def test_png_16bit_low_depth_and_palette(tmp_path):
    deep = RNG.integers(0, 65536, (4, 3, 3))
    (tmp_path / "d.png").write_bytes(png_bytes(deep, 2, depth=16))
    # 16-bit colour is read at 8-bit precision (what Pillow decodes; plenty for training)
    np.testing.assert_allclose(read_image(tmp_path / "d.png") * 65535, deep, atol=65535 / 255)
    for depth in (1, 2, 4):
        grey = RNG.integers(0, 1 << depth, (5, 11, 1))
        (tmp_path / "g.png").write_bytes(png_bytes(grey, 0, depth=depth))
        np.testing.assert_allclose(read_image(tmp_path / "g.png") * ((1 << depth) - 1), grey, atol=1e-4)
    palette = [[255, 0, 0], [0, 255, 0], [0, 0, 255]]
    index = RNG.integers(0, 3, (6, 9, 1))
    (tmp_path / "p.png").write_bytes(png_bytes(index, 3, depth=2, palette=palette))
    np.testing.assert_allclose(read_image(tmp_path / "p.png"), np.array(palette)[index[..., 0]] / 255)
    (tmp_path / "t.png").write_bytes(png_bytes(index, 3, palette=palette, trns=[0]))
    rgba = read_image(tmp_path / "t.png")
    assert rgba.shape == (6, 9, 4)
    np.testing.assert_array_equal(rgba[..., 3], (index[..., 0] != 0).astype(np.float32))


def test_pnm_formats(tmp_path):
    grey = RNG.integers(0, 256, (3, 4))
    (tmp_path / "a.pgm").write_bytes(b"P5\n# a comment\n4 3\n255\n" + grey.astype(np.uint8).tobytes())
    np.testing.assert_allclose(read_image(tmp_path / "a.pgm")[..., 0] * 255, grey, atol=1e-3)
    text = "P2\n4 3\n# comment\n255\n" + " ".join(map(str, grey.ravel())) + "\n"
    (tmp_path / "b.pgm").write_text(text)
    np.testing.assert_allclose(read_image(tmp_path / "b.pgm")[..., 0] * 255, grey, atol=1e-3)
    rgb = RNG.integers(0, 1000, (2, 3, 3))
    (tmp_path / "c.ppm").write_bytes(b"P6 3 2 999\n" + rgb.astype(">u2").tobytes())
    np.testing.assert_allclose(read_image(tmp_path / "c.ppm") * 999, rgb, atol=999 / 255)
    (tmp_path / "d.ppm").write_text("P3 3 2 999 " + " ".join(map(str, rgb.ravel())))
    np.testing.assert_allclose(read_image(tmp_path / "d.ppm") * 999, rgb, atol=999 / 255)
    (tmp_path / "e.pbm").write_text("P1\n3 2\n101\n0 1 0\n")
    np.testing.assert_array_equal(read_image(tmp_path / "e.pbm")[..., 0], [[0, 1, 0], [1, 0, 1]])
    (tmp_path / "f.pbm").write_bytes(b"P4\n3 2\n" + bytes([0b10100000, 0b01000000]))
    np.testing.assert_array_equal(read_image(tmp_path / "f.pbm")[..., 0], [[0, 1, 0], [1, 0, 1]])


@pytest.mark.parametrize("content, message", [
    (b"hello", "x.png: cannot read image \\(not a picture in a known format"),
    (png_bytes(np.zeros((2, 2, 1)), 0)[:45], "x.png: cannot read image"),
    (b"P5 4 4 255\n\x00\x01", "x.png: cannot read image"),
])
def test_broken_images_are_named(tmp_path, content, message):
    (tmp_path / "x.png").write_bytes(content)
    with pytest.raises(DataError, match=message):
        read_image(tmp_path / "x.png")


def test_interlaced_png_loads(tmp_path):
    grey = RNG.integers(0, 256, (13, 11))
    (tmp_path / "i.png").write_bytes(interlaced_png_bytes(grey))
    np.testing.assert_allclose(read_image(tmp_path / "i.png")[..., 0] * 255, grey, atol=1e-3)


def test_png_crc_is_checked(tmp_path):
    data = bytearray(png_bytes(np.zeros((2, 2, 1)), 0))
    data[20] ^= 0xFF  # inside the IHDR body
    (tmp_path / "c.png").write_bytes(bytes(data))
    with pytest.raises(DataError, match="c.png: cannot read image"):
        read_image(tmp_path / "c.png")


def test_resize_methods():
    img = np.arange(16, dtype=np.float32).reshape(4, 4)
    np.testing.assert_allclose(resize(img, (2, 2), "area"), [[2.5, 4.5], [10.5, 12.5]])
    np.testing.assert_allclose(resize(img, (2, 2), "nearest"), [[5, 7], [13, 15]])
    np.testing.assert_allclose(resize(img, (4, 4), "bilinear"), img, atol=1e-6)
    up = resize(np.array([[0.0, 1.0]]), (1, 4), "bilinear")
    np.testing.assert_allclose(up, [[0.0, 0.25, 0.75, 1.0]])
    const = resize(np.full((5, 7, 3), 0.3), (3, 11), "auto")
    assert const.shape == (3, 11, 3)
    np.testing.assert_allclose(const, 0.3, atol=1e-6)
    with pytest.raises(DataError, match="unknown resize method"):
        resize(img, (2, 2), "cubic")


def make_folder(tmp_path):
    root = tmp_path / "shapes"
    for cls, value in [("dark", 30), ("light", 220)]:
        (root / cls).mkdir(parents=True)
        for i in range(3):
            h, w = 8 + i, 6 + 2 * i  # different sizes: all get resized
            (root / cls / f"{i}.png").write_bytes(png_bytes(np.full((h, w, 3), value), 2))
        (root / cls / "extra.pgm").write_bytes(b"P5 4 4 255\n" + bytes([value] * 16))
        (root / cls / "notes.txt").write_text("ignored")
    return root


def test_image_folder_gray_and_rgb(tmp_path):
    make_folder(tmp_path)
    ds = load_dataset({"kind": "images", "path": "shapes", "size": [5, 4]},
                      base_dir=tmp_path, test_fraction=0.25, seed=2)
    assert ds.class_names == ["dark", "light"] and ds.task == "classification"
    assert ds.input_shape == (1, 5, 4) and ds.x_train.dtype == np.float32
    assert len(ds.x_train) == 6 and len(ds.x_test) == 2
    x = np.concatenate([ds.x_train, ds.x_test])
    y = np.concatenate([ds.y_train, ds.y_test])
    np.testing.assert_allclose(x[y == 0], 30 / 255, atol=1e-5)
    np.testing.assert_allclose(x[y == 1], 220 / 255, atol=1e-5)
    rgb = load_dataset({"kind": "images", "path": str(tmp_path / "shapes"), "color": "rgb"})
    assert rgb.input_shape == (3, 28, 28)


def test_transparency_is_shown_over_white(tmp_path):
    root = make_folder(tmp_path)
    rgba = np.zeros((4, 4, 4), np.uint8)  # fully transparent black
    (root / "dark" / "clear.png").write_bytes(png_bytes(rgba, 6))
    ds = load_dataset({"kind": "images", "path": str(root), "size": [4, 4]}, test_fraction=0)
    assert ds.x_train.max() == pytest.approx(1.0)


def test_image_folder_errors(tmp_path):
    with pytest.raises(DataError, match="image folder not found"):
        load_dataset({"kind": "images", "path": "nowhere"}, base_dir=tmp_path)
    root = tmp_path / "one"
    (root / "only").mkdir(parents=True)
    with pytest.raises(DataError, match="needs at least two class sub-folders"):
        load_dataset({"kind": "images", "path": str(root)})
    (root / "other").mkdir()
    (root / "other" / "a.png").write_bytes(png_bytes(np.zeros((2, 2, 1)), 0))
    (root / "only" / "notes.txt").write_text("not a picture")
    with pytest.raises(DataError, match="only holds no images .* \\(found .txt"):
        load_dataset({"kind": "images", "path": str(root)})
    (root / "only" / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(DataError, match="only/photo.jpg: cannot read image"):
        load_dataset({"kind": "images", "path": str(root)})
    (root / "only" / "photo.jpg").unlink()
    (root / "only" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nrubbish")
    with pytest.raises(DataError, match="only/broken.png: cannot read image"):
        load_dataset({"kind": "images", "path": str(root)})
    with pytest.raises(DataError, match="size must be"):
        load_dataset({"kind": "images", "path": str(root), "size": [0, 5]})


def test_jpeg_folder_trains(tmp_path):
    from PIL import Image

    from visualnn.core.io import project_from_dict
    from visualnn.core.train.headless import train_project

    root = tmp_path / "photos"
    for label, colour in (("dark", 30), ("light", 220)):
        (root / label).mkdir(parents=True)
        for i in range(6):
            px = np.clip(colour + RNG.normal(0, 10, (40, 60, 3)), 0, 255).astype(np.uint8)
            Image.fromarray(px).save(root / label / f"{i}.jpg", quality=90)
    project = project_from_dict({
        "format": "visualnn", "version": 1, "name": "photos",
        "nodes": [{"id": "x", "type": "Input", "params": {"shape": [1, 8, 8]}},
                  {"id": "f", "type": "Flatten"}, {"id": "fc", "type": "Linear", "params": {"out_features": 2}}],
        "edges": [{"from": "x", "to": "f"}, {"from": "f", "to": "fc"}],
        "data": {"kind": "images", "path": str(root), "size": [8, 8]},
        "train": {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.05, "batch_size": 4,
                  "epochs": 15, "seed": 0, "test_fraction": 0.0}})
    result = train_project(project)
    assert result.error is None
    assert result.history[-1]["train_accuracy"] == 1.0


def test_large_photo_is_reduced_before_resizing(tmp_path):
    from PIL import Image

    big = np.zeros((1200, 1600, 3), np.uint8)
    big[:, 800:] = 255  # left half black, right half white
    Image.fromarray(big).save(tmp_path / "big.jpg", quality=95)
    img = read_image(tmp_path / "big.jpg", reduce_to=(24, 32))
    assert 48 <= img.shape[0] < 1200 and img.shape[2] == 3
    small = resize(img, (24, 32), "area")
    assert small[:, :14].max() < 0.1 and small[:, 18:].min() > 0.9


def test_picture_too_large_is_refused_from_its_header(tmp_path):
    from PIL import Image

    Image.new("L", (8000, 6000)).save(tmp_path / "huge.png")  # compresses to a few KB
    with pytest.raises(DataError, match="huge.png: a 8000 x 6000 image is more than the limit"):
        read_image(tmp_path / "huge.png")
