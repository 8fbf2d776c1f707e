"""The status bar's permanent parts: the shape status ("valid: output [2]" or the first
problem), the parameter count and the zoom."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QStatusBar

from visualnn.core.graph import param_count
from visualnn.gui import style
from visualnn.gui.i18n import translate


class ProjectStatus:
    def __init__(self, bar: QStatusBar):
        self.shape = QLabel()
        self.shape.setTextFormat(Qt.TextFormat.RichText)
        self.params = QLabel()
        self.params.setToolTip(translate("status", "Learnable parameters (weights and biases) of the whole network"))
        self.zoom = QLabel("100 %")
        self.zoom.setToolTip(translate("status", "Zoom: the mouse wheel or Ctrl +/-; Ctrl+0 fits the whole network"))
        bar.addWidget(self.shape, 1)
        bar.addPermanentWidget(self.params)
        bar.addPermanentWidget(self.zoom)

    def update(self, graph, report) -> None:
        total = sum(param_count(graph, report).values()) if report.order else 0
        self.params.setText(translate("status", "{total} parameters").format(total=f"{total:,}"))
        if report.ok:
            out = graph.output_id()
            shape = report.shapes.get(out) if out else None
            shape_txt = "[" + ", ".join(map(str, shape)) + "]" if shape is not None else "?"
            self.shape.setText(f"<span style='color:{style.hex_color('ok')}'>●</span> " + translate("status", "valid: output {shape}").format(shape=shape_txt))
            self.shape.setToolTip(translate("status", "The network is valid; {n} layers").format(n=len(report.order)))
        else:
            n = len(report.problems)
            head = (translate("status", "{n} problems:") if n > 1 else translate("status", "1 problem:")).format(n=n)
            self.shape.setText(f"<span style='color:{style.hex_color('error')}'>● {head}</span> {html.escape(str(report.problems[0]))}")
            self.shape.setToolTip("\n".join(str(p) for p in report.problems))

    def set_zoom(self, z: float) -> None:
        self.zoom.setText(f"{z * 100:.0f} %")

    def text(self) -> str:
        """The shape status as plain text."""
        d = QTextDocument()
        d.setHtml(self.shape.text())
        return d.toPlainText()
