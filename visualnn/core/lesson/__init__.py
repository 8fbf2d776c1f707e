"""Lessons: a project's `lesson` section (steps of text, actions, goals), played headless
for `visualnn lesson check` and by the app's lesson panel."""

from visualnn.core.lesson.check import LessonInfo, check_lesson, lesson_report, lessons_dir, list_lessons
from visualnn.core.lesson.goals import constraint_problems, goal_met, goal_text, metric_value, network_size
from visualnn.core.lesson.model import (
    ACTIONS, METRICS, PANELS, TOPICS, VIEWS, Goal, Lesson, LessonError, Step, lesson_to_dict, parse_lesson,
    part_problem, project_lesson,
)
from visualnn.core.lesson.player import LessonPlayer, set_value

__all__ = [
    "ACTIONS", "METRICS", "PANELS", "TOPICS", "VIEWS", "Goal", "Lesson", "LessonError", "LessonInfo", "LessonPlayer",
    "Step", "check_lesson", "constraint_problems", "goal_met", "goal_text", "lesson_report", "lesson_to_dict",
    "lessons_dir", "list_lessons", "metric_value", "network_size", "parse_lesson", "part_problem",
    "project_lesson", "set_value",
]
