"""The bundled example projects (assets/examples/*.vnn)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from visualnn.core.paths import REPO_ASSETS, find_assets

DEFAULT_EXAMPLE = "spiral_tanh.vnn"


def assets_dir() -> Path:
    """The assets folder: beside the package in a checkout, `visualnn/_assets` in a wheel
    (the checkout's path when neither is there: the examples then list as none)."""
    return find_assets() or REPO_ASSETS


def examples_dir() -> Path:
    return assets_dir() / "examples"


@dataclass(frozen=True)
class Example:
    path: Path
    name: str
    description: str


def list_examples() -> list[Example]:
    """Every bundled example, sorted by file name, with its name and description."""
    out = []
    for path in sorted(examples_dir().glob("*.vnn")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append(Example(path, str(doc.get("name", path.stem)), str(doc.get("description", ""))))
    return out


def example_path(name: str = DEFAULT_EXAMPLE) -> Path:
    return examples_dir() / name
