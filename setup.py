"""The wheel's packages: visualnn's own, and `visualnn._assets`, which pyproject.toml maps
to the assets/ folder (examples, corpora, icons). Packages mapped to another folder are
not found by automatic discovery, so they are listed here, each with all its files;
everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import find_packages, setup

ASSETS = Path(__file__).resolve().parent / "assets"
NOT_SHIPPED = {"__pycache__", "screenshots"}  # pictures for the README stay in the repository
asset_packages = ["visualnn._assets"] + [
    "visualnn._assets." + ".".join(p.relative_to(ASSETS).parts)
    for p in sorted(ASSETS.rglob("*"))
    if p.is_dir() and not NOT_SHIPPED & set(p.relative_to(ASSETS).parts)
]

setup(
    packages=find_packages(include=["visualnn", "visualnn.*"]) + asset_packages,
    package_data={name: ["*"] for name in asset_packages},
)
