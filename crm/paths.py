"""Where the shipped data files are: resources/ next to the packages, or inside the PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return (Path(bundle) if bundle else Path(__file__).resolve().parents[1]) / "resources"


def resource(*parts: str) -> Path:
    """``resource("rules", "fraud.toml")`` → the shipped default file of that name."""
    return resources_dir().joinpath(*parts)
