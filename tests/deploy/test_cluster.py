"""Two chat replicas behind a real HAProxy on a real Postgres: a replica killed mid-conversation
costs the raadslid nothing.

Everything from Debian's packages and this repository, on 127.0.0.1 (deploy/cluster.py, the
same code `make cluster` runs).
"""

from __future__ import annotations

import asyncio
import tempfile
import urllib.request
import uuid
from pathlib import Path

import pytest

from deploy.cluster import Cluster
from deploy.local import Postgres

from ..support import OUTPUT
from ..support.chat_server import server_env
from ..support.socket_client import ChatSocket, answers_stored, call, rows, sign_in, threads
from ..support.wait import eventually

pytestmark = pytest.mark.slow

WIFI = "Wat moet ik vragen over wifi-telling?"
CAMERA = "Welke publieke waarden spelen bij cameratoezicht?"


@pytest.fixture
def cluster(seed_settings, tmp_path, postgres_url):
    # One account asks for twelve sessions here; its pace is not what is tested.
    env = server_env(seed_settings, tmp_path, postgres_url, ASSISTANT_QUESTIONS_PER_MINUTE="0")
    folder = OUTPUT / "cluster"
    with Cluster(folder, env, replicas=2) as running:
        yield running


def test_a_replica_killed_mid_conversation_loses_nothing(cluster):
    cookie = sign_in(cluster.url, "anna", "anna-haar-wachtwoord")
    assert "RAADSGIDS_REPLICA=chat" in cookie  # sticky: the load balancer chose a replica
    serving = int(cookie.split("RAADSGIDS_REPLICA=chat")[1][0])
    port = cluster.replicas[serving - 1][0]

    async def first() -> tuple[str, str]:
        sock = ChatSocket(cluster.url, cookie)
        await sock.connect()
        answer, _ = await sock.ask(WIFI)
        # The last writes are tasks of their own: the socket stays until they are done.
        await asyncio.to_thread(eventually, lambda: answers_stored(cluster.database, 1),
                                "the first answer stored")
        await sock.close()
        return answer, str(sock.thread_id)

    answer, thread_id = asyncio.run(first())
    assert "Bronnen" in answer
    cluster.kill(port)

    async def again() -> str:
        # As the page does: reconnect through the load balancer, resuming the thread.
        sock = ChatSocket(cluster.url, cookie, thread_id=thread_id)
        await sock.connect()
        answer, _ = await sock.ask(CAMERA)
        await asyncio.to_thread(eventually, lambda: answers_stored(cluster.database, 2),
                                "the second answer stored")
        await sock.close()
        return answer

    assert "Bronnen" in asyncio.run(again())  # still signed in, answered by the other replica
    mine = threads(cluster.url, cookie)
    assert [t["id"] for t in mine] == [thread_id]
    status, thread = call(cluster.url, "GET", f"/project/thread/{thread_id}", cookie)
    assert status == 200
    asked = [s["output"] for s in thread["steps"] if s["type"] == "user_message"]
    assert asked == [WIFI, CAMERA]
    # The surviving replica serves every page through the load balancer.
    for _ in range(5):
        assert call(cluster.url, "GET", "/user", cookie)[0] == 200
    # What `make cluster` does every second: the killed replica is started again on its port.
    assert cluster.revive() == [port]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as health:
        assert health.status == 200
    assert cluster.revive() == []


def test_a_kept_database_is_there_at_the_next_start():
    folder = Path(tempfile.gettempdir()) / f"raadsgids-kept-{uuid.uuid4().hex[:8]}"
    first = Postgres(folder=folder).init()
    first.start()
    try:
        first.psql("CREATE TABLE kept (question text); INSERT INTO kept VALUES ('wifi-telling')")
        first.stop()
        again = Postgres(folder=folder).init()  # another port, the same folder
        again.start()
        assert again.psql("SELECT question FROM kept") == "wifi-telling"
    finally:
        Postgres(folder=folder).remove()
    assert not folder.exists()


def test_killing_a_replica_during_answers_leaves_the_history_whole(cluster):
    """Twelve sessions asking on both replicas; one replica is killed while they answer. Every
    answer a session received is stored as it was shown, and the database holds no step
    without its thread and no thread without its owner."""
    cookies = [sign_in(cluster.url, "anna", "anna-haar-wachtwoord") for _ in range(12)]
    received: list[tuple[str, str]] = []
    failed: list[str] = []

    async def session(cookie: str) -> None:
        sock = ChatSocket(cluster.url, cookie)
        try:
            await sock.connect()
            for question in (WIFI, CAMERA) * 5:
                before = set(sock.messages)
                answer, _ = await sock.ask(question, timeout=30)
                new = [k for k, m in sock.messages.items()
                       if k not in before and m.get("type") == "assistant_message"]
                received.append((new[-1], answer))
        except Exception as exc:  # noqa: BLE001 - sessions on the killed replica end here
            failed.append(type(exc).__name__)
        finally:
            await sock.close()

    async def run() -> None:
        tasks = [asyncio.create_task(session(c)) for c in cookies]
        while len(received) < 12:  # about one answer per session: all are mid-conversation
            await asyncio.sleep(0.01)
        cluster.kill(cluster.replicas[0][0])
        await asyncio.gather(*tasks)

    asyncio.run(run())
    assert received and failed  # both replicas served, and the kill cut some sessions short
    # Every answer a user received is stored as they received it (its last write may still
    # be on its way).
    for step_id, output in received:
        eventually(lambda i=step_id, o=output: rows(
            cluster.database, 'SELECT "output" FROM steps WHERE "id" = :i', i=i) == [(o,)],
            f"answer {step_id} stored as received", timeout=10)
    assert rows(cluster.database, 'SELECT count(*) FROM steps s LEFT JOIN threads t '
                                  'ON t."id" = s."threadId" WHERE t."id" IS NULL') == [(0,)]
    assert rows(cluster.database, 'SELECT count(*) FROM threads WHERE "userId" IS NULL '
                                  'OR "userIdentifier" IS NULL') == [(0,)]
