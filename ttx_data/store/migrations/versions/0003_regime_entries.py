"""The reporting regime as the secretariat set it: one row per indicator, replacing the bundled
file's row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08

A row is changed or deleted (a reset to the bundled value) by the app; every change is in the
audit log, which keeps the history.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regime_entries",
        sa.Column("indicator_id", sa.String(80), nullable=False),
        sa.Column("frequency", sa.String(20), nullable=False),
        sa.Column("cutoff", sa.String(5), nullable=False),
        sa.Column("deadline", sa.String(5), nullable=False),
        sa.Column("reporter", sa.String(80), nullable=True),
        sa.Column("plausible_min", sa.Text(), nullable=True),
        sa.Column("plausible_max", sa.Text(), nullable=True),
        sa.Column("max_change_factor", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.String(100), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("indicator_id", name="pk_regime_entries"),
    )


def downgrade() -> None:
    op.drop_table("regime_entries")
