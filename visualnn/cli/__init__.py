"""The `visualnn` command line (see the design's contract).

Exit codes: 0 success; 1 the project is invalid or the run failed (a reason is printed);
2 usage or an unreadable file. Errors are one line on stderr, never a traceback.

Each subcommand is a module of this package with `register(subparsers)` and `run(args)`;
`COMMANDS` lists them in the order `--help` shows them.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from visualnn import __version__
from visualnn.cli.common import CliError
from visualnn.core.i18n import LANGUAGES, set_language, tr

COMMANDS = ("open", "validate", "train", "compare", "step", "export", "landscape", "examples", "data",
            "install-desktop", "bench")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="visualnn", description=tr("See neural networks learn."))
    p.add_argument("--version", action="version", version=f"visualnn {__version__}")
    sub = p.add_subparsers(dest="command")
    p.add_argument("--lang", choices=LANGUAGES, help=tr("language of messages (default: VISUALNN_LANG, else the locale)"))
    for name in COMMANDS:
        importlib.import_module(f"visualnn.cli.{name.replace('-', '_')}").register(sub)
    _add_lang(sub)  # every subcommand takes --lang too, nested ones (`data list`) included
    return p


def _add_lang(sub) -> None:
    for s in sub.choices.values():
        s.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                       help=tr("language of messages (default: VISUALNN_LANG, else the locale)"))
        for action in s._actions:
            if isinstance(action, argparse._SubParsersAction):
                _add_lang(action)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    set_language(_lang_in(argv))  # before the parser is built, so --help speaks it too
    parser = build_parser()
    if not argv:
        from visualnn.cli.open import run as open_app

        return open_app(argparse.Namespace(project=None))
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    set_language(getattr(args, "lang", None))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except CliError as e:
        print(tr("error: {message}", message=e), file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print(tr("interrupted"), file=sys.stderr)
        return 1
    except Exception as e:  # every failure is one clear line, never a traceback
        print(tr("error: {message}", message=_describe(e)), file=sys.stderr)
        return 1


def _lang_in(argv) -> str | None:
    """The value of --lang (or --lang=X) anywhere in argv, else None."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _describe(e: Exception) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    known = ("CompileError", "ConfigError", "DataError", "DeviceError", "StateError", "ProjectError", "ExportError", "LandscapeError", "TraceError",
             "TrainingError")
    return msg if type(e).__name__ in known else f"{type(e).__name__}: {msg}"


if __name__ == "__main__":
    sys.exit(main())
