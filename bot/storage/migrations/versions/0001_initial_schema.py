"""Initial schema: coaching sessions, seller policies, server settings and reminders.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 07:38:24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coach_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("playbook_id", sa.String(length=100), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'finished')", name=op.f("ck_coach_sessions_status")
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_coach_sessions_version_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_sessions")),
    )
    op.create_index(
        op.f("ix_coach_sessions_user_id_updated_at"), "coach_sessions", ["user_id", "updated_at"]
    )
    op.create_index(op.f("ix_coach_sessions_updated_at"), "coach_sessions", ["updated_at"])

    op.create_table(
        "seller_policies",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("policy", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_seller_policies")),
    )

    op.create_table(
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_guild_settings")),
    )

    op.create_table(
        "reminders",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("session_id", sa.String(length=32), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'held', 'cancelled', 'done')",
            name=op.f("ck_reminders_status"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_reminders_attempts_not_negative")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["coach_sessions.id"],
            name=op.f("fk_reminders_session_id_coach_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    op.create_index(op.f("ix_reminders_status_due_at"), "reminders", ["status", "due_at"])
    op.create_index(op.f("ix_reminders_user_id_status"), "reminders", ["user_id", "status"])
    op.create_index(op.f("ix_reminders_session_id"), "reminders", ["session_id"])


def downgrade() -> None:
    op.drop_table("reminders")  # its indexes go with it
    op.drop_table("guild_settings")
    op.drop_table("seller_policies")
    op.drop_table("coach_sessions")
