"""Where the bundled assets (text corpora, examples, icons) live."""
from __future__ import annotations

from pathlib import Path

from .dataset import DataError

# visualnn/core/data/assets.py -> parents[3] is the repository root.
REPO_ASSETS = Path(__file__).resolve().parents[3] / "assets"


def _package_assets() -> Path | None:
    try:
        from importlib.resources import files

        candidate = files("visualnn").joinpath("_assets")
    except (ImportError, ModuleNotFoundError, TypeError):  # pragma: no cover
        return None
    path = Path(str(candidate))
    return path if path.is_dir() else None


def assets_dir() -> Path:
    """The assets folder: ``<repo>/assets`` in a checkout, else the
    ``visualnn/_assets`` folder that an installed wheel carries."""
    if REPO_ASSETS.is_dir():
        return REPO_ASSETS
    packaged = _package_assets()
    if packaged is not None:
        return packaged
    raise DataError(f"bundled assets not found: looked in {REPO_ASSETS} and visualnn/_assets")


def asset_path(*parts: str) -> Path:
    """A file inside the assets folder, with a clear error when it is missing."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise DataError(f"bundled file missing: {path}")
    return path
