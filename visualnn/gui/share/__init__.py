"""Comparing and sharing: the race of variants, figures of the live views and animations
of training."""
