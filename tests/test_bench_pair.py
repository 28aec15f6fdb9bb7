"""The bench's run with two sharded processes works (tiny sizes: a smoke test, not a figure)."""

from __future__ import annotations

import pytest

from bot.bench import FLAT_OUT_RUNS, _sharded_figures
from tests.conftest import PostgresServer

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres, pytest.mark.timeout(400)]


async def test_two_sharded_processes_share_the_sellers_and_answer_each_once(
    postgres_server: PostgresServer,
) -> None:
    figures = await _sharded_figures(4, 1, 0.05, postgres_server.admin_url)
    assert figures["processes"] == 2
    assert figures["flat_out_interactions"] == FLAT_OUT_RUNS * 4 * 5
    assert figures["answered_twice"] == 0 and figures["violations"] == 0
    low, high = figures["interactions_per_second_min"], figures["interactions_per_second_max"]
    assert 0 < low <= figures["interactions_per_second"] <= high
