"""``seller-coach run`` refuses a missing or wrong token with one clear sentence."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from tests.double import DiscordDouble

REPO = Path(__file__).resolve().parents[1]


async def run_bot(env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=REPO,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, stderr.decode()


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    env["SELLER_COACH_DATA_DIR"] = str(tmp_path)
    return env


@pytest.mark.asyncio
async def test_a_missing_token_is_one_sentence_not_a_traceback(tmp_path: Path) -> None:
    code, stderr = await run_bot(clean_env(tmp_path))
    assert code == 2
    assert "DISCORD_TOKEN is not set" in stderr
    assert "Traceback" not in stderr


@pytest.mark.asyncio
async def test_a_token_discord_refuses_is_one_sentence(tmp_path: Path) -> None:
    async with DiscordDouble() as double:
        env = clean_env(tmp_path) | {
            "DISCORD_TOKEN": "not-the-token",
            "DISCORD_API_BASE": double.api_base,
            "DISCORD_GATEWAY_URL": double.gateway_url,
        }
        code, stderr = await run_bot(env)
    assert code == 2
    assert "Discord refused the token" in stderr
    assert "Traceback" not in stderr


@pytest.mark.asyncio
async def test_wrong_shard_settings_are_one_sentence(tmp_path: Path) -> None:
    env = clean_env(tmp_path) | {"DISCORD_TOKEN": "t", "SHARD_COUNT": "2", "SHARD_IDS": "0-2"}
    code, stderr = await run_bot(env)
    assert code == 2
    assert stderr.strip() == (
        "seller-coach run: SHARD_IDS 2 outside 0-1 (SHARD_COUNT is 2, so shards are numbered "
        "from 0)"
    )
