"""The layer registry: type name -> LayerSpec, and the palette groups."""

from __future__ import annotations

from visualnn.core.graph.layers import ALL
from visualnn.core.graph.spec import LayerSpec

REGISTRY: dict[str, LayerSpec] = {spec.type: spec for spec in ALL}

GROUPS = ("Core", "Convolution", "Recurrent", "Attention", "Activation", "Merge", "Normalisation")


def get_spec(type_name: str) -> LayerSpec | None:
    return REGISTRY.get(type_name)


def layer_types() -> list[str]:
    return list(REGISTRY)


def by_group() -> dict[str, list[LayerSpec]]:
    out = {g: [] for g in GROUPS}
    for spec in REGISTRY.values():
        out.setdefault(spec.group, []).append(spec)
    return out
