"""Runtime settings, read from the environment and an optional ``.env`` file.

Build one :class:`Settings` in ``main()`` and pass it down; nothing here runs at import time.

=====================  ==========================================================
Environment variable   Meaning
=====================  ==========================================================
DISCORD_TOKEN          the bot token (needed by ``seller-coach run`` only)
DATABASE_URL           SQLAlchemy URL; default: an SQLite file in the data folder
SELLER_COACH_DATA_DIR  the data folder; default ``$XDG_DATA_HOME/seller-coach``,
                       else ``~/.local/share/seller-coach``
DEV_GUILD_ID           a server to sync slash commands to instantly while developing
DISCORD_API_BASE       REST base URL of a Discord-compatible server (tests, self-hosting)
DISCORD_GATEWAY_URL    Gateway websocket URL of such a server
REMINDER_POLL_SECONDS  how often the reminder loop looks for due reminders
SHARD_COUNT            how many shards the bot has in all; default: what Discord recommends
SHARD_IDS              the shards this process runs: ``0,1`` or ranges such as ``0-3``;
                       default: all of them (needs SHARD_COUNT when set)
RETENTION_DAYS         finished or abandoned walkthroughs and closed reminders are deleted
                       after this many days
LOG_LEVEL              DEBUG, INFO, WARNING, ... for Seller Coach's own loggers
DISCORD_LOG_LEVEL      the same for discord.py's loggers (default WARNING)
SQL_LOG_LEVEL          the same for SQLAlchemy's loggers (default WARNING)
METRICS_PORT           serve Prometheus metrics and ``/healthz`` on this port (off if unset;
                       0 picks a free port and logs it)
METRICS_HOST           the address they listen on (default 127.0.0.1)
PLAYBOOK_REPOSITORY    the GitHub repository server playbooks are proposed to
                       (``https://github.com/OWNER/REPO``, optionally ``/tree/BRANCH``);
                       default: a placeholder, until the project's URL is set here
=====================  ==========================================================
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.upstream import parse_repository

log = logging.getLogger(__name__)

APP_NAME = "seller-coach"
SQLITE_FILE_NAME = "seller-coach.sqlite3"

# Plain driver-less schemes are mapped to the async drivers the storage layer uses.
_ASYNC_SCHEMES = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}
#: Where server playbooks are proposed upstream until ``PLAYBOOK_REPOSITORY`` says otherwise:
#: plainly a placeholder (the project has no public URL of its own yet).
PLAYBOOK_REPOSITORY_PLACEHOLDER = "https://github.com/OWNER/seller-coach"
_URL_PASSWORD = re.compile(r"^(?P<head>[^:/]+://[^:/@]*):[^@/]*@")
_SHARD_PART = re.compile(r"^(?P<first>\d+)(?:\s*-\s*(?P<last>\d+))?$")


def parse_shard_ids(text: str) -> list[int]:
    """Shard ids from ``"0,1"``, ``"0 1"``, ``"0-3"`` or ``"0-1,4"``: sorted, each once.

    Raises ValueError with a message fit for the operator on anything else.
    """
    ids: set[int] = set()
    parts = [part for part in re.split(r"[\s,]+", text.strip().strip("[]")) if part]
    if not parts:
        raise ValueError("give shard ids such as 0,1 or a range such as 0-3")
    for part in parts:
        found = _SHARD_PART.match(part)
        if found is None:
            raise ValueError(f"{part!r} is not a shard id or a range such as 0-3")
        first = int(found["first"])
        last = int(found["last"]) if found["last"] is not None else first
        if last < first:
            raise ValueError(f"the range {part!r} runs backwards; write it as {last}-{first}")
        ids.update(range(first, last + 1))
    return sorted(ids)


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder for the bot's own files, following the XDG base directory spec.

    ``$XDG_DATA_HOME/seller-coach`` when that variable holds an absolute path (the spec says
    relative values are to be ignored), else ``~/.local/share/seller-coach``. The folder is
    not created here.
    """
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_DATA_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / APP_NAME
    return Path.home() / ".local" / "share" / APP_NAME


def sqlite_url(path: Path) -> str:
    """The async SQLAlchemy URL of an SQLite file."""
    return f"sqlite+aiosqlite:///{path}"


