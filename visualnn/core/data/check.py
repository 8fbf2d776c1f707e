"""Checks of a project's `data` section that need no loading (for `visualnn validate`).

`data_problems` says what is wrong with the section without reading the data set: an
unknown kind or builtin name, builtin parameters out of range, a file path that is
missing, not a regular file, or over the size limit.
"""

from __future__ import annotations

from pathlib import Path

from visualnn.core.i18n import N_, tr

from .dataset import DataError
from .limits import check_file

FILE_KINDS = {"csv": N_("a CSV file"), "idx": N_("an IDX file"), "text": N_("a text file"), "npz": N_("an npz file")}
FOLDER_KINDS = ("images",)


def data_problems(data, base_dir=None) -> list[str]:
    """Each problem of `data` as one line (empty when nothing is wrong)."""
    from . import registry

    if not isinstance(data, dict) or not data:
        return [] if isinstance(data, dict) else [tr("data must be an object with a 'kind'")]
    kind = data.get("kind")
    try:
        if kind == "builtin":
            registry.coerce_params(data.get("name"), data.get("params"))
            return []
        known = tuple(registry.KINDS)
        if kind not in known:
            return [tr("unknown data kind {kind} (use one of {kinds})", kind=repr(kind), kinds=", ".join(known))]
        if kind in FILE_KINDS or kind in FOLDER_KINDS:
            return _path_problems(data, base_dir, kind)
    except DataError as e:
        return [str(e)]
    return []


def _path_problems(data: dict, base_dir, kind: str) -> list[str]:
    raw = data.get("path")
    if not raw:
        return [tr("{kind} data needs a 'path'", kind=kind)]
    path = Path(str(raw)).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    if kind in FOLDER_KINDS:
        return [] if path.is_dir() else [tr("{path}: no such folder", path=path)]
    if not path.exists():
        return [tr("{path}: no such file", path=path)]
    if path.is_dir() and kind != "idx":
        return [tr("{path}: is a folder, not {what}", path=path, what=tr(FILE_KINDS[kind]))]
    check_file(path, FILE_KINDS[kind])
    return []
