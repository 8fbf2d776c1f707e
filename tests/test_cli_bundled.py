"""Bundled examples by name on the command line, their files, the progress bar only on a
terminal, and Ctrl-C's exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from visualnn.cli import INTERRUPTED, main
from visualnn.examples import COURSE, bundled_project, example_path, list_examples


@pytest.mark.parametrize("name", ["xor_relu", "xor_relu.vnn"])
def test_a_bundled_example_can_be_named_without_a_path(name, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no such file here: the bundled one is meant
    assert main(["validate", name]) == 0
    assert "parameters" in capsys.readouterr().out
    assert main(["step", name, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["forward"]


def test_a_file_of_that_name_wins_over_the_bundled_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("xor_relu.vnn").write_text("{broken")
    assert main(["validate", "xor_relu.vnn"]) == 2  # the local (broken) file, not the example
    assert "xor_relu.vnn" in capsys.readouterr().err


def test_unknown_names_and_paths_are_not_bundled():
    assert bundled_project("no_such_example") is None
    assert bundled_project("../examples/xor_relu") is None
    assert bundled_project("xor_relu") == example_path("xor_relu.vnn")


def test_examples_paths_lists_existing_files(capsys):
    assert main(["examples", "--paths"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(list_examples())
    for line in lines:
        stem, path = line.split(None, 1)
        assert Path(path).is_file() and Path(path).is_absolute() and Path(path).stem == stem


def test_examples_are_listed_as_a_course():
    names = [ex.path.name for ex in list_examples()]
    assert names[0] == COURSE[0] == "lesson_222_sigmoid.vnn"
    assert names.index("plane_regression.vnn") < names.index("digits_cnn.vnn") < names.index("attention_sequence.vnn")
    assert sorted(names) == sorted(p.name for p in example_path().parent.glob("*.vnn"))  # none left out


def test_no_progress_frames_when_stderr_is_not_a_terminal(capsys):
    assert main(["train", "xor_relu", "--epochs", "1", "--json"]) == 0
    captured = capsys.readouterr()
    assert "\r" not in captured.err
    assert json.loads(captured.out)["epochs"] == 1


def test_ctrl_c_exits_130(monkeypatch, capsys):
    import visualnn.core.train.headless as headless

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(headless, "train_project", interrupted)
    assert main(["train", "xor_relu", "--epochs", "1"]) == INTERRUPTED == 130
    assert capsys.readouterr().err.strip()


def test_a_closed_pipe_ends_quietly():
    """`visualnn step exploding_init --json | head -c 1`: the reader leaves long before the
    half-megabyte trace is written; the command stops with the shell's SIGPIPE status and
    writes no error or traceback."""
    import subprocess
    import sys

    cmd = [sys.executable, "-c", "import sys; from visualnn.cli import main; sys.exit(main(sys.argv[1:]))",
           "step", "exploding_init", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(1)
    proc.stdout.close()  # the reader leaves after one byte
    err = proc.stderr.read().decode()
    assert proc.wait() == 141 and err == ""
