"""Before Qt starts: no display, or missing X11 libraries, is one line naming what to do."""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
from pathlib import Path

from visualnn.cli import main
from visualnn.gui import display_check


def no_display(monkeypatch):
    monkeypatch.setattr(display_check.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)


def test_no_display_at_all_is_one_line_and_exit_1(monkeypatch, capsys):
    no_display(monkeypatch)
    assert main(["open"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display" in err


def test_an_explicit_platform_is_left_to_qt(monkeypatch):
    no_display(monkeypatch)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_check.display_problem() is None


def test_every_missing_x11_library_is_named_with_its_package(monkeypatch):
    no_display(monkeypatch)
    monkeypatch.setenv("DISPLAY", ":99")

    def no_library(name, *a, **k):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    text = display_check.display_problem()
    assert text.count("\n") == 0
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
                    "libxkbcommon-x11-0"):
        assert package in text
    assert "sudo apt install libxcb-cursor0" in text and "sudo dnf install" in text and "sudo pacman -S" in text


def test_only_the_missing_ones_are_named(monkeypatch):
    no_display(monkeypatch)
    monkeypatch.setenv("DISPLAY", ":99")
    real = ctypes.CDLL

    def only_icccm_missing(name, *a, **k):
        if name == "libxcb-icccm.so.4":
            raise OSError(name)
        return real(name, *a, **k) if name in ("libc.so.6",) else object()

    monkeypatch.setattr(ctypes, "CDLL", only_icccm_missing)
    text = display_check.display_problem()
    assert "libxcb-icccm4" in text and "libxcb-cursor0" not in text


def test_the_list_holds_every_x11_library_qt_links_to():
    """The sonames of X11, xcb and xkb that Qt's xcb plugin needs, as ldd shows them."""
    ldd = shutil.which("ldd")
    qt = Path(__import__("PySide6").__file__).parent / "Qt"
    libs = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]]
    assert ldd is not None and all(p.exists() for p in libs), libs
    needed = set()
    for lib in libs:
        out = subprocess.run([ldd, str(lib)], capture_output=True, text=True).stdout
        needed |= set(re.findall(r"^\s*((?:libxcb|libxkb|libX11)[\w.+-]*\.so\.\d+)", out, re.M))
    assert needed and needed <= set(display_check.X11_LIBRARIES), sorted(needed - set(display_check.X11_LIBRARIES))
