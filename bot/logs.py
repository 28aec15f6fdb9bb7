"""Logging, set up once per process: one level for Seller Coach, one for each library.

Seller Coach's own loggers log ids and counts, never a customer's text. The libraries do not
know what is private: at DEBUG, discord.py logs every gateway event and HTTP body (a modal's
values, the customer's message) and SQLAlchemy logs result rows. Their loggers therefore
default to WARNING, and :class:`HidePayloads` replaces the payloads in their records below
WARNING, so even a level asked for explicitly keeps customer details out of the log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

log = logging.getLogger(__name__)

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HIDDEN = "[payload hidden]"

#: Loggers whose records below WARNING may carry a payload, by library.
DISCORD_LOGGERS = ("discord",)
SQL_LOGGERS = ("sqlalchemy", "aiosqlite", "asyncpg", "alembic")
#: Loggers (and their children) whose records may carry a payload.
PAYLOAD_PREFIXES = (*DISCORD_LOGGERS, *SQL_LOGGERS)
#: Payload-carrying loggers made up front (the libraries make the others as modules load).
PAYLOAD_LOGGERS = ("discord.gateway", "discord.http", "discord.state", "sqlalchemy.engine.Engine")


class HidePayloads(logging.Filter):
    """Below WARNING, replace every argument of a library's record that is not a number with
    ``[payload hidden]``: the message's wording stays, what Discord or the database sent goes.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or not record.args:
            return True
        if isinstance(record.args, Mapping):
            record.args = {key: _hide(value) for key, value in record.args.items()}
        else:
            record.args = tuple(_hide(value) for value in record.args)
        return True


def _hide(value: object) -> object:
    if isinstance(value, bool | int | float) or value is None:
        return value
    return HIDDEN


_FILTER = HidePayloads()


def configure_logging(
    level: str = "INFO",
    *,
    discord_level: str = "WARNING",
    sql_level: str = "WARNING",
    handler: logging.Handler | None = None,
) -> None:
    """Set up the process's logging: a handler on the root logger at ``level`` (Seller Coach's
    loggers and anything unnamed), discord.py's loggers at ``discord_level`` and the database
    libraries' at ``sql_level``, with payloads hidden. Safe to call again (it replaces the
    handler it installed before)."""
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_seller_coach", False):
            root.removeHandler(existing)
    if handler is None:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
    handler._seller_coach = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in DISCORD_LOGGERS:
        logging.getLogger(name).setLevel(discord_level.upper())
    for name in SQL_LOGGERS:
        logging.getLogger(name).setLevel(sql_level.upper())
    install_payload_filters()


def install_payload_filters() -> None:
    """Put :class:`HidePayloads` on every library logger that may carry a payload (a filter
    applies to the records of the logger it is on, so each one gets it; idempotent)."""
    import discord  # noqa: F401 - its modules make their loggers on import
    import sqlalchemy.engine  # noqa: F401

    names = set(PAYLOAD_LOGGERS)
    names.update(
        name
        for name in logging.root.manager.loggerDict
        if name.split(".", 1)[0] in PAYLOAD_PREFIXES
    )
    for name in names:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
