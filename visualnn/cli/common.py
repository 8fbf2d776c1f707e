"""What every subcommand shares: the error type with its exit code, project loading, and
argparse's own texts (usage, usage errors) in the user's language."""

from __future__ import annotations

import argparse

from visualnn.core.i18n import N_, tr

PROJECT_HELP = N_("a .vnn project file, or the name of a bundled example or lesson")

# argparse's own texts (it asks gettext for them): these are in the catalog
ARGPARSE_TEXTS = frozenset({
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
})


def _argparse_text(text: str) -> str:
    return tr(text) if text in ARGPARSE_TEXTS else text


def translate_argparse() -> None:
    """Let argparse's usage lines and errors follow the language (English stays as it is)."""
    argparse._ = _argparse_text


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
