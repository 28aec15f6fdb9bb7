"""Prometheus metrics and /healthz, scraped over loopback from the running bot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import Metrics, health
from bot.reminders import ReminderHealth
from bot.service import FollowUp
from tests.discord.conftest import Harness, running_bot
from tests.double import DiscordDouble


async def scrape(harness: Harness, path: str) -> tuple[int, str]:
    server = harness.bot.metrics_server
    assert server is not None and server.host == "127.0.0.1"
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{server.port}{path}") as response,
    ):
        return response.status, await response.text()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def test_metrics_and_health_are_served_on_loopback(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller = double.member
    async with running_bot(
        double, sqlite_file_url, metrics_port=0, reminder_poll_seconds=0.1
    ) as harness:
        await double.wait_for(lambda: harness.bot.reminder_health.last_run is not None)
        status, text = await scrape(harness, "/healthz")
        assert (status, text.strip()) == (200, "ok")

        await double.slash(seller, double.guild, "help")
        await double.slash(seller, double.guild, "help")
        payload = FollowUp("lost-in-transit", "Parcel lost", "Check", "Hi", None).to_json()
        due = datetime.now(UTC) - timedelta(seconds=1)
        await harness.service.store.add_reminder(seller.id, None, None, due, payload)
        closed = double.add_user("closed")
        double.close_dms(closed)
        await harness.service.store.add_reminder(closed.id, None, None, due, payload)
        await double.wait_for(lambda: bool(double.dms_to(seller)))
        await double.wait_for(lambda: harness.bot.reminder_health.held == 1)

        status, text = await scrape(harness, "/metrics")
        assert status == 200
        found = samples(text)
        help_ok = (("command", "/help"), ("outcome", "ok"))
        assert found[("seller_coach_interactions_total", help_ok)] == 2
        assert found[("seller_coach_answer_seconds_count", (("command", "/help"),))] == 2
        assert found[("seller_coach_reminders_total", (("outcome", "sent"),))] == 1
        assert found[("seller_coach_reminders_total", (("outcome", "held"),))] == 1
        assert found[("seller_coach_reminders_total", (("outcome", "failed"),))] == 0
        last_poll = found[("seller_coach_reminder_last_poll_timestamp_seconds", ())]
        assert abs(last_poll - datetime.now(UTC).timestamp()) < 10
        assert found[("seller_coach_gateway_connected", ())] == 1

        # The loop stops polling: unhealthy once three intervals (at least 2 s) have passed.
        cog = harness.bot.get_cog("FollowupsCog")
        assert cog is not None
        await cog.cog_unload()
        await double.wait_for(lambda: harness.bot.health().ok is False, timeout=5)
        status, text = await scrape(harness, "/healthz")
        assert status == 503 and "reminder loop" in text
    double.assert_clean()


def test_health_needs_the_gateway_and_a_recent_poll() -> None:
    reminders = ReminderHealth()
    metrics = Metrics(reminders)
    assert health(metrics, gateway_connected=True, poll_seconds=30).reason == (
        "the reminder loop has not run yet"
    )
    reminders.last_run = datetime.now(UTC)
    assert health(metrics, gateway_connected=True, poll_seconds=30).ok
    later = reminders.last_run + timedelta(seconds=91)
    stale = health(metrics, gateway_connected=True, poll_seconds=30, now=later)
    assert not stale.ok and "last ran" in stale.reason
    down = health(metrics, gateway_connected=False, poll_seconds=30)
    assert (down.ok, down.reason) == (False, "not connected to Discord")
