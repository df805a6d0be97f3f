"""History on SQLite and on Postgres, under attack and through a database outage.

Real chat servers (`assistant chat`), real socket clients signed in with a password, a real
throwaway Postgres cluster from Debian's package (tests/conftest.py) and the real SQLite file.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.intranet import accounts, history
from assistant.intranet.events import TOO_LONG
from assistant.intranet.history import NAME_CHARS
from assistant.messages.nl import KEPT_LATER, NOT_KEPT, NOT_YOURS

from ..support import OUTPUT as OUTPUTS
from ..support.chat_server import chat_server, server_env
from ..support.socket_client import (
    ChatSocket,
    answers_stored,
    call,
    jwt_sign_in,
    rows,
    sign_in,
    threads,
)
from ..support.wait import eventually

pytestmark = pytest.mark.slow

OUTPUT = OUTPUTS / "history"
WIFI = "Wat moet ik vragen over wifi-telling?"
CAMERA = "Welke publieke waarden spelen bij cameratoezicht?"


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "history.sqlite")


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_history_is_kept_with_its_owner_on_both_databases(seed_settings, tmp_path, database):
    env = server_env(seed_settings, tmp_path, database)
    log = OUTPUT / f"kept-{'postgres' if '://' in database else 'sqlite'}.log"
    with chat_server(env, log) as (chat, _):
        cookie = sign_in(chat, "anna", "anna-haar-wachtwoord")

        async def talk() -> list[str]:
            sock = ChatSocket(chat, cookie)
            await sock.connect()
            answers = [(await sock.ask(q))[0] for q in (WIFI, CAMERA)]
            await sock.close()
            return answers

        answers = run(talk())
        assert all("Bronnen" in a for a in answers), answers
        eventually(lambda: answers_stored(database, 2), "both answers stored")
        mine = threads(chat, cookie)
        assert len(mine) == 1
        # The list carries names and dates, not every step; search and feedback run in SQL.
        assert mine[0]["steps"] == [] and mine[0]["name"]
        for search, found in (("WIFI-telling", 1), ("drones", 0), ("100%_", 0)):
            status, page = call(chat, "POST", "/project/threads", cookie, {
                "pagination": {"first": 10, "cursor": None}, "filter": {"search": search}})
            assert status == 200 and len(page["data"]) == found, (search, page)
        status, page = call(chat, "POST", "/project/threads", cookie, {
            "pagination": {"first": 10, "cursor": None}, "filter": {"feedback": 1}})
        assert status == 200 and page["data"] == []
        status, thread = call(chat, "GET", f"/project/thread/{mine[0]['id']}", cookie)
        assert status == 200
        kinds = [s["type"] for s in thread["steps"]]
        assert kinds.count("user_message") == 2 and kinds.count("assistant_message") == 2
        assert thread["userIdentifier"] == "anna"
    assert rows(database, 'SELECT count(*) FROM threads WHERE "userId" IS NULL') == [(0,)]
    assert rows(database, "SELECT version_num FROM alembic_version") == [("0002",)]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "blob_storage_client" not in text
    assert history.purge(database, __import__("datetime").timedelta(seconds=0)) == 1
    assert rows(database, "SELECT count(*) FROM steps") == [(0,)]


def test_nobody_reaches_another_users_history(seed_settings, tmp_path, database):
    """Table-driven: every way a browser can name someone else's thread, step or feedback."""
    env = server_env(seed_settings, tmp_path, database)
    log = OUTPUT / f"isolation-{'postgres' if '://' in database else 'sqlite'}.log"
    with chat_server(env, log) as (chat, _):
        anna = sign_in(chat, "anna", "anna-haar-wachtwoord")
        bob = sign_in(chat, "bob", "bob-haar-wachtwoord")

        async def anna_asks() -> ChatSocket:
            sock = ChatSocket(chat, anna)
            await sock.connect()
            await sock.ask(WIFI)
            await sock.close()
            return sock

        sock = run(anna_asks())
        eventually(lambda: answers_stored(database, 1), "anna's answer stored")
        thread_id = str(threads(chat, anna)[0]["id"])
        question_id = sock.asked[0]
        answer_id = next(k for k, m in sock.messages.items() if m["type"] == "assistant_message")
        status, body = call(chat, "PUT", "/feedback", anna, {
            "sessionId": sock.session_id,
            "feedback": {"forId": answer_id, "value": 1, "comment": "Bruikbaar"}})
        assert status == 200, body
        feedback_id = body["feedbackId"]

        def annas() -> list[tuple[Any, ...]]:
            """Everything stored for anna's thread."""
            t = {"t": thread_id}
            return (rows(database, 'SELECT "id", "threadId", "type", "output" FROM steps '
                                   'WHERE "threadId" = :t ORDER BY "id"', **t)
                    + rows(database, 'SELECT "id", "name", "userId", "userIdentifier" '
                                     'FROM threads WHERE "id" = :t', **t)
                    + rows(database, 'SELECT "id", "forId", "threadId", "value", "comment" '
                                     'FROM feedbacks WHERE "threadId" = :t ORDER BY "id"', **t))

        before = annas()
        assert len(before) >= 4  # the steps (question, run, answer), the thread, the feedback

        # REST calls with anna's ids, made by bob.
        rest = [
            ("GET", f"/project/thread/{thread_id}", None),
            ("PUT", "/project/thread", {"threadId": thread_id, "name": "van bob"}),
            ("DELETE", "/project/thread", {"threadId": thread_id}),
            ("PUT", "/feedback", {"sessionId": "x", "feedback": {
                "forId": answer_id, "value": 0, "comment": "overgenomen"}}),
            ("PUT", "/feedback", {"sessionId": "x", "feedback": {
                "id": feedback_id, "forId": answer_id, "value": 0}}),
            ("DELETE", "/feedback", {"feedbackId": feedback_id}),
            ("GET", f"/project/thread/{thread_id}/element/{uuid.uuid4()}", None),
        ]
        for method, path, body in rest:
            status, answer = call(chat, method, path, bob, body)
            assert status in (401, 403, 404), (method, path, status, answer)
        assert call(chat, "PUT", "/feedback", bob, rest[3][2])[1]["detail"] == NOT_YOURS
        # Sharing is off: its routes are refused, even to the thread's own author.
        share = call(chat, "PUT", "/project/thread/share", anna,
                     {"threadId": thread_id, "isShared": True})
        assert share == (404, "Gesprekken delen kan in deze raadsgids niet."), share
        assert call(chat, "GET", f"/project/share/{thread_id}", bob)[0] == 404

        # Socket events with anna's ids, sent by bob from his own session.
        async def bob_tries() -> list[str]:
            refused_on_connect = []
            try:
                spy = ChatSocket(chat, bob, thread_id=thread_id)
                await spy.connect()
                await spy.ask("Mag ik meelezen?", timeout=20)
            except Exception as exc:  # noqa: BLE001 - the refusal is what is tested
                refused_on_connect.append(type(exc).__name__)
            sock = ChatSocket(chat, bob)
            await sock.connect()
            await sock.ask(CAMERA)  # bob's own thread exists now
            before_hijack = set(sock.messages)
            hijack = sock.message("Overgenomen door bob", message_id=question_id)
            await sock.send(hijack)
            await sock.send({"message": {"id": question_id, "output": "bewerkt door bob",
                                         "threadId": thread_id}}, event="edit_message")
            await sock.send({"message": {"id": answer_id, "output": "bewerkt door bob"}},
                            event="edit_message")
            # Malformed payloads and events the chat has no use for.
            for event, payload in (("client_message", "een tekst"), ("client_message", {}),
                                   ("client_message", {"message": "x"}),
                                   ("client_message", {"message": {"id": "geen-uuid",
                                                                   "output": "hoi"}}),
                                   ("client_message", {"message": {"id": str(uuid.uuid4()),
                                                                   "output": 42}}),
                                   ("edit_message", "x"), ("audio_chunk", "x"),
                                   ("chat_settings_change", "x"), ("bestaat_niet", {})):
                await sock.send(payload, event=event)
            # The hijacking message is answered as a question of bob's own (none of the malformed
            # ones is): its reply comes in before the next question is asked.
            await asyncio.to_thread(eventually, lambda: sock.idle and any(
                k not in before_hijack and m.get("type") == "assistant_message"
                for k, m in list(sock.messages.items())), "the reply to bob's message", 30)
            answer, _ = await sock.ask(WIFI)  # still answered afterwards
            await sock.close()
            return [*refused_on_connect, answer]

        outcome = run(bob_tries())
        assert outcome[0] in ("ConnectionError", "TimeoutError"), outcome
        assert "Bronnen" in outcome[-1]
        # Bob's last answer stored means the events he sent before it were handled.
        eventually(lambda: answers_stored(database, 3), "bob's answers stored")
        assert annas() == before
        assert rows(database, 'SELECT "output" FROM steps WHERE "id" = :i', i=question_id) == [
            (WIFI,)]

        # Anna's own limits: a comment too long is refused in one sentence; a name is cut.
        status, body = call(chat, "PUT", "/feedback", anna, {
            "sessionId": sock.session_id,
            "feedback": {"id": feedback_id, "forId": answer_id, "value": 1,
                         "comment": "x" * 3000}})
        assert (status, body["detail"]) == (413, TOO_LONG)
        status, _ = call(chat, "PUT", "/project/thread", anna,
                         {"threadId": thread_id, "name": "n" * 5000})
        assert status == 200
        assert rows(database, 'SELECT length("name") FROM threads WHERE "id" = :t',
                    t=thread_id) == [(NAME_CHARS,)]
        status, _ = call(chat, "DELETE", "/feedback", anna, {"feedbackId": feedback_id})
        assert status == 200
        assert rows(database, "SELECT count(*) FROM feedbacks") == [(0,)]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text, text[-3000:]
    assert "Socket event 'edit_message' refused: editing messages is turned off" in text
    assert "Socket event 'client_message' refused" in text


