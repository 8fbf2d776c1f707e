"""The project's `train` section as a checked record, and device selection."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from visualnn.core.i18n import tr

LOSSES = ("mse", "half_sse", "cross_entropy", "bce", "bce_logits", "l1")
CLASSIFICATION_LOSSES = ("cross_entropy",)
OPTIMIZERS = ("sgd", "adam", "adamw", "rmsprop", "adagrad")
DEVICES = ("auto", "cpu", "cuda", "mps")


class ConfigError(ValueError):
    """A `train` setting is out of range; the message names the setting."""


@dataclass
class TrainConfig:
    """loss, optimizer: names as in the design. lr: learning rate. l1: weight of the L1
    penalty sum(|w|) added to the loss; weight_decay: the optimizer's L2 decay.
    test_fraction: share of the data held out for testing (0 to 0.9)."""

    loss: str = "cross_entropy"
    optimizer: str = "sgd"
    lr: float = 0.03
    batch_size: int = 10
    epochs: int = 10
    seed: int = 0
    device: str = "auto"
    test_fraction: float = 0.2
    momentum: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0
    l1: float = 0.0
    betas: tuple = (0.9, 0.999)
    eps: float = 1e-8
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict | None) -> "TrainConfig":
        d = dict(d or {})
        names = {f.name for f in fields(cls)} - {"extra"}
        cfg = cls(**{k: v for k, v in d.items() if k in names})
        cfg.extra = {k: v for k, v in d.items() if k not in names}
        cfg.check()
        if isinstance(cfg.betas, list):
            cfg.betas = tuple(cfg.betas)
        return cfg

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(d.pop("extra"))
        d["betas"] = list(d["betas"])
        return d

    @property
    def is_classification(self) -> bool:
        return self.loss in CLASSIFICATION_LOSSES

    def check(self) -> None:
        def need(ok, msg):
            if not ok:
                raise ConfigError(msg)

        need(self.loss in LOSSES, tr("train.loss {loss!r} is not one of {LOSSES}", loss=self.loss, LOSSES=', '.join(LOSSES)))
        need(self.optimizer in OPTIMIZERS, tr("train.optimizer {optimizer!r} is not one of {OPTIMIZERS}", optimizer=self.optimizer, OPTIMIZERS=', '.join(OPTIMIZERS)))
        need(self.device in DEVICES, tr("train.device {device!r} is not one of {DEVICES}", device=self.device, DEVICES=', '.join(DEVICES)))
        for name in ("lr", "momentum", "weight_decay", "l1", "eps", "test_fraction"):
            v = getattr(self, name)
            need(isinstance(v, (int, float)) and not isinstance(v, bool), tr("train.{name} must be a number, not {v!r}", name=name, v=v))
        need(self.lr > 0, tr("train.lr must be > 0, not {lr}", lr=self.lr))
        need(self.momentum >= 0 and self.weight_decay >= 0 and self.l1 >= 0, tr("train.momentum, weight_decay and l1 must be >= 0"))
        need(0 <= self.test_fraction <= 0.9, tr("train.test_fraction must be between 0 and 0.9, not {test_fraction}", test_fraction=self.test_fraction))
        for name in ("batch_size", "epochs", "seed"):
            v = getattr(self, name)
            need(isinstance(v, int) and not isinstance(v, bool), tr("train.{name} must be a whole number, not {v!r}", name=name, v=v))
        need(self.batch_size >= 1, tr("train.batch_size must be >= 1"))
        need(self.epochs >= 0, tr("train.epochs must be >= 0"))
        need(not self.nesterov or self.momentum > 0, tr("train.nesterov needs momentum > 0"))


class DeviceError(RuntimeError):
    """The asked device is not present."""


def available_devices() -> dict[str, str | None]:
    """Each device name -> None when usable, else the reason it is not (for greying it out)."""
    import torch

    out = {"cpu": None}
    if torch.cuda.is_available():
        out["cuda"] = None
    else:
        out["cuda"] = tr("no CUDA GPU found") if torch.backends.cuda.is_built() else tr("no CUDA GPU found (this PyTorch is a CPU build)")
    mps = getattr(torch.backends, "mps", None)
    out["mps"] = None if mps is not None and mps.is_available() else tr("Apple MPS is not available on this machine")
    return out


def resolve_device(name: str, available: dict[str, str | None] | None = None) -> str:
    """'auto' -> cuda, else mps, else cpu. An explicit device that is missing raises DeviceError."""
    available = available if available is not None else available_devices()
    if name == "auto":
        for dev in ("cuda", "mps"):
            if available.get(dev) is None:
                return dev
        return "cpu"
    if name not in available:
        raise DeviceError(tr("unknown device {name!r}; choose one of {DEVICES}", name=name, DEVICES=', '.join(DEVICES)))
    if available[name] is not None:
        raise DeviceError(tr("device {name!r} asked for, but {available}; use --device cpu or auto", name=name, available=available[name]))
    return name
