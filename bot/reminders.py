"""The loop that delivers due reminders, which nothing can stop but :meth:`ReminderLoop.stop`.

Every round calls :meth:`bot.service.CoachService.deliver_due_reminders`, which already deals
with each reminder on its own. A round that fails as a whole (the database is locked or gone,
say) is logged with an error id and retried after a delay that doubles with each failure in a
row, up to :data:`MAX_BACKOFF` seconds; the first round that works brings back the normal pace.
:class:`ReminderHealth` records how it is going, for a health check or metrics to read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.failures import new_error_id, redacted_traceback
from bot.service import CoachService, DeliveryReport, DirectMessages

log = logging.getLogger(__name__)

#: The longest wait between rounds while they keep failing, in seconds.
MAX_BACKOFF = 300.0
#: How long stopping waits for a round in progress before cancelling it, in seconds.
STOP_TIMEOUT = 3.0


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ReminderHealth:
    """How the reminder loop is doing (read by health checks and metrics; never reset).

    ``last_run`` is when a round last completed, ``last_error`` when one last failed (with
    ``last_error_id``, the id in the log), ``consecutive_failures`` how many failed since the
    last that worked. The totals count reminders since the process started.
    """

    last_run: datetime | None = None
    last_error: datetime | None = None
    last_error_id: str | None = None
    consecutive_failures: int = 0
    rounds: int = 0
    sent: int = 0
    held: int = 0
    failed: int = 0

    @property
    def healthy(self) -> bool:
        """True unless the latest round failed."""
        return self.consecutive_failures == 0

    def succeeded(self, report: DeliveryReport, at: datetime) -> None:
        self.last_run = at
        self.consecutive_failures = 0
        self.rounds += 1
        self.sent += report.sent
        self.held += report.held
        self.failed += report.failed

    def errored(self, error_id: str, at: datetime) -> None:
        self.last_error, self.last_error_id = at, error_id
        self.consecutive_failures += 1
        self.rounds += 1


class ReminderLoop:
    """Deliver due reminders every ``poll_seconds`` until stopped, backing off on failures."""

    def __init__(
        self,
        service: CoachService,
        messages: DirectMessages,
        *,
        poll_seconds: float,
        health: ReminderHealth,
        ready: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.service = service
        self.messages = messages
        self.poll_seconds = poll_seconds
        self.health = health
        self._ready = ready
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def delay(self) -> float:
        """Seconds until the next round: the normal pace, or longer after failures."""
        failures = self.health.consecutive_failures
        if failures == 0:
            return self.poll_seconds
        return min(self.poll_seconds * 2**failures, max(MAX_BACKOFF, self.poll_seconds))

    async def run_once(self) -> DeliveryReport | None:
        """One round; never raises (except when cancelled). None when it failed."""
        try:
            report = await self.service.deliver_due_reminders(self.messages)
        except Exception as error:
            error_id = new_error_id()
            self.health.errored(error_id, _now())
            log.error(
                "error %s in the reminder loop (%d in a row; next try in %.1fs)\n%s",
                error_id,
                self.health.consecutive_failures,
                self.delay(),
                redacted_traceback(error),
            )
            return None
        self.health.succeeded(report, _now())
        if report.sent or report.held or report.failed:
            log.info(
                "reminders: %d sent, %d held, %d failed", report.sent, report.held, report.failed
            )
        return report

    async def _run(self) -> None:
        if self._ready is not None:
            await self._ready()
        while not self._stopping.is_set():
            await self.run_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.delay())

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._stopping = asyncio.Event()
            self._task = asyncio.create_task(self._run(), name="seller-coach-reminders")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self, grace: float = STOP_TIMEOUT) -> None:
        """Let the round in progress finish (within ``grace`` seconds, else cancel it), then
        release this process's claims so another process can send them at once."""
        task, self._task = self._task, None
        self._stopping.set()
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), grace)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        try:
            released = await self.service.release_claims()
        except Exception as error:
            log.warning("could not release reminder claims: %s", type(error).__name__)
        else:
            if released:
                log.info("released %d reminder(s) for another process to send", released)
