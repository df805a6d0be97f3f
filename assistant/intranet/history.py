"""Chat history and feedback in a local SQLite database, through Chainlit's SQLAlchemy data layer.

The schema is Chainlit's (users, threads, steps, elements, feedbacks), written for SQLite and
created by :func:`ensure_schema` on first start. Chainlit itself checks that a thread is read
only by its author. :func:`purge` removes threads older than a given age with everything in them
(retention, as the AVG asks).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import HistoryError

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    "id" TEXT PRIMARY KEY,
    "identifier" TEXT NOT NULL UNIQUE,
    "metadata" TEXT NOT NULL,
    "createdAt" TEXT
);
CREATE TABLE IF NOT EXISTS threads (
    "id" TEXT PRIMARY KEY,
    "createdAt" TEXT,
    "name" TEXT,
    "userId" TEXT,
    "userIdentifier" TEXT,
    "tags" TEXT,
    "metadata" TEXT,
    FOREIGN KEY ("userId") REFERENCES users("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS steps (
    "id" TEXT PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "parentId" TEXT,
    "streaming" BOOLEAN NOT NULL,
    "waitForAnswer" BOOLEAN,
    "isError" BOOLEAN,
    "metadata" TEXT,
    "tags" TEXT,
    "input" TEXT,
    "output" TEXT,
    "createdAt" TEXT,
    "command" TEXT,
    "modes" TEXT,
    "start" TEXT,
    "end" TEXT,
    "generation" TEXT,
    "showInput" TEXT,
    "language" TEXT,
    "indent" INT,
    "defaultOpen" BOOLEAN,
    "autoCollapse" BOOLEAN,
    "icon" TEXT,
    FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS elements (
    "id" TEXT PRIMARY KEY,
    "threadId" TEXT,
    "type" TEXT,
    "url" TEXT,
    "chainlitKey" TEXT,
    "name" TEXT NOT NULL,
    "display" TEXT,
    "objectKey" TEXT,
    "size" TEXT,
    "page" INT,
    "language" TEXT,
    "forId" TEXT,
    "mime" TEXT,
    "props" TEXT,
    "autoPlay" BOOLEAN,
    "playerConfig" TEXT,
    FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS feedbacks (
    "id" TEXT PRIMARY KEY,
    "forId" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "value" INT NOT NULL,
    "comment" TEXT,
    FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS threads_user ON threads ("userIdentifier", "createdAt");
CREATE INDEX IF NOT EXISTS steps_thread ON steps ("threadId");
"""


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=10)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        return conn
    except sqlite3.Error as exc:
        raise HistoryError(f"The history database {path} cannot be opened ({exc}).") from exc


def ensure_schema(path: Path) -> None:
    """Create the database and its tables if they are not there yet. It holds raadsleden's
    questions, so it is readable by its owner only (0600); SQLite gives its journal files the
    same mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    conn = _connect(path)
    try:
        conn.executescript(SCHEMA)
        conn.commit()
    except sqlite3.DatabaseError as exc:
        raise HistoryError(f"The history database {path} is damaged ({exc}); move it aside to "
                           "start a new one.") from exc
    finally:
        conn.close()


def data_layer(path: Path) -> Any:
    """Chainlit's SQLAlchemy data layer on the SQLite file (schema created first)."""
    from chainlit.data.sql_alchemy import SQLAlchemyDataLayer

    class HistoryLayer(SQLAlchemyDataLayer):
        async def get_thread_author(self, thread_id: str) -> str:
            # Chainlit's layer raises for an unknown thread, which the server turns into a
            # 500; an empty author makes it answer 404 "Thread not found".
            try:
                return await super().get_thread_author(thread_id)
            except ValueError:
                return ""

    ensure_schema(path)
    return HistoryLayer(conninfo=f"sqlite+aiosqlite:///{path}")


def purge(path: Path, older_than: timedelta) -> int:
    """Delete threads created before now - ``older_than``, with their steps, elements and
    feedback; returns how many threads went."""
    if not path.exists():
        return 0
    # Chainlit stamps threads with the server's local time in ISO form; compare in kind.
    cutoff = (datetime.now() - older_than).isoformat()
    conn = _connect(path)
    try:
        with conn:
            ids = [row[0] for row in conn.execute(
                'SELECT "id" FROM threads WHERE "createdAt" < ?', (cutoff,))]
            # Feedback goes with the step it is for, whatever thread id it carries; feedback
            # whose step is gone is removed as well.
            conn.executemany('DELETE FROM feedbacks WHERE "forId" IN '
                             '(SELECT "id" FROM steps WHERE "threadId" = ?)', [(i,) for i in ids])
            for table, column in (("feedbacks", "threadId"), ("elements", "threadId"),
                                  ("steps", "threadId"), ("threads", "id")):
                conn.executemany(f'DELETE FROM {table} WHERE "{column}" = ?',
                                 [(i,) for i in ids])
            conn.execute('DELETE FROM feedbacks WHERE "forId" NOT IN (SELECT "id" FROM steps)')
        conn.execute("VACUUM")
        return len(ids)
    except sqlite3.DatabaseError as exc:
        raise HistoryError(f"The history database {path} cannot be purged ({exc}).") from exc
    finally:
        conn.close()
