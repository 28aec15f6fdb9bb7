"""Alembic migrations of the storage schema.

Run them with :meth:`bot.storage.Database.migrate`, or from a shell with
``python -m bot.storage.migrations upgrade head`` (any Alembic command works the same way;
the database comes from ``DATABASE_URL`` or the default SQLite file).
"""
