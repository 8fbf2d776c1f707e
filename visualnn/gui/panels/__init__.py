"""Dock panels around the canvas: palette, inspector, dataset, and the training views."""
