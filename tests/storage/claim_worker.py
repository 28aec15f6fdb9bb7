"""A separate process claiming reminders, for the cross-process exclusivity test.

    python -m tests.storage.claim_worker URL WORKER_ID NOW_ISO

Connects, writes ``ready`` on stdout and waits for a line on stdin, so that every worker starts
claiming at once; then claims in small batches until nothing is left (or a round limit is
reached) and writes the claimed ids to stdout as one JSON list.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import datetime

from bot.storage import Database

MAX_ROUNDS = 500
BATCH = 3


async def _claim_all(url: str, worker_id: str, now: datetime) -> list[int]:
    claimed: list[int] = []
    async with Database.from_url(url) as database:
        await database.store.get_reminder(0)  # connect before the start signal
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        await asyncio.to_thread(sys.stdin.readline)
        for _ in range(MAX_ROUNDS):
            batch = await database.store.claim_due_reminders(now, worker_id, limit=BATCH)
            if not batch:
                break
            claimed.extend(record.id for record in batch)
            await asyncio.sleep(0.001)
    return claimed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("worker_id")
    parser.add_argument("now", type=datetime.fromisoformat)
    args = parser.parse_args(argv)
    claimed = asyncio.run(_claim_all(args.url, args.worker_id, args.now))
    sys.stdout.write(json.dumps(claimed) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
