"""`visualnn lessons` and `visualnn lesson check`: the bundled lessons each pass their own
check (every action valid, every goal reached by its solution), and the exit codes."""

import json

import pytest

from visualnn.cli import main
from visualnn.core.lesson import TOPICS, lessons_dir, parse_lesson

BUNDLED = sorted(lessons_dir().glob("*.vnn"))


def test_lessons_json_lists_every_bundled_lesson(capsys):
    assert main(["lessons", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["lessons"]
    assert sorted(x["file"] for x in listed) == sorted(str(p.resolve()) for p in BUNDLED)
    for x in listed:
        assert x["title"] and x["topics"] and set(x["topics"]) <= set(TOPICS)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_lesson_passes_its_check(path, capsys):
    lesson = parse_lesson(json.loads(path.read_text(encoding="utf-8"))["lesson"])
    assert 4 <= len(lesson.steps) <= 10
    assert any(s.goal is not None and s.goal.solution for s in lesson.steps)
    for step in lesson.steps:  # bilingual: every text in English and Chinese
        assert isinstance(step.text, dict) and step.text.get("en") and step.text.get("zh")
    assert main(["lesson", "check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["steps"] == len(lesson.steps) and report["goals"]
    assert all(g["met"] and g["reached"] is not None for g in report["goals"])


def test_check_exit_codes(tmp_path, capsys):
    path = BUNDLED[0]
    doc = json.loads(path.read_text(encoding="utf-8"))
    step = next(s for s in doc["lesson"]["steps"] if "goal" in s)
    step["goal"]["solution"] = []
    step["actions"] = [a for a in step.get("actions", []) if a["do"] != "train"]
    step["goal"]["at_least" if "at_least" in step["goal"] else "at_most"] = 2.0 if "at_least" in step["goal"] else -1.0
    bad = tmp_path / "unmet.vnn"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["lesson", "check", str(bad), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False
    assert main(["lesson", "check", str(tmp_path / "missing.vnn")]) == 2
    doc["lesson"]["steps"][0]["actions"] = [{"do": "fly"}]
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["lesson", "check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "step 1, actions[0]" in err and "fly" in err and "Traceback" not in err


def test_the_bundled_lessons_cover_every_topic_of_the_course():
    covered = set()
    for path in BUNDLED:
        covered |= set(json.loads(path.read_text(encoding="utf-8"))["lesson"]["topics"])
    assert covered == set(TOPICS)
