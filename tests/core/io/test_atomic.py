"""Saving keeps the file's mode and symbolic links, and leaves no temporary file."""

import os
import stat

from visualnn.core.io import atomic, load_project, save_project
from visualnn.core.io.project import Project


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "net.vnn"
    path.write_text("{}")
    os.chmod(path, 0o664)
    save_project(Project(name="kept"), path)
    assert _mode(path) == 0o664
    assert load_project(path).name == "kept"


def test_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        save_project(Project(), tmp_path / "new.vnn")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.vnn") == 0o640


def test_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    real = tmp_path / "store" / "real.vnn"
    real.parent.mkdir()
    real.write_text("{}")
    os.chmod(real, 0o644)
    link = tmp_path / "link.vnn"
    link.symlink_to(real)
    save_project(Project(name="through the link"), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_project(real).name == "through the link"
    assert _mode(real) == 0o644
    assert not [p for p in real.parent.iterdir() if p.suffix == ".tmp"]


def test_failed_write_leaves_no_temporary(tmp_path):
    def boom(tmp):
        tmp.write_text("half")
        raise RuntimeError("killed")

    try:
        atomic.write_with(tmp_path / "x.vnn", boom)
    except RuntimeError:
        pass
    assert list(tmp_path.iterdir()) == []


def test_leftover_temporaries_are_cleaned(tmp_path):
    left = tmp_path / ".net.vnn.abc123xy.tmp"
    left.write_text("half")
    other = tmp_path / "notes.tmp"
    other.write_text("mine")
    os.utime(left, (0, 0))
    assert atomic.clean_temporaries(tmp_path) == [left]
    assert other.exists() and not left.exists()
