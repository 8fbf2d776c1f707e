"""Every subcommand's --help explains every argument and shows an example."""
import argparse

import pytest

from visualnn.cli import build_parser, main


def subparsers(parser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield prefix + (name,), sub
                yield from subparsers(sub, prefix + (name,))


def test_every_argument_has_help_and_every_command_an_example():
    parser = build_parser()
    found = list(subparsers(parser))
    assert len(found) >= 10
    for path, sub in found:
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"visualnn {' '.join(path)}: {action.dest} has no help"
    for path, sub in found:
        if len(path) == 1 and not any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
            assert sub.epilog and f"visualnn {path[0]}" in sub.epilog, f"visualnn {path[0]} shows no example"


@pytest.mark.parametrize("command", ["train", "validate", "export"])
def test_help_prints_and_exits_0(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"visualnn {command}" in out and "examples:" in out
