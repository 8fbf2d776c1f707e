"""The core's catalog: every tr() text of visualnn/core and visualnn/cli has its Chinese,
no entry is stale or empty, the glossary's terms are used, and the helpers behave."""

from __future__ import annotations

import json
import shutil

from visualnn.core import i18n_tools
from visualnn.core.i18n import N_, display_width, pick, set_language, tr, trn, with_text

# the standard terms the issue names: every one is in the glossary
STANDARD_TERMS = {
    "forward pass": "前向传播", "backpropagation": "反向传播", "loss function": "损失函数",
    "gradient descent": "梯度下降", "learning rate": "学习率", "batch size": "批量大小", "optimizer": "优化器",
    "weight": "权重", "bias": "偏置", "activation function": "激活函数", "convolutional layer": "卷积层",
    "pooling layer": "池化层", "fully connected layer": "全连接层", "recurrent neural network": "循环神经网络",
    "long short-term memory": "长短期记忆网络", "attention mechanism": "注意力机制", "word embedding": "词嵌入",
    "overfitting": "过拟合", "regularization": "正则化", "vanishing gradient": "梯度消失",
    "exploding gradient": "梯度爆炸", "accuracy": "准确率", "precision": "精确率", "recall": "召回率", "F1 score": "F1 值",
}


def test_the_chinese_catalog_is_complete_current_and_uses_the_glossary():
    assert i18n_tools.problems("zh") == []


def test_every_core_and_cli_tr_text_is_found_and_translated():
    found = i18n_tools.code_strings()
    places = {w.split("/")[1] for where in found.values() for w in where}
    assert {"core", "cli"} <= places
    cat = i18n_tools.read_catalog("zh")
    kept = i18n_tools.kept_english("zh")
    for text, where in found.items():
        if where[0].startswith(("visualnn/core", "visualnn/cli")):
            assert text in cat or text in kept, (text, where)
    assert "node {node}: {message}" in found and "FORWARD" in found  # tr() and N_() both count


def test_the_glossary_holds_the_standard_terms():
    glossary = dict(i18n_tools.glossary("zh"))
    for en, zh in STANDARD_TERMS.items():
        assert glossary.get(en) == zh, en


def test_the_glossary_check_catches_a_wrong_term():
    bad = {"the learning rate is too high": "速率太高", "node {nid}: loss": "节点 {nid}：损失"}
    found = i18n_tools.glossary_problems("zh", bad)
    assert len(found) == 1 and "learning rate" in found[0]
    assert i18n_tools.glossary_problems("zh", {"Embedding takes token ids": "Embedding 接受词元 id"}) == []


def copy_catalog(tmp_path, monkeypatch):
    shutil.copytree(i18n_tools.i18n_dir(), tmp_path / "i18n")
    monkeypatch.setattr(i18n_tools, "i18n_dir", lambda: tmp_path / "i18n")
    return tmp_path / "i18n"


def test_check_and_extract_report_missing_stale_and_empty_entries(tmp_path, monkeypatch, capsys):
    folder = copy_catalog(tmp_path, monkeypatch)
    cat = i18n_tools.read_catalog("zh")
    del cat["the graph has no Input layer"]
    cat["a text no source uses"] = "没人用"
    cat["LOSS"] = ""
    i18n_tools.write_catalog("zh", cat)
    lines = "\n".join(i18n_tools.problems("zh"))
    assert "missing: 'the graph has no Input layer'" in lines
    assert "stale (no source uses it): 'a text no source uses'" in lines and "empty: 'LOSS'" in lines
    assert i18n_tools.main(["check"]) == 1
    capsys.readouterr()
    assert i18n_tools.main(["extract", "--add"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('"the graph has no Input layer"\tvisualnn/core/graph/validate.py:')
    assert json.loads((folder / "zh.json").read_text(encoding="utf-8"))["the graph has no Input layer"] == ""
    # a text kept in English on purpose is accepted with its reason
    (folder / "untranslated_zh.tsv").write_text("the graph has no Input layer\tInput is a class name\n", encoding="utf-8")
    cat = i18n_tools.read_catalog("zh")
    del cat["the graph has no Input layer"]
    i18n_tools.write_catalog("zh", cat)
    assert not any("the graph has no Input layer" in p for p in i18n_tools.problems("zh"))


def test_catalog_file_is_sorted_one_entry_a_line():
    text = (i18n_tools.i18n_dir() / "zh.json").read_text(encoding="utf-8")
    lines = text.splitlines()[1:-1]
    keys = [json.loads("{" + line.rstrip(",") + "}").popitem()[0] for line in lines]
    assert keys == sorted(keys) and len(keys) == len(json.loads(text))


def test_tr_trn_and_marked_texts_follow_the_language():
    assert tr("node {node}: {message}", node="fc", message="x") == "node fc: x"
    assert trn("{n} problem in {project}", "{n} problems in {project}", 1, project="p") == "1 problem in p"
    assert trn("{n} problem in {project}", "{n} problems in {project}", 3, project="p") == "3 problems in p"
    heading = N_("FORWARD")
    set_language("zh")
    assert tr("node {node}: {message}", node="fc", message="x") == "节点 fc：x"
    assert trn("{n} problem in {project}", "{n} problems in {project}", 3, project="p") == "p 中有 3 个问题"
    assert tr(heading) == "前向传播"
    assert tr("a text the catalog lacks") == "a text the catalog lacks"


def test_bilingual_fields():
    field = {"en": "Spiral", "zh": "螺旋"}
    assert pick(field) == "Spiral" and pick(field, "zh") == "螺旋" and pick({"zh": "螺旋"}) == "螺旋"
    set_language("zh")
    assert pick(field) == "螺旋"
    assert with_text(field, "双螺旋") == {"en": "Spiral", "zh": "双螺旋"} and with_text("Spiral", "x") == "x"
    assert display_width("隐藏层1") == 7 and display_width("fc1") == 3


def test_layer_texts_translate_where_shown():
    from visualnn.core.graph.registry import REGISTRY

    linear = REGISTRY["Linear"]
    assert linear.help_text == linear.help and linear.param("bias").help_text == "Add a learnable bias b"
    set_language("zh")
    assert linear.help_text.startswith("全连接层") and linear.group_text == "核心"
    assert REGISTRY["Input"].formula_text == "x = 数据集中的一个样本"
    assert REGISTRY["Linear"].formula_text == "y = W x + b"  # symbols only: unchanged
    assert linear.type == "Linear"  # type names stay PyTorch's


def test_extraction_reads_literals_of_tr_trn_and_n_only(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text(
        "from visualnn.core.i18n import N_, tr as core_tr, trn\n"
        "X = N_('kept in data')\n"
        "def f(n, name):\n"
        "    core_tr('hello {name}', name=name)\n"
        "    core_tr(name)  # not a literal: not a source text\n"
        "    return trn('{n} file', '{n} files', n)\n", encoding="utf-8")
    (pkg / "b.py").write_text("def tr(x):\n    return x\ntr('not the catalog')\n", encoding="utf-8")
    found = i18n_tools.code_strings(pkg)
    assert set(found) == {"kept in data", "hello {name}", "{n} file", "{n} files"}
    assert found["hello {name}"] == ["pkg/a.py:4"]


def test_a_translation_with_broken_placeholders_falls_back_to_english(monkeypatch):
    from visualnn.core import i18n

    monkeypatch.setitem(i18n.catalog("zh"), "node {node}: {message}", "节点 {nod}：{message}")
    set_language("zh")
    assert tr("node {node}: {message}", node="fc", message="x") == "node fc: x"
