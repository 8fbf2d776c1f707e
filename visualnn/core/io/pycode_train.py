"""The parts of an exported script around the network class: header, build_model(), the
loss, the optimizer and a plain PyTorch training loop that also runs under torchrun with
DistributedDataParallel. Placeholders `@NAME@` are filled by export_py."""

from __future__ import annotations

HEADER = '''"""@TITLE@

A network made in visualnn, as plain PyTorch (needs @NEEDS@).

Use the network in your own code:

    from @MODULE@ import build_model
    model = build_model()@WEIGHTS_NOTE@

Train it on the project's data with the project's loss, optimizer and settings:

    python @FILE@ --epochs 20
    torchrun --standalone --nproc_per_node=4 @FILE@   # 4 processes, DistributedDataParallel

Each run saves the trained weights as a state dict (default @TRAINED@), which
build_model("@TRAINED@") loads, and visualnn can open back into the project.
"""

import argparse
import os
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

HERE = Path(__file__).resolve().parent
WEIGHTS = @WEIGHTS@
SEED = @SEED@  # the project's seed: initial weights, data and shuffling
'''

BUILD = '''
def build_model(weights=WEIGHTS, seed=SEED):
    """The network, with the weights of `weights` (a state dict file saved by torch.save)
    when given; without, freshly initialised from `seed` as visualnn initialises it."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = @CLASS@()
    if weights is not None:
        if not Path(weights).exists():
            raise FileNotFoundError(f"weights file not found: {weights}")
        model.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))
    return model
'''

SETTINGS = '''
# The project's training settings.
LOSS = @LOSS@
EPOCHS = @EPOCHS@
BATCH_SIZE = @BATCH_SIZE@
LR = @LR@
TEST_FRACTION = @TEST_FRACTION@
L1 = @L1@  # weight of the L1 penalty sum(|w|) over the weight matrices
DEVICE = @DEVICE@
TASK = @TASK@
OUTPUT_SHAPE = @OUTPUT_SHAPE@  # one sample's output, batch excluded
'''

HALF_SSE = '''
def half_sse(output, target):
    """E = 1/2 * sum over outputs of (target - output)^2, averaged over the batch."""
    diff = (target - output).reshape(output.shape[0], -1)
    return 0.5 * (diff * diff).sum(dim=1).mean()
'''

LOSSES = {
    "mse": "F.mse_loss",
    "half_sse": "half_sse",
    "cross_entropy": "F.cross_entropy",
    "bce": "F.binary_cross_entropy",
    "bce_logits": "F.binary_cross_entropy_with_logits",
    "l1": "F.l1_loss",
}

