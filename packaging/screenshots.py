"""Regenerate the README screenshots of the main window (offscreen, light theme).

    QT_QPA_PLATFORM=offscreen python packaging/screenshots.py [--out assets/screenshots]

Writes main_window.png (the default example, as `visualnn` opens) and cnn_digits.png (the
CNN on digits), both 1920x1080, with a layer selected so the inspector shows its settings;
then training_spiral.png and training_cnn_digits.png: the same two examples trained with
Play to their number of epochs, the live views open (boundary, curves, gradient norms for
the spiral; samples, curves, confusion matrix for the CNN).
Settings are read from an empty temporary folder, so the user's own window layout, theme
and recent files never show up in the pictures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1920, 1080)  # a projector's native resolution
TRAINING_SHOTS = (
    # file, example, live-view tabs to bring to the front
    ("training_spiral.png", "spiral_tanh.vnn", ("boundary", "curves", "grads")),
    ("training_cnn_digits.png", "digits_cnn.vnn", ("samples", "curves", "confusion")),
)
SHOTS = (
    # file, example, layer to select (None: the first hidden layer)
    ("main_window.png", "spiral_tanh.vnn", None),
    ("cnn_digits.png", "digits_cnn.vnn", "Conv2d"),
)


def _wait(app, until, seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from visualnn.gui.settings import use_settings_dir

    use_settings_dir(tempfile.mkdtemp(prefix="visualnn-shots-"))
    from visualnn.examples import example_path
    from visualnn.gui.app import create_window, make_app

    app = make_app(lang="en")  # the English README's pictures, whatever the locale
    written = []
    for file_name, example, select in SHOTS:
        window = create_window(example_path(example))
        window.resize(*SIZE)
        window.show()
        _wait(app, lambda: window.dataset_panel.dataset is not None or bool(window.dataset_panel.error))
        graph = window.document.graph
        order = window.document.report.order or list(graph.nodes)
        pick = next((n for n in order if select is None and graph.nodes[n].type not in ("Input",)
                     or graph.nodes[n].type == select), None)
        if pick:
            window.canvas.select_ids([pick])
            window.docks["inspector"].raise_()
        window.canvas.fit()
        _wait(app, lambda: window.training.controller.current is not None)  # the network's live values
        _wait(app, lambda: False, 1.5)  # let deferred set-up, repaints and the first pulse settle
        window.canvas.fit()
        app.processEvents()
        path = out_dir / file_name
        out_dir.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path))
        written.append(path)
        window.document.mark_saved()
        window.close()
    for file_name, example, tabs in TRAINING_SHOTS:
        window = create_window(example_path(example))
        window.resize(*SIZE)
        window.show()
        ui = window.training
        ui.panel.buttons["play"].click()
        _wait(app, lambda: ui.controller.state == "paused" and ui.controller.epoch > 0
              and ui.controller.current is not None, 600)
        views = ui.views.ensure_views()
        for tab in ui.views.tabs:
            for key in tabs:
                if views[key] in [tab.widget(i) for i in range(tab.count())]:
                    tab.setCurrentWidget(views[key])
        window.docks["training"].raise_()
        window.canvas.fit()
        _wait(app, lambda: False, 1.5)  # the pulse shown when training paused has ended
        path = out_dir / file_name
        window.grab().save(str(path))
        written.append(path)
        ui.shutdown()
        window.document.mark_saved()
        window.close()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "assets" / "screenshots"))
    args = parser.parse_args(argv)
    for path in shoot(Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
