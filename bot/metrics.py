"""Prometheus metrics and a health check, served on ``METRICS_PORT`` when it is set.

``/metrics`` is Prometheus' text format (from the ``prometheus-client`` library):

- ``seller_coach_interactions_total{command, outcome}``: interactions answered, by what was
  answered (a command or component name) and how (``ok``, ``refused`` for a domain error the
  seller was told about, ``error`` for an unexpected one, ``gone`` when Discord no longer
  accepted the answer);
- ``seller_coach_answer_seconds{command}``: a histogram of the time taken to answer;
- ``seller_coach_reminders_total{outcome}``: reminders ``sent``, ``held`` (DMs closed) and
  ``failed`` (to be tried again);
- ``seller_coach_reminder_last_poll_timestamp_seconds``: when the reminder loop last completed
  a poll (both read from the loop's :class:`~bot.reminders.ReminderHealth`);
- ``seller_coach_gateway_connected``: 1 while every shard of this process is connected.

``/healthz`` answers 200 when the gateway is connected and the reminder loop ran recently,
503 otherwise, with a short plain-text reason. Nothing here carries a seller's or customer's
words: labels are command names and outcomes only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from bot.reminders import ReminderHealth

log = logging.getLogger(__name__)

#: Answer-time buckets (seconds): Discord's window is 3 s.
ANSWER_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)
REMINDER_OUTCOMES = ("sent", "held", "failed")


class _ReminderCollector(Collector):
    """Reminder figures read, at each scrape, from the reminder loop's own health record."""

    def __init__(self, reminders: ReminderHealth) -> None:
        self.reminders = reminders

    def collect(self) -> Iterable[Metric]:
        counts = CounterMetricFamily(
            "seller_coach_reminders",
            "Reminders delivered by DM (sent), held back (DMs closed) or failed (retried)",
            labels=["outcome"],
        )
        for outcome in REMINDER_OUTCOMES:
            counts.add_metric([outcome], getattr(self.reminders, outcome))
        yield counts
        last = self.reminders.last_run
        yield GaugeMetricFamily(
            "seller_coach_reminder_last_poll_timestamp_seconds",
            "Unix time of the reminder loop's last completed poll (0: none yet)",
            value=last.timestamp() if last is not None else 0.0,
        )


class Metrics:
    """The bot's metrics, in a registry of their own (so tests and processes do not share)."""

    def __init__(
        self, reminders: ReminderHealth, registry: CollectorRegistry | None = None
    ) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        self.reminders = reminders
        self.interactions = Counter(
            "seller_coach_interactions",
            "Interactions answered, by command or component and outcome",
            ["command", "outcome"],
            registry=self.registry,
        )
        self.answer_seconds = Histogram(
            "seller_coach_answer_seconds",
            "Seconds taken to answer an interaction",
            ["command"],
            buckets=ANSWER_BUCKETS,
            registry=self.registry,
        )
        self.gateway_connected = Gauge(
            "seller_coach_gateway_connected",
            "1 while every shard of this process is connected to Discord",
            registry=self.registry,
        )
        self.registry.register(_ReminderCollector(reminders))

    def interaction(self, command: str, outcome: str, seconds: float) -> None:
        """Count one answered interaction and its answer time."""
        self.interactions.labels(command, outcome).inc()
        self.answer_seconds.labels(command).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)


@dataclass(frozen=True, slots=True)
class Health:
    ok: bool
    reason: str


def health(
    metrics: Metrics,
    *,
    gateway_connected: bool,
    poll_seconds: float,
    now: datetime | None = None,
) -> Health:
    """Healthy when connected to Discord and the reminder loop completed a poll within three of
    its intervals (at least two seconds)."""
    metrics.gateway_connected.set(1 if gateway_connected else 0)
    if not gateway_connected:
        return Health(False, "not connected to Discord")
    last = metrics.reminders.last_run
    if last is None:
        return Health(False, "the reminder loop has not run yet")
    age = ((now or datetime.now(UTC)) - last).total_seconds()
    if age > max(3 * poll_seconds, 2.0):
        return Health(False, f"the reminder loop last ran {age:.0f}s ago")
    return Health(True, "ok")


class MetricsServer:
    """``/metrics`` and ``/healthz`` over HTTP, in the bot's own event loop."""

    def __init__(
        self,
        metrics: Metrics,
        check: Callable[[], Health],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.metrics = metrics
        self.check = check
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/healthz", self._healthz)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = site._server.sockets if site._server is not None else ()  # type: ignore[union-attr]
        if sockets:
            self.port = sockets[0].getsockname()[1]
        log.info("metrics on http://%s:%d/metrics", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _metrics(self, request: web.Request) -> web.Response:
        self.check()  # refreshes the gateway gauge
        return web.Response(
            body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def _healthz(self, request: web.Request) -> web.Response:
        result = self.check()
        return web.Response(text=result.reason + "\n", status=200 if result.ok else 503)
