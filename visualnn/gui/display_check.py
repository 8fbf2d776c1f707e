"""Can a window open at all? Checked before Qt starts, because Qt aborts the process when
its X11 plugin cannot load, and starts an invisible window when there is no display.

`X11_LIBRARIES` are the libraries Qt's xcb plugin (libqxcb.so, through libQt6XcbQpa)
links to beyond Qt itself and the C library (as `ldd` shows them), with the package that
holds each on Debian/Ubuntu, Fedora and Arch. A test keeps the list in step with `ldd`.
"""

from __future__ import annotations

import os
import sys

from visualnn.core.i18n import tr

# soname: (Debian/Ubuntu, Fedora, Arch)
X11_LIBRARIES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype", "freetype2"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus"),
}


def uses_x11() -> bool:
    """Whether Qt will pick its X11 (xcb) plugin: on Linux with a DISPLAY, unless another
    platform is asked for or Wayland is there (Qt picks Wayland first)."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return not os.environ.get("WAYLAND_DISPLAY")


def missing_x11_libraries() -> list[str]:
    """The sonames of X11_LIBRARIES that cannot be loaded here."""
    import ctypes

    missing = []
    for soname in X11_LIBRARIES:
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(soname)
    return missing


def _packages(sonames, column: int) -> str:
    return " ".join(dict.fromkeys(X11_LIBRARIES[s][column] for s in sonames))


def display_problem() -> str | None:
    """One line saying why no window can open (no display; the X11 libraries Qt needs,
    every one of them, with the install command), or None when one can. A platform
    asked for with QT_QPA_PLATFORM (offscreen pictures and tests) is Qt's to judge."""
    if not sys.platform.startswith("linux"):
        return None
    if not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY"):
        return tr("visualnn: cannot open a window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). "
                  "Start it from a desktop session, or use the command line (visualnn --help).")
    if not uses_x11():
        return None
    missing = missing_x11_libraries()
    if not missing:
        return None
    return tr("visualnn: cannot open a window: Qt needs these system libraries on X11: {libraries}. "
              "Install them (Debian, Ubuntu: sudo apt install {deb}; Fedora: sudo dnf install {rpm}; "
              "Arch: sudo pacman -S {arch}), then start visualnn again.",
              libraries=", ".join(missing), deb=_packages(missing, 0), rpm=_packages(missing, 1),
              arch=_packages(missing, 2))
