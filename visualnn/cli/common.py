"""What every subcommand shares: the error type with its exit code, project loading."""

from __future__ import annotations


class CliError(Exception):
    """A failure reported as one line; `code` is the exit status (1 run failed, 2 usage/file)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def load(path):
    """The project at `path`, or the bundled example or lesson of that name (`xor_relu`)."""
    from visualnn.core.io import ProjectError, load_project
    from visualnn.examples import resolve_project

    try:
        return load_project(resolve_project(path))
    except ProjectError as e:
        raise CliError(str(e), 2) from None


def fmt_shape(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else "?"