def test_a_refused_question_is_neither_stored_nor_run(seed_settings, tmp_path):
    """Overlong, too many in a minute, and the "ask" button past the limit: each gets its
    sentence, and nothing of it reaches the history (a flood once stored every refused one)."""
    database = str(tmp_path / "history.sqlite")
    env = server_env(seed_settings, tmp_path, database, ASSISTANT_QUESTIONS_PER_MINUTE="2",
                     ASSISTANT_MAX_QUESTION_CHARS="500")
    with chat_server(env, OUTPUT / "refused.log") as (chat, _):
        cookie = sign_in(chat, "anna", "anna-haar-wachtwoord")

        async def flood() -> tuple[list[str], ChatSocket]:
            sock = ChatSocket(chat, cookie)
            await sock.connect()
            said = [(await sock.ask("Wat moet ik vragen over wifi-telling? " * 40))[0]]
            said += [(await sock.ask(q))[0] for q in (WIFI, CAMERA, WIFI)]
            await sock.close()
            return said, sock

        said, sock = run(flood())
        assert said[0].startswith("Uw vraag is te lang (1.520 tekens)"), said[0]
        assert all("Bronnen" in a for a in said[1:3]), said
        assert said[3].startswith("U stelt veel vragen kort na elkaar."), said[3]
        # The answers were stored before they were shown; the refused questions never were.
        stored = rows(database, 'SELECT "type", "output" FROM steps')
        users = [o for t, o in stored if t == "user_message"]
        assert sorted(users) == sorted([WIFI, CAMERA]), users
        assert not any("veel vragen" in (o or "") or "te lang" in (o or "") for _, o in stored)
        # The "ask" button is admitted by the same count: refused, and nothing stored.
        status, _ = call(chat, "POST", "/project/action", cookie, {
            "sessionId": sock.session_id,
            "action": {"name": "ask", "payload": {"question": WIFI}, "id": str(uuid.uuid4()),
                       "forId": sock.asked[1]}})
        assert status == 200
        assert rows(database, 'SELECT count(*) FROM steps WHERE "type" = \'user_message\'') \
            == [(2,)]


