"""Claim exclusivity under real concurrency: every due reminder goes to exactly one worker,
whether the workers are tasks on separate connections or separate OS processes."""

from __future__ import annotations

import asyncio
import json
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from bot.storage import Database, ReminderStatus, Store
from bot.storage.models import Reminder

REMINDERS = 200
NOW = datetime(2030, 5, 17, 12, 0, tzinfo=UTC)
REPO_ROOT = Path(__file__).resolve().parents[2]
PROCESS_TIMEOUT_SECONDS = 120


async def _add_due_reminders(store: Store, count: int = REMINDERS) -> set[int]:
    rows = [
        {
            "user_id": 800_000_000_000_000_000 + n % 7,
            "guild_id": None,
            "session_id": None,
            "due_at": NOW - timedelta(seconds=n),
            "payload": "{}",
            "status": ReminderStatus.PENDING.value,
            "attempts": 0,
            "created_at": NOW - timedelta(days=1),
        }
        for n in range(count)
    ]
    async with store.engine.begin() as connection:
        await connection.execute(insert(Reminder), rows)
    async with store.engine.connect() as connection:
        return set((await connection.execute(select(Reminder.id))).scalars())


async def _assert_each_claimed_once(
    store: Store, ids: set[int], claims: dict[str, list[int]]
) -> None:
    counts = Counter(reminder_id for claimed in claims.values() for reminder_id in claimed)
    duplicates = {reminder_id: n for reminder_id, n in counts.items() if n > 1}
    assert not duplicates, f"claimed more than once: {duplicates}"
    assert set(counts) == ids, f"never claimed: {sorted(ids - set(counts))}"
    # The database agrees: one claim each, by the worker that reported it.
    owner = {reminder_id: worker for worker, claimed in claims.items() for reminder_id in claimed}
    async with store.engine.connect() as connection:
        rows = (
            await connection.execute(select(Reminder.id, Reminder.claimed_by, Reminder.attempts))
        ).all()
    assert {row.id: row.claimed_by for row in rows} == owner
    assert {row.attempts for row in rows} == {1}
    async with store.engine.connect() as connection:
        statuses = (
            await connection.execute(
                select(Reminder.status, func.count()).group_by(Reminder.status)
            )
        ).all()
    assert dict(statuses) == {ReminderStatus.SENDING.value: REMINDERS}


async def test_concurrent_tasks_claim_each_reminder_once(database_url: str, store: Store) -> None:
    ids = await _add_due_reminders(store)
    databases = [Database.from_url(database_url) for _ in range(4)]
    start = asyncio.Event()

    async def worker(database: Database, worker_id: str) -> list[int]:
        claimed: list[int] = []
        await database.store.get_reminder(0)  # open this worker's own connection first
        await start.wait()
        for _ in range(500):  # bounded: 200 reminders in batches of 3 need far fewer
            batch = await database.store.claim_due_reminders(NOW, worker_id, limit=3)
            if not batch:
                break
            claimed.extend(record.id for record in batch)
            await asyncio.sleep(0)
        return claimed

    try:
        tasks = [
            asyncio.create_task(worker(database, f"task-{n}"))
            for n, database in enumerate(databases)
        ]
        await asyncio.sleep(0.05)
        start.set()
        results = await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
    finally:
        for database in databases:
            await database.dispose()
    claims = {f"task-{n}": claimed for n, claimed in enumerate(results)}
    await _assert_each_claimed_once(store, ids, claims)
    assert sum(1 for claimed in claims.values() if claimed) >= 2, "no concurrency happened"


async def test_separate_processes_claim_each_reminder_once(database_url: str, store: Store) -> None:
    ids = await _add_due_reminders(store)
    workers = ["process-a", "process-b"]
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.storage.claim_worker",
            database_url,
            worker_id,
            NOW.isoformat(),
            cwd=REPO_ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for worker_id in workers
    ]
    claims: dict[str, list[int]] = {}
    try:
        for process in processes:  # each has connected and waits for the start signal
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), PROCESS_TIMEOUT_SECONDS)
            assert line == b"ready\n", line
        for process in processes:
            assert process.stdin is not None
            process.stdin.write(b"go\n")
        for worker_id, process in zip(workers, processes, strict=True):
            stdout, stderr = await asyncio.wait_for(process.communicate(), PROCESS_TIMEOUT_SECONDS)
            assert process.returncode == 0, stderr.decode(errors="replace")
            claims[worker_id] = json.loads(stdout)
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
    await _assert_each_claimed_once(store, ids, claims)
    assert all(claims.values()), "one process claimed everything: no concurrency happened"
