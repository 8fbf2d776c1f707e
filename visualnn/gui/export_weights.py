"""Which weights an export (PyTorch code, ONNX) carries once the network has trained: the
trained ones (the default) or the project's own (its saved `state`, else the seed's)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QMessageBox

from visualnn.gui.i18n import translate

READ_TIMEOUT_MS = 15000
WITH_WEIGHTS = ("py", "onnx")



def has_trained(window) -> bool:
    training = getattr(window, "training", None)
    ctl = getattr(training, "controller", None)
    return ctl is not None and ctl.worker is not None and ctl.step > 0


def ask(window) -> str | None:
    """"trained", "project", or None (cancelled)."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("ExportWeights", "Export which weights?"),
                      translate("ExportWeights", "The network has trained. Export the trained weights, or the project's own weights "
                          "(as saved, or the seed's where none are saved)?"), QMessageBox.StandardButton.Cancel,
                      window)
    box.setObjectName("exportWeightsQuestion")
    trained = box.addButton(translate("ExportWeights", "Trained weights"), QMessageBox.ButtonRole.AcceptRole)
    trained.setObjectName("exportTrained")
    saved = box.addButton(translate("ExportWeights", "Project's weights"), QMessageBox.ButtonRole.AcceptRole)
    saved.setObjectName("exportProject")
    box.setDefaultButton(trained)
    box.exec()
    clicked = box.clickedButton()
    return "trained" if clicked is trained else "project" if clicked is saved else None


def read_trained(ctl) -> dict | None:
    """The training worker's weights now, as the project's state lists (None if it does not answer)."""
    got: dict = {}
    loop = QEventLoop()

    def on_read(state) -> None:
        got["state"] = state
        loop.quit()

    ctl.weightsRead.connect(on_read)
    QTimer.singleShot(READ_TIMEOUT_MS, loop.quit)
    ctl.read_weights()
    if "state" not in got:
        loop.exec()
    ctl.weightsRead.disconnect(on_read)
    return got.get("state")


def project_to_export(window, fmt: str):
    """The project an export of `fmt` writes: after training, as the user chooses (None:
    cancelled); else the project as it is."""
    project = window.document.project
    if fmt not in WITH_WEIGHTS or not has_trained(window):
        return project
    choice = ask(window)
    if choice is None:
        return None
    if choice == "project":
        return project
    state = read_trained(window.training.controller)
    if state is None:
        QMessageBox.warning(window, translate("ExportWeights", "Export"),
                            translate("ExportWeights", "The training did not hand over its weights; "
                                                       "the project's own weights are exported."))
        return project
    out = project.copy()
    out.state = state
    return out
