"""Periodic reports: submissions (with the original file), their values, reviews and the
publication journal.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Nothing of a report is ever deleted: the database refuses DELETE on the four tables, UPDATE of a
submission's file, agency, period, sender and time, and UPDATE of values and reviews (triggers,
written per dialect as in 0001). A submission's state, and a publication's, may change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KEPT = (
    "lịch sử báo cáo được giữ nguyên: không xóa, không sửa tệp, giá trị hay kết quả thẩm định /"
    " reporting history is kept: no deletion, no change to a file, a value or a review"
)
FIXED_COLUMNS = (
    "file_bytes, file_sha256, file_size, agency_id, period, submitted_by, submitted_at, example"
)

SQLITE_TRIGGERS = [
    *(
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{KEPT}'); END"""
        for table in ("submissions", "submission_values", "reviews", "publications")
    ),
    *(
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{KEPT}'); END"""
        for table in ("submission_values", "reviews")
    ),
    f"""CREATE TRIGGER submissions_file_kept BEFORE UPDATE OF {FIXED_COLUMNS} ON submissions
    BEGIN SELECT RAISE(ABORT, '{KEPT}'); END""",
]

POSTGRESQL_TRIGGERS = [
    f"""CREATE FUNCTION reporting_history_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{KEPT}' USING ERRCODE = 'restrict_violation';
    END $$""",
    *(
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION reporting_history_kept()"""
        for table in ("submissions", "submission_values", "reviews", "publications")
    ),
    *(
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION reporting_history_kept()"""
        for table in ("submissions", "submission_values", "reviews", "publications")
    ),
    *(
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        FOR EACH ROW EXECUTE FUNCTION reporting_history_kept()"""
        for table in ("submission_values", "reviews")
    ),
    f"""CREATE TRIGGER submissions_file_kept BEFORE UPDATE OF {FIXED_COLUMNS} ON submissions
    FOR EACH ROW EXECUTE FUNCTION reporting_history_kept()""",
]


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("agency_id", sa.String(80), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("submitted_by", sa.String(100), nullable=False),
        sa.Column("submitted_at", _when(), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_bytes", sa.LargeBinary(), nullable=False),
        sa.Column("revision_of", sa.String(40), nullable=True),
        sa.Column("example", sa.Boolean(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("withdrawn_by", sa.String(100), nullable=True),
        sa.Column("withdrawn_at", _when(), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending_review', 'returned', 'accepted', 'withdrawn', 'superseded')",
            name="ck_submissions_state",
        ),
        sa.ForeignKeyConstraint(
            ["revision_of"], ["submissions.id"], name="fk_submissions_revision_of_submissions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
    )
    op.create_index("ix_submissions_agency_id_period", "submissions", ["agency_id", "period"])
    op.create_index("ix_submissions_state", "submissions", ["state"])
    op.create_table(
        "submission_values",
        sa.Column("submission_id", sa.String(40), nullable=False),
        sa.Column("indicator_id", sa.String(80), nullable=False),
        sa.Column("area_level", sa.String(10), nullable=False),
        sa.Column("area_code", sa.String(10), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("source_ref", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "area_level IN ('province', 'district', 'commune')",
            name="ck_submission_values_area_level",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name="fk_submission_values_submission_id_submissions",
        ),
        sa.PrimaryKeyConstraint(
            "submission_id", "indicator_id", "area_code", "period", name="pk_submission_values"
        ),
    )
    op.create_index(
        "ix_submission_values_indicator_id_area_code_period",
        "submission_values",
        ["indicator_id", "area_code", "period"],
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(40), nullable=False),
        sa.Column("reviewer", sa.String(100), nullable=False),
        sa.Column("decided_at", _when(), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint("decision IN ('accepted', 'returned')", name="ck_reviews_decision"),
        sa.CheckConstraint(
            "decision <> 'returned' OR reason IS NOT NULL", name="ck_reviews_return_reason"
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name="fk_reviews_submission_id_submissions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.UniqueConstraint("submission_id", name="uq_reviews_submission_id"),
    )
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(40), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("started_at", _when(), nullable=False),
        sa.Column("finished_at", _when(), nullable=True),
        sa.CheckConstraint("state IN ('started', 'done')", name="ck_publications_state"),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name="fk_publications_submission_id_submissions",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_publications"),
    )
    op.create_index("ix_publications_submission_id", "publications", ["submission_id"])
    dialect = op.get_bind().dialect.name
    for statement in POSTGRESQL_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for table in ("publications", "reviews", "submission_values", "submissions"):
        op.drop_table(table)  # their triggers go with them
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION reporting_history_kept()")
