"""`visualnn install-desktop`: register the app with a Linux (freedesktop) desktop for a
pip install: the menu entry, the icons and the `.vnn` file type, so that double-clicking
a project opens it. The built desktop app does the same with its install-desktop.sh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from visualnn.core.i18n import tr
from visualnn.core.paths import find_assets

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def app_command() -> str:
    """The command the menu entry starts: the `visualnn-app` script of this installation
    (beside this Python), else the one on the PATH."""
    here = Path(sys.executable).parent / ("visualnn-app.exe" if os.name == "nt" else "visualnn-app")
    return str(here) if here.is_file() else (shutil.which("visualnn-app") or "visualnn-app")


def _targets(prefix: Path) -> list[tuple[Path, Path]]:
    """(source, destination) of every file installed."""
    assets = find_assets()
    if assets is None:
        raise FileNotFoundError(tr("the app's assets folder is missing (reinstall visualnn)"))
    icons, desktop = assets / "icons", assets / "desktop"
    out = []
    for size in SIZES:
        for kind, name in (("apps", "visualnn.png"), ("mimetypes", "application-x-visualnn.png")):
            out.append((icons / f"visualnn-{size}.png", prefix / "icons" / "hicolor" / f"{size}x{size}" / kind / name))
    for kind, name in (("apps", "visualnn.svg"), ("mimetypes", "application-x-visualnn.svg")):
        out.append((icons / "visualnn.svg", prefix / "icons" / "hicolor" / "scalable" / kind / name))
    out.append((desktop / "visualnn-mime.xml", prefix / "mime" / "packages" / "visualnn.xml"))
    out.append((desktop / "visualnn.desktop", prefix / "applications" / "visualnn.desktop"))
    return out


def _refresh(prefix: Path) -> None:
    for cmd in (["update-mime-database", str(prefix / "mime")],
                ["update-desktop-database", str(prefix / "applications")],
                ["gtk-update-icon-cache", "-q", "-f", "-t", str(prefix / "icons" / "hicolor")]):
        if shutil.which(cmd[0]):
            subprocess.run(cmd, capture_output=True, check=False)


def install(prefix: Path | None = None, command: str | None = None) -> list[Path]:
    """Install the entry, icons and file type under `prefix` (default: the user's data
    folder); the entry runs `command` (default :func:`app_command`). Returns the files."""
    prefix = Path(prefix) if prefix is not None else data_home()
    command = command or app_command()
    written = []
    for src, dst in _targets(prefix):
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.name == "visualnn.desktop":
            quoted = f'"{command}"' if " " in command else command
            lines = []
            for line in src.read_text(encoding="utf-8").splitlines():
                if line.startswith("Exec="):
                    line = f"Exec={quoted} %f"
                elif line.startswith("TryExec="):
                    line = f"TryExec={command}"
                lines.append(line)
            dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            shutil.copyfile(src, dst)
        written.append(dst)
    _refresh(prefix)
    return written


def uninstall(prefix: Path | None = None) -> list[Path]:
    """Remove what :func:`install` put under `prefix`. Returns the files removed."""
    prefix = Path(prefix) if prefix is not None else data_home()
    removed = []
    for _, dst in _targets(prefix):
        if dst.is_file():
            dst.unlink()
            removed.append(dst)
    _refresh(prefix)
    return removed
