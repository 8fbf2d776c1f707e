"""The bundled example projects (assets/examples/*.vnn)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from visualnn.core.i18n import pick
from visualnn.core.paths import REPO_ASSETS, find_assets

DEFAULT_EXAMPLE = "spiral_tanh.vnn"
# the examples as a course, first lesson first: one update by hand, then straight lines,
# curves, hidden layers, deeper and wider networks, images, sequences, attention. Files not
# named here follow, by name.
COURSE = (
    "lesson_222_sigmoid.vnn", "plane_regression.vnn", "circle_sigmoid.vnn", "xor_relu.vnn", "spiral_tanh.vnn",
    "multi_gauss_regression.vnn", "iris_mlp.vnn", "wine_dropout.vnn", "digits_mlp.vnn", "residual_mlp.vnn",
    "branches_concat.vnn", "digits_cnn.vnn", "batchnorm_cnn.vnn", "sine_rnn.vnn", "sine_lstm.vnn", "sine_gru.vnn",
    "sentiment_gru.vnn", "attention_sequence.vnn",
)


def course_key(path: Path) -> tuple[int, str]:
    """Sort key: the place in COURSE, then the file name."""
    return (COURSE.index(path.name) if path.name in COURSE else len(COURSE), path.name)


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
    """Every bundled example, in the order of the course (COURSE), with its name and
    description in the UI language (`pick`: that language's text, else English)."""
    out = []
    for path in sorted(examples_dir().glob("*.vnn"), key=course_key):
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


def lessons_dir() -> Path:
    return assets_dir() / "lessons"


def bundled_project(name: str) -> Path | None:
    """The bundled example or lesson called `name` (with or without .vnn), or None: a
    command line may name `xor_relu` instead of a file."""
    text = str(name)
    if not text or "/" in text or "\\" in text or text in (".", ".."):
        return None
    file = text if text.lower().endswith(".vnn") else text + ".vnn"
    for folder in (examples_dir(), lessons_dir()):
        path = folder / file
        if path.is_file():
            return path
    return None


def resolve_project(name) -> Path:
    """`name` as given when such a file exists, else the bundled project of that name,
    else `name` unchanged (the loader then says it does not exist)."""
    path = Path(name)
    if path.exists():
        return path
    return bundled_project(str(name)) or path
