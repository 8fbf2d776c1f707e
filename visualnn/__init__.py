"""visualnn: see neural networks learn."""

__version__ = "0.2.0"