def normalise_database_url(url: str) -> str:
    """Give a driver-less URL the async driver the storage layer needs.

    ``postgres://`` and ``postgresql://`` become ``postgresql+asyncpg://`` (hosting platforms
    hand out the short forms), ``sqlite://`` becomes ``sqlite+aiosqlite://``. URLs that already
    name a driver are returned unchanged.
    """
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    normalised = _ASYNC_SCHEMES.get(scheme.lower())
    return f"{normalised}://{rest}" if normalised else url


def redact_url(url: str) -> str:
    """The URL with its password, if any, replaced by ``***`` (safe to log)."""
    return _URL_PASSWORD.sub(r"\g<head>:***@", url, count=1)


class Settings(BaseSettings):
    """Everything the bot reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        validate_by_name=True,
        validate_by_alias=True,
    )

    discord_token: SecretStr | None = None
    data_dir: Path = Field(
        default_factory=default_data_dir,
        validation_alias=AliasChoices("SELLER_COACH_DATA_DIR", "data_dir"),
    )
    # Declared after data_dir: the default factory reads the validated data folder.
    database_url: str = Field(
        default_factory=lambda data: sqlite_url(Path(data["data_dir"]) / SQLITE_FILE_NAME)
    )
    dev_guild_id: int | None = None
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    reminder_poll_seconds: float = Field(default=30.0, gt=0)
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[list[int] | None, NoDecode] = None
    retention_days: float = Field(default=30.0, gt=0)
    log_level: str = "INFO"
    discord_log_level: str = "WARNING"
    sql_log_level: str = "WARNING"
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    playbook_repository: str = PLAYBOOK_REPOSITORY_PLACEHOLDER

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # A PostgreSQL URL may carry a password: show it redacted.
        for name, value in super().__repr_args__():
            yield name, redact_url(value) if name == "database_url" else value

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand_data_dir(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("database_url", mode="after")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return normalise_database_url(value)

    @field_validator("discord_api_base", mode="after")
    @classmethod
    def _check_api_base(cls, value: str | None) -> str | None:
        return _check_scheme(value, ("http://", "https://"))

    @field_validator("discord_gateway_url", mode="after")
    @classmethod
    def _check_gateway_url(cls, value: str | None) -> str | None:
        return _check_scheme(value, ("ws://", "wss://"))

    @field_validator("playbook_repository", mode="after")
    @classmethod
    def _check_playbook_repository(cls, value: str) -> str:
        parse_repository(value)  # a ValueError says what is wrong with it
        return value.strip()

    @property
    def playbook_repository_set(self) -> bool:
        """Whether ``PLAYBOOK_REPOSITORY`` names a real repository (not the placeholder)."""
        return self.playbook_repository != PLAYBOOK_REPOSITORY_PLACEHOLDER

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _parse_shard_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_shard_ids(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return [value]
        return value

    @model_validator(mode="after")
    def _check_shards(self) -> Self:
        if self.shard_ids is None:
            return self
        if self.shard_count is None:
            raise ValueError(
                "SHARD_IDS needs SHARD_COUNT: set SHARD_COUNT to the number of shards in all"
            )
        if not self.shard_ids:
            raise ValueError("SHARD_IDS is empty; leave it unset to run every shard")
        outside = [n for n in self.shard_ids if not 0 <= n < self.shard_count]
        if outside:
            raise ValueError(
                f"SHARD_IDS {', '.join(map(str, outside))} outside 0-{self.shard_count - 1} "
                f"(SHARD_COUNT is {self.shard_count}, so shards are numbered from 0)"
            )
        self.shard_ids = sorted(set(self.shard_ids))
        return self

    @field_validator("log_level", "discord_log_level", "sql_log_level", mode="before")
    @classmethod
    def _check_log_level(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().upper()
            if value not in logging.getLevelNamesMapping():
                raise ValueError(f"unknown log level {value!r}")
        return value

    @property
    def sqlite_path(self) -> Path | None:
        """The file behind an SQLite ``database_url``; None for other databases or in-memory."""
        scheme, _, rest = self.database_url.partition("://")
        if not scheme.startswith("sqlite") or not rest.startswith("/"):
            return None
        path = rest[1:].split("?", 1)[0]
        if not path or path == ":memory:":
            return None
        return Path(path)


def _check_scheme(value: str | None, schemes: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value.lower().startswith(schemes):
        raise ValueError(f"must start with {' or '.join(schemes)}")
    return value
