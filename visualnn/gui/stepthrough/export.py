"""Worksheet export: the whole trace as Markdown, CSV or LaTeX tables for handing out.

The text comes from the core (`worksheet(trace, fmt, digits)`); this module only asks
where to write it and writes it atomically, so a failed write never leaves half a file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

FORMATS = {  # fmt: (file filter, suffix)
    "md": ("Markdown worksheet (*.md)", ".md"),
    "csv": ("CSV tables (*.csv)", ".csv"),
    "tex": ("LaTeX worksheet (*.tex)", ".tex"),
}


def worksheet_text(trace: dict, fmt: str, digits: int) -> str:
    from visualnn.core.backprop.worksheet import worksheet

    return worksheet(trace, fmt=fmt, digits=digits)


def write_worksheet(trace: dict, path, fmt: str | None = None, digits: int = 4) -> Path:
    """Write the worksheet of `trace` to `path` (format from `fmt`, else from the suffix)."""
    path = Path(path)
    fmt = fmt or {suffix: f for f, (_, suffix) in FORMATS.items()}.get(path.suffix.lower(), "md")
    text = worksheet_text(trace, fmt, digits)
    from visualnn.core.io import atomic

    atomic.write_text(path, text)
    return path


def export_dialog(parent: QWidget | None, trace: dict | None, digits: int, start_dir: str = "",
                  name: str = "worksheet") -> Path | None:
    """Ask for a file and a format, then write the worksheet; None when cancelled."""
    if trace is None:
        QMessageBox.information(parent, "Export worksheet", "There is no trace to export yet: the network "
                                "cannot be traced (see the message in the step-through panel).")
        return None
    filters = ";;".join(f for f, _ in FORMATS.values())
    start = str(Path(start_dir or Path.home()) / f"{name}.md")
    path, chosen = QFileDialog.getSaveFileName(parent, "Export worksheet", start, filters)
    if not path:
        return None
    by_suffix = {suffix: f for f, (_, suffix) in FORMATS.items()}.get(Path(path).suffix.lower())
    fmt = by_suffix or next((f for f, (flt, _) in FORMATS.items() if flt == chosen), "md")
    if not by_suffix:
        path += FORMATS[fmt][1]
    try:
        return write_worksheet(trace, path, fmt, digits)
    except (OSError, ValueError) as e:
        QMessageBox.critical(parent, "Export worksheet", f"{path}: cannot write the worksheet ({e})")
        return None
