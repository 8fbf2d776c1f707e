"""Dataset registry: generated 2-D sets, bundled real sets, sequences, and CSV /
image-folder / IDX import, all split by a seeded shuffle. Pure numpy (no torch,
no Qt)."""
from .assets import assets_dir
from .csvdata import preview_rows
from .dataset import DataError, Dataset, ParamInfo
from .idx import MNIST_FILES, download_mnist, mnist_dir, read_idx, write_idx
from .imagefile import read_image
from .images import resize
from .registry import builtin_names, builtin_params, builtin_task, describe, load_dataset
from .sequences import tokenize

__all__ = [
    "DataError", "Dataset", "MNIST_FILES", "ParamInfo", "assets_dir",
    "builtin_names", "builtin_params", "builtin_task", "describe", "download_mnist",
    "load_dataset", "mnist_dir", "preview_rows", "read_idx", "read_image", "resize",
    "tokenize", "write_idx",
]
