"""Where the bundled assets (example projects, text corpora, icons) live. Imports nothing
heavy, so that the window can find its examples and icons before numpy or PyTorch load."""

from __future__ import annotations

from pathlib import Path

# visualnn/core/paths.py -> parents[2] is the repository root of a checkout
REPO_ASSETS = Path(__file__).resolve().parents[2] / "assets"
PACKAGED_ASSETS = Path(__file__).resolve().parents[1] / "_assets"  # what an installed wheel carries


def find_assets() -> Path | None:
    """The assets folder: ``<repo>/assets`` in a checkout, else ``visualnn/_assets`` in an
    installed wheel or the desktop build; None when neither is there."""
    for candidate in (REPO_ASSETS, PACKAGED_ASSETS):
        if (candidate / "examples").is_dir():
            return candidate
    return None
