"""The plain values the storage layer hands out: frozen records and status enums.

Records are detached copies of rows, safe to keep after the database transaction that produced
them has ended. The opaque JSON columns (``state``, ``payload``) may hold a customer's name, order
and message, so they are left out of ``repr`` to keep them out of logs and tracebacks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

log = logging.getLogger(__name__)


class SessionStatus(StrEnum):
    """Where a coaching session stands."""

    ACTIVE = "active"
    FINISHED = "finished"


class ReminderStatus(StrEnum):
    """The life of a follow-up reminder.

    ``pending`` waits for its due time; ``sending`` is claimed by one bot process, which holds a
    lease until ``claim_expires_at``; ``sent`` reached the seller by DM; ``held`` could not be
    delivered (DMs closed) and waits to be shown the next time the seller uses the bot; ``done``
    was shown or handled; ``cancelled`` was withdrawn by the seller.
    """

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    HELD = "held"
    CANCELLED = "cancelled"
    DONE = "done"


class SuggestionStatus(StrEnum):
    """Where a member's suggestion stands: waiting for a reviewer, or decided."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One seller's walkthrough of one playbook."""

    id: str
    guild_id: int | None
    user_id: int
    state: str = field(repr=False)
    version: int
    status: SessionStatus
    created_at: datetime
    updated_at: datetime

    @property
    def finished(self) -> bool:
        return self.status is SessionStatus.FINISHED

    def belongs_to(self, user_id: int, guild_id: int | None) -> bool:
        """True when the session was started by this user in this server (None: in DMs)."""
        return self.user_id == user_id and self.guild_id == guild_id


@dataclass(frozen=True, slots=True)
class ReminderRecord:
    """A follow-up reminder for a seller."""

    id: int
    user_id: int
    guild_id: int | None
    session_id: str | None
    due_at: datetime
    payload: str = field(repr=False)
    status: ReminderStatus
    claimed_by: str | None
    claim_expires_at: datetime | None
    attempts: int
    created_at: datetime
    delivered_at: datetime | None


@dataclass(frozen=True, slots=True)
class ServerPlaybookRecord:
    """One version of a server's own playbook; ``content`` (its YAML) is None for a removal."""

    guild_id: int
    playbook_id: str
    version: int
    content: str | None = field(repr=False)
    author_id: int | None
    created_at: datetime

    @property
    def removed(self) -> bool:
        return self.content is None


@dataclass(frozen=True, slots=True)
class SuggestionRecord:
    """A member's suggestion; ``payload`` is its scrubbed JSON. ``author_id`` is None once the
    member was forgotten, ``playbook_id`` None for a new situation."""

    id: int
    guild_id: int
    author_id: int | None
    playbook_id: str | None
    kind: str
    payload: str = field(repr=False)
    status: SuggestionStatus
    review_channel_id: int | None
    review_message_id: int | None
    decided_by: int | None
    decided_at: datetime | None
    created_at: datetime

    @property
    def pending(self) -> bool:
        return self.status is SuggestionStatus.PENDING


@dataclass(frozen=True, slots=True)
class Standing:
    """What an interaction reads before it acts (see :meth:`bot.storage.Store.standing`): the
    seller's policy JSON, and in a server its set's revision (0: never changed) and its
    settings JSON; None for what was not read or is not set."""

    policy: str | None = field(repr=False)
    revision: int | None = None
    settings: str | None = field(default=None, repr=False)
