"""Where the project's files live: resolved from the package, never from the working directory."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA_DIR = PROJECT_ROOT / "data"
QUERIES_DIR = PROJECT_ROOT / "queries"
APP_ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
CHART_FONTS_DIR = Path(__file__).resolve().parent / "assets" / "fonts"
"""Fonts the drawing process gives vl-convert (see its README.md)."""


def replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file in the same directory, then rename over `path`: a reader
    sees the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def data_dir() -> Path:
    """The data directory in use: `TTX_DATA_DIR` when set, else the bundled `data/`."""
    configured = os.environ.get("TTX_DATA_DIR")
    return Path(configured).resolve() if configured else BUNDLED_DATA_DIR
