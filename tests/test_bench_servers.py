"""The bench's server sets section works (a few servers: a smoke test, not a figure)."""

from __future__ import annotations

import pytest

from bot.bench import SERVER_OVERRIDES, TARGETS, server_sets_report

pytestmark = pytest.mark.timeout(300)


def test_server_sets_section_measures_each_figure_and_prints_its_target() -> None:
    lines: list[str] = []
    figures = server_sets_report(servers=3, per_server=5, out=lines.append)
    assert figures["servers"] == 3 and figures["held"] == 3
    assert figures["playbooks_per_server"] == 5
    assert figures["overriding_per_server"] == SERVER_OVERRIDES
    assert figures["queries"] == 2 * 3 * 2  # two rounds of two queries a server
    assert figures["uploads"] == 3
    assert figures["match_p99_ms"] >= figures["match_median_ms"] > 0
    assert figures["rebuild_max_ms"] >= figures["rebuild_median_ms"] > 0
    report = "\n".join(lines)
    assert "3 servers with 5 playbooks of their own each" in report
    assert f"target <= {TARGETS['server_match_p99_ms']:g} ms" in report
    assert f"target <= {TARGETS['server_rebuild_ms']:g} ms" in report
    assert f"target <= {TARGETS['server_memory_mb']:g} MB more" in report
