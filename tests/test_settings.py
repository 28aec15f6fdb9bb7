"""Settings: defaults, the data folder, URL normalisation, ``.env`` files and secrecy."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import (
    PLAYBOOK_REPOSITORY_PLACEHOLDER,
    Settings,
    normalise_database_url,
    redact_url,
)

ENV_NAMES = (
    "DISCORD_TOKEN",
    "DATABASE_URL",
    "SELLER_COACH_DATA_DIR",
    "XDG_DATA_HOME",
    "DEV_GUILD_ID",
    "DISCORD_API_BASE",
    "DISCORD_GATEWAY_URL",
    "REMINDER_POLL_SECONDS",
    "LOG_LEVEL",
    "DISCORD_LOG_LEVEL",
    "SQL_LOG_LEVEL",
    "SHARD_COUNT",
    "SHARD_IDS",
    "RETENTION_DAYS",
    "METRICS_PORT",
    "METRICS_HOST",
    "PLAYBOOK_REPOSITORY",
)
TOKEN = "MTIzNDU2Nzg5.secret-token-value.xyz"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean environment: no settings variables, an empty HOME and working folder."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


def test_defaults(home: Path) -> None:
    settings = Settings()
    data_dir = home / ".local" / "share" / "seller-coach"
    assert settings.discord_token is None
    assert settings.data_dir == data_dir
    assert settings.database_url == f"sqlite+aiosqlite:///{data_dir}/seller-coach.sqlite3"
    assert settings.sqlite_path == data_dir / "seller-coach.sqlite3"
    assert settings.dev_guild_id is None
    assert settings.discord_api_base is None
    assert settings.discord_gateway_url is None
    assert settings.reminder_poll_seconds == 30
    assert settings.log_level == "INFO"
    assert not data_dir.exists(), "building settings must not create folders"


def test_xdg_data_home(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings().data_dir == tmp_path / "xdg" / "seller-coach"
    assert Settings().database_url.endswith(f"{tmp_path}/xdg/seller-coach/seller-coach.sqlite3")


def test_relative_xdg_data_home_is_ignored(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    assert Settings().data_dir == home / ".local" / "share" / "seller-coach"


def test_data_dir_variable_wins(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("SELLER_COACH_DATA_DIR", "~/coach-data")
    settings = Settings()
    assert settings.data_dir == home / "coach-data"
    assert settings.sqlite_path == home / "coach-data" / "seller-coach.sqlite3"


def test_explicit_database_url_wins(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELLER_COACH_DATA_DIR", "/somewhere")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot@db.internal/coach")
    settings = Settings()
    assert settings.database_url == "postgresql+asyncpg://bot@db.internal/coach"
    assert settings.sqlite_path is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+asyncpg://u:p@h:5432/db"),
        ("postgresql://u@h/db?sslmode=require", "postgresql+asyncpg://u@h/db?sslmode=require"),
        ("POSTGRES://h/db", "postgresql+asyncpg://h/db"),
        ("postgresql+asyncpg://h/db", "postgresql+asyncpg://h/db"),
        ("sqlite:///relative.sqlite3", "sqlite+aiosqlite:///relative.sqlite3"),
        ("sqlite:////abs/file.sqlite3", "sqlite+aiosqlite:////abs/file.sqlite3"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("  sqlite:///padded.db \n", "sqlite+aiosqlite:///padded.db"),
        ("mysql+aiomysql://h/db", "mysql+aiomysql://h/db"),
    ],
)
def test_url_normalisation(
    home: Path, monkeypatch: pytest.MonkeyPatch, given: str, expected: str
) -> None:
    assert normalise_database_url(given) == expected
    monkeypatch.setenv("DATABASE_URL", given)
    assert Settings().database_url == expected


def test_empty_variables_fall_back_to_defaults(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("DISCORD_TOKEN", "")
    settings = Settings()
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.discord_token is None


def test_environment_values(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEV_GUILD_ID", "123456789012345678")
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:8080/api/v10")
    monkeypatch.setenv("DISCORD_GATEWAY_URL", "ws://127.0.0.1:8080/gateway")
    monkeypatch.setenv("REMINDER_POLL_SECONDS", "0.5")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = Settings()
    assert settings.dev_guild_id == 123456789012345678
    assert settings.discord_api_base == "http://127.0.0.1:8080/api/v10"
    assert settings.discord_gateway_url == "ws://127.0.0.1:8080/gateway"
    assert settings.reminder_poll_seconds == 0.5
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOG_LEVEL", "chatty"),
        ("REMINDER_POLL_SECONDS", "0"),
        ("REMINDER_POLL_SECONDS", "-3"),
        ("DEV_GUILD_ID", "not-a-number"),
        ("DISCORD_API_BASE", "ftp://example.org"),
        ("DISCORD_GATEWAY_URL", "http://example.org"),
        ("DATABASE_URL", "   "),
    ],
)
def test_invalid_values_are_rejected(
    home: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


def test_dotenv_file_is_read_and_environment_wins(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path(".env").write_text(
        f"DISCORD_TOKEN={TOKEN}\nDEV_GUILD_ID=42\nLOG_LEVEL=warning\nUNRELATED=1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    settings = Settings()
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == TOKEN
    assert settings.dev_guild_id == 42
    assert settings.log_level == "ERROR"


def test_dotenv_file_can_be_skipped(home: Path) -> None:
    Path(".env").write_text("DEV_GUILD_ID=42\n", encoding="utf-8")
    assert Settings(_env_file=None).dev_guild_id is None  # type: ignore[call-arg]


def test_token_never_shown(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = Settings()
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == TOKEN
    shown = [
        repr(settings),
        str(settings),
        repr(settings.discord_token),
        str(settings.discord_token),
        f"{settings.discord_token}",
        settings.model_dump_json(),
        str(settings.model_dump()),
    ]
    for text in shown:
        assert TOKEN not in text
        assert "secret-token" not in text


def test_database_password_redacted_in_repr(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://coach:hunter2@db:5432/coach")
    settings = Settings()
    assert settings.database_url == "postgresql+asyncpg://coach:hunter2@db:5432/coach"
    assert "hunter2" not in repr(settings)
    assert "hunter2" not in str(settings)
    assert "coach:***@db" in repr(settings)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql+asyncpg://u:pw@h/db", "postgresql+asyncpg://u:***@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+asyncpg://h:5432/db", "postgresql+asyncpg://h:5432/db"),
        ("sqlite+aiosqlite:////a/b.sqlite3", "sqlite+aiosqlite:////a/b.sqlite3"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


@pytest.mark.parametrize(
    ("count", "ids", "expected"),
    [
        ("4", "0-3", [0, 1, 2, 3]),
        ("4", "2", [2]),
        ("8", "0,1, 4-5", [0, 1, 4, 5]),
        ("8", "3 1 1", [1, 3]),
        ("2", "[0, 1]", [0, 1]),
    ],
)
def test_shard_ids_take_lists_and_ranges(
    home: Path, monkeypatch: pytest.MonkeyPatch, count: str, ids: str, expected: list[int]
) -> None:
    monkeypatch.setenv("SHARD_COUNT", count)
    monkeypatch.setenv("SHARD_IDS", ids)
    settings = Settings()
    assert settings.shard_count == int(count)
    assert settings.shard_ids == expected


def test_no_shard_settings_means_every_recommended_shard(home: Path) -> None:
    settings = Settings()
    assert settings.shard_count is None and settings.shard_ids is None


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "outside 0-1"),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "3-1"}, "runs backwards"),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "one"}, "not a shard id"),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "0-"}, "not a shard id"),
        ({"SHARD_COUNT": "0"}, "shard_count"),
    ],
)
def test_wrong_shard_settings_say_what_is_wrong(
    home: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], words: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert words in str(raised.value)


def test_operations_defaults(home: Path) -> None:
    settings = Settings()
    assert settings.retention_days == 30
    assert settings.discord_log_level == "WARNING" and settings.sql_log_level == "WARNING"
    assert settings.metrics_port is None and settings.metrics_host == "127.0.0.1"


def test_the_playbook_repository_is_a_placeholder_until_set(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings()
    assert settings.playbook_repository == PLAYBOOK_REPOSITORY_PLACEHOLDER
    assert not settings.playbook_repository_set
    monkeypatch.setenv("PLAYBOOK_REPOSITORY", " https://github.com/example-org/coach/tree/dev ")
    settings = Settings()
    assert settings.playbook_repository == "https://github.com/example-org/coach/tree/dev"
    assert settings.playbook_repository_set


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("http://github.com/example-org/coach", "must start with https://"),
        ("https://github.com/example-org", "/OWNER/REPO"),
        ("https://github.com/example-org/coach?x=1", "must not have a query"),
    ],
)
def test_a_wrong_playbook_repository_says_what_is_wrong(
    home: Path, monkeypatch: pytest.MonkeyPatch, value: str, words: str
) -> None:
    monkeypatch.setenv("PLAYBOOK_REPOSITORY", value)
    with pytest.raises(ValidationError, match="playbook_repository") as raised:
        Settings()
    assert words in str(raised.value)
