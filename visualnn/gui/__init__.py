"""The Qt shell of visualnn: the only package that imports PySide6 or pyqtgraph."""
