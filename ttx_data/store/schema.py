"""The store's tables, as SQLAlchemy Core metadata: accounts, sign-in sessions, the snapshot
register and the append-only audit log with its hash chain.

The database itself is made by the Alembic migrations in `migrations/versions/`; a test checks that
they build exactly these tables. Times are timezone-aware UTC everywhere (`UTCDateTime`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

ACCOUNT_ROLES = ("reporter", "reviewer", "admin")
"""Roles an account can hold (a viewer is anyone not signed in, with no account)."""
AUTH_SOURCES = ("local", "oidc")
"""How an account signs in: a password kept here (local) or the single sign-on provider (oidc)."""
SNAPSHOT_STATES = ("reserved", "ready")
"""A snapshot name is reserved while its files are copied, ready once they are in place; a failed
copy removes its row (the audit log keeps the failure), which frees the name."""
GENESIS_HASH = "0" * 64
"""The `prev_hash` of the first audit entry."""

USERNAME_LENGTH = 64
ACTOR_LENGTH = 100  # an account's username, or "cli:<operating-system user>"
AGENCY_LENGTH = 80
CLIENT_LENGTH = 200

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator):
    """A point in time, stored and returned as timezone-aware UTC on every engine (SQLite keeps
    no zone, so the value is written in UTC and read back as UTC). A naive time is refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone-aware time (UTC)")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(USERNAME_LENGTH), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("agency_code", String(AGENCY_LENGTH), nullable=True),
    Column("password_hash", String(255), nullable=True),
    Column("auth_source", String(8), nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("failed_attempts", Integer, nullable=False),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint(_one_of("role", ACCOUNT_ROLES), name="role"),
    CheckConstraint(_one_of("auth_source", AUTH_SOURCES), name="auth_source"),
    CheckConstraint("role <> 'reporter' OR agency_code IS NOT NULL", name="reporter_agency"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
    Column("client", String(CLIENT_LENGTH), nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("snapshot_id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_key", Text, nullable=False),
    Column("state", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(ACTOR_LENGTH), nullable=False),
    UniqueConstraint("name_key"),
    CheckConstraint(_one_of("state", SNAPSHOT_STATES), name="state"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(ACTOR_LENGTH), nullable=False),
    Column("role", String(16), nullable=False),
    Column("agency_code", String(AGENCY_LENGTH), nullable=True),
    Column("action", String(40), nullable=False),
    Column("target", String(CLIENT_LENGTH), nullable=False),
    Column("detail", Text, nullable=False),
    Column("client", String(CLIENT_LENGTH), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False, unique=True),
    Index(None, "action"),
    Index(None, "actor"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("last_id", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
    CheckConstraint("id = 1", name="one_row"),
)
"""The end of the audit chain (one row): locked by each append, so appends take turns."""

sign_in_throttle = Table(
    "sign_in_throttle",
    metadata,
    Column("username", String(CLIENT_LENGTH), primary_key=True),
    Column("failed_attempts", Integer, nullable=False),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("updated_at", UTCDateTime, nullable=False),
)
"""Failed sign-ins under names that have no account, so such a name locks exactly as an
account's does and a reader cannot tell which names exist."""
