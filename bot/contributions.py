"""Members' suggestions for their server's playbooks: made, rate-limited, reviewed, applied.

A seller offers a suggestion from a walkthrough (see :mod:`bot.core.suggestions`); it is kept,
scrubbed of customer details, only once the server has a review channel, and only while the
member is within :data:`SUGGESTIONS_PER_HOUR` and :data:`SUGGESTIONS_PER_DAY`. A reviewer's
decision is a compare-and-set, so two reviewers pressing at once decide once; an approval is
applied at once to the server's version of the playbook (``ServerPlaybooks.apply_change``), and
a new situation becomes a draft playbook file for the reviewer to finish. Nothing here imports
discord.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.core import suggestions
from bot.core.models import Playbook
from bot.core.playbook_yaml import playbook_data
from bot.core.suggestions import Suggestion, SuggestionError, SuggestionKind
from bot.service import ServiceError
from bot.storage import SuggestionRecord, SuggestionStatus

if TYPE_CHECKING:
    from bot.service import CoachService

log = logging.getLogger(__name__)

#: How many suggestions one member may make in an hour, and in a day (in every server).
SUGGESTIONS_PER_HOUR = 5
SUGGESTIONS_PER_DAY = 20
#: The most problems a refused suggestion names.
PROBLEMS_SHOWN = 3
#: Said when a suggestion is tried outside a server.
ONLY_IN_A_SERVER = (
    "Suggestions are made in a server: they go to that server's reviewers, and a direct "
    "message has none. Use /coach in your seller server to suggest an improvement there."
)
NO_REVIEW_CHANNEL = (
    "This server hasn't set up a review channel yet, so there is nobody to send suggestions "
    "to. Nothing was kept. Ask an admin to choose one with /server-settings."
)


class RateLimited(ServiceError):
    """The member made as many suggestions as they may for now."""


class AlreadyDecided(ServiceError):
    """Another reviewer decided first; :attr:`record` is the suggestion as decided."""

    def __init__(self, record: SuggestionRecord) -> None:
        super().__init__(f"This suggestion was already {record.status.value}.")
        self.record = record


@dataclass(frozen=True, slots=True)
class Decision:
    """What a reviewer's decision did.

    ``version`` is the server version an approval made; ``draft`` is the file
    (name, YAML) a new situation became, for the reviewer to finish and upload.
    """

    record: SuggestionRecord
    suggestion: Suggestion
    version: int | None = None
    draft: tuple[str, str] | None = None


def _shown_problems(problems: Sequence[str]) -> str:
    """The first :data:`PROBLEMS_SHOWN` problems, as one line for the member."""
    return "; ".join(problems[:PROBLEMS_SHOWN])


def _utcnow() -> datetime:
    return datetime.now(UTC)


def suggestion_of(record: SuggestionRecord) -> Suggestion:
    """The suggestion a record holds."""
    try:
        data = json.loads(record.payload)
    except ValueError:
        raise ServiceError("This suggestion could not be read.") from None
    try:
        return Suggestion.from_payload(data)
    except SuggestionError as error:
        raise ServiceError(str(error)) from None


class Contributions:
    """Suggestions for one bot process, over the service's store, settings and playbooks."""

    def __init__(self, service: CoachService, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self.service = service
        self.store = service.store
        self._clock = clock

    async def check_rate(self, user_id: int) -> None:
        """Raise :class:`RateLimited` with a clear message when the member is at a limit."""
        now = self._clock()
        in_the_hour, in_the_day = await self.store.suggestion_counts(
            user_id, [now - timedelta(hours=1), now - timedelta(days=1)]
        )
        if in_the_hour >= SUGGESTIONS_PER_HOUR:
            raise RateLimited(
                f"You've sent {SUGGESTIONS_PER_HOUR} suggestions in the last hour, the most "
                "for now. Thank you! Please send the next one in a little while."
            )
        if in_the_day >= SUGGESTIONS_PER_DAY:
            raise RateLimited(
                f"You've sent {SUGGESTIONS_PER_DAY} suggestions today, the most for a day. "
                "Thank you! Please send more tomorrow."
            )

    async def review_channel(self, guild_id: int | None) -> int:
        """The server's review channel; :class:`ServiceError` outside a server or with none."""
        if guild_id is None:
            raise ServiceError(ONLY_IN_A_SERVER)
        settings = await self.service.server_settings(guild_id)
        if settings.review_channel_id is None:
            raise ServiceError(NO_REVIEW_CHANNEL)
        return settings.review_channel_id

    async def submit(
        self,
        guild_id: int | None,
        user_id: int,
        playbook: Playbook,
        suggestion: Suggestion,
    ) -> tuple[SuggestionRecord, int]:
        """Keep a suggestion for review: the record and the channel to post it to.

        Refused, with nothing kept, outside a server, without a review channel, past the rate
        limit, or when it could not be applied to ``playbook`` (the version the seller saw) as
        it stands: already there, or it would spoil the playbook.
        """
        channel_id = await self.review_channel(guild_id)
        assert guild_id is not None  # review_channel refuses a DM
        await self.check_rate(user_id)
        playbook_id: str | None = None
        if suggestion.kind is not SuggestionKind.NEW_SITUATION:
            playbook_id = playbook.id
            data = playbook_data(playbook)
            changed, found = suggestions.checked_change(data, suggestion)
            if found:
                shown = _shown_problems(found)
                raise ServiceError(f"The playbook can't take this as it is: {shown}")
            if changed == data:
                raise ServiceError("That's already in the playbook, word for word.")
        record = await self.store.add_suggestion(
            guild_id,
            user_id,
            playbook_id,
            suggestion.kind.value,
            json.dumps(suggestion.to_payload(), ensure_ascii=False),
        )
        return record, channel_id

    async def posted(self, record: SuggestionRecord, channel_id: int, message_id: int) -> None:
        """Remember the review message of a suggestion."""
        await self.store.set_suggestion_review_message(record.id, channel_id, message_id)

    async def withdraw(self, record: SuggestionRecord) -> None:
        """Drop a suggestion that could not be posted for review."""
        await self.store.delete_suggestion(record.id)

    async def get(self, suggestion_id: int, guild_id: int | None) -> SuggestionRecord:
        """The suggestion, if it belongs to this server."""
        record = await self.store.get_suggestion(suggestion_id)
        if record is None or record.guild_id != guild_id:
            raise ServiceError("This suggestion no longer exists.")
        return record

    async def reject(self, suggestion_id: int, guild_id: int, reviewer_id: int) -> Decision:
        """Reject a pending suggestion; :class:`AlreadyDecided` if someone decided first."""
        record = await self.get(suggestion_id, guild_id)
        decided = await self.store.decide_suggestion(
            record.id, SuggestionStatus.REJECTED, by=reviewer_id
        )
        if decided is None:
            raise AlreadyDecided(await self.get(suggestion_id, guild_id))
        return Decision(decided, suggestion_of(decided))

    async def approve(self, suggestion_id: int, guild_id: int, reviewer_id: int) -> Decision:
        """Approve a pending suggestion and apply it at once: to the server's version of its
        playbook, or, for a new situation, as a draft playbook file built from the closest one.

        When it can no longer be applied (the playbook changed or went), it goes back to
        pending and :class:`ServiceError` says why.
        """
        record = await self.get(suggestion_id, guild_id)
        suggestion = suggestion_of(record)
        decided = await self.store.decide_suggestion(
            record.id, SuggestionStatus.APPROVED, by=reviewer_id
        )
        if decided is None:
            raise AlreadyDecided(await self.get(suggestion_id, guild_id))
        try:
            if suggestion.kind is SuggestionKind.NEW_SITUATION:
                draft = await self._draft(guild_id, suggestion)
                return Decision(decided, suggestion, draft=draft)
            version = await self._apply(guild_id, record, suggestion, reviewer_id)
        except BaseException:
            await self.store.decide_suggestion(
                record.id, SuggestionStatus.PENDING, by=None, expected=SuggestionStatus.APPROVED
            )
            raise
        return Decision(decided, suggestion, version=version)

    async def _apply(
        self, guild_id: int, record: SuggestionRecord, suggestion: Suggestion, reviewer_id: int
    ) -> int | None:
        if record.playbook_id is None:
            raise ServiceError("This suggestion names no playbook.")
        try:
            outcome = await self.service.servers.apply_change(
                guild_id,
                record.playbook_id,
                lambda data: suggestions.apply(data, suggestion),
                by=reviewer_id,
            )
        except SuggestionError as error:
            raise ServiceError(f"{error} It stays pending.") from None
        if outcome.problems or outcome.playbook is None:
            shown = _shown_problems(outcome.problems) or "the playbook is not available"
            raise ServiceError(f"This suggestion can't be applied now: {shown}. It stays pending.")
        log.info(
            "suggestion %s applied to server %s playbook %s (version %s)",
            record.id,
            guild_id,
            record.playbook_id,
            outcome.version,
        )
        return outcome.version

    async def _draft(self, guild_id: int, suggestion: Suggestion) -> tuple[str, str]:
        catalog = await self.service.catalog_for(guild_id)
        described = f"{suggestion.title}. {suggestion.text}"
        best = catalog.matcher.match(described, top=1).best
        closest = catalog.get(best.id) if best is not None else None
        if closest is None:
            ids = catalog.ids
            closest = catalog.get(ids[0]) if ids else None
        if closest is None:
            raise ServiceError("There is no playbook to build a draft from.")
        try:
            text = suggestions.draft_playbook(suggestion, closest)
        except SuggestionError as error:
            raise ServiceError(str(error)) from None
        return f"{suggestions.slug_for(suggestion.title or '')}.yaml", text
