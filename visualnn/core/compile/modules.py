"""torch modules for layers that PyTorch lacks as a one-input module.

They subclass the torch class where one exists, so their parameters keep PyTorch's own
names (`weight_ih_l0`, `in_proj_weight`, ...) in the project's `state`.
"""

from __future__ import annotations

import torch
import torch.nn as nn


class Reshape(nn.Module):
    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)

    def extra_repr(self):
        return f"shape={self.shape}"


class Add(nn.Module):
    def forward(self, *xs):
        out = xs[0]
        for x in xs[1:]:
            out = out + x
        return out


class Concat(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.dim = dim  # counts the batch as dim 0

    def forward(self, *xs):
        return torch.cat(xs, dim=self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


def _recurrent_forward(self, x):
    out, _ = self._base.forward(self, x)
    return out[:, -1] if self.output == "last" else out


_RECURRENT = {}


def recurrent_layer(kind: str, input_size: int, output: str, **kw) -> nn.Module:
    """An nn.RNN / nn.LSTM / nn.GRU (batch first) returning one tensor: the last step or all steps."""
    if kind not in _RECURRENT:
        base = getattr(nn, kind)
        _RECURRENT[kind] = type(
            f"{kind}Layer", (base,),
            {"_base": base, "forward": _recurrent_forward,
             "extra_repr": lambda self: base.extra_repr(self) + f", output={self.output!r}"},
        )
    layer = _RECURRENT[kind](input_size, batch_first=True, **kw)
    layer.output = output
    return layer


class SelfAttention(nn.MultiheadAttention):
    """Multi-head self-attention: query = key = value = x, batch first; returns only the output.

    The last attention weights (averaged over heads) are kept in `last_weights` when
    `keep_weights` is set, for the views.
    """

    def __init__(self, embed_dim, num_heads, dropout=0.0, bias=True):
        super().__init__(embed_dim, num_heads, dropout=dropout, bias=bias, batch_first=True)
        self.keep_weights = False
        self.last_weights = None

    def forward(self, x):
        out, w = super().forward(x, x, x, need_weights=self.keep_weights)
        if self.keep_weights:
            self.last_weights = w.detach()
        return out
