"""Help menu dialogs: About, and the layer reference (every layer type from the registry)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout

from visualnn import __version__
from visualnn.core.i18n import tr as core_tr
from visualnn.gui.i18n import translate


def layer_reference_html() -> str:
    """Every layer type, by group: what it does, its formula, shapes and parameters."""
    from visualnn.core.graph import GROUPS, by_group

    out = ["<h2>" + translate("help_dialogs", "Layer reference") + "</h2>",
           "<p>" + translate("help_dialogs", "Every layer visualnn knows, as in the palette. Types and parameters are "
                                             "PyTorch's, "
                             "minus the sizes taken from the incoming tensor.") + "</p>"]
    groups = by_group()
    out.append("<p>" + " · ".join(f"<a href='#{g}'>{html.escape(core_tr(g))}</a>" for g in GROUPS if groups.get(g)) + "</p>")
    for group in list(GROUPS) + [g for g in groups if g not in GROUPS]:
        specs = groups.get(group) or []
        if not specs:
            continue
        out.append(f"<h3><a name='{group}'></a>{html.escape(core_tr(group))}</h3>")
        for spec in specs:
            out.append(f"<h4>{html.escape(spec.type)}</h4><p>{html.escape(core_tr(spec.help))}</p>")
            if spec.formula:
                out.append(f"<p><code>{html.escape(core_tr(spec.formula))}</code></p>")
            if spec.shapes:
                shapes = translate("help_dialogs", "<i>Shapes:</i> {shapes}").format(
                    shapes=html.escape(core_tr(spec.shapes)))
                out.append(f"<p>{shapes}</p>")
            if spec.params:
                rows = "".join(
                    f"<tr><td><code>{html.escape(p.name)}</code></td><td>{html.escape(p.kind)}</td>"
                    f"<td>{html.escape(repr(p.default))}</td><td>{html.escape(core_tr(p.help))}</td></tr>" for p in spec.params)
                head = "".join(f"<th align=left>{h}</th>" for h in (
                    translate("help_dialogs", "parameter"), translate("help_dialogs", "kind"), translate("help_dialogs", "default"), translate("help_dialogs", "meaning")))
                out.append(f"<table border=0 cellspacing=0 cellpadding=3><tr>{head}</tr>{rows}</table>")
    return "".join(out)


class LayerReference(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("help_dialogs", "Layer reference — visualnn"))
        self.resize(760, 720)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setHtml(layer_reference_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)


def show_about(parent) -> None:
    QMessageBox.about(
        parent, translate("help_dialogs", "About visualnn"),
        f"<h3>visualnn {html.escape(__version__)}</h3><p>"
        + translate("help_dialogs", "See neural networks learn: build a network on the canvas, pick a data set, press "
                                    "Play "
                    "and watch activations, gradients and the loss change as PyTorch trains it. "
                    "Step through one update to see every number of the forward pass, the chain rule and "
                    "the weight update.")
        + "</p><p>" + translate("help_dialogs", "Made with PySide6, pyqtgraph, NumPy and PyTorch. MIT licence.") + "</p>")
