"""Device choice without a GPU: the logic runs on a faked table of what is present."""

import pytest

from tests.core.train.helpers import mlp
from visualnn.core.train.config import DeviceError, resolve_device
from visualnn.core.train.trainer import Trainer

NONE = {"cpu": None, "cuda": "no CUDA GPU found", "mps": "Apple MPS is not available on this machine"}


def test_auto_falls_back_to_cpu():
    assert resolve_device("auto", NONE) == "cpu"
    assert resolve_device("cpu", NONE) == "cpu"


def test_auto_prefers_cuda_then_mps():
    assert resolve_device("auto", {**NONE, "cuda": None}) == "cuda"
    assert resolve_device("auto", {**NONE, "mps": None}) == "mps"
    assert resolve_device("auto", {**NONE, "cuda": None, "mps": None}) == "cuda"


def test_missing_device_gives_a_clear_message():
    with pytest.raises(DeviceError, match=r"device 'cuda' asked for, but no CUDA GPU found; use --device cpu or auto"):
        resolve_device("cuda", NONE)
    with pytest.raises(DeviceError, match="unknown device 'tpu'"):
        resolve_device("tpu", NONE)


def test_trainer_refuses_a_device_that_is_not_here(monkeypatch):
    from visualnn.core.train import config

    monkeypatch.setattr(config, "available_devices", lambda: dict(NONE))
    for dev in ("cuda", "mps"):
        with pytest.raises(DeviceError, match=f"device '{dev}' asked for, but {NONE[dev]}"):
            Trainer(mlp(), device=dev)
        with pytest.raises(DeviceError, match=f"device '{dev}' asked for"):
            Trainer(mlp(device=dev))
    assert Trainer(mlp(device="auto")).device == "cpu"


def test_trainer_on_the_auto_device():
    t = Trainer(mlp(device="auto"))
    assert t.device == resolve_device("auto")
    assert str(next(t.model.parameters()).device).startswith(t.device)
