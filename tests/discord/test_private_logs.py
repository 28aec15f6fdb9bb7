"""A customer's details never reach a log, at any level, whoever logs them.

The whole walkthrough (details typed into the form, the draft, the reminder sent by DM) runs
with the root logger, discord.py's and SQLAlchemy's all at DEBUG, and every record captured is
searched for the case's details.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot.logs import HIDDEN, configure_logging
from tests.discord.conftest import at_draft, custom_id, reminder_dms, reply_of, running_bot, text_of
from tests.double import DiscordDouble, InteractionTimeoutError

DETAILS = {
    "customer": "Zephyrine Quillfeather",
    "item": "obsidian tortoise teapot",
    "order": "ZQ-771942",
    "order_value": "£48",
    "signature": "Marmaduke Street, Shards & Livid",
}
PRIVATE = ("Zephyrine", "Quillfeather", "tortoise teapot", "ZQ-771942", "livid", "Marmaduke")


class Capture(logging.Handler):
    """Keeps every record, formatted the way a log file would show it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.lines.append(self.format(record))


@contextlib.contextmanager
def everything_at_debug() -> Iterator[Capture]:
    root = logging.getLogger()
    names = ("discord", "sqlalchemy", "aiosqlite", "asyncpg", "alembic")
    saved = (root.level, list(root.handlers), {n: logging.getLogger(n).level for n in names})
    capture = Capture()
    configure_logging("DEBUG", discord_level="DEBUG", sql_level="DEBUG", handler=capture)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(saved[0])
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)


def mentioned(details: tuple[str, ...], text: str) -> list[str]:
    """The details that appear in ``text`` as words of their own, whatever their case.

    A detail inside a longer run of letters or digits is not a mention: a Discord snowflake such
    as 1578035568812621851 holds an order number "8812" by chance, not because it leaked.
    """
    return [
        detail
        for detail in details
        if re.search(rf"(?<![^\W_]){re.escape(detail)}(?![^\W_])", text, re.IGNORECASE)
    ]


def leaks(capture: Capture, details: tuple[str, ...] = PRIVATE) -> list[str]:
    """The captured log lines that mention any of ``details``."""
    return [line for line in capture.lines if mentioned(details, line)]


def test_a_detail_is_mentioned_as_a_word_of_its_own_in_any_case() -> None:
    """The leak check finds a detail however it is written around, and not inside a longer
    run of letters or digits (a Discord id that holds an order number's digits by chance)."""
    details = ("8812", "Rosalind", "ZQ-771942", "tortoise teapot")
    assert mentioned(details, "order #8812 from ROSALIND") == ["8812", "Rosalind"]
    assert mentioned(details, "ref=zq-771942; item: Tortoise Teapot.") == [
        "ZQ-771942",
        "tortoise teapot",
    ]
    assert mentioned(details, "order_8812") == ["8812"]
    assert mentioned(details, "Webhook ID 1578035568812621851, user Rosalinda") == []


async def test_a_walkthrough_and_its_reminder_at_debug_log_no_customer_details(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    now = [datetime.now(UTC)]
    seller = double.member
    with everything_at_debug() as capture:
        async with running_bot(double, sqlite_file_url, clock=lambda: now[0]):
            started = await double.slash(
                seller, double.guild, "coach", situation="the teapot arrived in pieces"
            )
            form = await double.click(seller, started, custom_id(started, ":details"))
            step = await double.submit_modal(seller, form, DETAILS)
            assert "obsidian tortoise teapot" in text_of(step)
            while not at_draft(step):
                step = await double.click(seller, step, custom_id(step, ":next"))
            assert (await reply_of(double, step)).startswith("Hi Zephyrine Quillfeather,")
            await double.click(seller, step, custom_id(step, ":finish"))
            now[0] += timedelta(days=30)  # the reminder is due: the loop sends it
            await double.wait_for(lambda: len(double.dms_to(seller)) == 2, timeout=10)
            assert "Zephyrine" in str(reminder_dms(double, seller)[0].embeds)
            assert double.dms_to(seller)[1].content.startswith("Hi Zephyrine Quillfeather,")
    names = {record.name.split(".")[0] for record in capture.records}
    assert {"bot", "discord", "sqlalchemy"} <= names, names  # all of them were heard
    assert any(HIDDEN in line for line in capture.lines)  # and payloads were there to hide
    assert leaks(capture) == []
    double.assert_clean()


async def test_a_database_error_with_a_reminder_payload_logs_no_customer_details(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller = double.member
    with everything_at_debug() as capture:
        async with running_bot(double, sqlite_file_url) as harness:
            step = await double.slash(
                seller, double.guild, "coach", situation="the teapot arrived in pieces"
            )
            form = await double.click(seller, step, custom_id(step, ":details"))
            step = await double.submit_modal(seller, form, DETAILS)
            while not at_draft(step):
                step = await double.click(seller, step, custom_id(step, ":next"))

            def locked(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
                if statement.startswith("INSERT INTO reminders"):
                    raise sqlite3.OperationalError("database is locked")

            engine = harness.database.engine.sync_engine
            event.listen(engine, "before_cursor_execute", locked)
            try:
                with contextlib.suppress(InteractionTimeoutError):
                    await double.click(seller, step, custom_id(step, ":finish"))
                await double.wait_for(lambda: bool(database_errors(capture)))
                # The error itself carries no parameters either, wherever it is shown.
                payload = '{"customer": "Zephyrine Quillfeather", "item": "tortoise teapot"}'
                due = datetime.now(UTC) + timedelta(days=3)
                with pytest.raises(OperationalError) as raised:
                    await harness.service.store.add_reminder(seller.id, None, None, due, payload)
                assert "INSERT INTO reminders" in str(raised.value)
                assert mentioned(PRIVATE, str(raised.value)) == []
            finally:
                event.remove(engine, "before_cursor_execute", locked)
    assert database_errors(capture)
    assert leaks(capture) == []


def database_errors(capture: Capture) -> list[str]:
    """Lines logged at ERROR or above about the database error (with its traceback)."""
    return [
        line
        for record, line in zip(capture.records, capture.lines, strict=True)
        if record.levelno >= logging.ERROR and "OperationalError" in line
    ]
