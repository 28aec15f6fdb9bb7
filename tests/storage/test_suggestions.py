"""Suggestions in storage: kept pending, decided once however many reviewers press at once,
counted per member for the rate limit, and anonymised when the member asks to be forgotten."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.storage import Store, SuggestionStatus

GUILD = 900_000_000_000_000_001
OTHER_GUILD = 900_000_000_000_000_002
MEMBER = 800_000_000_000_000_001
OTHER_MEMBER = 800_000_000_000_000_002
REVIEWER = 800_000_000_000_000_003
OTHER_REVIEWER = 800_000_000_000_000_004
PAYLOAD = '{"kind": "match-example", "text": "the mug came in bits"}'


async def test_a_suggestion_is_kept_pending_with_where_it_is_reviewed(store: Store) -> None:
    added = await store.add_suggestion(
        GUILD, MEMBER, "damaged-in-transit", "match-example", PAYLOAD
    )
    assert added.pending and added.status is SuggestionStatus.PENDING
    assert (added.guild_id, added.author_id, added.playbook_id) == (
        GUILD,
        MEMBER,
        "damaged-in-transit",
    )
    assert added.review_message_id is None and added.decided_by is None
    assert "mug" not in repr(added)  # the payload stays out of logs and tracebacks
    assert await store.set_suggestion_review_message(added.id, 111, 222)
    assert not await store.set_suggestion_review_message(added.id + 1000, 111, 222)
    got = await store.get_suggestion(added.id)
    assert got is not None
    assert (got.review_channel_id, got.review_message_id, got.payload) == (111, 222, PAYLOAD)
    assert await store.get_suggestion(added.id + 1000) is None
    new_situation = await store.add_suggestion(GUILD, MEMBER, None, "new-situation", "{}")
    assert new_situation.playbook_id is None and new_situation.id != added.id
    # One that could not be posted for review is not kept.
    assert await store.delete_suggestion(new_situation.id)
    assert not await store.delete_suggestion(new_situation.id)
    assert await store.get_suggestion(new_situation.id) is None
    assert await store.get_suggestion(added.id) is not None


async def test_a_decision_is_made_once_and_can_be_taken_back_to_pending(store: Store) -> None:
    added = await store.add_suggestion(GUILD, MEMBER, "damaged-in-transit", "tip", PAYLOAD)
    approved = await store.decide_suggestion(added.id, SuggestionStatus.APPROVED, by=REVIEWER)
    assert approved is not None
    assert approved.status is SuggestionStatus.APPROVED and approved.decided_by == REVIEWER
    assert approved.decided_at is not None
    again = await store.decide_suggestion(added.id, SuggestionStatus.REJECTED, by=OTHER_REVIEWER)
    assert again is None
    # Applying failed after all: back to pending, for a reviewer to try again.
    back = await store.decide_suggestion(
        added.id, SuggestionStatus.PENDING, by=None, expected=SuggestionStatus.APPROVED
    )
    assert back is not None and back.pending
    assert (back.decided_by, back.decided_at) == (None, None)


async def test_two_reviewers_pressing_at_once_decide_once(store: Store) -> None:
    added = await store.add_suggestion(GUILD, MEMBER, "damaged-in-transit", "tip", PAYLOAD)
    results = await asyncio.gather(
        store.decide_suggestion(added.id, SuggestionStatus.APPROVED, by=REVIEWER),
        store.decide_suggestion(added.id, SuggestionStatus.REJECTED, by=OTHER_REVIEWER),
        store.decide_suggestion(added.id, SuggestionStatus.APPROVED, by=OTHER_REVIEWER),
    )
    decided = [r for r in results if r is not None]
    assert len(decided) == 1
    stored = await store.get_suggestion(added.id)
    assert stored is not None
    assert (stored.status, stored.decided_by) == (decided[0].status, decided[0].decided_by)


async def test_suggestions_are_counted_per_member_since_a_time(store: Store) -> None:
    for guild in (GUILD, GUILD, OTHER_GUILD):
        await store.add_suggestion(guild, MEMBER, "damaged-in-transit", "tip", PAYLOAD)
    await store.add_suggestion(GUILD, OTHER_MEMBER, "damaged-in-transit", "tip", PAYLOAD)
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    assert await store.count_suggestions(MEMBER, an_hour_ago) == 3
    assert await store.count_suggestions(OTHER_MEMBER, an_hour_ago) == 1
    assert await store.count_suggestions(REVIEWER, an_hour_ago) == 0
    assert await store.count_suggestions(MEMBER, datetime.now(UTC) + timedelta(hours=1)) == 0
    in_an_hour = datetime.now(UTC) + timedelta(hours=1)
    assert await store.suggestion_counts(MEMBER, [an_hour_ago, in_an_hour]) == [3, 0]
    assert await store.suggestion_counts(REVIEWER, [an_hour_ago, in_an_hour]) == [0, 0]
    assert await store.suggestion_counts(MEMBER, []) == []


async def test_forget_me_anonymises_suggestions_and_decisions(store: Store) -> None:
    mine = await store.add_suggestion(GUILD, MEMBER, "damaged-in-transit", "tip", PAYLOAD)
    theirs = await store.add_suggestion(GUILD, OTHER_MEMBER, "damaged-in-transit", "tip", PAYLOAD)
    await store.decide_suggestion(theirs.id, SuggestionStatus.APPROVED, by=MEMBER)
    await store.decide_suggestion(mine.id, SuggestionStatus.REJECTED, by=REVIEWER)
    await store.set_suggestion_review_message(mine.id, 111, 222)
    await store.add_suggestion(GUILD, MEMBER, "damaged-in-transit", "tip", PAYLOAD)  # not posted
    assert [r.id for r in await store.suggestions_by(MEMBER)] == [mine.id]
    assert await store.suggestions_by(OTHER_MEMBER) == []
    counts = await store.forget_user(MEMBER)
    assert counts == {"reminders": 0, "sessions": 0, "policies": 0}
    assert await store.suggestions_by(MEMBER) == []
    kept_mine = await store.get_suggestion(mine.id)
    kept_theirs = await store.get_suggestion(theirs.id)
    assert kept_mine is not None and kept_theirs is not None
    assert (kept_mine.author_id, kept_mine.decided_by, kept_mine.payload) == (
        None,
        REVIEWER,
        PAYLOAD,
    )
    assert (kept_theirs.author_id, kept_theirs.decided_by) == (OTHER_MEMBER, None)
    assert kept_theirs.status is SuggestionStatus.APPROVED
    a_day_ago = datetime.now(UTC) - timedelta(days=1)
    assert await store.count_suggestions(MEMBER, a_day_ago) == 0
