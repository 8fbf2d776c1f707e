"""The step-through screenshots of the README, from the bundled 2-2-2 lesson (offscreen):

    python -m visualnn.gui.stepthrough.screenshots [--out assets/screenshots]

step_forward.png (an output neuron's z and a), step_backward.png (the chain rule into the
hidden layer) and step_update.png (the output layer's weights old -> new), at 1920x1080,
with settings read from an empty temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

SIZE = (1920, 1080)
SHOTS = (  # file, stage kind, node, neuron (None: the layer's stage)
    ("step_forward.png", "forward", "net_o", (0,)),
    ("step_backward.png", "backward", "out_h", None),
    ("step_update.png", "update", "net_o", None),
)


def shoot(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from visualnn.gui.settings import use_settings_dir

    use_settings_dir(tempfile.mkdtemp(prefix="visualnn-shots-"))
    from visualnn.examples import example_path
    from visualnn.gui.app import create_window, make_app

    app = make_app(lang="en")  # the English README's pictures, whatever the locale
    window = create_window(example_path("lesson_222_sigmoid.vnn"))
    window.resize(*SIZE)
    window.show()
    window.set_mode("step")
    session = window.step_through.session
    while session.busy:
        app.processEvents()
    for _ in range(3):
        app.processEvents()
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for file_name, kind, node, neuron in SHOTS:
        session.go(next(i for i, st in enumerate(session.stages)
                        if st.kind == kind and st.node == node and st.neuron == neuron))
        for _ in range(3):
            app.processEvents()
        window.canvas.fit()
        app.processEvents()
        path = out_dir / file_name
        window.grab().save(str(path))
        written.append(path)
    window.document.mark_saved()
    window.close()
    return written


def main(argv=None) -> int:
    root = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(root / "assets" / "screenshots"))
    args = parser.parse_args(argv)
    for path in shoot(Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
