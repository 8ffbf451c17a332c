"""Where the project's files live: resolved from the package, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA_DIR = PROJECT_ROOT / "data"
QUERIES_DIR = PROJECT_ROOT / "queries"
APP_ICON = Path(__file__).resolve().parent / "assets" / "icon.png"


def data_dir() -> Path:
    """The data directory in use: `TTX_DATA_DIR` when set, else the bundled `data/`."""
    configured = os.environ.get("TTX_DATA_DIR")
    return Path(configured).resolve() if configured else BUNDLED_DATA_DIR
