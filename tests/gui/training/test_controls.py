"""Play, Pause, Step, Reset and the settings, driven with the mouse and the keyboard."""

from __future__ import annotations

import torch
from PySide6.QtCore import Qt

from visualnn.core.compile import compile_graph

from .conftest import WAIT_MS, first_sgd_step, paused, state_of, weights


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_play_then_pause_changes_the_weights(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    assert ctl.worker.where == "process" and ctl.worker.trainer is None  # trains in its own process
    before = weights(ctl, qtbot)
    click(qtbot, ui.panel.buttons["play"])
    qtbot.waitUntil(lambda: ctl.step >= 20, timeout=WAIT_MS)
    assert ui.actions["play"].text() == "Pause"
    click(qtbot, ui.panel.buttons["play"])
    qtbot.waitUntil(lambda: paused(ctl), timeout=WAIT_MS)
    assert ui.actions["play"].text() == "Play"
    after = weights(ctl, qtbot)
    assert any(not torch.equal(before[k], after[k]) for k in before)
    steps = ctl.step
    assert ui.panel.step_label.text() == f"Step {steps}"
    again = weights(ctl, qtbot)  # paused: nothing moves any more
    assert all(torch.equal(after[k], again[k]) for k in after)
    assert ctl.step == steps


def test_step_is_exactly_one_sgd_update_on_the_first_batch(train_window, qtbot):
    w = train_window
    ctl = w.training.controller
    click(qtbot, w.training.panel.buttons["step"])
    qtbot.waitUntil(lambda: ctl.step == 1 and paused(ctl), timeout=WAIT_MS)
    assert w.training.panel.step_label.text() == "Step 1"
    mine, loss = first_sgd_step(w.document.project, w.document.project.train["lr"])
    theirs = weights(ctl, qtbot)
    assert ctl.step == 1
    for k in mine:
        assert torch.allclose(mine[k], theirs[k], atol=1e-7), k
    # the shown frame belongs to that step: its loss is the batch's loss
    qtbot.waitUntil(lambda: ctl.current is not None and ctl.current.step == 1, timeout=WAIT_MS)
    assert abs(ctl.current.snapshot.loss - loss) < 1e-6


def test_reset_restores_the_seeded_weights(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    run = ctl.session.run
    click(qtbot, ui.panel.buttons["play"])
    qtbot.waitUntil(lambda: ctl.step >= 10, timeout=WAIT_MS)
    click(qtbot, ui.panel.buttons["reset"])
    qtbot.waitUntil(lambda: ctl.session.run == run + 1 and ctl.step == 0 and paused(ctl), timeout=WAIT_MS)
    seeded = state_of(compile_graph(w.document.graph, seed=w.document.project.train["seed"]))
    now = weights(ctl, qtbot)
    for k in seeded:
        assert torch.equal(seeded[k], now[k]), k
    qtbot.waitUntil(lambda: ctl.current is not None and ctl.current.run == run + 1, timeout=WAIT_MS)
    assert torch.equal(torch.from_numpy(ctl.current.params["fc1"]["weight"].copy()), seeded["fc1.weight"])
    curves = ui.views.ensure_views()["curves"]
    kept = ui.views.runs.runs  # the first run is kept, in its own colour; the next one begins with its first step
    assert kept and ui.views.runs.batch[kept[0].uid].count >= 10 and len(curves.runs) == len(kept)


def test_space_plays_and_pauses(train_window, qtbot):
    w = train_window
    ctl = w.training.controller
    play = w.training.actions["play"]

    def ink():  # the colour of the play action's icon, where its glyph is
        from PySide6.QtGui import QColor

        img = play.icon().pixmap(32, 32).toImage()
        return {QColor(img.pixel(x, y)).name() for x in range(img.width()) for y in range(img.height())
                if QColor.fromRgba(img.pixel(x, y)).alpha() == 255}

    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ctl.state == "running" and ctl.step > 0, timeout=WAIT_MS)
    assert play.text() == "Pause"
    qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: paused(ctl) and ctl.state == "paused", timeout=WAIT_MS)
    assert play.text() == "Play"
    from visualnn.gui import theme

    for name in ("dark", "light"):  # the icons follow the theme's text colour
        w.set_theme(name, save=False)
        assert ink() == {theme.current()["text"]}


def test_settings_go_through_undo_and_reach_the_running_worker(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    stack = w.document.undo_stack
    n = stack.count()
    edit = ui.panel.lr.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "0.5")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert w.document.project.train["lr"] == 0.5
    assert stack.count() == n + 1
    click(qtbot, ui.panel.buttons["step"])
    qtbot.waitUntil(lambda: ctl.step == 1 and paused(ctl), timeout=WAIT_MS)
    at_half, _ = first_sgd_step(w.document.project, 0.5)  # the step took the new rate
    assert all(torch.allclose(at_half[k], v, atol=1e-7) for k, v in weights(ctl, qtbot).items())
    stack.undo()
    assert ui.panel.lr.currentText() == "0.1"
    click(qtbot, ui.panel.buttons["reset"])
    qtbot.waitUntil(lambda: ctl.step == 0 and paused(ctl), timeout=WAIT_MS)
    click(qtbot, ui.panel.buttons["step"])
    qtbot.waitUntil(lambda: ctl.step == 1 and paused(ctl), timeout=WAIT_MS)
    at_tenth, _ = first_sgd_step(w.document.project, 0.1)  # and the undone one again
    assert all(torch.allclose(at_tenth[k], v, atol=1e-7) for k, v in weights(ctl, qtbot).items())
    assert not torch.allclose(at_half["fc1.weight"], at_tenth["fc1.weight"])
    n = stack.count()
    for typed in ("-1", "abc", "0"):  # refused where it was typed and in the status bar; nothing changes
        edit.selectAll()
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert ui.panel.lr.currentText() == "0.1" and w.document.project.train["lr"] == 0.1
        assert w.statusBar().currentMessage() == f"Learning rate: {typed!r} is not a number > 0; kept 0.1"
    assert stack.count() == n


