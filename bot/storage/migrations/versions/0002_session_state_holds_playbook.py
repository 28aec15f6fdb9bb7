"""Walkthroughs keep their playbook only in their state.

The ``playbook_id`` column copied the state's playbook when a walkthrough started and was never
updated, so after "pick another situation" the two disagreed. The state is the record now.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coach_sessions") as batch:
        batch.drop_column("playbook_id")


def downgrade() -> None:
    # The playbook is read back from each walkthrough's state (JSON text on both databases).
    with op.batch_alter_table("coach_sessions") as batch:
        batch.add_column(sa.Column("playbook_id", sa.String(length=100), nullable=True))
    read = (
        "CAST(state AS json) ->> 'playbook_id'"
        if op.get_context().dialect.name == "postgresql"
        else "json_extract(state, '$.playbook_id')"
    )
    op.execute(f"UPDATE coach_sessions SET playbook_id = COALESCE({read}, '')")
    with op.batch_alter_table("coach_sessions") as batch:
        batch.alter_column("playbook_id", existing_type=sa.String(length=100), nullable=False)
