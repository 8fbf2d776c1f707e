"""Threads that work for the GUI: training (training_worker) and what they hand over."""
