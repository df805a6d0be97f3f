"""Clients that push too hard: slow clients against the load balancer (HAProxy from Debian with
deploy/local.py's configuration in front of a real chat server), and a socket flooding the chat
with events; all on loopback.

The attacker connects from 127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux) and sends the
start of a request's headers, never the end; a raadslid's browser and the health check come from
127.0.0.1.
"""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.request

import pytest

from deploy.local import Haproxy

from ..support import OUTPUT as OUTPUTS
from ..support.chat_server import chat_server
from ..support.slow_clients import health, hold
from ..support.socket_client import ChatSocket
from ..support.wait import eventually

pytestmark = pytest.mark.slow

OUTPUT = OUTPUTS / "slow-clients"
# More than HAProxy's own connection limit (maxconn 4096): without a limit per address, these
# alone would fill it.
SLOW = 4200




def env_for(seed_settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
            "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir), "ASSISTANT_HISTORY": "false"}


def test_slow_clients_from_one_address_leave_the_chat_answering(seed_settings):
    env = env_for(seed_settings)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with chat_server(env, OUTPUT / "server.log") as (chat, _):
        port = int(chat.rsplit(":", 1)[1])
        balancer = Haproxy(OUTPUT / "haproxy", [port])
        balancer.start()
        try:
            async def attack() -> tuple[int, list[int]]:
                writers = await hold(balancer.port, SLOW)
                statuses = [await asyncio.to_thread(health, balancer.url) for _ in range(5)]
                for w in writers:
                    w.close()
                return len(writers), statuses

            opened, statuses = asyncio.run(attack())
        finally:
            balancer.stop()
    # Every connection was tried; those past the limit per address were refused at once.
    assert 0 < opened < SLOW
    assert statuses == [200] * 5


def test_the_chat_server_answers_503_past_its_connections_and_recovers(seed_settings):
    env = env_for(seed_settings) | {"ASSISTANT_MAX_CONNECTIONS": "100"}
    log = OUTPUT / "limited.log"
    with chat_server(env, log) as (chat, _):
        port = int(chat.rsplit(":", 1)[1])

        async def attack() -> tuple[int, int, float]:
            writers = await hold(port, 150)
            started = time.monotonic()
            try:
                status = await asyncio.to_thread(health, chat)
            except urllib.error.HTTPError as e:
                status = e.code
            waited = time.monotonic() - started
            for w in writers:
                w.close()
            return len(writers), status, waited

        opened, status, waited = asyncio.run(attack())
        # Past 100 held connections a request is refused at once rather than left waiting for
        # a file the process no longer has; once they go, the chat answers again.
        assert opened == 150 and status == 503 and waited < 5, (opened, status, waited)
        eventually(lambda: health(chat) == 200, "the chat answering again", timeout=20)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_accept_errors_are_logged_once_a_minute_without_a_traceback(caplog):
    import logging

    from assistant.chat.server import AcceptErrors

    logger = logging.getLogger("raadsgids-test-asyncio")
    logger.addFilter(AcceptErrors())
    with caplog.at_level(logging.ERROR, logger=logger.name):
        for _ in range(1000):
            try:
                raise OSError(24, "Too many open files")
            except OSError:
                logger.exception("socket.accept() out of system resource")
            logger.error("something else")
    accept = [r for r in caplog.records if r.getMessage().startswith("socket.accept()")]
    assert len(accept) == 1 and accept[0].exc_info is None
    assert len(caplog.records) == 1001  # other errors pass as they are


def test_a_socket_flooding_events_is_closed_and_others_are_answered(seed_settings):
    log = OUTPUT / "flood.log"
    with chat_server(env_for(seed_settings), log) as (chat, _):
        async def flood() -> tuple[bool, str]:
            flooder, other = ChatSocket(chat, ""), ChatSocket(chat, "")
            await flooder.connect()
            await other.connect()
            for _ in range(2000):
                if not flooder.sio.connected:
                    break
                await flooder.send({"data": "x"}, event="window_message")
            deadline = time.monotonic() + 30
            while flooder.sio.connected and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            answer, _ = await other.ask("Wat moet ik vragen over wifi-telling?")
            await other.close()
            return flooder.sio.connected, answer

        still_connected, answer = asyncio.run(flood())
    assert not still_connected and "Bronnen" in answer
    text = log.read_text(encoding="utf-8")
    assert text.count("Socket events dropped") == 1 and text.count("Socket closed") == 1
    assert "Traceback" not in text
