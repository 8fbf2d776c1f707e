"""Lessons in the app: the lesson panel, student and teacher modes, presenting."""
