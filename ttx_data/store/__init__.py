"""The store: where the app keeps what people write (accounts, sign-in sessions, the snapshot
register, the audit log), in SQLite by default or PostgreSQL (`TTX_DATABASE_URL`).

Plain SQLAlchemy Core; the schema is made by the Alembic migrations in `migrations/`.
`ensure_schema()` gives the engine with its schema up to date; every write goes through
`writing(engine)` and appends to the audit log (`audit.record`) in the same transaction.
"""

from ttx_data.store.database import (
    dispose_engines,
    engine,
    ensure_schema,
    reading,
    upgrade,
    writing,
)
from ttx_data.store.errors import SnapshotNameTaken, StoreError
from ttx_data.store.settings import DATABASE_URL_ENV, database_url

__all__ = [
    "DATABASE_URL_ENV",
    "SnapshotNameTaken",
    "StoreError",
    "database_url",
    "dispose_engines",
    "engine",
    "ensure_schema",
    "reading",
    "upgrade",
    "writing",
]
