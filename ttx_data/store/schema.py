"""The store's tables, as SQLAlchemy Core metadata: accounts, sign-in sessions, the snapshot
register, the append-only audit log with its hash chain, the periodic reports (submissions
with their original files, values and task reports, reviews, the publication journal) and the reporting regime
as the secretariat set it.

The database itself is made by the Alembic migrations in `migrations/versions/`; a test checks that
they build exactly these tables. Times are timezone-aware UTC everywhere (`UTCDateTime`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
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
SUBMISSION_STATES = ("pending_review", "returned", "accepted", "withdrawn", "superseded")
"""A submission waits for review, then is returned (with a reason) or accepted (published); its
reporter may withdraw it while it waits; a newer submission of the same agency and period
supersedes one still waiting, and a newer accepted one supersedes the accepted one."""
DECISIONS = ("accepted", "returned")
"""What a reviewer decides about a submission."""
AREA_LEVELS = ("province", "district", "commune")
"""Levels a reported value belongs to: the province, a plan district, a commune-level unit."""
TASK_ROLES = ("lead", "cooperating")
"""An agency's part in a task it reports on (datasets.TASK_REPORT_ROLES)."""
TASK_STATUSES = ("not_started", "in_progress", "completed")
"""Where a task stands as reported (datasets.TASK_REPORT_STATUSES); NULL: the row left blank."""
PUBLICATION_STATES = ("started", "done")
"""A publication is journaled as started (in the accepting transaction) and marked done once the
published files are in place; one still started at the next start is completed then."""
GENESIS_HASH = "0" * 64
"""The `prev_hash` of the first audit entry."""

USERNAME_LENGTH = 64
ACTOR_LENGTH = 100  # an account's username, or "cli:<operating-system user>"
AGENCY_LENGTH = 80
CLIENT_LENGTH = 200
SUBMISSION_ID_LENGTH = 40
PERIOD_LENGTH = 20
INDICATOR_LENGTH = 80
AREA_CODE_LENGTH = 10
TASK_ID_LENGTH = 40
FILE_NAME_LENGTH = 255
MONTH_DAY_LENGTH = 5  # MM-DD

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

