"""Persistent user settings (QSettings): recent files, window state, theme.

Every part of the app reads and writes settings through `app_settings()`, an INI file in
the user's configuration folder (`~/.config/visualnn/visualnn.ini` on Linux). Tests point
QSettings at a temporary folder with `use_settings_dir(path)`, so they never touch the
user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "visualnn"
APPLICATION = "visualnn"
MAX_RECENT = 10


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def use_settings_dir(folder) -> None:
    """Keep every settings file under `folder` (for tests and portable installs)."""
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))


def recent_files(settings: QSettings | None = None) -> list[str]:
    """Recently opened or saved project paths, newest first (missing files left out)."""
    settings = settings or app_settings()
    value = settings.value("recentFiles", [])
    if isinstance(value, str):
        value = [value] if value else []
    return [str(p) for p in value or [] if Path(str(p)).is_file()]


def add_recent_file(path, settings: QSettings | None = None) -> list[str]:
    settings = settings or app_settings()
    path = str(Path(path).resolve())
    files = [path] + [p for p in recent_files(settings) if p != path]
    files = files[:MAX_RECENT]
    settings.setValue("recentFiles", files)
    settings.sync()
    return files


def clear_recent_files(settings: QSettings | None = None) -> None:
    settings = settings or app_settings()
    settings.setValue("recentFiles", [])
    settings.sync()


THEME_CHOICES = ("system", "light", "dark", "projector")


def theme_name(settings: QSettings | None = None) -> str:
    """The theme the user chose: "system" (follow the desktop's light or dark setting, the
    default), "light" or "dark"."""
    value = str((settings or app_settings()).value("theme", "system"))
    return value if value in THEME_CHOICES else "system"


def set_theme_name(name: str, settings: QSettings | None = None) -> None:
    settings = settings or app_settings()
    settings.setValue("theme", name)
    settings.sync()
