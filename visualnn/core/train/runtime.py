"""Small runtime choices of the Trainer: CPU threads, tensors on the device, randomness."""

from __future__ import annotations

import math

import torch

DEFAULT_THREADS = torch.get_num_threads()
SMALL_WORK = 2_000_000  # values touched per step below which one CPU thread is fastest


def cpu_threads_for(model, batch_size: int) -> int:
    """How many intra-op CPU threads suit this model: 1 for small ones, where threads
    only wait on each other (on a machine busy with other work that made steps 5 to 10
    times slower), else PyTorch's default. The size counted is batch_size times the
    values of every node's output plus the parameter count."""
    values = sum(math.prod(s) for s in model.shapes.values())
    work = batch_size * values + sum(p.numel() for p in model.parameters())
    return 1 if work < SMALL_WORK else DEFAULT_THREADS


def to_device(a, device) -> torch.Tensor:
    """A numpy array as a tensor on `device` (copied when the array is read-only)."""
    return torch.from_numpy(a if a.flags.writeable else a.copy()).to(device)


def has_randomness(model) -> bool:
    """True when the model draws random numbers while training (dropout)."""
    for m in model.modules():
        if isinstance(m, torch.nn.modules.dropout._DropoutNd) and m.p > 0:
            return True
        if isinstance(m, torch.nn.MultiheadAttention) and m.dropout > 0:
            return True
        if isinstance(m, torch.nn.RNNBase) and m.dropout > 0:
            return True
    return False