def test_a_full_history_answers_but_keeps_no_more(seed_settings, tmp_path, database):
    """Each user may keep ASSISTANT_HISTORY_MAX_MB of text: past it, questions are answered
    and the raadslid is told once that new conversations are not kept (the flood of one user
    once filled the disk)."""
    # Room for a few answers with their denkraam block and sources.
    env = server_env(seed_settings, tmp_path, database, ASSISTANT_HISTORY_MAX_MB="0.02")
    with chat_server(env, OUTPUT / "quota.log") as (chat, _):
        cookie = sign_in(chat, "anna", "anna-haar-wachtwoord")

        async def ask_on() -> tuple[list[str], list[str]]:
            sock = ChatSocket(chat, cookie)
            await sock.connect()
            said = [(await sock.ask(q))[0] for q in (WIFI, CAMERA) * 4]
            deadline = time.monotonic() + 10  # the toast may come after the last answer
            while not sock.toasts and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            await sock.close()
            return said, sock.toasts

        said, toasts = run(ask_on())
        assert all("Bronnen" in a for a in said), said
        size = 'SELECT SUM(LENGTH(COALESCE("input", \'\')) + LENGTH(COALESCE("output", \'\')) + '\
            'LENGTH(COALESCE("metadata", \'\'))) FROM steps'
        stored = int(rows(database, size)[0][0])
        asked = rows(database, 'SELECT count(*) FROM steps WHERE "type" = \'user_message\'')[0][0]
        # At most the quota, and what steps already let through grew by when they were
        # completed (an answer is never cut off half-way).
        assert 0 < stored <= 0.02 * 2**20 + 16_000 and 0 < asked < 8, (stored, asked)
        assert sum(t.startswith("Uw bewaarde gesprekken nemen de ruimte in") for t in toasts) == 1


