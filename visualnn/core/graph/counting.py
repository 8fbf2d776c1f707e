"""Parameter counts from the layer maths, without building torch modules (fast for the UI)."""

from __future__ import annotations

from visualnn.core.graph.layers._util import pair


def count_params(type_name: str, p: dict, ins: list[tuple]) -> int:
    """Number of learnable values of a layer with resolved params `p` and input shapes `ins`."""
    if type_name == "Linear":
        f = ins[0][-1]
        return f * p["out_features"] + (p["out_features"] if p["bias"] else 0)
    if type_name == "Conv2d":
        kh, kw = pair(p["kernel_size"])
        c = ins[0][0]
        return p["out_channels"] * c * kh * kw + (p["out_channels"] if p["bias"] else 0)
    if type_name in ("BatchNorm1d", "BatchNorm2d"):
        return 2 * ins[0][0] if p["affine"] else 0
    if type_name == "LayerNorm":
        return 2 * ins[0][-1] if p["elementwise_affine"] else 0
    if type_name == "Embedding":
        return p["num_embeddings"] * p["embedding_dim"]
    if type_name in ("RNN", "LSTM", "GRU"):
        gates = {"RNN": 1, "LSTM": 4, "GRU": 3}[type_name]
        h, dirs = p["hidden_size"], 2 if p["bidirectional"] else 1
        total, f = 0, ins[0][-1]
        for layer in range(p["num_layers"]):
            size_in = f if layer == 0 else h * dirs
            per = gates * h * (size_in + h) + (2 * gates * h if p["bias"] else 0)
            total += per * dirs
        return total
    if type_name == "SelfAttention":
        e = ins[0][-1]
        return 4 * e * e + (4 * e if p["bias"] else 0)
    return 0
