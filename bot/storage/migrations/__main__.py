"""Alembic's command line over this package's migrations, with no ``alembic.ini``.

    python -m bot.storage.migrations upgrade head
    python -m bot.storage.migrations current
    python -m bot.storage.migrations revision --autogenerate -m "add outcomes"

The database is ``DATABASE_URL`` (or the default SQLite file), as for the bot.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from alembic.config import CommandLine

from bot.settings import Settings, redact_url
from bot.storage.database import alembic_config

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    settings = Settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    command_line = CommandLine(prog="python -m bot.storage.migrations")
    options = command_line.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        command_line.parser.error("too few arguments")
    config = alembic_config(settings.database_url)
    log.debug("database: %s", redact_url(settings.database_url))
    config.cmd_opts = options
    command_line.run_cmd(config, options)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
