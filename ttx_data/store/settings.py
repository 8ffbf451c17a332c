"""The store's one setting: `TTX_DATABASE_URL`, where everything the app writes is kept.

Unset, the store is the SQLite file `var/ttx.sqlite3` in the project (the folder is made on first
use). For PostgreSQL: `postgresql+psycopg://user:password@host:5432/ttx` (psycopg 3; a plain
`postgresql://` URL is read the same way)."""

from __future__ import annotations

import os
from pathlib import Path

from ttx_data.paths import PROJECT_ROOT

DATABASE_URL_ENV = "TTX_DATABASE_URL"
VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_DATABASE = VAR_DIR / "ttx.sqlite3"


def database_url() -> str:
    """The database URL in use: `TTX_DATABASE_URL` when set, else the SQLite file in `var/`."""
    configured = os.environ.get(DATABASE_URL_ENV, "").strip()
    return configured or f"sqlite:///{DEFAULT_DATABASE}"


def var_dir() -> Path:
    """The project's folder for what the running app writes (database, secret key); made on
    first use, readable by its owner only."""
    VAR_DIR.mkdir(mode=0o700, exist_ok=True)
    return VAR_DIR
