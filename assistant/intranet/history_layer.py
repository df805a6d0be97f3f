"""The data layer the chat stores history through: Chainlit's SQLAlchemy layer, made safe to share.

What it changes, and why:

- **Nothing is lost, and no answer waits for the database.** A write that fails for a passing
  reason (database restarting, pool exhausted, SQLite busy) is tried once more; if the database
  still cannot be reached, the write is kept back in memory, in order, and so is every write
  after it, at once, while a prober tries the database every second; when it answers, what was
  kept back is stored in order before anything new. The raadslid is told once a minute, in
  Dutch, that the conversation will be kept when the history is back. Past
  :data:`KEEP_BACK` transactions, or for a write the database refuses, the raadslid is told
  that this conversation is not being kept. The log gets one line when the database goes and
  one when it is back (with how many writes were stored late, and lost), naming the table and
  the kind of failure but never the parameters (user name, question, answer). What is kept
  back lives in the replica's memory: a replica that stops during an outage loses it.
- **A thread always has its owner.** The user and the thread's owner are written in the same
  transaction as the thread's first step, so a failed ``update_thread`` cannot leave a thread
  that its raadslid never sees.
- **Nobody writes into someone else's history.** An existing step, element or feedback is only
  updated from its own thread or step (``ON CONFLICT ... DO UPDATE ... WHERE``), a thread's owner
  is never replaced, and a step is deleted only from the session's own thread. The REST routes
  that take ids from the browser are checked in :mod:`.events`.
- **Sizes are bounded** (limits in :mod:`.history`): a step's text, a thread name, a feedback
  comment.
- **Citation panels live in the step's metadata** (see ``chat/app.py``), so there is no blob
  store and elements are not written; Chainlit's warning for each one is not printed.
- **The pool is sized** (``ASSISTANT_DATABASE_POOL``) and checks connections before use, so a
  restarted Postgres is picked up again without a restart of the chat.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import json
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.utils import queue_until_user_message
from chainlit.logger import logger
from chainlit.types import PageInfo, PaginatedResponse, ThreadDict
from sqlalchemy import text
from sqlalchemy.exc import (
    DBAPIError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import sessionmaker

if TYPE_CHECKING:
    from chainlit.element import Element
    from chainlit.step import StepDict
    from chainlit.types import Feedback, Pagination, ThreadFilter

from ..messages.nl import FULL, KEPT_LATER, NOT_KEPT
from .history import COMMENT_CHARS, NAME_CHARS, STEP_CHARS, async_url

# A write that fails for a passing reason is tried once more after this many seconds before it
# is kept back (see HistoryLayer._transaction).
RETRY_SECONDS = 0.25
# Transactions kept back while the database cannot be reached; more are not stored.
KEEP_BACK = 10_000
# How often a database that cannot be reached is tried again.
PROBE_SECONDS = 1.0
# Times a kept-back write is tried with the database answering before it is given up.
HEAD_TRIES = 5
TELL_EVERY_SECONDS = 60.0
# How long a user's stored size, counted in the database, is trusted before it is counted again
# (each write in between adds its own size): several replicas share the database, and each
# counts anew this often.
QUOTA_RECOUNT_SECONDS = 60.0
# The characters of history one user (:ident) keeps, as the quota counts them.
STORED_TEXT = ('SELECT COALESCE(SUM(LENGTH(COALESCE(s."input", \'\')) + '
               'LENGTH(COALESCE(s."output", \'\')) + LENGTH(COALESCE(s."metadata", \'\'))), 0) '
               'AS size FROM steps s JOIN threads t ON t."id" = s."threadId" '
               'WHERE t."userIdentifier" = :ident')
# Steps whose size is remembered, so that writing one again adds only what it grew by.
QUOTA_STEPS = 100_000

Statement = tuple[str, dict[str, Any]]


def _passing(exc: BaseException) -> bool:
    """A failure worth trying again: the connection or the pool, not the statement."""
    if isinstance(exc, (OperationalError, InterfaceError, PoolTimeout)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def _kind(exc: BaseException) -> str:
    """The failure in a few words, without parameters or statement text."""
    orig = getattr(exc, "orig", None) or exc
    name = type(orig).__name__
    if _passing(exc):
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
        return f"{name}: {first[:160]}" if first else name
    return name


def _is_write(query: str) -> bool:
    verb = query.split(None, 1)[0].upper() if query.strip() else ""
    return verb in ("INSERT", "UPDATE", "DELETE")


def _table(query: str) -> str:
    words = query.replace("(", " ").split()
    for keyword in ("INTO", "FROM", "UPDATE"):
        if keyword in words and words.index(keyword) + 1 < len(words):
            return words[words.index(keyword) + 1].strip('"')
    return "?"


def _session() -> Any:
    """The chat session this call runs for, or None (REST calls, tests)."""
    from chainlit.context import context

    try:
        return context.session
    except Exception:  # noqa: BLE001 - Chainlit raises its own error outside a session
        return None


def _upsert(table: str, parameters: dict[str, Any], same: str) -> str:
    """Insert a row, or update the existing row with its id only where its ``same`` column
    matches: a step stays in its thread, feedback with its step."""
    columns = ", ".join(f'"{key}"' for key in parameters)
    values = ", ".join(f":{key}" for key in parameters)
    updates = ", ".join(f'"{key}" = excluded."{key}"' for key in parameters if key != "id")
    return (f'INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ("id") DO UPDATE '
            f'SET {updates} WHERE {table}."{same}" = excluded."{same}"')


def _cell(value: Any) -> Any:
    """A value as the TEXT columns keep it: lists and dicts as JSON."""
    return json.dumps(value) if isinstance(value, (list, dict)) else value


class HistoryLayer(SQLAlchemyDataLayer):
    def __init__(self, url: str, pool_size: int = 10, max_chars: int = 0) -> None:
        # The parent's constructor would build an engine with default pool settings and warn
        # about the missing blob store; the attributes it sets are set here instead.
        self._conninfo = url
        self.user_thread_limit = 1000
        self.show_logger = False
        self.storage_provider = None
        if url.startswith("sqlite"):
            # One writer at a time: writers wait for SQLite's lock rather than fail.
            self.engine = create_async_engine(url, connect_args={"timeout": 30},
                                              pool_size=5, max_overflow=10, pool_timeout=60)
        else:
            self.engine = create_async_engine(
                url, pool_size=pool_size, max_overflow=pool_size, pool_timeout=30,
                pool_pre_ping=True, pool_recycle=1800, connect_args={"connect_timeout": 3})
        self.async_session = sessionmaker(bind=self.engine, expire_on_commit=False,
                                          class_=AsyncSession)  # type: ignore[call-overload]
        self._told: dict[str, tuple[str, float]] = {}
        # Each user's stored text may hold at most max_chars characters (0: no limit); the
        # count of each user, as last read from the database, with what was written since.
        self.max_chars = max_chars
        self._stored: dict[str, tuple[int, float]] = {}
        self._sizes: OrderedDict[str, int] = OrderedDict()  # step id: its size when counted
        self._quota_locks: dict[str, asyncio.Lock] = {}
        # While the database cannot be reached, writes are kept back in order and stored when
        # it answers again, so that answers are not held up by connection attempts (see
        # _transaction); a prober tries it every PROBE_SECONDS.
        self._down_since: float | None = None
        self._kept_back: list[tuple[int, list[Statement]]] = []  # (ticket, statements)
        self._tickets = 0
        self._stored_later = 0
        self._lost = 0
        self._prober: asyncio.Task[None] | None = None

    # --- running SQL -------------------------------------------------------------------------

    async def execute_sql(self, query: str, parameters: dict[str, Any]) -> Any:
        return await self._transaction([(query, parameters)])

    async def _transaction(self, statements: list[Statement]) -> Any:
        """Run ``statements`` in one transaction; returns the last statement's rows (as dicts) or
        row count, or None when it could not be done now.

        A passing failure (the connection, the pool) is tried once more; if the database still
        cannot be reached, a write is kept back and stored when it answers again, in the order
        the writes came in, and the raadslid is told so once a minute. While it cannot be
        reached, writes are kept back at once and reads answer None, so that no answer waits
        for a connection attempt. One line is logged when it goes and one when it is back."""
        query = statements[-1][0]
        write = _is_write(query)
        self._tickets += 1
        ticket = self._tickets  # the order the writes came in, whatever their retries take
        if self._down_since is not None:
            if write:
                await self._keep_back(ticket, statements)
            return None
        for attempt in range(2):
            try:
                return await self._run(statements)
            except SQLAlchemyError as exc:
                if _passing(exc) and attempt == 0:
                    await asyncio.sleep(RETRY_SECONDS)
                    continue
                if not _passing(exc):
                    await self._failed(query, exc)
                    return None
                if self._down_since is None:
                    self._down_since = time.monotonic()
                    logger.warning("History: the database cannot be reached (%s); writes are "
                                   "kept back until it answers again", _kind(exc))
                    self._prober = asyncio.get_running_loop().create_task(self._probe())
                if write:
                    await self._keep_back(ticket, statements)
                return None
        return None

    @property
    def reachable(self) -> bool:
        """False while the database cannot be reached (and reads answer None)."""
        return self._down_since is None

    async def _run(self, statements: list[Statement]) -> Any:
        async with self.async_session() as session, session.begin():
            result: Any = None
            for sql, parameters in statements:
                result = await session.execute(text(sql), parameters)
            return (self.clean_result([dict(r._mapping) for r in result.fetchall()])
                    if result is not None and result.returns_rows else
                    result.rowcount if result is not None else None)

    async def _keep_back(self, ticket: int, statements: list[Statement]) -> None:
        if len(self._kept_back) >= KEEP_BACK:
            self._lost += 1
            await self._tell(NOT_KEPT)
            return
        # In ticket order: a write that waited in its retry goes before those that came later.
        bisect.insort(self._kept_back, (ticket, statements), key=lambda kept: kept[0])
        await self._tell(KEPT_LATER)

    async def _probe(self) -> None:
        """Until the database answers: try it every PROBE_SECONDS, then store what was kept
        back, in order (what is written meanwhile joins the line). A write the answering
        database refuses, or fails :data:`HEAD_TRIES` times, is given up (counted as lost)."""
        tries = 0
        while self._down_since is not None:
            await asyncio.sleep(PROBE_SECONDS)
            try:
                await self._run([("SELECT 1", {})])
            except Exception:  # noqa: BLE001 - still away, or not answering as it should
                continue
            while self._kept_back:
                try:
                    await self._run(self._kept_back[0][1])
                    self._stored_later += 1
                except Exception as exc:  # noqa: BLE001 - the prober must not die
                    tries += 1
                    if isinstance(exc, SQLAlchemyError) and _passing(exc) and tries < HEAD_TRIES:
                        break  # away again, perhaps: the next round tries it once more
                    self._lost += 1
                    logger.warning("History: a write kept back failed (%s); not stored",
                                   _kind(exc))
                tries = 0
                self._kept_back.pop(0)
            else:
                # Nothing kept back, and no await between that check and this: writes go
                # straight to the database again, after everything that came before them.
                logger.warning("History: the database answers again after %.0f s; %d write(s) "
                               "kept back meanwhile were stored, %d could not be",
                               time.monotonic() - self._down_since, self._stored_later,
                               self._lost)
                self._down_since = None
                self._stored_later = self._lost = 0

    async def _failed(self, query: str, exc: BaseException) -> None:
        write = _is_write(query)
        logger.warning("History: %s %s failed (%s)%s", "write to" if write else "read from",
                       _table(query), _kind(exc), "; not stored" if write else "")
        if write:
            await self._tell(NOT_KEPT)

    async def _tell(self, sentence: str) -> None:
        """Tell the raadslid ``sentence``, once a minute (at once when the news changed)."""
        session = _session()
        if session is None:
            return
        now = time.monotonic()
        said, when = self._told.get(session.id, ("", -TELL_EVERY_SECONDS))
        if said == sentence and now - when < TELL_EVERY_SECONDS:
            return
        self._told[session.id] = (sentence, now)
        from chainlit.context import context

        # The socket may be gone; the log line stays.
        with contextlib.suppress(Exception):
            await context.emitter.send_toast(sentence, "warning")

    # --- threads and steps -------------------------------------------------------------------

    async def _get_user_identifer_by_id(self, user_id: str) -> str:
        rows = await self.execute_sql('SELECT "identifier" FROM users WHERE "id" = :id',
                                      {"id": user_id})
        # None (not "") when unknown: Chainlit's update_thread then leaves the column alone.
        return str(rows[0]["identifier"]) if rows else None  # type: ignore[return-value]

    async def get_thread_author(self, thread_id: str) -> str:
        # Chainlit's layer raises for an unknown thread, which the server turns into a 500; an
        # empty author makes it answer 404 "Thread not found".
        rows = await self.execute_sql('SELECT "userIdentifier" FROM threads WHERE "id" = :id',
                                      {"id": thread_id})
        return str(rows[0]["userIdentifier"] or "") if rows else ""

    async def get_thread(self, thread_id: str) -> ThreadDict | None:
        """The thread; while the database cannot be reached, a thread with no owner, so that
        Chainlit lets nobody resume a thread it cannot check (a socket naming someone else's
        thread would otherwise be let in, and its writes kept back into that thread)."""
        thread = await super().get_thread(thread_id)
        if thread is None and not self.reachable:
            return ThreadDict(id=thread_id, createdAt="", name=None, userId=None,
                              userIdentifier="", tags=None, metadata={}, steps=[], elements=[])
        return thread

    async def update_thread(self, thread_id: str, name: str | None = None,
                            user_id: str | None = None, metadata: dict[str, Any] | None = None,
                            tags: list[str] | None = None) -> None:
        if user_id:
            rows = await self.execute_sql('SELECT "userId" FROM threads WHERE "id" = :id',
                                          {"id": thread_id})
            if rows is None:
                # The owner cannot be checked now: the thread is not given one blind (its first
                # step sets the owner in the same transaction, see create_step).
                return
            if rows and rows[0]["userId"] not in (None, user_id):
                logger.warning("History: a thread's owner cannot be changed; refused")
                return
        if name is not None:
            name = name[:NAME_CHARS]
        if metadata and isinstance(metadata.get("name"), str):
            metadata = {**metadata, "name": metadata["name"][:NAME_CHARS]}
        await super().update_thread(thread_id, name=name, user_id=user_id, metadata=metadata,
                                    tags=json.dumps(tags) if tags is not None else None)  # type: ignore[arg-type]

    async def list_threads(self, pagination: Pagination, filters: ThreadFilter
                           ) -> PaginatedResponse[ThreadDict]:
        """A page of the user's threads with their names and dates only. Chainlit's own list
        reads every step of every thread of the user into memory and sends them all, though
        the list shows names: a user with long conversations made it hundreds of megabytes.
        The search and the feedback filter run in SQL."""
        if not filters.userId:
            raise ValueError("userId is required")
        where = ['t."userId" = :user_id']
        parameters: dict[str, Any] = {"user_id": filters.userId,
                                      "limit": self.user_thread_limit}
        if filters.search:
            where.append('EXISTS (SELECT 1 FROM steps s WHERE s."threadId" = t."id" AND '
                         "lower(s.\"output\") LIKE :search ESCAPE '\\')")
            escaped = filters.search.lower().replace("\\", "\\\\").replace("%", "\\%")
            parameters["search"] = "%" + escaped.replace("_", "\\_") + "%"
        if filters.feedback is not None:
            where.append('EXISTS (SELECT 1 FROM feedbacks f JOIN steps s ON f."forId" = s."id" '
                         'WHERE s."threadId" = t."id" AND f."value" = :feedback)')
            parameters["feedback"] = int(filters.feedback)
        found = await self.execute_sql(
            'SELECT t."id" AS id, t."createdAt" AS created, t."name" AS name, '
            't."userIdentifier" AS identifier, t."tags" AS tags, t."metadata" AS metadata, '
            '(SELECT MAX(s."createdAt") FROM steps s WHERE s."threadId" = t."id") AS updated '
            f"FROM threads t WHERE {' AND '.join(where)} "
            "ORDER BY updated DESC NULLS LAST LIMIT :limit", parameters)
        listed = found if isinstance(found, list) else []
        start = 0
        if pagination.cursor:
            start = next((i + 1 for i, row in enumerate(listed)
                          if row["id"] == pagination.cursor), 0)
        page = listed[start:start + pagination.first]
        data = [ThreadDict(id=row["id"], createdAt=row["created"], name=row["name"],
                           userId=filters.userId, userIdentifier=row["identifier"],
                           tags=row["tags"], metadata=row["metadata"], steps=[], elements=[])
                for row in page]
        return PaginatedResponse(
            pageInfo=PageInfo(hasNextPage=len(listed) > start + pagination.first,
                              startCursor=data[0]["id"] if data else None,
                              endCursor=data[-1]["id"] if data else None),
            data=data)

    def _owner(self) -> tuple[str, str] | None:
        session = _session()
        user = getattr(session, "user", None) if session is not None else None
        if user is None or not getattr(user, "identifier", None):
            return None
        return str(getattr(user, "id", None) or uuid.uuid4()), str(user.identifier)

    @queue_until_user_message()
    async def create_step(self, step_dict: StepDict) -> None:
        step: dict[str, Any] = dict(step_dict)
        step["showInput"] = (str(step.get("showInput", "")).lower()
                             if "showInput" in step else None)
        for key in ("output", "input"):
            if isinstance(step.get(key), str):
                step[key] = step[key][:STEP_CHARS]
        parameters = {key: _cell(value) for key, value in step.items()
                      if value is not None and not (isinstance(value, dict) and not value)}
        parameters["metadata"] = json.dumps(step.get("metadata") or {})
        parameters["generation"] = json.dumps(step.get("generation") or {})
        statements: list[Statement] = []
        thread = {"tid": step["threadId"], "now": await self.get_current_timestamp()}
        owner = self._owner()
        if owner is not None and self.max_chars:
            size = sum(len(str(parameters.get(k) or "")) for k in ("input", "output", "metadata"))
            if not await self._room(owner[1], str(step.get("id")), size):
                await self._tell(FULL.format(mb=self.max_chars / 1_000_000))
                return
        if owner is not None:
            # The owner goes in with the step: a thread is never stored without them.
            uid, identifier = owner
            statements.append((
                'INSERT INTO users ("id", "identifier", "metadata", "createdAt") '
                "VALUES (:uid, :ident, '{}', :now) ON CONFLICT (\"identifier\") DO NOTHING",
                {"uid": uid, "ident": identifier, "now": thread["now"]}))
            statements.append((
                'INSERT INTO threads ("id", "createdAt", "userId", "userIdentifier", "metadata") '
                "VALUES (:tid, :now, (SELECT \"id\" FROM users WHERE \"identifier\" = :ident), "
                ":ident, '{}') ON CONFLICT (\"id\") DO UPDATE SET "
                '"userId" = COALESCE(threads."userId", excluded."userId"), '
                '"userIdentifier" = COALESCE(threads."userIdentifier", excluded."userIdentifier")',
                {**thread, "ident": identifier}))
        else:
            statements.append((
                'INSERT INTO threads ("id", "createdAt", "metadata") VALUES (:tid, :now, \'{}\') '
                'ON CONFLICT ("id") DO NOTHING', thread))
        # An existing step is updated only from its own thread: a step id taken from another
        # user's thread changes nothing.
        statements.append((_upsert("steps", parameters, "threadId"), parameters))
        await self._transaction(statements)

    async def _room(self, identifier: str, step_id: str, size: int) -> bool:
        """Whether ``identifier`` may store step ``step_id`` of ``size`` characters. A step
        already let through may always be written again (an answer is updated as it is
        completed), and only what it grew by is added. Their stored text is counted in the
        database at most every QUOTA_RECOUNT_SECONDS, with what this process let through in
        between added; a count that cannot be made now keeps the last one (a database that
        cannot be reached is the write's own business)."""
        lock = self._quota_locks.setdefault(identifier, asyncio.Lock())
        async with lock:  # one count at a time per user, none of their additions lost
            now = time.monotonic()
            stored, counted = self._stored.get(identifier, (0, -QUOTA_RECOUNT_SECONDS))
            if now - counted >= QUOTA_RECOUNT_SECONDS and self._down_since is None:
                rows = await self.execute_sql(STORED_TEXT, {"ident": identifier})
                if isinstance(rows, list) and rows:  # None: not now
                    stored, counted = int(rows[0]["size"] or 0), now
            before = self._sizes.get(step_id)
            if before is None and stored + size > self.max_chars:
                # Full until the next count says otherwise: a question that would still fit is
                # not kept without the answer that did not.
                self._stored[identifier] = (max(stored, self.max_chars), counted)
                return False
            self._stored[identifier] = (stored + max(size - (before or 0), 0), counted)
            self._sizes[step_id] = size
            self._sizes.move_to_end(step_id)
            while len(self._sizes) > QUOTA_STEPS:
                self._sizes.popitem(last=False)
            return True

    @queue_until_user_message()
    async def update_step(self, step_dict: StepDict) -> None:
        await self.create_step(step_dict)

    @queue_until_user_message()
    async def delete_step(self, step_id: str) -> None:
        session = _session()
        thread_id = getattr(session, "thread_id", None)
        if thread_id is None:
            await super().delete_step(step_id)
            return
        # From a chat session: only a step of that session's own thread.
        mine = {"id": step_id, "tid": thread_id}
        owned = 'SELECT "id" FROM steps WHERE "id" = :id AND "threadId" = :tid'
        await self._transaction([
            (f'DELETE FROM feedbacks WHERE "forId" IN ({owned})', mine),
            (f'DELETE FROM elements WHERE "forId" IN ({owned})', mine),
            ('DELETE FROM steps WHERE "id" = :id AND "threadId" = :tid', mine)])

    # --- elements and feedback ---------------------------------------------------------------

    @queue_until_user_message()
    async def create_element(self, element: Element) -> None:
        # Citation panels are kept in their step's metadata; with no blob store Chainlit's
        # layer would only warn, once per element.
        return None

    async def upsert_feedback(self, feedback: Feedback) -> str:
        feedback.id = feedback.id or str(uuid.uuid4())
        if feedback.comment is not None:
            feedback.comment = feedback.comment[:COMMENT_CHARS]
        parameters = {k: v for k, v in asdict(feedback).items() if v is not None}
        # The feedback's thread is its step's: the browser's word for it is not taken.
        parameters["threadId"] = (await self.step_thread(feedback.forId)) or ""
        await self._transaction([(_upsert("feedbacks", parameters, "forId"), parameters)])
        return feedback.id

    # --- who owns what (for the checks in events.py) -----------------------------------------

    async def step_thread(self, step_id: str) -> str | None:
        rows = await self.execute_sql('SELECT "threadId" FROM steps WHERE "id" = :id',
                                      {"id": step_id})
        return str(rows[0]["threadId"]) if rows else None

    async def step_author(self, step_id: str) -> str | None:
        rows = await self.execute_sql(
            'SELECT t."userIdentifier" AS who FROM steps s JOIN threads t '
            'ON t."id" = s."threadId" WHERE s."id" = :id', {"id": step_id})
        return str(rows[0]["who"]) if rows and rows[0]["who"] else None

    async def feedback_author(self, feedback_id: str) -> str | None:
        rows = await self.execute_sql(
            'SELECT t."userIdentifier" AS who FROM feedbacks f JOIN steps s ON s."id" = f."forId"'
            ' JOIN threads t ON t."id" = s."threadId" WHERE f."id" = :id', {"id": feedback_id})
        return str(rows[0]["who"]) if rows and rows[0]["who"] else None


def data_layer(database: str | Path, pool_size: int = 10, max_mb: float = 0.0) -> HistoryLayer:
    """The data layer the chat writes history through (``assistant chat`` has migrated the
    schema before Chainlit asks for it); ``max_mb``: each user's quota (0: none)."""
    return HistoryLayer(async_url(database), pool_size=pool_size,
                        max_chars=int(max_mb * 1_000_000))
