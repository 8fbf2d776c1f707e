"""The lesson section: parsing, the messages naming step and field, the round trip."""

import copy

import pytest

from visualnn.core.lesson import LessonError, TOPICS, lesson_to_dict, parse_lesson

GOOD = {
    "title": {"en": "Linear regression", "zh": "线性回归"},
    "topics": ["linear_regression", "gradient_descent"],
    "hide": ["palette", "data", "train.optimizer", "views.weights"],
    "lock": ["graph", "data"],
    "steps": [
        {"text": {"en": "Markdown ...", "zh": "..."},
         "actions": [{"do": "select", "nodes": ["fc"]}, {"do": "set", "key": "train.lr", "value": 0.1},
                     {"do": "train", "epochs": 20}, {"do": "show", "view": "landscape"},
                     {"do": "stepthrough", "stage": 3}, {"do": "reset"}],
         "goal": {"metric": "test_loss", "at_most": 0.05, "max_params": 10, "text": "Under 0.05",
                  "solution": [{"do": "set", "key": "train.lr", "value": 0.05}, {"do": "train", "epochs": 40}]},
         "note": "kept"},
        {"text": "Plain text step"},
    ],
    "extra_key": [1, 2],
}


def test_parse_and_round_trip():
    lesson = parse_lesson(GOOD)
    assert len(lesson.steps) == 2
    assert lesson.steps[0].goal.metric == "test_loss" and lesson.steps[0].goal.target == 0.05
    assert lesson.steps[0].goal.constraints == {"max_params": 10}
    assert lesson.steps[0].goal.satisfied_by(0.04) and not lesson.steps[0].goal.satisfied_by(0.06)
    assert lesson_to_dict(lesson) == GOOD
    assert parse_lesson(lesson_to_dict(lesson)) == lesson


@pytest.mark.parametrize("change, words", [
    (lambda d: d["steps"][0]["actions"].append({"do": "fly"}), ["step 1", "actions[6]", "fly"]),
    (lambda d: d["steps"][1].update(goal={"metric": "speed", "at_least": 1}), ["step 2", "goal.metric", "speed"]),
    (lambda d: d["steps"][1].update(goal={"metric": "test_loss"}), ["step 2", "at_least", "at_most"]),
    (lambda d: d["steps"][0]["actions"].append({"do": "set", "key": "train.speed", "value": 1}),
     ["step 1", "train.speed"]),
    (lambda d: d["steps"][0]["actions"].append({"do": "show", "view": "nowhere"}), ["step 1", "nowhere"]),
    (lambda d: d["steps"][0]["actions"].append({"do": "train"}), ["step 1", "epochs"]),
    (lambda d: d["steps"][0]["goal"]["solution"].append({"do": "train", "epochs": 0}),
     ["step 1", "goal.solution[2]", "epochs"]),
    (lambda d: d["hide"].append("views.nothing"), ["lesson.hide", "views.nothing"]),
    (lambda d: d["lock"].append("toaster"), ["lesson.lock", "toaster"]),
    (lambda d: d["topics"].append("cooking"), ["lesson.topics", "cooking"]),
    (lambda d: d.update(steps=[]), ["lesson.steps"]),
])
def test_errors_name_step_and_field(change, words):
    doc = copy.deepcopy(GOOD)
    change(doc)
    with pytest.raises(LessonError) as e:
        parse_lesson(doc)
    for w in words:
        assert w in str(e.value)


def test_topics_are_the_design_vocabulary():
    assert len(TOPICS) == 26 and "xor_hidden_layer" in TOPICS and "evaluation_metrics" in TOPICS
