"""Chinese and English in the window: the Qt catalog is complete, the window shows Chinese
texts (menus, training panel, error banner, step-through), View > Language switches them,
the start-up language's order, fonts with Chinese glyphs."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import update_translations as ut  # noqa: E402

TS = ROOT / "assets" / "i18n" / "visualnn_zh_CN.ts"

# Texts left in English on purpose, with the reason (none at present: layer type names,
# optimizer names and PyTorch identifiers are not passed through tr at all).
LEFT_IN_ENGLISH: dict[str, str] = {}

# the field's standard Chinese terms, as the catalog must use them
TERMS = {
    "Forward pass": "前向传播", "Backward pass": "反向传播", "Learning rate": "学习率", "Batch size": "批量大小",
    "Optimizer": "优化器", "Loss": "损失", "Weights": "权重", "Gradients": "梯度", "accuracy": "准确率",
    "Mini-batch": "小批量", "Epochs": "轮数", "attention weights": "注意力权重",
}


@pytest.fixture
def chinese():
    """The app in Chinese for one test; English again after it."""
    from visualnn.gui.app import make_app
    from visualnn.gui.i18n import install_language

    make_app()
    install_language("zh")
    yield
    install_language("en")


def _messages(ts: Path):
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("obsolete", "vanished"):
                continue
            yield ctx.findtext("name"), msg.findtext("source"), tr


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_every_gui_text_has_a_chinese_translation(tmp_path):
    """lupdate over today's sources into a copy of the catalog: a tr() text that is new or
    changed comes out unfinished, and fails here until it is translated."""
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    ut.lupdate(ts)
    left = [(c, s) for c, s in ut.unfinished(ts) if s not in LEFT_IN_ENGLISH]
    assert not left, (f"{len(left)} GUI texts have no Chinese translation; run "
                      f"`python packaging/update_translations.py` and translate them: {left[:10]}")
    texts = list(_messages(ts))
    assert len(texts) > 500  # the whole GUI, not an empty extraction


def test_the_committed_catalog_is_finished_and_compiled(tmp_path):
    """No unfinished entry; placeholders kept; the .qm is compiled from the .ts as it is."""
    assert not ut.unfinished(TS)
    for ctx, source, tr in _messages(TS):
        text = "".join(tr.itertext())
        assert re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", text) or text == source, (ctx, source, text)
        assert _fields(text) == _fields(source), (ctx, source, text)
        assert source.count("&") == text.count("&"), (ctx, source, text)  # accelerators kept
    qm = tmp_path / "out.qm"
    subprocess.run([ut.tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), "recompile: python packaging/update_translations.py"


def test_catalog_uses_the_standard_terms():
    found = {source: "".join(tr.itertext()) for _, source, tr in _messages(TS)}
    for source, term in TERMS.items():
        assert found.get(source) == term, (source, found.get(source))


def test_window_in_chinese_and_back(qtbot, tmp_path, chinese):
    from tests.gui.stepthrough.helpers import enter_step_mode, equation_text, open_example
    from visualnn.gui.workers.loop import TrainingProblem

    window = open_example(qtbot, tmp_path)
    titles = [m.title() for m in window.menuBar().findChildren(type(window.menus["file"])) if m.title()]
    assert "文件(&F)" in titles and "视图(&V)" in titles and "帮助(&H)" in titles
    assert window.acts.open.text() == "打开(&O)…"
    panel = window.training.panel
    assert panel.form_labels["lr"].text() == "学习率" and panel.form_labels["batch_size"].text() == "批量大小"
    assert window.training.actions["play"].text() == "播放"
    assert window.docks["training"].windowTitle() == "训练"
    assert window.palette.search.placeholderText() == "搜索层…"
    assert window.dataset_panel.source_label.text() == "数据集"
    assert window.menus["compare"].title() == "比较(&C)" and window.menus["lesson"].title() == "课程(&L)"
    menu_texts = [a.text() for a in window.menus["lesson"].actions()]
    assert "下一步(&N)" in menu_texts, menu_texts

    window.training.banner.show_problem(TrainingProblem("loss became nan", "net_h", "lower it"))
    assert window.training.banner.text().startswith("训练已暂停：loss became nan（层 net_h）")

    mode = enter_step_mode(qtbot, window)
    controls = mode.panel.controls
    assert controls.stage_box.itemText(0).startswith("1. 前向传播：")
    assert "公式" in equation_text(mode) and "代入数值" in equation_text(mode)
    assert controls.back_btn.text() == "上一步"

    # View > Language > English, as a user picks it: no restart
    window.acts.language["en"].trigger()
    assert window.menus["file"].title() == "&File" and window.acts.open.text() == "&Open…"
    assert window.docks["training"].windowTitle() == "Training"
    qtbot.waitUntil(lambda: panel.form_labels["lr"].text() == "Learning rate")
    qtbot.waitUntil(lambda: controls.back_btn.text() == "Back")
    qtbot.waitUntil(lambda: window.palette.search.placeholderText() == "Search layers…")
    qtbot.waitUntil(lambda: window.dataset_panel.source_label.text() == "Data set")
    qtbot.waitUntil(lambda: window.training.banner.text().startswith("Training paused: loss became nan (layer net_h)"))
    qtbot.waitUntil(lambda: "THE FORMULA" in equation_text(mode))
    assert controls.stage_box.itemText(0).startswith("1. Forward:")
    assert window.settings.value("language") == "en"
    assert window.menus["compare"].title() == "&Compare" and window.menus["lesson"].title() == "&Lesson"
    assert "&Next Step" in [a.text() for a in window.menus["lesson"].actions()]
    assert "Show &Runs" in [a.text() for a in window.menus["compare"].actions()]

    window.acts.language["zh"].trigger()  # and back
    qtbot.waitUntil(lambda: panel.form_labels["lr"].text() == "学习率")
    assert window.menus["file"].title() == "文件(&F)"
    assert window.settings.value("language") == "zh"


def test_startup_language_order(monkeypatch):
    from visualnn.gui.i18n import SETTINGS_KEY, startup_language

    class Settings(dict):
        def value(self, key, default=None):
            return self.get(key, default)

    saved = Settings({SETTINGS_KEY: "zh"})
    monkeypatch.delenv("VISUALNN_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert startup_language(None, Settings()) == "en"        # the locale
    assert startup_language(None, saved) == "zh"             # the remembered choice over the locale
    monkeypatch.setenv("VISUALNN_LANG", "en")
    assert startup_language(None, saved) == "en"             # the environment over the choice
    assert startup_language("zh", saved) == "zh"             # --lang over everything
    monkeypatch.delenv("VISUALNN_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert startup_language(None, Settings()) == "zh"


def test_chinese_fonts(chinese):
    from visualnn.gui import theme

    from visualnn.gui.i18n import install_language

    app = QApplication.instance()
    # Chinese UI: the families with Chinese glyphs first (Simplified forms before the others)
    assert app.font().families()[:2] == theme.CJK_FAMILIES[:2]
    assert theme.font(11).families()[0] == "Noto Sans CJK SC"
    install_language("en")  # English UI: Latin families first, the Chinese ones still there for Chinese names
    assert app.font().families()[0] == theme.LATIN_FAMILIES[0] and "Noto Sans CJK SC" in app.font().families()
    family = theme.cjk_family()
    assert family is None or family in theme.CJK_FAMILIES


def test_app_entry_takes_lang(monkeypatch, tmp_path):
    from visualnn.gui import app as app_module

    opened = []
    monkeypatch.setattr(app_module, "run_app", lambda path=None, lang=None: opened.append((path, lang)) or 0)
    monkeypatch.chdir(tmp_path)
    for argv, want in ((["--lang", "zh"], (None, "zh")), (["--lang=en", "net.vnn"], ("net.vnn", "en")),
                       (["net.vnn", "--lang", "zh"], ("net.vnn", "zh"))):
        monkeypatch.setattr(app_module.sys, "argv", ["visualnn-app", *argv])
        assert app_module.main() == 0 and opened[-1] == want


def test_qt_standard_buttons_in_chinese(qtbot, chinese):
    """Qt's own dialogs and buttons come from Qt's bundled translations (qtbase_zh_CN)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存", "取消"])


