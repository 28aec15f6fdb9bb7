"""All reads and writes of the application's data, as one :class:`Store`.

Every method runs in its own short transaction and returns plain records (see
:mod:`bot.storage.records`), never live ORM objects. Writes that must not race are single
conditional statements (compare-and-set), so they stay correct when several bot processes share
one PostgreSQL database. The JSON columns are opaque here and may hold a customer's details:
they are never logged; logs carry ids and counts only.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Executable,
    Result,
    Row,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.dml import ReturningInsert

from bot.storage.models import (
    WORKER_ID_LENGTH,
    CoachSession,
    CommandSync,
    GuildSettings,
    HiddenPlaybook,
    Reminder,
    SellerPolicy,
    ServerPlaybook,
    ServerSetRevision,
    Suggestion,
    utcnow,
)
from bot.storage.records import (
    ReminderRecord,
    ReminderStatus,
    ServerPlaybookRecord,
    SessionRecord,
    SessionStatus,
    Standing,
    SuggestionRecord,
    SuggestionStatus,
)

log = logging.getLogger(__name__)

# 16 random bytes: 22 URL-safe characters, 128 bits; leaves most of a 100-character custom_id.
SESSION_ID_BYTES = 16
DEFAULT_LEASE = timedelta(minutes=2)
DEFAULT_MAX_ATTEMPTS = 5
#: Tries at a write that two processes may race for (a new version number).
SAVE_ATTEMPTS = 3

_SESSION_COLUMNS = tuple(CoachSession.__table__.c)
_REMINDER_COLUMNS = tuple(Reminder.__table__.c)
_SUGGESTION_COLUMNS = tuple(Suggestion.__table__.c)


# The statements of every interaction's path, built once with bound parameters: building a
# statement (and its cache key) each time cost more CPU than executing it on SQLite.
_sessions = CoachSession.__table__
_CREATE_SESSION = insert(_sessions).returning(*_SESSION_COLUMNS)
_GET_SESSION = select(*_SESSION_COLUMNS).where(_sessions.c.id == bindparam("b_id"))
_SERVER_SET_REVISION = select(ServerSetRevision.revision).where(
    ServerSetRevision.guild_id == bindparam("b_guild_id")
)
_SESSION_VERSION = select(_sessions.c.version).where(_sessions.c.id == bindparam("b_id"))
_GET_POLICY = select(SellerPolicy.policy).where(SellerPolicy.user_id == bindparam("b_user_id"))
_GET_GUILD_SETTINGS = select(GuildSettings.settings).where(
    GuildSettings.guild_id == bindparam("b_guild_id")
)
#: What an interaction reads before it acts, in one statement: the server's set revision
#: (when the caller needs the server's set), the seller's policy, and the server's settings
#: (when wanted); keyed by (revision, settings). Each is a primary-key look-up, as alone.
_STANDING = {
    (revision, settings): select(
        *(
            column
            for wanted, column in (
                (revision, _SERVER_SET_REVISION.scalar_subquery().label("revision")),
                (True, _GET_POLICY.scalar_subquery().label("policy")),
                (settings, _GET_GUILD_SETTINGS.scalar_subquery().label("settings")),
            )
            if wanted
        )
    )
    for revision in (False, True)
    for settings in (False, True)
}
_SAVE_SESSION = (
    update(_sessions)
    .where(
        _sessions.c.id == bindparam("b_session_id"),
        _sessions.c.user_id == bindparam("b_user_id"),
        _sessions.c.guild_id.is_not_distinct_from(bindparam("b_guild_id")),
        _sessions.c.version == bindparam("b_expected_version"),
    )
    .values(
        state=bindparam("b_state"),
        version=_sessions.c.version + 1,
        status=bindparam("b_status"),
        updated_at=bindparam("b_updated_at"),
    )
    .returning(*_SESSION_COLUMNS)
)


def new_session_id() -> str:
    """A fresh unguessable session id, safe to put in a Discord ``custom_id``."""
    return secrets.token_urlsafe(SESSION_ID_BYTES)


def new_worker_id() -> str:
    """A name for this process when it claims reminders: host, pid and a random tag."""
    worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    return worker[-WORKER_ID_LENGTH:]


def _worker(worker_id: str) -> str:
    if not worker_id or len(worker_id) > WORKER_ID_LENGTH:
        raise ValueError(f"worker_id must be 1-{WORKER_ID_LENGTH} characters")
    return worker_id


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return value


def _session(row: Row[Any]) -> SessionRecord:
    data = dict(row._mapping)
    data["status"] = SessionStatus(data["status"])
    return SessionRecord(**data)


def _reminder(row: Row[Any]) -> ReminderRecord:
    data = dict(row._mapping)
    data["status"] = ReminderStatus(data["status"])
    return ReminderRecord(**data)


def _suggestion(row: Row[Any]) -> SuggestionRecord:
    values = dict(row._mapping)
    values["status"] = SuggestionStatus(values["status"])
    return SuggestionRecord(**values)


def _server_playbook(row: Row[Any]) -> ServerPlaybookRecord:
    return ServerPlaybookRecord(**row._mapping)


def _reminders(rows: Iterable[Row[Any]]) -> list[ReminderRecord]:
    # RETURNING gives rows in no particular order.
    return sorted((_reminder(row) for row in rows), key=lambda r: (r.due_at, r.id))


def _cancel_waiting(session_id: str, user_id: int) -> Any:
    return (
        update(Reminder)
        .where(
            Reminder.session_id == session_id,
            Reminder.user_id == user_id,
            Reminder.status == ReminderStatus.PENDING.value,
        )
        .values(status=ReminderStatus.CANCELLED.value)
    )


def _same_guild(guild_id: int | None) -> ColumnElement[bool]:
    if guild_id is None:
        return CoachSession.guild_id.is_(None)
    return CoachSession.guild_id == guild_id


T = TypeVar("T")


class TransactionRunner(Protocol):
    """Runs ``work(connection)``, one statement of an interaction's path, as a transaction of
    its own, on a connection of its own (see :mod:`bot.storage.database`)."""

    async def run(self, work: Callable[[Connection], T], *, write: bool) -> T: ...


class Store:
    """The application's data access, over an async SQLAlchemy engine (SQLite or PostgreSQL).

    ``clock`` returns the current aware UTC time; tests may pass their own. ``worker``, when
    given, runs the statements of every interaction's path (a walkthrough's reads and saves,
    the seller's policy, :meth:`standing`) in one hand-off each: on a SQLite file
    :class:`bot.storage.database.SqliteWorker`, on PostgreSQL
    :class:`bot.storage.database.PostgresStatements` (each statement committed as it runs).
    """

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        clock: Callable[[], datetime] = utcnow,
        worker: TransactionRunner | None = None,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._worker = worker

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    def _now(self) -> datetime:
        return _aware(self._clock(), "clock()")

    async def _run(
        self,
        statement: Executable,
        parameters: dict[str, Any],
        take: Callable[[Result[Any]], T],
        *,
        write: bool,
    ) -> T:
        """``take(result)`` of one statement on an interaction's path, committed when
        ``write``: through the worker when there is one, else on the async engine."""
        if self._worker is not None:
            return await self._worker.run(
                lambda connection: take(connection.execute(statement, parameters)), write=write
            )
        async with self._engine.begin() if write else self._engine.connect() as connection:
            return take(await connection.execute(statement, parameters))

    # -- coaching sessions ----------------------------------------------------------------

    async def create_session(self, guild_id: int | None, user_id: int, state: str) -> SessionRecord:
        """Start a session at version 1. ``guild_id`` is None in DMs."""
        now = self._now()
        values = {
            "id": new_session_id(),
            "guild_id": guild_id,
            "user_id": user_id,
            "state": state,
            "version": 1,
            "status": SessionStatus.ACTIVE.value,
            "created_at": now,
            "updated_at": now,
        }
        record = await self._run(
            _CREATE_SESSION, values, lambda result: _session(result.one()), write=True
        )
        log.debug("session %s created", record.id)
        return record

    async def get_session(self, session_id: str) -> SessionRecord | None:
        """The session, whoever it belongs to: check :meth:`SessionRecord.belongs_to`."""
        row = await self._run(_GET_SESSION, {"b_id": session_id}, Result.one_or_none, write=False)
        return None if row is None else _session(row)

    async def save_session(
        self,
        session_id: str,
        *,
        user_id: int,
        guild_id: int | None,
        state: str,
        expected_version: int,
        finished: bool = False,
    ) -> SessionRecord | None:
        """Store a new state if the session is still at ``expected_version``; bump the version.

        One conditional UPDATE (compare-and-set), so of two presses of the same button exactly
        one wins. Returns None when the version is stale, the session is gone, or it is not
        this user's session in this server. ``finished=False`` on a finished session reopens it
        (going Back from the final draft).
        """
        status = SessionStatus.FINISHED if finished else SessionStatus.ACTIVE
        parameters = {
            "b_session_id": session_id,
            "b_user_id": user_id,
            "b_guild_id": guild_id,
            "b_expected_version": expected_version,
            "b_state": state,
            "b_status": status.value,
            "b_updated_at": self._now(),
        }
        row = await self._run(_SAVE_SESSION, parameters, Result.one_or_none, write=True)
        if row is None:
            log.debug("session %s not saved: stale version, missing or not the owner", session_id)
            return None
        return _session(row)

    async def session_version(self, session_id: str) -> int | None:
        """The session's current version (None if it is gone): a cheap check of a cached copy."""
        return await self._run(
            _SESSION_VERSION, {"b_id": session_id}, Result.scalar_one_or_none, write=False
        )

    async def standing(
        self, user_id: int, guild_id: int | None, *, revision: bool, settings: bool = False
    ) -> Standing:
        """What an interaction of seller ``user_id`` in server ``guild_id`` (None: a DM) reads
        before it acts, in one statement: their policy (as :meth:`get_policy`), and in a server
        its set's revision (as :meth:`server_set_revision`, when ``revision``) and its
        settings (as :meth:`get_guild_settings`, when ``settings``). What is not read is
        None."""
        revision = revision and guild_id is not None
        settings = settings and guild_id is not None
        statement = _STANDING[revision, settings]
        row = await self._run(
            statement, {"b_user_id": user_id, "b_guild_id": guild_id}, Result.one, write=False
        )
        values = row._mapping
        return Standing(
            policy=values["policy"],
            revision=(values["revision"] or 0) if revision else None,
            settings=values["settings"] if settings else None,
        )

    async def purge_sessions(self, updated_before: datetime) -> int:
        """Delete every session untouched since ``updated_before``; returns how many."""
        statement = delete(CoachSession).where(
            CoachSession.updated_at < _aware(updated_before, "updated_before")
        )
        async with self._engine.begin() as connection:
            deleted = (await connection.execute(statement)).rowcount
        log.info("purged %d session(s)", deleted)
        return deleted

    # -- seller policy and server settings ------------------------------------------------

    async def get_policy(self, user_id: int) -> str | None:
        """The seller's policy JSON, or None if they never set one."""
        return await self._run(
            _GET_POLICY, {"b_user_id": user_id}, Result.scalar_one_or_none, write=False
        )

    async def set_policy(self, user_id: int, policy_json: str) -> None:
        """Create or replace the seller's policy."""
        await self._upsert(SellerPolicy, {"user_id": user_id, "policy": policy_json}, key="user_id")

    async def get_guild_settings(self, guild_id: int) -> str | None:
        """The server's settings JSON, or None if its admins never set any."""
        return await self._run(
            _GET_GUILD_SETTINGS, {"b_guild_id": guild_id}, Result.scalar_one_or_none, write=False
        )

    async def set_guild_settings(self, guild_id: int, settings_json: str) -> None:
        """Create or replace the server's settings."""
        await self._upsert(
            GuildSettings, {"guild_id": guild_id, "settings": settings_json}, key="guild_id"
        )

    async def delete_guild_settings(self, guild_id: int) -> bool:
        """Forget a server's settings (e.g. when the bot leaves it)."""
        statement = delete(GuildSettings).where(GuildSettings.guild_id == guild_id)
        async with self._engine.begin() as connection:
            return bool((await connection.execute(statement)).rowcount)

    async def _upsert(
        self, model: type[SellerPolicy | GuildSettings], values: dict[str, Any], *, key: str
    ) -> None:
        values = {**values, "updated_at": self._now()}
        async with self._engine.begin() as connection:
            await connection.execute(self._upsert_statement(model, values, key=key))

    def _upsert_statement(
        self,
        model: type[SellerPolicy | GuildSettings | ServerSetRevision],
        values: dict[str, Any],
        *,
        key: str,
        set_: dict[str, Any] | None = None,
    ) -> Any:
        """INSERT, or UPDATE the row with the same ``key`` (by default to ``values``)."""
        dialect = self._engine.dialect.name
        inserts = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
        if dialect not in inserts:  # pragma: no cover
            raise NotImplementedError(f"upsert on {dialect}")
        statement = inserts[dialect](model).values(values)
        return statement.on_conflict_do_update(
            index_elements=[key],
            set_=set_ or {name: statement.excluded[name] for name in values if name != key},
        )

    # -- server playbooks -------------------------------------------------------------------

    def _raise_revision(self, guild_id: int) -> Any:
        table = ServerSetRevision.__table__
        now = self._now()
        return self._upsert_statement(
            ServerSetRevision,
            {"guild_id": guild_id, "revision": 1, "updated_at": now},
            key="guild_id",
            set_={"revision": table.c.revision + 1, "updated_at": now},
        )

    async def save_server_playbook(
        self, guild_id: int, playbook_id: str, content: str | None, *, author_id: int | None
    ) -> ServerPlaybookRecord:
        """A new version of a server's playbook (``content`` None removes it); earlier versions
        stay. Two saves at once both succeed, one after the other."""
        table = ServerPlaybook.__table__
        latest = select(func.coalesce(func.max(table.c.version), 0)).where(
            table.c.guild_id == guild_id, table.c.playbook_id == playbook_id
        )
        for attempt in range(SAVE_ATTEMPTS):
            values = {
                "guild_id": guild_id,
                "playbook_id": playbook_id,
                "content": content,
                "author_id": author_id,
                "created_at": self._now(),
            }
            try:
                async with self._engine.begin() as connection:
                    values["version"] = (await connection.execute(latest)).scalar_one() + 1
                    await connection.execute(insert(ServerPlaybook).values(values))
                    await connection.execute(self._raise_revision(guild_id))
            except IntegrityError:  # another save took that version number first
                if attempt == SAVE_ATTEMPTS - 1:
                    raise
                continue
            log.info("server %s playbook %s: version %s", guild_id, playbook_id, values["version"])
            return ServerPlaybookRecord(**values)
        raise AssertionError("unreachable")  # pragma: no cover

    async def server_playbooks(self, guild_id: int) -> list[ServerPlaybookRecord]:
        """The latest version of each of the server's playbooks, removed ones left out."""
        table = ServerPlaybook.__table__
        latest = (
            select(table.c.playbook_id, func.max(table.c.version).label("version"))
            .where(table.c.guild_id == guild_id)
            .group_by(table.c.playbook_id)
            .subquery()
        )
        statement = (
            select(*table.c)
            .join(
                latest,
                and_(
                    table.c.playbook_id == latest.c.playbook_id,
                    table.c.version == latest.c.version,
                ),
            )
            .where(table.c.guild_id == guild_id, table.c.content.is_not(None))
            .order_by(table.c.playbook_id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return [_server_playbook(row) for row in rows]

    async def server_playbook_history(
        self, guild_id: int, playbook_id: str
    ) -> list[ServerPlaybookRecord]:
        """Every version of one server playbook, oldest first."""
        table = ServerPlaybook.__table__
        statement = (
            select(*table.c)
            .where(table.c.guild_id == guild_id, table.c.playbook_id == playbook_id)
            .order_by(table.c.version)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return [_server_playbook(row) for row in rows]

    async def server_playbook_version(
        self, guild_id: int, playbook_id: str, version: int
    ) -> ServerPlaybookRecord | None:
        """One version of a server playbook (a walkthrough keeps the one it started on), or
        None when there is no such version."""
        table = ServerPlaybook.__table__
        statement = select(*table.c).where(
            table.c.guild_id == guild_id,
            table.c.playbook_id == playbook_id,
            table.c.version == version,
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(statement)).first()
        return None if row is None else _server_playbook(row)

    async def hide_playbook(self, guild_id: int, playbook_id: str, *, by: int | None) -> bool:
        """Hide a shipped playbook in a server; False if it was hidden already."""
        values = {
            "guild_id": guild_id,
            "playbook_id": playbook_id,
            "hidden_by": by,
            "created_at": self._now(),
        }
        try:
            async with self._engine.begin() as connection:
                await connection.execute(insert(HiddenPlaybook).values(values))
                await connection.execute(self._raise_revision(guild_id))
        except IntegrityError:
            return False
        return True

    async def unhide_playbook(self, guild_id: int, playbook_id: str) -> bool:
        """Show a hidden shipped playbook again; False if it was not hidden."""
        table = HiddenPlaybook.__table__
        async with self._engine.begin() as connection:
            deleted = (
                await connection.execute(
                    delete(table).where(
                        table.c.guild_id == guild_id, table.c.playbook_id == playbook_id
                    )
                )
            ).rowcount
            if deleted:
                await connection.execute(self._raise_revision(guild_id))
        return bool(deleted)

    async def hidden_playbooks(self, guild_id: int) -> set[str]:
        """The shipped playbooks a server has hidden."""
        table = HiddenPlaybook.__table__
        statement = select(table.c.playbook_id).where(table.c.guild_id == guild_id)
        async with self._engine.connect() as connection:
            return set((await connection.execute(statement)).scalars())

    async def server_set_revision(self, guild_id: int) -> int:
        """How many changes the server's set has had (0: none): compare it with a copy's."""
        return await self._run(
            _SERVER_SET_REVISION,
            {"b_guild_id": guild_id},
            lambda result: result.scalar_one_or_none() or 0,
            write=False,
        )

    # -- suggestions ------------------------------------------------------------------------

    async def add_suggestion(
        self,
        guild_id: int,
        author_id: int,
        playbook_id: str | None,
        kind: str,
        payload: str,
    ) -> SuggestionRecord:
        """Keep a member's (scrubbed) suggestion, pending review."""
        values = {
            "guild_id": guild_id,
            "author_id": author_id,
            "playbook_id": playbook_id,
            "kind": kind,
            "payload": payload,
            "status": SuggestionStatus.PENDING.value,
            "created_at": self._now(),
        }
        statement = insert(Suggestion).values(values).returning(*_SUGGESTION_COLUMNS)
        async with self._engine.begin() as connection:
            record = _suggestion((await connection.execute(statement)).one())
        log.info("suggestion %s added in server %s", record.id, guild_id)
        return record

    async def get_suggestion(self, suggestion_id: int) -> SuggestionRecord | None:
        statement = select(*_SUGGESTION_COLUMNS).where(Suggestion.id == suggestion_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(statement)).one_or_none()
        return None if row is None else _suggestion(row)

    async def set_suggestion_review_message(
        self, suggestion_id: int, channel_id: int, message_id: int
    ) -> bool:
        """Remember where the suggestion's review message is; False if there is no such one."""
        statement = (
            update(Suggestion)
            .where(Suggestion.id == suggestion_id)
            .values(review_channel_id=channel_id, review_message_id=message_id)
        )
        async with self._engine.begin() as connection:
            return bool((await connection.execute(statement)).rowcount)

    async def delete_suggestion(self, suggestion_id: int) -> bool:
        """Drop a suggestion that never reached its reviewers; False if there was none."""
        statement = delete(Suggestion).where(Suggestion.id == suggestion_id)
        async with self._engine.begin() as connection:
            return bool((await connection.execute(statement)).rowcount)

    async def decide_suggestion(
        self,
        suggestion_id: int,
        status: SuggestionStatus,
        *,
        by: int | None,
        expected: SuggestionStatus = SuggestionStatus.PENDING,
    ) -> SuggestionRecord | None:
        """Move a suggestion from ``expected`` to ``status`` (a compare-and-set): the record as
        decided, or None when it was not at ``expected`` (someone else decided first). Moving
        it back to pending clears who decided and when."""
        back = status is SuggestionStatus.PENDING
        statement = (
            update(Suggestion)
            .where(Suggestion.id == suggestion_id, Suggestion.status == expected.value)
            .values(
                status=status.value,
                decided_by=None if back else by,
                decided_at=None if back else self._now(),
            )
            .returning(*_SUGGESTION_COLUMNS)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement)).one_or_none()
        if row is None:
            return None
        log.info("suggestion %s: %s", suggestion_id, status.value)
        return _suggestion(row)

    async def count_suggestions(self, author_id: int, since: datetime) -> int:
        """How many suggestions the member made since ``since``, in every server."""
        (count,) = await self.suggestion_counts(author_id, [since])
        return count

    async def suggestion_counts(self, author_id: int, since: Sequence[datetime]) -> list[int]:
        """How many suggestions the member made since each of the times ``since``, in every
        server, counted in one query."""
        times = [_aware(time, "since") for time in since]
        if not times:
            return []
        counts = [func.count(case((Suggestion.created_at >= time, 1))) for time in times]
        statement = select(*counts).where(
            Suggestion.author_id == author_id, Suggestion.created_at >= min(times)
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(statement)).one()
        return [int(count) for count in row]

    async def suggestions_by(self, author_id: int, *, limit: int = 100) -> list[SuggestionRecord]:
        """The member's latest suggestions that were posted for review, newest first."""
        statement = (
            select(*_SUGGESTION_COLUMNS)
            .where(Suggestion.author_id == author_id, Suggestion.review_message_id.is_not(None))
            .order_by(Suggestion.id.desc())
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return [_suggestion(row) for row in rows]

    # -- reminders: the seller's side -----------------------------------------------------

    def _new_reminder(
        self,
        user_id: int,
        guild_id: int | None,
        session_id: str | None,
        due_at: datetime,
        payload: str,
    ) -> ReturningInsert[Any]:
        """The INSERT of a pending reminder, returning its row."""
        return (
            insert(Reminder)
            .values(
                user_id=user_id,
                guild_id=guild_id,
                session_id=session_id,
                due_at=_aware(due_at, "due_at"),
                payload=payload,
                status=ReminderStatus.PENDING.value,
                attempts=0,
                created_at=self._now(),
            )
            .returning(*_REMINDER_COLUMNS)
        )

    async def add_reminder(
        self,
        user_id: int,
        guild_id: int | None,
        session_id: str | None,
        due_at: datetime,
        payload: str,
    ) -> ReminderRecord:
        """Schedule a follow-up reminder; ``payload`` is opaque JSON (the draft etc.)."""
        statement = self._new_reminder(user_id, guild_id, session_id, due_at, payload)
        async with self._engine.begin() as connection:
            record = _reminder((await connection.execute(statement)).one())
        log.debug("reminder %s added for session %s", record.id, session_id)
        return record

    async def cancel_session_reminders(self, session_id: str, user_id: int) -> int:
        """Withdraw the walkthrough's follow-ups still waiting; returns how many."""
        async with self._engine.begin() as connection:
            return (await connection.execute(_cancel_waiting(session_id, user_id))).rowcount

    async def replace_session_reminder(
        self,
        user_id: int,
        guild_id: int | None,
        session_id: str,
        due_at: datetime,
        payload: str,
    ) -> ReminderRecord:
        """Schedule the walkthrough's follow-up, cancelling one it still has waiting.

        The payload copies the walkthrough's details when it is finished; finishing again
        (after going back and changing them) must not leave the old copy to be sent too.
        """
        statement = self._new_reminder(user_id, guild_id, session_id, due_at, payload)
        async with self._engine.begin() as connection:
            replaced = (await connection.execute(_cancel_waiting(session_id, user_id))).rowcount
            record = _reminder((await connection.execute(statement)).one())
        log.debug("reminder %s set for session %s (%d replaced)", record.id, session_id, replaced)
        return record

    async def get_reminder(self, reminder_id: int) -> ReminderRecord | None:
        """The reminder, whoever it belongs to."""
        statement = select(*_REMINDER_COLUMNS).where(Reminder.id == reminder_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(statement)).one_or_none()
        return None if row is None else _reminder(row)

    async def pending_reminders(
        self, user_id: int, *, guild_id: int | None = None
    ) -> list[ReminderRecord]:
        """The user's reminders still waiting for their time, soonest first: those set in
        server ``guild_id``, or all of them when it is None."""
        statement = select(*_REMINDER_COLUMNS).where(
            Reminder.user_id == user_id, Reminder.status == ReminderStatus.PENDING.value
        )
        if guild_id is not None:
            statement = statement.where(Reminder.guild_id == guild_id)
        async with self._engine.connect() as connection:
            return _reminders((await connection.execute(statement)).all())

    async def users_with_held_reminders(self) -> set[int]:
        """Everyone who has a reminder waiting to be shown (their DMs were closed)."""
        statement = (
            select(Reminder.user_id).where(Reminder.status == ReminderStatus.HELD.value).distinct()
        )
        async with self._engine.connect() as connection:
            return set((await connection.execute(statement)).scalars())

    async def cancel_reminder(self, user_id: int, reminder_id: int) -> bool:
        """Withdraw a pending or held reminder; only its owner can. True if it was cancelled."""
        return await self._transition(
            user_id,
            reminder_id,
            from_statuses=(ReminderStatus.PENDING, ReminderStatus.HELD),
            to_status=ReminderStatus.CANCELLED,
        )

    async def mark_done(self, user_id: int, reminder_id: int) -> bool:
        """The seller has followed up: close the reminder. True if it changed."""
        return await self._transition(
            user_id,
            reminder_id,
            from_statuses=(ReminderStatus.PENDING, ReminderStatus.SENT, ReminderStatus.HELD),
            to_status=ReminderStatus.DONE,
        )

    async def _transition(
        self,
        user_id: int,
        reminder_id: int,
        *,
        from_statuses: Sequence[ReminderStatus],
        to_status: ReminderStatus,
    ) -> bool:
        statement = (
            update(Reminder)
            .where(
                Reminder.id == reminder_id,
                Reminder.user_id == user_id,
                Reminder.status.in_([status.value for status in from_statuses]),
            )
            .values(status=to_status.value, claimed_by=None, claim_expires_at=None)
        )
        async with self._engine.begin() as connection:
            changed = bool((await connection.execute(statement)).rowcount)
        log.debug("reminder %s -> %s: %s", reminder_id, to_status.value, changed)
        return changed

    async def snooze_reminder(
        self, user_id: int, reminder_id: int, until: datetime
    ) -> ReminderRecord | None:
        """Make the user's reminder due again at ``until``.

        Works on a reminder that is waiting, already delivered or held, and on one being sent
        right now (the delivery's :meth:`mark_sent` then reports False); its attempt count
        starts again. Not on a cancelled one, and only for its owner: None then.
        """
        statement = (
            update(Reminder)
            .where(
                Reminder.id == reminder_id,
                Reminder.user_id == user_id,
                Reminder.status != ReminderStatus.CANCELLED.value,
            )
            .values(
                status=ReminderStatus.PENDING.value,
                due_at=_aware(until, "until"),
                claimed_by=None,
                claim_expires_at=None,
                delivered_at=None,
                attempts=0,
            )
            .returning(*_REMINDER_COLUMNS)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement)).one_or_none()
        log.debug("reminder %s snoozed: %s", reminder_id, row is not None)
        return None if row is None else _reminder(row)

    async def claim_held_reminders(
        self, user_id: int, worker_id: str, lease: timedelta = DEFAULT_LEASE
    ) -> list[ReminderRecord]:
        """Claim the user's held reminders for showing them, soonest first.

        They stay held until :meth:`mark_shown`; :meth:`release_claims` (or the lease running
        out) lets them be shown again. So of two commands at once only one shows each, and
        none is closed unless it was shown.
        """
        now = self._now()
        statement = (
            update(Reminder)
            .where(
                Reminder.user_id == user_id,
                Reminder.status == ReminderStatus.HELD.value,
                or_(Reminder.claim_expires_at.is_(None), Reminder.claim_expires_at <= now),
            )
            .values(claimed_by=_worker(worker_id), claim_expires_at=now + lease)
            .returning(*_REMINDER_COLUMNS)
        )
        async with self._engine.begin() as connection:
            records = _reminders((await connection.execute(statement)).all())
        if records:
            log.debug("%d held reminder(s) claimed for showing", len(records))
        return records

    async def mark_shown(self, reminder_ids: Sequence[int], worker_id: str) -> int:
        """The held reminders were shown to their seller: close them. Returns how many."""
        if not reminder_ids:
            return 0
        statement = (
            update(Reminder)
            .where(
                Reminder.id.in_(list(reminder_ids)),
                Reminder.status == ReminderStatus.HELD.value,
                Reminder.claimed_by == worker_id,
            )
            .values(
                status=ReminderStatus.DONE.value,
                delivered_at=self._now(),
                claimed_by=None,
                claim_expires_at=None,
            )
        )
        async with self._engine.begin() as connection:
            return (await connection.execute(statement)).rowcount

    async def release_claims(self, worker_id: str) -> int:
        """Give up every claim ``worker_id`` holds (it is stopping): reminders being sent go
        back to waiting, at once claimable by another process (the attempt is not counted),
        and held reminders being shown can be shown again. Returns how many were released."""
        sending = (
            update(Reminder)
            .where(
                Reminder.claimed_by == worker_id,
                Reminder.status == ReminderStatus.SENDING.value,
            )
            .values(
                status=ReminderStatus.PENDING.value,
                claimed_by=None,
                claim_expires_at=None,
                attempts=case((Reminder.attempts > 0, Reminder.attempts - 1), else_=0),
            )
        )
        held = (
            update(Reminder)
            .where(Reminder.claimed_by == worker_id, Reminder.status == ReminderStatus.HELD.value)
            .values(claimed_by=None, claim_expires_at=None)
        )
        async with self._engine.begin() as connection:
            released = (await connection.execute(sending)).rowcount
            released += (await connection.execute(held)).rowcount
        if released:
            log.info("released %d reminder claim(s) of %s", released, worker_id)
        return released

    # -- reminders: the delivery loop -----------------------------------------------------

    async def claim_due_reminders(
        self,
        now: datetime,
        worker_id: str,
        limit: int = 50,
        lease: timedelta = DEFAULT_LEASE,
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    ) -> list[ReminderRecord]:
        """Claim up to ``limit`` due reminders for ``worker_id``, soonest first.

        Claimed reminders move to ``sending`` with a lease until ``now + lease``; deliver each,
        then call :meth:`mark_sent` or :meth:`mark_held`. A claim whose lease ran out (the
        process died mid-delivery) is claimed again. The claim is one conditional UPDATE: on
        PostgreSQL its candidate rows are locked with ``FOR UPDATE SKIP LOCKED``, on SQLite
        the statement holds the database's single write lock; either way no reminder is
        handed to two workers. A reminder that has been claimed ``max_attempts`` times
        without being delivered is put on hold instead, so a poison reminder cannot block
        the loop forever.
        """
        now = _aware(now, "now")
        _worker(worker_id)
        if limit < 1 or max_attempts < 1 or lease <= timedelta(0):
            raise ValueError("limit and max_attempts must be positive, lease longer than zero")
        lease_expired = and_(
            Reminder.status == ReminderStatus.SENDING.value, Reminder.claim_expires_at <= now
        )
        claimable = or_(
            and_(Reminder.status == ReminderStatus.PENDING.value, Reminder.due_at <= now),
            and_(lease_expired, Reminder.attempts < max_attempts),
        )
        candidates = (
            select(Reminder.id)
            .where(claimable)
            .order_by(Reminder.due_at, Reminder.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(Reminder)
            # The condition is repeated outside the subquery: a row is only taken if it is
            # still claimable at the moment it is written.
            .where(Reminder.id.in_(candidates.scalar_subquery()), claimable)
            .values(
                status=ReminderStatus.SENDING.value,
                claimed_by=worker_id,
                claim_expires_at=now + lease,
                attempts=Reminder.attempts + 1,
            )
            .returning(*_REMINDER_COLUMNS)
        )
        give_up = (
            update(Reminder)
            .where(lease_expired, Reminder.attempts >= max_attempts)
            .values(status=ReminderStatus.HELD.value, claimed_by=None, claim_expires_at=None)
        )
        async with self._engine.begin() as connection:
            held = (await connection.execute(give_up)).rowcount
            records = _reminders((await connection.execute(claim)).all())
        if held:
            log.warning("%d reminder(s) held after %d failed deliveries", held, max_attempts)
        if records:
            log.debug("worker %s claimed %d reminder(s)", worker_id, len(records))
        return records

    async def mark_sent(self, reminder_id: int, worker_id: str) -> bool:
        """Record a delivery, if ``worker_id`` still holds the claim. True if recorded."""
        return await self._finish_claim(reminder_id, worker_id, ReminderStatus.SENT)

    async def mark_held(self, reminder_id: int, worker_id: str) -> bool:
        """The seller's DMs are closed: keep the reminder for their next use of the bot."""
        return await self._finish_claim(reminder_id, worker_id, ReminderStatus.HELD)

    async def _finish_claim(self, reminder_id: int, worker_id: str, to: ReminderStatus) -> bool:
        values: dict[str, Any] = {"status": to.value, "claim_expires_at": None}
        if to is ReminderStatus.SENT:
            values["delivered_at"] = self._now()
        statement = (
            update(Reminder)
            .where(
                Reminder.id == reminder_id,
                Reminder.status == ReminderStatus.SENDING.value,
                Reminder.claimed_by == worker_id,
            )
            .values(values)
        )
        async with self._engine.begin() as connection:
            changed = bool((await connection.execute(statement)).rowcount)
        if not changed:
            log.warning("reminder %s not marked %s: claim lost by %s", reminder_id, to, worker_id)
        return changed

    # -- retention ------------------------------------------------------------------------

    async def purge_expired(self, before: datetime) -> dict[str, int]:
        """Delete what is kept no longer: walkthroughs untouched since ``before`` (finished or
        abandoned), and closed reminders (sent, done or cancelled) delivered, or if never
        delivered created, before it. Pending, held and in-flight reminders stay (detached from
        a deleted walkthrough). Counts per kind."""
        before = _aware(before, "before")
        closed = [
            status.value
            for status in (ReminderStatus.SENT, ReminderStatus.DONE, ReminderStatus.CANCELLED)
        ]
        reminders = delete(Reminder).where(
            Reminder.status.in_(closed),
            func.coalesce(Reminder.delivered_at, Reminder.created_at) < before,
        )
        sessions = delete(CoachSession).where(CoachSession.updated_at < before)
        async with self._engine.begin() as connection:
            counts = {
                "reminders": (await connection.execute(reminders)).rowcount,
                "sessions": (await connection.execute(sessions)).rowcount,
            }
        if any(counts.values()):
            log.info("retention: deleted %s", counts)
        return counts

    # -- application command sync ---------------------------------------------------------

    async def claim_command_sync(
        self,
        scope: str,
        payload_hash: str,
        worker_id: str,
        *,
        force: bool = False,
        lease: timedelta = DEFAULT_LEASE,
    ) -> bool:
        """Claim the right to sync ``scope``'s commands, if they changed (or ``force``).

        True for exactly one caller while the claim's lease lasts, and only when the last
        synced hash differs from ``payload_hash`` (any hash with ``force``). Follow with
        :meth:`finish_command_sync` (success) or :meth:`release_command_sync` (failure).
        """
        now = self._now()
        seed = self._insert_ignore(CommandSync, {"scope": scope}, key="scope")
        free = or_(CommandSync.claim_expires_at.is_(None), CommandSync.claim_expires_at <= now)
        wanted = [CommandSync.scope == scope, free]
        if not force:
            wanted.append(
                or_(CommandSync.payload_hash.is_(None), CommandSync.payload_hash != payload_hash)
            )
        claim = (
            update(CommandSync)
            .where(*wanted)
            .values(claimed_by=worker_id, claim_expires_at=now + lease)
            .returning(CommandSync.scope)
        )
        async with self._engine.begin() as connection:
            await connection.execute(seed)
            claimed = (await connection.execute(claim)).one_or_none() is not None
        log.debug("command sync of %s claimed: %s", scope, claimed)
        return claimed

    async def finish_command_sync(self, scope: str, payload_hash: str, worker_id: str) -> bool:
        """Record that ``worker_id`` synced ``payload_hash``; ends its claim."""
        statement = (
            update(CommandSync)
            .where(CommandSync.scope == scope, CommandSync.claimed_by == worker_id)
            .values(
                payload_hash=payload_hash,
                synced_at=self._now(),
                claimed_by=None,
                claim_expires_at=None,
            )
        )
        async with self._engine.begin() as connection:
            return bool((await connection.execute(statement)).rowcount)

    async def release_command_sync(self, scope: str, worker_id: str) -> None:
        """Give up a claim without recording a sync (it failed): the next start tries again."""
        statement = (
            update(CommandSync)
            .where(CommandSync.scope == scope, CommandSync.claimed_by == worker_id)
            .values(claimed_by=None, claim_expires_at=None)
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def synced_command_hash(self, scope: str) -> str | None:
        """The hash of the commands last synced in ``scope``."""
        statement = select(CommandSync.payload_hash).where(CommandSync.scope == scope)
        async with self._engine.connect() as connection:
            return (await connection.execute(statement)).scalar_one_or_none()

    def _insert_ignore(self, model: type[CommandSync], values: dict[str, Any], *, key: str) -> Any:
        dialect = self._engine.dialect.name
        if dialect == "postgresql":
            return (
                postgresql.insert(model).values(values).on_conflict_do_nothing(index_elements=[key])
            )
        if dialect == "sqlite":
            return sqlite.insert(model).values(values).on_conflict_do_nothing(index_elements=[key])
        raise NotImplementedError(f"insert-or-ignore on {dialect}")  # pragma: no cover

    # -- privacy --------------------------------------------------------------------------

    async def forget_user(self, user_id: int) -> dict[str, int]:
        """Delete everything stored about a seller, in one transaction; counts per kind.

        Playbook versions they uploaded to a server, shipped playbooks they hid, suggestions
        they made and decided on stay the server's, with their name taken off.
        """
        tables: tuple[tuple[str, type[Reminder | CoachSession | SellerPolicy]], ...] = (
            ("reminders", Reminder),  # first: they may point at the sessions
            ("sessions", CoachSession),
            ("policies", SellerPolicy),
        )
        counts: dict[str, int] = {}
        async with self._engine.begin() as connection:
            for name, model in tables:
                statement = delete(model).where(model.user_id == user_id)
                counts[name] = (await connection.execute(statement)).rowcount
            # What they gave a server (playbooks, hidden ones, suggestions and decisions on
            # them) stays the server's, with their name taken off it.
            for column in (
                ServerPlaybook.author_id,
                HiddenPlaybook.hidden_by,
                Suggestion.author_id,
                Suggestion.decided_by,
            ):
                statement = update(column.class_).where(column == user_id).values({column: None})
                await connection.execute(statement)
        log.info("forgot user %s: %s", user_id, counts)
        return counts
