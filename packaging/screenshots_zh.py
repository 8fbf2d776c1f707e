"""The Chinese screenshots of README.zh-CN.md (offscreen, light theme, UI in Simplified Chinese):

    QT_QPA_PLATFORM=offscreen python packaging/screenshots_zh.py [--out assets/screenshots]

training_zh.png: the main window while the spiral example trains (live views open);
step_through_zh.png: step-through on the 2-2-2 lesson, at the chain rule into the hidden
layer; layer_reference_zh.png: the layer reference (Help > Layer Reference, F1).
Settings are read from an empty temporary folder. A font with Chinese glyphs must be
installed (on Debian / Ubuntu: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1600, 1000)


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

    app = make_app(lang="zh")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []

    window = create_window(example_path("spiral_tanh.vnn"))  # training, caught while it runs
    window.resize(*SIZE)
    window.show()
    ui = window.training
    _wait(app, lambda: window.dataset_panel.dataset is not None)
    ui.panel.buttons["play"].click()
    _wait(app, lambda: ui.controller.epoch >= 3 and ui.controller.current is not None, 300)
    views = ui.views.ensure_views()
    for tab in ui.views.tabs:
        for key in ("boundary", "curves", "grads"):
            if views[key] in [tab.widget(i) for i in range(tab.count())]:
                tab.setCurrentWidget(views[key])
    window.docks["training"].raise_()
    window.canvas.fit()
    _wait(app, lambda: False, 1.0)
    written.append(out_dir / "training_zh.png")
    window.grab().save(str(written[-1]))
    ui.controller.pause()
    ui.shutdown()
    window.document.mark_saved()
    window.close()

    window = create_window(example_path("lesson_222_sigmoid.vnn"))  # step-through
    window.resize(*SIZE)
    window.show()
    window.set_mode("step")
    session = window.step_through.session
    _wait(app, lambda: not session.busy and session.trace is not None)
    session.go(next(i for i, st in enumerate(session.stages) if st.kind == "backward" and st.node == "out_h"))
    _wait(app, lambda: False, 0.3)
    window.canvas.fit()
    app.processEvents()
    written.append(out_dir / "step_through_zh.png")
    window.grab().save(str(written[-1]))

    from visualnn.gui.help_dialogs import LayerReference  # the layer reference (F1)

    ref = LayerReference(window)
    ref.resize(900, 1000)
    ref.show()
    _wait(app, lambda: False, 0.3)
    written.append(out_dir / "layer_reference_zh.png")
    ref.grab().save(str(written[-1]))
    ref.close()
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
