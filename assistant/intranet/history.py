"""Chat history and feedback: a local SQLite file or a shared Postgres database.

``ASSISTANT_DATABASE`` is a path (SQLite, the default: one chat process) or a ``postgresql://``
URL (several replicas sharing one database). Both carry the same schema, Chainlit's (users,
threads, steps, elements, feedbacks), created and upgraded by the Alembic migrations in
``migrations/`` (:func:`migrate`, run by ``assistant chat`` at start and by ``assistant history
migrate``). The data layer the chat writes through is :class:`~.history_layer.HistoryLayer`
(:func:`~.history_layer.data_layer`).
:func:`purge` removes threads older than a given age with everything in them (retention, as the
AVG asks).
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import HistoryError

MIGRATIONS = Path(__file__).parent / "migrations"
# What is kept of a step's text, a thread's name and a feedback comment (a longer comment is
# refused in one sentence; see events.py).
STEP_CHARS = 100_000
NAME_CHARS = 200
COMMENT_CHARS = 2_000
_URL = re.compile(r"^postgres(?:ql)?(?:\+\w+)?://", re.IGNORECASE)


def is_url(database: str | Path) -> bool:
    return bool(_URL.match(str(database)))


def sync_url(database: str | Path) -> str:
    """SQLAlchemy URL for migrations and purge (psycopg for Postgres)."""
    if is_url(database):
        return _URL.sub("postgresql+psycopg://", str(database), count=1)
    return f"sqlite:///{Path(database)}"


def async_url(database: str | Path) -> str:
    """SQLAlchemy URL for the chat's data layer (psycopg's async mode, aiosqlite)."""
    if is_url(database):
        return sync_url(database)
    return f"sqlite+aiosqlite:///{Path(database)}"


# Query parameters of a database URL that hold a secret (libpq's names).
_SECRET_PARAMETERS = frozenset({"password", "sslpassword", "passfile"})


def describe(database: str | Path) -> str:
    """The database as it may be printed: a URL without its password."""
    if not is_url(database):
        return str(database)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(str(database))
    except (ArgumentError, ValueError):  # not a URL SQLAlchemy reads: none of it is shown
        return "(a database URL that cannot be read)"
    # libpq also takes a password as a query parameter (?password=...); it is masked too.
    hidden = {k: ("***" if k.lower() in _SECRET_PARAMETERS else v) for k, v in url.query.items()}
    return url.set(query=hidden).render_as_string(hide_password=True)


def _engine(database: str | Path) -> Any:
    from sqlalchemy import create_engine, event

    if is_url(database):
        return create_engine(sync_url(database), pool_pre_ping=True,
                             connect_args={"connect_timeout": 10})
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    # It holds raadsleden's questions: readable by its owner only (0600); SQLite gives its
    # journal files the same mode.
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    engine = create_engine(sync_url(path), connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(conn: Any, _record: Any) -> None:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")

    return engine


def _problem(database: str | Path, exc: BaseException) -> str:
    """Why the database failed, in one line without parameters or query text."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return text[:200]


def migrate(database: str | Path) -> str:
    """Create the schema or bring it up to date; returns the revision now in place. Safe to run
    from several replicas at once (Postgres: under an advisory lock)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        engine = _engine(database)
        with engine.begin() as conn:
            if is_url(database):
                conn.execute(text("SELECT pg_advisory_xact_lock(7312204)"))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            revision = MigrationContext.configure(conn).get_current_revision() or ""
        engine.dispose()
        return revision
    except (SQLAlchemyError, OSError) as exc:
        where = describe(database)
        if not is_url(database) and "not a database" in str(exc):
            raise HistoryError(f"The history database {where} is damaged "
                               f"({_problem(database, exc)}); move it aside to start a new "
                               "one.") from exc
        raise HistoryError(f"The history database {where} cannot be opened or upgraded "
                           f"({_problem(database, exc)}).") from exc


def purge(database: str | Path, older_than: timedelta) -> int:
    """Delete threads created before now - ``older_than``, with their steps, elements and
    feedback; returns how many threads went."""
    from sqlalchemy import bindparam, text
    from sqlalchemy.exc import SQLAlchemyError

    if not is_url(database) and not Path(database).exists():
        return 0
    # Chainlit stamps threads with the server's local time in ISO form; compare in kind.
    cutoff = (datetime.now() - older_than).isoformat()
    try:
        engine = _engine(database)
        with engine.begin() as conn:
            ids = [row[0] for row in conn.execute(
                text('SELECT "id" FROM threads WHERE "createdAt" < :cutoff'), {"cutoff": cutoff})]
            if ids:
                many = {"ids": ids}
                # Feedback goes with the step it is for, whatever thread id it carries.
                conn.execute(text('DELETE FROM feedbacks WHERE "forId" IN (SELECT "id" FROM steps'
                                  ' WHERE "threadId" IN :ids)').bindparams(
                                      bindparam("ids", expanding=True)), many)
                for table, column in (("feedbacks", "threadId"), ("elements", "threadId"),
                                      ("steps", "threadId"), ("threads", "id")):
                    conn.execute(text(f'DELETE FROM {table} WHERE "{column}" IN :ids').bindparams(
                        bindparam("ids", expanding=True)), many)
            # Feedback whose step is gone is removed as well.
            conn.execute(text('DELETE FROM feedbacks WHERE "forId" NOT IN '
                              '(SELECT "id" FROM steps)'))
        if not is_url(database):
            with engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM"))
        engine.dispose()
        return len(ids)
    except SQLAlchemyError as exc:
        raise HistoryError(f"The history database {describe(database)} cannot be purged "
                           f"({_problem(database, exc)}).") from exc
