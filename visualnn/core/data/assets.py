"""Where the bundled assets (text corpora, examples, icons) live."""
from __future__ import annotations

from pathlib import Path

from visualnn.core.paths import PACKAGED_ASSETS, REPO_ASSETS, find_assets

from .dataset import DataError

from visualnn.core.i18n import tr


def assets_dir() -> Path:
    """The assets folder (see visualnn.core.paths.find_assets), or a DataError saying
    where it was looked for."""
    found = find_assets()
    if found is None:
        raise DataError(tr("bundled assets not found: looked in {REPO_ASSETS} and {PACKAGED_ASSETS}", REPO_ASSETS=REPO_ASSETS, PACKAGED_ASSETS=PACKAGED_ASSETS))
    return found


def asset_path(*parts: str) -> Path:
    """A file inside the assets folder, with a clear error when it is missing."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise DataError(tr("bundled file missing: {path}", path=path))
    return path