submissions = Table(
    "submissions",
    metadata,
    Column("id", String(SUBMISSION_ID_LENGTH), primary_key=True),
    Column("agency_id", String(AGENCY_LENGTH), nullable=False),
    Column("period", String(PERIOD_LENGTH), nullable=False),
    Column("state", String(16), nullable=False),
    Column("submitted_by", String(ACTOR_LENGTH), nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("file_name", String(FILE_NAME_LENGTH), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("file_size", Integer, nullable=False),
    Column("file_bytes", LargeBinary, nullable=False),
    Column("revision_of", String(SUBMISSION_ID_LENGTH), ForeignKey("submissions.id")),
    Column("example", Boolean, nullable=False),
    Column("comments", Text, nullable=False),
    Column("withdrawn_by", String(ACTOR_LENGTH), nullable=True),
    Column("withdrawn_at", UTCDateTime, nullable=True),
    Column("withdrawn_reason", Text, nullable=True),
    CheckConstraint(_one_of("state", SUBMISSION_STATES), name="state"),
    Index(None, "agency_id", "period"),
    Index(None, "state"),
)
"""One uploaded workbook of an agency for a period: the original file byte for byte (kept in
the database, so it is stored in the same transaction as its values, or not at all), its
SHA-256, who sent it and when, its state, the submission it revises, and whether the workbook
is a filled example (training, the demo data): its values are then published as illustrative."""

submission_values = Table(
    "submission_values",
    metadata,
    Column("submission_id", String(SUBMISSION_ID_LENGTH), ForeignKey("submissions.id")),
    Column("indicator_id", String(INDICATOR_LENGTH), nullable=False),
    Column("area_level", String(10), nullable=False),
    Column("area_code", String(AREA_CODE_LENGTH), nullable=False),
    Column("period", String(PERIOD_LENGTH), nullable=False),
    Column("value", Double, nullable=True),
    Column("source_ref", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("comment", Text, nullable=True),
    PrimaryKeyConstraint("submission_id", "indicator_id", "area_code", "period"),
    CheckConstraint(_one_of("area_level", AREA_LEVELS), name="area_level"),
    Index(None, "indicator_id", "area_code", "period"),
)
"""The values a submission reports (NULL value: the cell was left empty), with the reporter's
source reference, note and the comment answering a warning."""

submission_tasks = Table(
    "submission_tasks",
    metadata,
    Column("submission_id", String(SUBMISSION_ID_LENGTH), ForeignKey("submissions.id")),
    Column("task_id", String(TASK_ID_LENGTH), nullable=False),
    Column("role", String(12), nullable=False),
    Column("period", String(PERIOD_LENGTH), nullable=False),
    Column("status", String(12), nullable=True),
    Column("completed_on", Date, nullable=True),
    Column("deadline", Date, nullable=True),
    Column("progress", Text, nullable=True),
    Column("evidence", Text, nullable=True),
    Column("obstacles", Text, nullable=True),
    Column("proposals", Text, nullable=True),
    Column("comment", Text, nullable=True),
    PrimaryKeyConstraint("submission_id", "task_id", "role"),
    CheckConstraint(_one_of("role", TASK_ROLES), name="role"),
    CheckConstraint(f"status IS NULL OR {_one_of('status', TASK_STATUSES)}", name="status"),
    Index(None, "task_id", "period"),
)
"""The task reports a submission holds, one per row of its tasks sheet (the plan's task or duty
id, the agency's role in it): the status (NULL: the row was left blank), completion date,
deadline, progress, evidence, obstacles, proposals and the comment answering a warning."""

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "submission_id",
        String(SUBMISSION_ID_LENGTH),
        ForeignKey("submissions.id"),
        nullable=False,
        unique=True,
    ),
    Column("reviewer", String(ACTOR_LENGTH), nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    Column("decision", String(10), nullable=False),
    Column("reason", Text, nullable=True),
    CheckConstraint(_one_of("decision", DECISIONS), name="decision"),
    CheckConstraint("decision <> 'returned' OR reason IS NOT NULL", name="return_reason"),
)
"""A reviewer's decision on a submission: one per submission (a returned one is answered by a
new submission, its revision); a return always says why."""

publications = Table(
    "publications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "submission_id",
        String(SUBMISSION_ID_LENGTH),
        ForeignKey("submissions.id"),
        nullable=False,
        index=True,
    ),
    Column("state", String(10), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime, nullable=True),
    CheckConstraint(_one_of("state", PUBLICATION_STATES), name="state"),
)
"""The publication journal: a row per accepted submission, written with the acceptance; marked
done when the published Parquet files hold its values."""

regime_entries = Table(
    "regime_entries",
    metadata,
    Column("indicator_id", String(INDICATOR_LENGTH), primary_key=True),
    Column("frequency", String(PERIOD_LENGTH), nullable=False),
    Column("cutoff", String(MONTH_DAY_LENGTH), nullable=False),
    Column("deadline", String(MONTH_DAY_LENGTH), nullable=False),
    Column("reporter", String(AGENCY_LENGTH), nullable=True),
    Column("plausible_min", Text, nullable=True),
    Column("plausible_max", Text, nullable=True),
    Column("max_change_factor", Text, nullable=False),
    Column("note", Text, nullable=True),
    Column("changed_by", String(ACTOR_LENGTH), nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
)
"""An indicator's row of the reporting regime as the secretariat set it: the columns of
`data/reporting_regime.csv` (text, as the file holds them; NULL for an empty optional cell),
replacing the file's row of that indicator, with who set it and when. A reset to the file's row
deletes it; the audit log keeps every change with its before, after and reason."""
