"""Members' suggestions in the service, on a real database (SQLite and PostgreSQL): where they
may be made, the rate limits, and reviewers' decisions applied to the server's playbooks."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.contributions import (
    NO_REVIEW_CHANNEL,
    ONLY_IN_A_SERVER,
    SUGGESTIONS_PER_DAY,
    SUGGESTIONS_PER_HOUR,
    AlreadyDecided,
    Contributions,
    RateLimited,
)
from bot.core.catalog import Catalog
from bot.core.suggestions import Suggestion, make_suggestion
from bot.service import CoachService, ServiceError
from bot.storage import Database, SuggestionStatus

CATALOG = Catalog.load()[0]
MEMBER, REVIEWER, GUILD, CHANNEL = 101, 202, 303, 404
DAMAGED = CATALOG.get("damaged-in-transit")


@pytest.fixture
def now() -> list[datetime]:
    return [datetime.now(UTC)]


@pytest.fixture
async def service(database: Database) -> CoachService:
    service = CoachService(CATALOG, database.store)
    await service.update_server_settings(GUILD, review_channel_id=CHANNEL)
    return service


@pytest.fixture
def contributions(service: CoachService, now: list[datetime]) -> Contributions:
    return Contributions(service, clock=lambda: now[0])


def tip(number: int) -> Suggestion:
    return make_suggestion("tip", text=f"Keep the box, tip number {number}.", step="listen")


async def test_a_suggestion_is_kept_for_review_only_in_a_server_with_a_review_channel(
    service: CoachService, contributions: Contributions
) -> None:
    assert DAMAGED is not None
    with pytest.raises(ServiceError, match="made in a server") as in_dm:
        await contributions.submit(None, MEMBER, DAMAGED, tip(0))
    assert str(in_dm.value) == ONLY_IN_A_SERVER
    with pytest.raises(ServiceError) as unset:
        await contributions.submit(GUILD + 1, MEMBER, DAMAGED, tip(0))
    assert str(unset.value) == NO_REVIEW_CHANNEL
    assert await service.store.count_suggestions(MEMBER, datetime(2000, 1, 1, tzinfo=UTC)) == 0
    record, channel = await contributions.submit(GUILD, MEMBER, DAMAGED, tip(0))
    assert channel == CHANNEL and record.pending and record.playbook_id == DAMAGED.id


async def test_what_is_already_there_or_would_spoil_the_playbook_is_not_kept(
    contributions: Contributions,
) -> None:
    assert DAMAGED is not None
    existing = make_suggestion("match-example", text=DAMAGED.match.examples[0])
    with pytest.raises(ServiceError, match="already in the playbook"):
        await contributions.submit(GUILD, MEMBER, DAMAGED, existing)
    twice = make_suggestion("apology", text="Sorry. So sorry. I apologise for it.")
    with pytest.raises(ServiceError, match="can't take this"):
        await contributions.submit(GUILD, MEMBER, DAMAGED, twice)


async def test_rate_limits_per_hour_and_per_day(
    contributions: Contributions, now: list[datetime]
) -> None:
    assert DAMAGED is not None
    sent = 0
    for _ in range(SUGGESTIONS_PER_HOUR):
        await contributions.submit(GUILD, MEMBER, DAMAGED, tip(sent))
        sent += 1
    with pytest.raises(RateLimited, match="last hour"):
        await contributions.submit(GUILD, MEMBER, DAMAGED, tip(sent))
    await contributions.check_rate(REVIEWER)  # someone else is not limited
    # Two hours on: the hour's limit is lifted, the day's still counts them.
    now[0] += timedelta(hours=2)
    while sent < SUGGESTIONS_PER_DAY:
        await contributions.submit(GUILD, MEMBER, DAMAGED, tip(sent))
        sent += 1
        if sent % SUGGESTIONS_PER_HOUR == 0:
            now[0] += timedelta(hours=1, minutes=1)
    with pytest.raises(RateLimited, match="today"):
        await contributions.submit(GUILD, MEMBER, DAMAGED, tip(sent))
    now[0] += timedelta(days=1, hours=1)
    await contributions.submit(GUILD, MEMBER, DAMAGED, tip(sent))


async def test_an_approval_is_applied_once_and_a_late_decision_is_refused(
    service: CoachService, contributions: Contributions
) -> None:
    assert DAMAGED is not None
    record, _ = await contributions.submit(GUILD, MEMBER, DAMAGED, tip(1))
    decision = await contributions.approve(record.id, GUILD, REVIEWER)
    assert decision.record.status is SuggestionStatus.APPROVED and decision.version == 1
    playbook = (await service.catalog_for(GUILD)).get(DAMAGED.id)
    assert playbook is not None and playbook.steps.listen.tips[-1] == tip(1).text
    with pytest.raises(AlreadyDecided) as late:
        await contributions.reject(record.id, GUILD, REVIEWER)
    assert late.value.record.status is SuggestionStatus.APPROVED
    with pytest.raises(ServiceError, match="no longer exists"):
        await contributions.approve(record.id, GUILD + 1, REVIEWER)  # another server's
    assert (await service.catalog_for(GUILD + 1)).get(DAMAGED.id) == DAMAGED


async def test_a_suggestion_that_no_longer_applies_stays_pending(
    service: CoachService, contributions: Contributions
) -> None:
    assert DAMAGED is not None
    script = make_suggestion(
        "offer-script", text="I'd like to send you a new one straight away.", offer_id="reship"
    )
    assert "reship" not in [o.id for o in DAMAGED.steps.compensate.ladder]
    # Made against a version of the playbook that had such an offer: kept, then refused.
    payload = json.dumps(script.to_payload())
    record = await service.store.add_suggestion(
        GUILD, MEMBER, DAMAGED.id, script.kind.value, payload
    )
    with pytest.raises(ServiceError, match="stays pending"):
        await contributions.approve(record.id, GUILD, REVIEWER)
    stored = await service.store.get_suggestion(record.id)
    assert stored is not None and stored.pending and stored.decided_by is None
    assert await service.store.server_playbook_history(GUILD, DAMAGED.id) == []