def test_closing_the_window_while_training_stops_the_thread(train_window, qtbot):
    w = train_window
    ctl = w.training.controller
    ctl.play()
    qtbot.waitUntil(lambda: ctl.step > 0, timeout=WAIT_MS)
    worker = ctl.worker
    assert worker.isRunning()
    w.document.mark_saved()  # (a finished epoch marks the runs unsaved: no question on close here)
    w.close()
    assert worker.isFinished() and not worker.isRunning()
    assert ctl.worker is None
    ctl.play()  # after closing, nothing starts again
    assert ctl.worker is None


def test_play_pauses_after_the_projects_number_of_epochs(qtbot, tmp_path):
    from tests.gui.main_helpers import open_window

    w = open_window(qtbot, tmp_path)  # epochs: 2
    ui, ctl = w.training, w.training.controller
    click(qtbot, ui.panel.buttons["play"])
    qtbot.waitUntil(lambda: ctl.epoch == 2 and paused(ctl) and ctl.state == "paused", timeout=WAIT_MS)
    assert ui.panel.progress.value() == ui.panel.progress.maximum() == 2
    assert "Paused after 2 epochs" in ui.panel.status.text()
    steps = ctl.step
    click(qtbot, ui.panel.buttons["epoch"])  # Step epoch: one more, then pause again
    qtbot.waitUntil(lambda: ctl.epoch == 3 and paused(ctl), timeout=WAIT_MS)
    assert ctl.step == steps + ctl.session.steps_per_epoch
    assert ui.panel.epoch_label.text() == "Epoch 3 (set: 2)"
    click(qtbot, ui.panel.buttons["play"])  # going on past the project's number
    qtbot.waitUntil(lambda: ctl.state == "running", timeout=WAIT_MS)
    assert "Paused after" not in ui.panel.status.text() and "steps per epoch" in ui.panel.status.text()
    click(qtbot, ui.panel.buttons["play"])
    qtbot.waitUntil(lambda: paused(ctl) and ctl.state == "paused", timeout=WAIT_MS)


def test_keep_weights_makes_the_trained_weights_the_projects_own(train_window, qtbot):
    w = train_window
    ui, ctl = w.training, w.training.controller
    for i in range(2):
        click(qtbot, ui.panel.buttons["step"])
        qtbot.waitUntil(lambda: ctl.step == i + 1 and paused(ctl), timeout=WAIT_MS)
    trained = weights(ctl, qtbot)
    click(qtbot, ui.panel.buttons["keep"])
    qtbot.waitUntil(lambda: w.document.project.state is not None, timeout=WAIT_MS)
    kept = w.document.project.state
    assert torch.allclose(torch.tensor(kept["fc1"]["weight"]), trained["fc1.weight"])
    # the next run starts from them, and undo goes back to the seeded start
    qtbot.waitUntil(lambda: ctl.step == 0 and ctl.current is not None and paused(ctl)
                    and torch.allclose(torch.from_numpy(ctl.current.params["fc1"]["weight"].copy()),
                                       trained["fc1.weight"]), timeout=WAIT_MS)
    w.document.undo_stack.undo()
    assert w.document.project.state is None


def test_the_number_of_epochs_changed_in_the_panel_is_where_play_pauses(qtbot, tmp_path):
    from tests.gui.main_helpers import open_window

    w = open_window(qtbot, tmp_path)  # epochs: 2
    ui, ctl = w.training, w.training.controller
    ctl.ensure_started()
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=WAIT_MS)

    def type_epochs(n: int):
        spin = ui.panel.epochs
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, str(n) if n else "0")
        qtbot.keyClick(spin, Qt.Key.Key_Return)

    type_epochs(0)  # no limit, set before Play: Play must not pause at the old 2
    assert w.document.project.train["epochs"] == 0
    ctl.set_speed(25)  # about 1.5 epochs a second: time to change the number while it runs
    click(qtbot, ui.panel.buttons["play"])
    qtbot.waitUntil(lambda: ctl.epoch >= 3, timeout=WAIT_MS)
    assert ctl.state == "running"
    target = ctl.epoch + 2
    type_epochs(target)  # while running: Play now pauses there
    qtbot.waitUntil(lambda: paused(ctl) and ctl.state == "paused", timeout=WAIT_MS)
    assert ctl.epoch == target and ui.panel.progress.value() == ui.panel.progress.maximum() == target
