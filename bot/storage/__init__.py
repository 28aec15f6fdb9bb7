"""Persistence: SQLAlchemy 2 (async) over SQLite by default or PostgreSQL by URL.

Start with :class:`Database` (``Database.from_url(url)``, ``await database.migrate()``) and use
its :class:`Store` for every read and write.
"""

from bot.storage.database import Database, alembic_config, create_engine
from bot.storage.records import (
    ReminderRecord,
    ReminderStatus,
    ServerPlaybookRecord,
    SessionRecord,
    SessionStatus,
    Standing,
    SuggestionRecord,
    SuggestionStatus,
)
from bot.storage.repository import Store, new_session_id, new_worker_id

__all__ = [
    "Database",
    "ReminderRecord",
    "ReminderStatus",
    "ServerPlaybookRecord",
    "SessionRecord",
    "SessionStatus",
    "Standing",
    "Store",
    "SuggestionRecord",
    "SuggestionStatus",
    "alembic_config",
    "create_engine",
    "new_session_id",
    "new_worker_id",
]