def test_history_survives_a_database_outage(seed_settings, tmp_path, postgres_cluster):
    """Postgres stopped mid-conversation: answers go on, the raadslid is told once that the
    conversation will be kept, and when Postgres is back what was asked meanwhile is stored, in
    order, before what is asked after."""
    postgres_cluster.psql("DROP DATABASE IF EXISTS outage")
    postgres_cluster.psql("CREATE DATABASE outage")
    database = postgres_cluster.url.rsplit("/", 1)[0] + "/outage"
    env = server_env(seed_settings, tmp_path, database, ASSISTANT_DATABASE_POOL="4")
    log = OUTPUT / "outage.log"
    secret_question = "Hoe zit het met de sensoren bij het station van Ommen?"

    def stored() -> list[str]:
        return [r[0] for r in rows(
            database, "SELECT \"output\" FROM steps WHERE \"type\" = 'user_message' "
                      'ORDER BY "createdAt"')]

    with chat_server(env, log) as (chat, _):
        cookie = sign_in(chat, "anna", "anna-haar-wachtwoord")

        async def conversation() -> ChatSocket:
            sock = ChatSocket(chat, cookie)
            await sock.connect()
            await sock.ask(WIFI)
            postgres_cluster.stop("immediate")
            try:
                answers = [(await sock.ask(q, timeout=120))[0]
                           for q in (secret_question, CAMERA)]
                assert all("Bronnen" in a for a in answers)  # answered without the database
            finally:
                postgres_cluster.start()
            # What was kept back is stored once the prober finds the database again.
            deadline = time.monotonic() + 60
            while len(await asyncio.to_thread(stored)) < 3 and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            await sock.ask(WIFI)
            await sock.close()
            return sock

        sock = run(conversation())
        assert sock.toasts.count(KEPT_LATER) == 1 and NOT_KEPT not in sock.toasts, sock.toasts
        assert stored() == [WIFI, secret_question, CAMERA, WIFI]
        assert len(threads(chat, cookie)) == 1
    text = log.read_text(encoding="utf-8")
    assert "History: the database cannot be reached" in text
    assert "History: the database answers again" in text and "could not be" in text
    assert secret_question not in text and "anna" not in text.split("draait op")[-1]
    assert "Traceback" not in text


