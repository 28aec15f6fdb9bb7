"""Server playbooks: each server's own playbook versions, hidden shipped playbooks, and a
revision counter per server.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_playbooks",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("playbook_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_server_playbooks_version_positive")),
        sa.PrimaryKeyConstraint(
            "guild_id", "playbook_id", "version", name=op.f("pk_server_playbooks")
        ),
    )
    op.create_table(
        "hidden_playbooks",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("playbook_id", sa.String(length=64), nullable=False),
        sa.Column("hidden_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "playbook_id", name=op.f("pk_hidden_playbooks")),
    )
    op.create_table(
        "server_set_revisions",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_server_set_revisions")),
    )


def downgrade() -> None:
    op.drop_table("server_set_revisions")
    op.drop_table("hidden_playbooks")
    op.drop_table("server_playbooks")
