"""Node id -> the name its layer is registered under in a torch module.

Node ids are the user's names: any Python identifier that is not a keyword (`隐藏层1`,
`forward`, `_modules`). Most are used as they are; an id that would clash with an
attribute torch.nn.Module (or the compiled GraphModule) already has, or that Python would
change when it reads it as an attribute name (identifiers are NFKC-normalised: `ｆｃ` reads
as `fc`), is registered as `node_<id>` instead (with a number where that is taken). The
compiled module, its state_dict keys and the exported PyTorch code use these names; the
project, the step-through trace and every message keep the user's id.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

PREFIX = "node_"
# attributes the compiled module sets on itself (besides those of nn.Module)
MODULE_ATTRS = ("input_id", "output_id", "shapes", "types", "input_dtype", "plan", "names", "ids", "_chain")


@lru_cache(maxsize=1)
def taken_names() -> frozenset[str]:
    """Names a submodule cannot take: nn.Module's methods, properties and instance attributes."""
    import torch.nn as nn

    return frozenset(dir(nn.Module)) | frozenset(vars(nn.Module())) | frozenset(MODULE_ATTRS)


def is_safe(name: str) -> bool:
    """True when `name` can be a submodule's attribute name as it is."""
    return name.isidentifier() and unicodedata.normalize("NFKC", name) == name and name not in taken_names()


def submodule_names(ids) -> dict[str, str]:
    """{node id: submodule name} for the ids of one graph; distinct ids get distinct names."""
    ids = list(ids)
    out = {nid: nid for nid in ids if is_safe(nid)}
    used = set(out.values())
    for nid in ids:
        if nid in out:
            continue
        base = PREFIX + unicodedata.normalize("NFKC", nid)
        name, k = base, 2
        while name in used or name in ids or not is_safe(name):
            name, k = f"{base}_{k}", k + 1
        out[nid] = name
        used.add(name)
    return {nid: out[nid] for nid in ids}