TRAIN = '''
def loss_fn(output, target):
    return @LOSS_CALL@(output, target)


def make_optimizer(params, lr=LR):
    return @OPTIMIZER@


def as_target(y):
    """Targets shaped like the network's output, as the loss wants them."""
    t = torch.from_numpy(np.ascontiguousarray(y))
    n = t.shape[0]
    if LOSS == "cross_entropy":
        return t.reshape(n).long()
    if TASK == "classification":  # class indices compared with numbers: 0/1 or one-hot
        width = int(np.prod(OUTPUT_SHAPE))
        if width == 1:
            return t.float().reshape(n, *OUTPUT_SHAPE)
        return F.one_hot(t.reshape(n).long(), width).float().reshape(n, *OUTPUT_SHAPE)
    return t.float().reshape(n, *OUTPUT_SHAPE)


def l1_penalty(model):
    return sum(p.abs().sum() for p in model.parameters() if p.dim() > 1)


def evaluate(model, x, y, device):
    """Mean loss (and accuracy for classification) over x, y, in chunks."""
    model.eval()
    total, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), 4096):
            xb, yb = x[i:i + 4096].to(device), y[i:i + 4096].to(device)
            out = model(xb)
            total += loss_fn(out, yb).item() * len(xb)
            if TASK == "classification":
                flat = out.reshape(len(xb), -1)
                if flat.shape[1] == 1:
                    pred = (flat[:, 0] > (0.0 if LOSS == "bce_logits" else 0.5)).long()
                else:
                    pred = flat.argmax(dim=1)
                labels = yb.reshape(len(xb), -1).argmax(dim=1) if yb.dim() > 1 and yb.shape[-1] > 1 else yb.reshape(-1).round().long()
                correct += int((pred == labels).sum())
    model.train()
    n = max(len(x), 1)
    return total / n, (correct / n if TASK == "classification" else None)


def pick_device(name):
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    return torch.device(name)


def main(argv=None):
    parser = argparse.ArgumentParser(description=@DESCRIPTION@)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="samples per step in each process")
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--device", default=DEVICE, help="auto, cpu, cuda or mps (under torchrun: cuda:LOCAL_RANK or cpu)")
    parser.add_argument("--out", default=str(HERE / @TRAINED_NAME@), help="where to save the trained state dict")
    parser.add_argument("--save-every-rank", action="store_true",
                        help="also save each process's weights as OUT.rank<N>.pt (they must agree)")
    args = parser.parse_args(argv)

    distributed = "WORLD_SIZE" in os.environ  # set by torchrun
    if distributed:
        import torch.distributed as dist
        from torch.nn.parallel import DistributedDataParallel as DDP
        from torch.utils.data.distributed import DistributedSampler

        use_cuda = torch.cuda.is_available() and args.device in ("auto", "cuda")
        dist.init_process_group("nccl" if use_cuda else "gloo")  # reads MASTER_ADDR, RANK, ... from the env
        rank, world = dist.get_rank(), dist.get_world_size()
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0))) if use_cuda else torch.device("cpu")
        if use_cuda:
            torch.cuda.set_device(device)
    else:
        rank, world, device = 0, 1, pick_device(args.device)

    x_train, y_train, x_test, y_test = load_data()
    train_set = TensorDataset(torch.from_numpy(x_train), as_target(y_train))
    x_test, y_test = torch.from_numpy(x_test), as_target(y_test)

    torch.manual_seed(SEED + rank)  # dropout masks differ between processes
    net = build_model().to(device)
    model = net
    sampler = None
    if distributed:
        model = DDP(net, device_ids=[device.index] if device.type == "cuda" else None)
        sampler = DistributedSampler(train_set, num_replicas=world, rank=rank, shuffle=True, seed=SEED)
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=sampler is None, sampler=sampler,
                        generator=torch.Generator().manual_seed(SEED))
    optimizer = make_optimizer(model.parameters(), args.lr)

    for epoch in range(1, args.epochs + 1):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        sums = torch.zeros(2, dtype=torch.float64, device=device)  # loss * samples, samples
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            (loss + L1 * l1_penalty(net) if L1 else loss).backward()
            optimizer.step()
            sums += torch.tensor([loss.item() * len(xb), len(xb)], dtype=torch.float64, device=device)
        if distributed:
            dist.all_reduce(sums)
        if rank == 0:
            line = f"epoch {epoch}/{args.epochs}  train_loss {sums[0].item() / max(sums[1].item(), 1):.4f}"
            if len(x_test):
                test_loss, accuracy = evaluate(net, x_test, y_test, device)
                line += f"  test_loss {test_loss:.4f}"
                if accuracy is not None:
                    line += f"  test_accuracy {accuracy:.4f}"
            print(line, flush=True)

    state = {k: v.detach().cpu() for k, v in net.state_dict().items()}
    if rank == 0:
        torch.save(state, args.out)
        print(f"saved {args.out}", flush=True)
    if args.save_every_rank:
        torch.save(state, f"{args.out}.rank{rank}.pt")
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
'''


def optimizer_call(cfg) -> str:
    """The optimizer's constructor as written in the exported file (`params`, `lr` bound there)."""
    kw = {"lr": "lr"}
    if cfg.optimizer in ("sgd", "rmsprop") and cfg.momentum:
        kw["momentum"] = repr(float(cfg.momentum))
    if cfg.optimizer == "sgd" and cfg.nesterov:
        kw["nesterov"] = "True"
    if cfg.optimizer in ("adam", "adamw"):
        if tuple(cfg.betas) != (0.9, 0.999):
            kw["betas"] = repr(tuple(float(b) for b in cfg.betas))
    if cfg.optimizer == "adagrad" or (cfg.optimizer != "sgd" and cfg.eps != 1e-8):
        kw["eps"] = repr(float(cfg.eps))
    if cfg.weight_decay or cfg.optimizer == "adamw":
        kw["weight_decay"] = repr(float(cfg.weight_decay))
    name = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad"}[cfg.optimizer]
    return f"torch.optim.{name}(params, " + ", ".join(f"{k}={v}" for k, v in kw.items()) + ")"


def fill(template: str, values: dict) -> str:
    for key, value in values.items():
        template = template.replace(f"@{key}@", str(value))
    return template