def test_every_catalog_context_is_one_the_app_asks_for():
    """A text is looked up under its class's name (self.tr) or the context a translate()
    call names. lupdate files `window.tr("…")` outside the window's class under "window",
    a context no class has: such texts would stay English whatever the catalog says."""
    import ast

    classes, named = set(), set()
    for path in (ROOT / "visualnn" / "gui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                classes.add(node.name)
            elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in ("translate", "QT_TRANSLATE_NOOP") and isinstance(node.args[0].value, str):
                    named.add(node.args[0].value)
    contexts = {c.findtext("name") for c in ET.parse(TS).getroot().iter("context")}
    assert contexts - classes - named == set()


def test_texts_passed_to_translating_helpers_are_in_the_catalog():
    """A helper like `def _t(text): return translate("Ctx", text)` hides its texts from
    lupdate: each literal handed to such a helper must be in the catalog, translated
    (the "Standardize the inputs" checkbox once stayed English this way)."""
    import ast

    messages = {(c.findtext("name"), m.findtext("source")): m.find("translation")
                for c in ET.parse(TS).getroot().iter("context") for m in c.iter("message")}
    missing = []
    for path in (ROOT / "visualnn" / "gui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = {}
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef) and fn.args.args:
                for call in ast.walk(fn):
                    if (isinstance(call, ast.Call) and getattr(call.func, "attr", getattr(call.func, "id", None))
                            == "translate" and len(call.args) == 2 and isinstance(call.args[0], ast.Constant)
                            and isinstance(call.args[1], ast.Name) and call.args[1].id == fn.args.args[0].arg):
                        helpers[fn.name] = call.args[0].value
        for call in ast.walk(tree):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in helpers
                    and call.args and isinstance(call.args[0], ast.Constant)):
                key = (helpers[call.func.id], call.args[0].value)
                tr = messages.get(key)
                if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip():
                    missing.append(f"{path.name}:{call.lineno} {key}")
    assert not missing


def test_bundled_names_are_bilingual_and_the_title_follows_the_language(qtbot):
    """Every bundled example and lesson has its name in both languages, and the window's
    title shows it in the language picked in View > Language."""
    import json

    from visualnn.core.io import load_project
    from visualnn.examples import assets_dir, resolve_project
    from visualnn.gui.app import make_app
    from visualnn.gui.document import Document
    from visualnn.gui.main_window import MainWindow

    for folder in ("examples", "lessons"):
        for path in sorted((assets_dir() / folder).glob("*.vnn")):
            name = json.loads(path.read_text(encoding="utf-8"))["name"]
            assert isinstance(name, dict) and name.get("en") and name.get("zh"), path.name
    make_app()
    window = MainWindow(Document(load_project(resolve_project("xor_hidden_layer"))))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    try:
        window.acts.language["zh"].trigger()
        qtbot.waitUntil(lambda: window.windowTitle().startswith("为什么异或需要隐藏层"))
        window.acts.language["en"].trigger()
        qtbot.waitUntil(lambda: window.windowTitle().startswith("Why XOR needs a hidden layer"))
    finally:
        window.acts.language["en"].trigger()
