"""The bundled example projects (assets/examples/*.vnn)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from visualnn.core.i18n import pick
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
    """A bundled example: `name` and `description` in the UI language at the time it was
    listed; `texts` keeps both fields as the file has them (a string or {"en", "zh"})."""

    path: Path
    name: str
    description: str
    texts: dict = field(default_factory=dict, compare=False)


def list_examples() -> list[Example]:
    """Every bundled example, sorted by file name, with its name and description in the
    UI language (`pick`: that language's text, else English)."""
    out = []
    for path in sorted(examples_dir().glob("*.vnn")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(doc, dict):
            continue
        name, description = doc.get("name", path.stem), doc.get("description", "")
        out.append(Example(path, pick(name) or path.stem, pick(description), {"name": name, "description": description}))
    return out


def example_path(name: str = DEFAULT_EXAMPLE) -> Path:
    return examples_dir() / name
