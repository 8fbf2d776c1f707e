"""Loss functions by the names of the project file, and optimizers.

half_sse is the textbook E = 1/2 * sum over outputs of (target - output)^2, averaged over
the batch. The others are PyTorch's, mean-reduced."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from visualnn.core.train.config import TrainConfig


def half_sse(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    diff = (target - output).reshape(output.shape[0], -1)
    return 0.5 * (diff * diff).sum(dim=1).mean()


def loss_fn(name: str):
    """(output, target) -> scalar loss. For cross_entropy the target holds class indices."""
    return {
        "mse": F.mse_loss,
        "half_sse": half_sse,
        "cross_entropy": F.cross_entropy,
        "bce": F.binary_cross_entropy,
        "bce_logits": F.binary_cross_entropy_with_logits,
        "l1": F.l1_loss,
    }[name]


def target_tensor(y, loss: str, device="cpu", dtype=torch.float32) -> torch.Tensor:
    """Targets as the loss wants them: int64 class indices (N,) for cross_entropy, else floats."""
    t = torch.as_tensor(y)
    if loss == "cross_entropy":
        return t.reshape(-1).long().to(device)
    return t.to(device=device, dtype=dtype)


def l1_penalty(model: torch.nn.Module) -> torch.Tensor:
    """sum of |w| over the weights (not biases or norm parameters)."""
    total = None
    for name, p in model.named_parameters():
        if p.dim() > 1:
            s = p.abs().sum()
            total = s if total is None else total + s
    return total if total is not None else torch.zeros(())


def make_optimizer(cfg: TrainConfig, params) -> torch.optim.Optimizer:
    params = list(params)
    if cfg.optimizer == "sgd":
        return torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, nesterov=cfg.nesterov,
                               weight_decay=cfg.weight_decay)
    if cfg.optimizer == "adam":
        return torch.optim.Adam(params, lr=cfg.lr, betas=tuple(cfg.betas), eps=cfg.eps, weight_decay=cfg.weight_decay)
    if cfg.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=cfg.lr, betas=tuple(cfg.betas), eps=cfg.eps, weight_decay=cfg.weight_decay)
    if cfg.optimizer == "rmsprop":
        return torch.optim.RMSprop(params, lr=cfg.lr, momentum=cfg.momentum, eps=cfg.eps, weight_decay=cfg.weight_decay)
    if cfg.optimizer == "adagrad":
        return torch.optim.Adagrad(params, lr=cfg.lr, eps=cfg.eps, weight_decay=cfg.weight_decay)
    raise ValueError(cfg.optimizer)


def set_lr(optimizer: torch.optim.Optimizer, lr: float) -> None:
    for group in optimizer.param_groups:
        group["lr"] = lr
