"""The `visualnn` command line (see the design's contract).

Exit codes: 0 success; 1 the project is invalid or the run failed (a reason is printed);
2 usage or an unreadable file. Errors are one line on stderr, never a traceback.

Each subcommand is a module of this package with `register(subparsers)` and `run(args)`;
`COMMANDS` lists them in the order `--help` shows them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from visualnn import __version__
from visualnn.cli.common import CliError, translate_argparse
from visualnn.core.i18n import LANGUAGES, set_language, tr

INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C (128 + SIGINT)
PIPE_CLOSED = 141  # as a shell reports a program whose pipe's reader left (128 + SIGPIPE)
COMMANDS = ("open", "validate", "train", "compare", "step", "export", "landscape", "examples", "lessons", "lesson",
            "data", "install-desktop", "bench")


def build_parser() -> argparse.ArgumentParser:
    translate_argparse()
    p = argparse.ArgumentParser(prog="visualnn", description=tr("See neural networks learn."))
    p.add_argument("--version", action="version", version=f"visualnn {__version__}",
                   help=tr("show program's version number and exit"))
    sub = p.add_subparsers(dest="command")
    p.add_argument("--lang", choices=LANGUAGES, help=tr("language of messages (default: VISUALNN_LANG, else the "
                                                        "locale)"))
    for name in COMMANDS:
        importlib.import_module(f"visualnn.cli.{name.replace('-', '_')}").register(sub)
    _add_lang(sub)  # every subcommand takes --lang too, nested ones (`data list`) included
    _add_examples(sub)
    return p


# Examples shown under each subcommand's --help (commands are not translated).
EXAMPLES = {
    "open": ["visualnn open net.vnn", "visualnn open spiral_tanh"],
    "validate": ["visualnn validate net.vnn", "visualnn validate xor_relu --json"],
    "train": ["visualnn train xor_relu --epochs 20", "visualnn train net.vnn --json --out trained.vnn",
              "visualnn train net.vnn --csv history.csv"],
    "step": ["visualnn step lesson_222_sigmoid", "visualnn step net.vnn --sample 3 --json",
             "visualnn step net.vnn --worksheet md --lang zh"],
    "export": ["visualnn export net.vnn --format py -o model.py", "visualnn export net.vnn --format onnx -o model.onnx",
               "visualnn export net.vnn --format png -o net.png",
               "visualnn export spiral_tanh --view boundary --format png -o boundary.png --epochs 50",
               "visualnn export spiral_tanh --format gif --epochs 30 -o training.gif"],
    "landscape": ["visualnn landscape linear_regression --json",
                  "visualnn landscape net.vnn --axes pca --epochs 20 --resolution 31"],
    "compare": ["visualnn compare spiral_tanh --vary optimizer=sgd,adam,rmsprop --epochs 30",
                "visualnn compare net.vnn --vary lr=0.001,0.01,0.1 --vary batch_size=10,50 --json"],
    "examples": ["visualnn examples", "visualnn examples --paths"],
    "lessons": ["visualnn lessons", "visualnn lessons --json"],
    "lesson": ["visualnn lesson check linear_regression", "visualnn lesson check my_lesson.vnn --json"],
    "data": ["visualnn data list", "visualnn data download mnist"],
    "install-desktop": ["visualnn install-desktop", "visualnn install-desktop --uninstall"],
    "bench": ["visualnn bench", "visualnn bench --quick --json"],
}


def _add_examples(sub) -> None:
    for name, parser in sub.choices.items():
        lines = EXAMPLES.get(name)
        if lines and not parser.epilog:
            parser.formatter_class = argparse.RawDescriptionHelpFormatter
            parser.epilog = tr("examples:") + "\n" + "\n".join("  " + line for line in lines)


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
    if not getattr(args, "func", None) and getattr(args, "lang", None):  # `visualnn --lang zh`: the app
        from visualnn.cli.open import run as open_app

        return open_app(argparse.Namespace(project=None, lang=args.lang))
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
        return INTERRUPTED
    except BrokenPipeError:  # `visualnn ... | head`: the reader has what it wanted
        _quiet_stdout()
        return PIPE_CLOSED
    except Exception as e:  # every failure is one clear line, never a traceback
        print(tr("error: {message}", message=_describe(e)), file=sys.stderr)
        return 1


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's flush at exit does not report
    the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


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
    known = ("CompileError", "ConfigError", "DataError", "DeviceError", "StateError", "ProjectError", "ExportError",
             "LandscapeError", "TraceError", "LessonError", "TrainingError")
    return msg if type(e).__name__ in known else f"{type(e).__name__}: {msg}"


if __name__ == "__main__":
    sys.exit(main())
