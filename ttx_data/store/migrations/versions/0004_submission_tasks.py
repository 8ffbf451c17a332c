"""Task reports through the reporting cycle: a submission's reports on the plan's tasks.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-12

Kept as a submission's values are (0002): the database refuses DELETE, TRUNCATE and UPDATE of
the rows (triggers per dialect, the PostgreSQL ones calling 0002's function).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEPT = (
    "lịch sử báo cáo được giữ nguyên: không xóa, không sửa tệp, giá trị hay kết quả thẩm định /"
    " reporting history is kept: no deletion, no change to a file, a value or a review"
)

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER submission_tasks_no_{change} BEFORE {change.upper()} ON submission_tasks
    BEGIN SELECT RAISE(ABORT, '{KEPT}'); END"""
    for change in ("delete", "update")
]

POSTGRESQL_TRIGGERS = [
    *(
        f"""CREATE TRIGGER submission_tasks_no_{change} BEFORE {change.upper()}
        ON submission_tasks FOR EACH ROW EXECUTE FUNCTION reporting_history_kept()"""
        for change in ("delete", "update")
    ),
    """CREATE TRIGGER submission_tasks_no_truncate BEFORE TRUNCATE ON submission_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_history_kept()""",
]


def upgrade() -> None:
    op.create_table(
        "submission_tasks",
        sa.Column("submission_id", sa.String(40), nullable=False),
        sa.Column("task_id", sa.String(40), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("status", sa.String(12), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("progress", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("obstacles", sa.Text(), nullable=True),
        sa.Column("proposals", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("role IN ('lead', 'cooperating')", name="ck_submission_tasks_role"),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('not_started', 'in_progress', 'completed')",
            name="ck_submission_tasks_status",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name="fk_submission_tasks_submission_id_submissions",
        ),
        sa.PrimaryKeyConstraint("submission_id", "task_id", "role", name="pk_submission_tasks"),
    )
    op.create_index("ix_submission_tasks_task_id_period", "submission_tasks", ["task_id", "period"])
    dialect = op.get_bind().dialect.name
    for statement in POSTGRESQL_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("submission_tasks")  # its triggers go with it
