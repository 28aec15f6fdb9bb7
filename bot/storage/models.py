"""The database schema as SQLAlchemy ORM models.

The same models serve SQLite and PostgreSQL. The schema itself is created and changed only by
the Alembic migrations in ``bot/storage/migrations``; a test checks that the two agree.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.storage.records import ReminderStatus, SessionStatus, SuggestionStatus

log = logging.getLogger(__name__)

# Stable constraint names on every database, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SESSION_ID_LENGTH = 32
#: A playbook id (a slug of at most 64 characters).
PLAYBOOK_ID_LENGTH = 64
STATUS_LENGTH = 16
WORKER_ID_LENGTH = 100


def utcnow() -> datetime:
    """The current time as a timezone-aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database.

    PostgreSQL stores ``timestamptz``. SQLite has no timestamp type, so the value is stored as
    UTC text without an offset, which keeps text comparison equal to time comparison; it comes
    back with ``tzinfo=UTC`` attached. Naive datetimes are refused rather than guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            raise ValueError("naive datetime: pass a timezone-aware datetime")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
AutoIncrementId = BigInteger().with_variant(Integer(), "sqlite")


def _status_check(
    enum: type[SessionStatus] | type[ReminderStatus] | type[SuggestionStatus],
) -> str:
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"status IN ({values})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime()}  # noqa: RUF012


class CoachSession(Base):
    """A seller's walkthrough; ``state`` is the coaching engine's opaque JSON.

    The state is the only record of what it holds (the playbook, the step, the details): no
    column copies a part of it, so nothing can fall out of step when the state changes.
    """

    __tablename__ = "coach_sessions"

    id: Mapped[str] = mapped_column(String(SESSION_ID_LENGTH), primary_key=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    user_id: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(STATUS_LENGTH))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint(_status_check(SessionStatus), name="status"),
        CheckConstraint("version >= 1", name="version_positive"),
        Index(None, "user_id", "updated_at"),
        Index(None, "updated_at"),
    )


class SellerPolicy(Base):
    """A seller's shop policy (goodwill budget, return shipping, ...); opaque JSON."""

    __tablename__ = "seller_policies"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    policy: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class GuildSettings(Base):
    """A server's configuration, set by its admins; opaque JSON."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    settings: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class Reminder(Base):
    """A follow-up reminder; ``payload`` (the follow-up draft etc.) is opaque JSON."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(AutoIncrementId, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    session_id: Mapped[str | None] = mapped_column(
        String(SESSION_ID_LENGTH), ForeignKey(CoachSession.id, ondelete="SET NULL")
    )
    due_at: Mapped[datetime]
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(STATUS_LENGTH))
    claimed_by: Mapped[str | None] = mapped_column(String(WORKER_ID_LENGTH))
    claim_expires_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint(_status_check(ReminderStatus), name="status"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index(None, "status", "due_at"),
        Index(None, "user_id", "status"),
        Index(None, "session_id"),
    )


SCOPE_LENGTH = 100
HASH_LENGTH = 64


class CommandSync(Base):
    """The application commands last synced to Discord, per application and scope.

    ``payload_hash`` is the SHA-256 of the command payload last synced; a process that is about
    to sync claims the row first (``claimed_by`` with a lease), so one process syncs at a time.
    """

    __tablename__ = "command_syncs"

    scope: Mapped[str] = mapped_column(String(SCOPE_LENGTH), primary_key=True)
    payload_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
    synced_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(WORKER_ID_LENGTH))
    claim_expires_at: Mapped[datetime | None]


class ServerPlaybook(Base):
    """One version of a server's own playbook: its YAML as uploaded, or NULL for a removal.

    Versions are never changed or deleted, so a server can go back to any of them and a
    walkthrough started on one keeps it, whatever happens to the playbook afterwards.
    """

    __tablename__ = "server_playbooks"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    playbook_id: Mapped[str] = mapped_column(String(PLAYBOOK_ID_LENGTH), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    content: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]

    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)


class HiddenPlaybook(Base):
    """A shipped playbook a server has hidden from its members."""

    __tablename__ = "hidden_playbooks"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    playbook_id: Mapped[str] = mapped_column(String(PLAYBOOK_ID_LENGTH), primary_key=True)
    hidden_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class ServerSetRevision(Base):
    """A counter per server, raised with every change to its playbooks or hidden ones: one
    primary-key read tells a bot process whether its copy of the server's set is current."""

    __tablename__ = "server_set_revisions"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime]


KIND_LENGTH = 32


class Suggestion(Base):
    """A member's suggestion for a server's playbooks, and the reviewers' decision on it.

    ``payload`` is the suggestion itself as JSON, scrubbed of customer details before it was
    stored. ``author_id`` and ``decided_by`` become NULL when that member asks to be forgotten;
    ``playbook_id`` is NULL for a new situation. A decision is a compare-and-set from
    ``pending``, so two reviewers pressing at once decide once.
    """

    __tablename__ = "suggestions"

    id: Mapped[int] = mapped_column(AutoIncrementId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    playbook_id: Mapped[str | None] = mapped_column(String(PLAYBOOK_ID_LENGTH))
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(STATUS_LENGTH))
    review_channel_id: Mapped[int | None] = mapped_column(BigInteger)
    review_message_id: Mapped[int | None] = mapped_column(BigInteger)
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint(_status_check(SuggestionStatus), name="status"),
        Index(None, "author_id", "created_at"),
        Index(None, "guild_id", "status"),
    )
