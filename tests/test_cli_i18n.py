"""The command line in Chinese: `--lang zh`, VISUALNN_LANG and the locale; exit codes are
the same in every language and English stays the default."""

import json
import os
import subprocess
import sys

from tests.core.io.test_project import DESIGN_EXAMPLE
from visualnn.cli import main
from visualnn.examples import example_path


def broken_project(tmp_path):
    doc = json.loads(json.dumps(DESIGN_EXAMPLE))
    doc["nodes"][0]["params"]["shape"] = [1, 8, 8]
    doc["nodes"].append({"id": "extra", "type": "Conv3d"})
    doc["nodes"].append({"id": "输入2", "type": "Input", "params": {"shape": [2]}})
    path = tmp_path / "坏的.vnn"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def run_cli(args, **env_changes):
    env = {k: v for k, v in os.environ.items() if k not in ("VISUALNN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env.update(env_changes, PYTHONPATH=os.getcwd(), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "visualnn", *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)


def test_step_prints_the_stages_in_chinese(capsys):
    assert main(["step", str(example_path("lesson_222_sigmoid.vnn")), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "一次训练更新，样本 0，用 float64 计算"
    for heading in ("前向传播", "损失", "反向传播", "更新"):
        assert heading in lines, heading
    assert "net_h（Linear）：第 1 个神经元，共 2 个" in lines
    assert "out_o（Sigmoid）：反向传播" in lines
    assert any("在批量上取平均" in line for line in lines)
    assert "更新前的损失：0.2984" in lines
    assert "z1 = 0.15*0.05 + 0.2*0.1 + 0.35 = 0.3775" in out  # the numbers are the same


def test_step_worksheet_in_chinese(capsys):
    assert main(["step", str(example_path("lesson_222_sigmoid.vnn")), "--lang", "zh", "--worksheet", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 反向传播练习表\n") and "神经元从 1 开始编号" in out
    assert "| 神经元 | z | a | dE/da | delta = dE/dz | dE/db |" in out
    assert main(["step", str(example_path("lesson_222_sigmoid.vnn")), "--lang", "zh", "--worksheet", "csv"]) == 0
    assert capsys.readouterr().out.startswith("部分,节点,表,神经元,")
    assert main(["step", str(example_path("lesson_222_sigmoid.vnn")), "--lang", "zh", "--worksheet", "tex"]) == 0
    assert "% 含中文：请用 XeLaTeX 编译，并加载 \\usepackage{ctex}" in capsys.readouterr().out.splitlines()
    assert main(["step", str(example_path("lesson_222_sigmoid.vnn")), "--worksheet", "tex"]) == 0
    assert "ctex" not in capsys.readouterr().out


def test_validate_with_a_chinese_locale_prints_problems_in_chinese(tmp_path):
    path = broken_project(tmp_path)
    res = run_cli(["validate", str(path)], LANG="zh_CN.UTF-8")
    assert res.returncode == 1, res.stderr
    err = res.stderr.splitlines()
    assert "节点 extra：未知的层类型 'Conv3d'" in err
    assert any(line.startswith("节点 输入2：第二个 Input（第一个是 'x'）") for line in err)
    assert any(line.startswith("节点 fc1：Linear 需要特征 [F] 或序列 [T, F]") for line in err)
    assert err[-1] == f"{path} 中有 {len(err) - 1} 个问题" and len(err) >= 4
    # the same project in English by default: same exit code, the English messages
    res = run_cli(["validate", str(path)], LANG="en_US.UTF-8")
    assert res.returncode == 1 and "node extra: unknown layer type 'Conv3d'" in res.stderr.splitlines()
    # --lang wins over the locale, VISUALNN_LANG over the locale too
    assert "node extra: unknown" in run_cli(["validate", str(path), "--lang", "en"], LANG="zh_CN.UTF-8").stderr
    assert "未知的层类型" in run_cli(["validate", str(path)], VISUALNN_LANG="zh", LANG="en_US.UTF-8").stderr


def test_errors_and_exit_codes_are_the_same_in_chinese(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.vnn"), "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "没有这个文件" in err and err.count("\n") == 1
    assert main(["validate", str(example_path("xor_relu.vnn")), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("XOR：一层 ReLU：4 层，有效") and "个参数" in out


def test_examples_list_in_both_languages(capsys):
    assert main(["examples", "--lang", "zh"]) == 0
    zh = capsys.readouterr().out
    assert "xor_relu.vnn" in zh and "XOR：一层 ReLU" in zh and "螺旋：一个小型 tanh 网络" in zh
    assert main(["examples"]) == 0
    en = capsys.readouterr().out
    assert "XOR: one ReLU layer" in en and "螺旋" not in en


def test_help_in_chinese():
    res = run_cli(["step", "--help", "--lang", "zh"])
    assert res.returncode == 0 and "把跟踪结果打印成给学生的表格" in res.stdout


def test_nested_subcommands_take_lang_too(capsys):
    assert main(["data", "list", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "MNIST 手写数字" in out and ("未下载" in out or "已下载" in out)


def test_every_help_text_of_every_subcommand_is_in_chinese():
    """argparse's own -h/--version texts aside, each subcommand's and option's help is translated."""
    import argparse
    import re

    from visualnn.cli import build_parser
    from visualnn.core.i18n import set_language

    set_language("zh")
    untranslated = []

    def walk(parser, path):
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
                continue
            if action.help and action.help is not argparse.SUPPRESS and not re.search("[\u4e00-\u9fff]", action.help):
                untranslated.append((path, action.dest, action.help))
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help and not re.search("[\u4e00-\u9fff]", choice.help):
                        untranslated.append((path, choice.dest, choice.help))
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")

    walk(build_parser(), "visualnn")
    assert untranslated == []


def test_usage_errors_follow_the_language_with_exit_code_2():
    res = run_cli(["export", str(example_path("xor_relu.vnn")), "--format", "bmp", "-o", "x.bmp", "--lang", "zh"])
    assert res.returncode == 2
    assert "错误：参数 --format：无效的选择：'bmp'" in res.stderr and res.stderr.startswith("用法：")
    res = run_cli(["export", str(example_path("xor_relu.vnn")), "--format", "bmp", "-o", "x.bmp"])
    assert res.returncode == 2 and "error: argument --format: invalid choice: 'bmp'" in res.stderr
