"""The desktop packaging files are valid: the PyInstaller spec runs and names the entry
point and the bundled data, the .desktop entry and the MIME type are well formed, the
icon set has every size in real PNG / ICO / ICNS containers, and the wheel maps assets/."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "assets" / "icons"
DESKTOP = ROOT / "assets" / "desktop"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# -- the PyInstaller spec ----------------------------------------------------------------

class Recorder:
    """Stands in for one of PyInstaller's spec classes and keeps its arguments."""

    calls: dict[str, list] = {}

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        Recorder.calls.setdefault(type(self).__name__, []).append(self)
        self.pure, self.scripts, self.datas = [], [], []
        self.binaries = [("torch/lib/libtorch_cpu.so", "/x", "BINARY"), ("torch/bin/protoc", "/x", "BINARY"),
                         ("torch/test/atest", "/x", "BINARY"), ("torch/lib/torchbind_test.dll", "/x", "BINARY"),
                         ("torch/bin/torch_shm_manager", "/x", "BINARY")]


def run_spec(tmp_path, monkeypatch, platform: str):
    """Execute the spec as PyInstaller does, with its classes recorded instead of run."""
    Recorder.calls = {}
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: [f"{name}.stub"]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    dist = tmp_path / "dist"
    (dist / "visualnn").mkdir(parents=True)
    namespace = {name: type(name, (Recorder,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace.update(SPECPATH=str(PACKAGING), workpath=str(tmp_path / "work"), DISTPATH=str(dist),
                     __file__=str(PACKAGING / "visualnn.spec"), __name__="__main__")
    source = (PACKAGING / "visualnn.spec").read_text(encoding="utf-8")
    exec(compile(source, str(PACKAGING / "visualnn.spec"), "exec"), namespace)
    return namespace, Recorder.calls, dist


def test_the_spec_parses_and_names_the_entry_point_and_data(tmp_path, monkeypatch):
    tree = ast.parse((PACKAGING / "visualnn.spec").read_text(encoding="utf-8"))
    assigned = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                if isinstance(t, ast.Name)}
    assert ast.literal_eval(assigned["ENTRY_POINT"]) == "visualnn.gui.app:main"
    module, func = "visualnn.gui.app", "main"
    assert callable(getattr(importlib.import_module(module), func))

    ns, calls, dist = run_spec(tmp_path, monkeypatch, "linux")
    (analysis,) = calls["Analysis"]
    launcher = Path(analysis.args[0][0])
    assert "from visualnn.gui.app import main" in launcher.read_text()
    compile(launcher.read_text(), str(launcher), "exec")
    datas = dict((Path(src).name, dest) for src, dest in analysis.kwargs["datas"])
    for folder in ("examples", "corpora", "icons"):
        assert datas[folder] == f"visualnn/_assets/{folder}"
        assert (ROOT / "assets" / folder).is_dir()
    assert "screenshots" not in datas
    assert "visualnn.stub" in analysis.kwargs["hiddenimports"]
    assert "onnxruntime" in analysis.kwargs["excludes"]
    # no tests or tools of torch, but the shared-memory manager that `import torch` looks for
    assert [e[0] for e in analysis.binaries] == ["torch/lib/libtorch_cpu.so", "torch/bin/torch_shm_manager"]
    (exe,) = calls["EXE"]
    assert exe.kwargs["name"] == "visualnn" and exe.kwargs["console"] is False
    assert Path(exe.kwargs["icon"]).is_file()
    assert calls["COLLECT"][0].kwargs["name"] == "visualnn"  # one folder (onedir)
    assert "BUNDLE" not in calls
    for name in ("install-desktop.sh", "visualnn.desktop", "visualnn-mime.xml"):
        assert (dist / "visualnn" / name).is_file()


def test_the_spec_makes_a_mac_app_that_opens_vnn_files(tmp_path, monkeypatch):
    ns, calls, _ = run_spec(tmp_path, monkeypatch, "darwin")
    (bundle,) = calls["BUNDLE"]
    assert bundle.kwargs["name"] == "visualnn.app"
    assert bundle.kwargs["icon"].endswith("visualnn.icns")
    (doc,) = bundle.kwargs["info_plist"]["CFBundleDocumentTypes"]
    assert doc["CFBundleTypeExtensions"] == ["vnn"]
    assert calls["EXE"][0].kwargs["icon"].endswith("visualnn.icns")


def test_the_spec_uses_the_ico_on_windows(tmp_path, monkeypatch):
    _, calls, _ = run_spec(tmp_path, monkeypatch, "win32")
    assert calls["EXE"][0].kwargs["icon"].endswith("visualnn.ico")


# -- the Linux desktop entry and file type -----------------------------------------------

DESKTOP_KEYS = {"Type", "Version", "Name", "GenericName", "Comment", "Exec", "TryExec", "Icon", "Terminal",
                "Categories", "MimeType", "Keywords", "StartupNotify", "StartupWMClass", "NoDisplay"}


def parse_desktop(text: str) -> dict[str, dict[str, str]]:
    """A strict reader of the Desktop Entry format: groups, key=value lines, comments."""
    groups: dict[str, dict[str, str]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            assert re.fullmatch(r"\[[^\[\]]+\]", line), f"line {number}: bad group header"
            current = line[1:-1]
            assert current not in groups, f"line {number}: group {current} twice"
            groups[current] = {}
            continue
        assert current is not None, f"line {number}: key before any group"
        key, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Za-z0-9-]+(\[[A-Za-z_@.]+\])?", key.strip()), f"line {number}: {line!r}"
        assert key == key.strip(), f"line {number}: spaces around the key"
        assert key not in groups[current], f"line {number}: key {key} twice"
        groups[current][key] = value.strip()
    return groups


def test_the_desktop_entry_is_valid():
    text = (DESKTOP / "visualnn.desktop").read_text(encoding="utf-8")
    groups = parse_desktop(text)
    assert list(groups) == ["Desktop Entry"]
    entry = groups["Desktop Entry"]
    assert set(entry) <= DESKTOP_KEYS
    assert entry["Type"] == "Application" and entry["Version"] in ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")
    assert entry["Name"] == "visualnn" and entry["Icon"] == "visualnn"
    assert entry["Exec"].split()[-1] == "%f"  # takes the double-clicked project
    assert entry["Terminal"] == "false" and entry["StartupNotify"] in ("true", "false")
    for key in ("Categories", "MimeType", "Keywords"):
        assert entry[key].endswith(";"), f"{key} is a list ending in ;"
    assert "application/x-visualnn" in entry["MimeType"].split(";")
    assert "Education" in entry["Categories"].split(";")
    # the app sets its desktop file name to "visualnn"; the entry must be visualnn.desktop
    assert "setDesktopFileName(\"visualnn\")" in (ROOT / "visualnn" / "gui" / "app.py").read_text()
    if shutil.which("desktop-file-validate"):
        run = subprocess.run(["desktop-file-validate", str(DESKTOP / "visualnn.desktop")],
                             capture_output=True, text=True)
        assert run.returncode == 0 and "error" not in run.stdout, run.stdout


def test_the_mime_type_parses_and_matches_vnn_files():
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    root = ET.parse(DESKTOP / "visualnn-mime.xml").getroot()
    assert root.tag == f"{ns}mime-info"
    (mime,) = root.findall(f"{ns}mime-type")
    assert mime.get("type") == "application/x-visualnn"
    assert [g.get("pattern") for g in mime.findall(f"{ns}glob")] == ["*.vnn"]
    assert mime.find(f"{ns}icon").get("name") == "application-x-visualnn"
    assert mime.find(f"{ns}sub-class-of").get("type") == "application/json"
    match = mime.find(f"{ns}magic/{ns}match")
    example = next((ROOT / "assets" / "examples").glob("*.vnn"), None)
    if example is not None:  # the magic finds the format key where projects write it
        head = example.read_bytes()[: int(match.get("offset").split(":")[1]) + len(match.get("value"))]
        assert match.get("value").encode() in head


def test_the_install_script_is_a_posix_shell_script():
    script = PACKAGING / "install-desktop.sh"
    assert script.read_text().startswith("#!/bin/sh\n")
    assert script.stat().st_mode & 0o111, "executable"
    for path in (script, PACKAGING / "build.sh"):
        run = subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


def test_the_install_script_registers_the_entry_icons_and_file_type(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share")}
    app = tmp_path / "app"
    app.mkdir()
    run = subprocess.run(["sh", str(PACKAGING / "install-desktop.sh"), "--app", str(app)],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    share = tmp_path / "share"
    desktop = parse_desktop((share / "applications" / "visualnn.desktop").read_text())["Desktop Entry"]
    assert desktop["Exec"] == f'"{app}/visualnn" %f'
    assert (share / "mime" / "packages" / "visualnn.xml").read_bytes() == (DESKTOP / "visualnn-mime.xml").read_bytes()
    for size in (16, 48, 256, 512):
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "visualnn.png"
        assert png_size(icon.read_bytes()) == (size, size)
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes" / "application-x-visualnn.png").is_file()
    run = subprocess.run(["sh", str(PACKAGING / "install-desktop.sh"), "--uninstall"], env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not (share / "applications" / "visualnn.desktop").exists()
    assert not list((share / "icons").rglob("visualnn.png"))


# -- the icon set ------------------------------------------------------------------------

def test_the_svg_source_is_a_square_svg():
    root = ET.parse(ICONS / "visualnn.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 512 512"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) >= 5  # the network's units


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_every_png_size_exists(size):
    assert png_size((ICONS / f"visualnn-{size}.png").read_bytes()) == (size, size)


def test_the_ico_holds_pngs_of_every_windows_size():
    data = (ICONS / "visualnn.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count == 7
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bpp, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        size = w or 256
        assert (w, planes, bpp) == (h, 1, 32)
        assert png_size(data[offset: offset + length]) == (size, size)
        sizes.append(size)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_icns_holds_pngs_from_16_to_1024():
    data = (ICONS / "visualnn.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    pos, found = 8, {}
    while pos < len(data):
        kind, length = data[pos: pos + 4].decode("ascii"), struct.unpack(">I", data[pos + 4: pos + 8])[0]
        found[kind] = png_size(data[pos + 8: pos + length])[0]
        pos += length
    assert pos == len(data)
    assert found == {"icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512, "ic10": 1024,
                     "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512}


def test_make_icons_writes_the_same_containers(tmp_path):
    sys.path.insert(0, str(PACKAGING))
    try:
        make_icons = importlib.import_module("make_icons")
    finally:
        sys.path.remove(str(PACKAGING))
    pngs = {16: PNG_MAGIC + b"a", 256: PNG_MAGIC + b"bb"}
    ico = make_icons.ico_bytes(pngs)
    assert ico[:6] == struct.pack("<HHH", 0, 1, 2)
    assert struct.unpack("<BBBBHHII", ico[22:38]) == (0, 0, 0, 0, 1, 32, 10, 38 + 9)
    icns = make_icons.icns_bytes([("ic07", b"xyz")])
    assert icns == b"icns" + struct.pack(">I", 19) + b"ic07" + struct.pack(">I", 11) + b"xyz"


# -- the wheel ---------------------------------------------------------------------------

def test_the_wheel_maps_assets_into_the_package():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'\[tool\.setuptools\.package-dir\]\s*\n"visualnn\._assets" = "assets"', text)
    assert re.search(r'\[project\.gui-scripts\]\s*\nvisualnn-app = "visualnn\.gui\.app:main"', text)
    import tomllib

    config = tomllib.loads(text)["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "visualnn").rglob("__init__.py")}
    on_disk |= {"visualnn._assets"} | {
        "visualnn._assets." + d.name for d in (ROOT / "assets").iterdir() if d.is_dir() and d.name != "screenshots"
    }
    assert listed == on_disk
    assert all(name in config["package-data"] for name in listed if name.startswith("visualnn._assets"))


# -- the prepared GPU check ---------------------------------------------------------------

def _cuda_check():
    spec = importlib.util.spec_from_file_location("cuda_check", PACKAGING / "cuda_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_gpu_check_says_when_there_is_no_gpu(monkeypatch, capsys):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert _cuda_check().main([]) == 1
    assert "no CUDA GPU here" in capsys.readouterr().err


def test_the_gpu_checks_live_loop_hands_over_numpy_frames_on_the_cpu():
    live = _cuda_check().live_loop("cpu")  # the same check the GPU run makes, on the CPU
    assert live["device"] == "cpu" and live["steps"] >= 300 and live["problems"] == []
    assert live["frames_with_gradients"] > 0 and live["numpy_copies"] is True