def test_many_sessions_at_once_are_all_kept(seed_settings, tmp_path, postgres_url):
    """80 signed-in sessions connect and ask at the same moment. Chainlit 2.12 ran each new
    session's profile callback in a nested event loop, and from about 50 simultaneous connects
    those loops recursed into each other until sign-in failed with RecursionError and questions
    went unstored (events.mend_session_config)."""
    from concurrent.futures import ThreadPoolExecutor

    env = server_env(seed_settings, tmp_path, postgres_url, ASSISTANT_AUTH="jwt")
    settings = Settings.of(secret_file=tmp_path / "secret")
    log = OUTPUT / "many-sessions.log"
    users = [f"raadslid{i}" for i in range(80)]
    with chat_server(env, log) as (chat, _):
        with ThreadPoolExecutor(8) as pool:
            cookies = list(pool.map(
                lambda u: jwt_sign_in(chat, accounts.mint_token(settings, u, 10)), users))

        async def one(cookie: str, i: int) -> int:
            sock = ChatSocket(chat, cookie)
            await sock.connect(timeout=60)
            answers = [(await sock.ask(q, timeout=120))[0] for q in (WIFI, CAMERA)[: 1 + i % 2]]
            await sock.close()
            return sum("Bronnen" in a for a in answers)

        async def everyone() -> list[int]:
            return list(await asyncio.gather(*(one(c, i) for i, c in enumerate(cookies))))

        answered = sum(asyncio.run(everyone()))
        asked = sum(1 + i % 2 for i in range(len(users)))
        assert answered == asked
        eventually(lambda: answers_stored(postgres_url, asked), "every answer stored", 60)
        with ThreadPoolExecutor(8) as pool:
            seen = list(pool.map(lambda c: len(threads(chat, c)), cookies))
        assert seen == [1] * len(users)
    stored = rows(postgres_url, "SELECT count(*) FROM steps WHERE \"type\" = 'user_message'")
    assert stored == [(asked,)]
    text = log.read_text(encoding="utf-8")
    assert "RecursionError" not in text and "Traceback" not in text


def test_what_the_server_imports_before_chainlit_does_not_load_chainlit():
    """Chainlit reads its configuration when first imported: a module `assistant chat` imports
    before it has set CHAINLIT_APP_ROOT must not import Chainlit, or the chat runs with
    Chainlit's defaults (message editing on, English texts)."""
    import subprocess
    import sys

    code = ("import sys, assistant.chat.server, assistant.intranet.events, "
            "assistant.intranet.history, assistant.intranet.guard, assistant.intranet.widget; "
            "print(sorted(m for m in sys.modules if m.startswith('chainlit')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]", out


def test_writes_kept_back_are_stored_in_order_when_the_database_answers(tmp_path, monkeypatch):
    """The keeping back itself, on a real SQLite file with the connection failing on demand (the
    Postgres outage test above is the real thing): writes kept back are stored in the order
    they came, before a write that comes after the database answers again."""
    from sqlalchemy.exc import OperationalError

    from assistant.intranet import history_layer
    from assistant.intranet.history_layer import HistoryLayer

    monkeypatch.setattr(history_layer, "PROBE_SECONDS", 0.05)

    async def scenario() -> list[int]:
        layer = HistoryLayer(history.async_url(tmp_path / "kept.sqlite"))
        real = layer._run
        await real([("CREATE TABLE notes (n integer)", {})])
        away = {"now": True}

        async def run(statements: list[tuple[str, dict[str, Any]]]) -> Any:
            if away["now"]:
                raise OperationalError("connect", {}, ConnectionRefusedError("refused"))
            return await real(statements)

        layer._run = run  # type: ignore[method-assign]
        for n in (1, 2, 3):
            assert await layer._transaction([("INSERT INTO notes VALUES (:n)", {"n": n})]) is None
        assert not layer.reachable and await layer.execute_sql("SELECT n FROM notes", {}) is None
        away["now"] = False
        deadline = time.monotonic() + 10
        while not layer.reachable and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        await layer._transaction([("INSERT INTO notes VALUES (:n)", {"n": 4})])
        rows = await real([("SELECT n FROM notes ORDER BY rowid", {})])
        await layer.engine.dispose()
        return [r["n"] for r in rows]

    assert run(scenario()) == [1, 2, 3, 4]


def test_a_database_url_is_shown_without_its_password():
    assert history.describe("postgresql://griffie:geheim@127.0.0.1:5432/raad") == (
        "postgresql://griffie:***@127.0.0.1:5432/raad")
    assert history.describe("postgresql+psycopg://griffie@db/raad") == (
        "postgresql+psycopg://griffie@db/raad")
    assert "geheim" not in history.describe("postgresql://griffie:geheim@[::1")
    assert history.describe("/var/raadsgids/history.sqlite") == "/var/raadsgids/history.sqlite"
    # libpq's password parameter is masked too (as SQLAlchemy escapes "***"); the rest stays.
    shown = history.describe("postgresql://griffie@db/raad?password=geheim&sslmode=require")
    assert "geheim" not in shown and "password=%2A%2A%2A" in shown and "sslmode=require" in shown
