"""What every subcommand shares: the error type with its exit code, project loading."""

from __future__ import annotations


class CliError(Exception):
    """A failure reported as one line; `code` is the exit status (1 run failed, 2 usage/file)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def resolve(name):
    """A path as given when it exists, else the bundled example or lesson of that name
    (with or without .vnn), else the path as given (to be refused as missing)."""
    from pathlib import Path

    from visualnn.core.lesson import lessons_dir
    from visualnn.examples import examples_dir

    path = Path(name)
    if path.exists() or len(path.parts) != 1:
        return path
    for folder in (examples_dir(), lessons_dir()):
        for candidate in (folder / path.name, folder / f"{path.name}.vnn"):
            if candidate.is_file():
                return candidate
    return path


def load(path):
    from visualnn.core.io import ProjectError, load_project

    try:
        return load_project(resolve(path))
    except ProjectError as e:
        raise CliError(str(e), 2) from None


def fmt_shape(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else "?"
