"""SQLite settings for a site on the embedded default database: readers never wait for an import.

The default rollback journal lets one writer lock readers out while it spills its changes, so pages failed with
"database is locked" during an import (issue 23). In WAL mode readers read the last committed state while a writer
appends; busy_timeout makes a second writer wait for the lock instead of failing at once; synchronous=NORMAL is the
setting WAL is designed for (a commit survives a crash of the process; a power cut may lose the last commits, never
consistency). PostgreSQL needs none of this.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlalchemy as sa
from flask import Flask

BUSY_TIMEOUT_MS = 5000


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if cursor.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory: (which has no WAL)
            cursor.execute("PRAGMA journal_mode=WAL")  # persistent in the file; cheap to repeat per connection
            cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def init_app(app: Flask) -> None:
    """Registers the pragmas on the app's SQLite engine (after db.init_app, which creates it)."""
    from portal.extensions import db

    if not str(app.config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    if not sa.event.contains(engine, "connect", sqlite_pragmas):
        sa.event.listen(engine, "connect", sqlite_pragmas)
