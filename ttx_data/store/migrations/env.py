"""Alembic's environment for the store: runs the migrations on the connection that
`ttx_data.store.database.upgrade` hands over (or on `TTX_DATABASE_URL` when run by Alembic's own
command line), with the store's metadata for `alembic check`."""

from __future__ import annotations

from alembic import context

from ttx_data.store import database
from ttx_data.store.schema import metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with database.writing(database.engine(context.config.get_main_option("sqlalchemy.url"))) as c:
        _run(c)
