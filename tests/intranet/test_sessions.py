"""Sign-in throttling, questions per minute, and sessions that end on logout or removal.

A real chat server (`assistant chat`, auth=password), real HTTP and socket clients on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import socketio

from assistant.chat.limits import (
    DOCUMENT_PREFIX,
    EXPORTS_PER_MINUTE,
    QuestionLimits,
    export_limits,
    is_document,
    pasted_question,
)
from assistant.config import Settings
from assistant.engine.text.cleaning import dutch_count
from assistant.intranet import accounts
from assistant.messages.nl import BUSY, ENDED, PASTED_TOO_LONG, TOO_LARGE, TOO_MANY

from ..support import OUTPUT as OUTPUTS
from ..support.chat_server import chat_server, server_env
from ..support.socket_client import ChatSocket, call, sign_in
from ..support.wait import eventually

OUTPUT = OUTPUTS / "sessions"
WIFI = "Wat moet ik vragen over wifi-telling?"


def session_token(cookie: str) -> str:
    """The session token in a Cookie header (Chainlit may split it over several cookies)."""
    cookies = dict(part.split("=", 1) for part in cookie.split("; "))
    return cookies.get("access_token") or "".join(
        v for k, v in sorted(cookies.items()) if k.startswith("access_token_"))


def login(chat: str, user: str, password: str, **headers: str) -> tuple[int, object]:
    status, body, _ = login_with_headers(chat, user, password, headers)
    return status, body


def login_with_headers(chat: str, user: str, password: str, headers: dict[str, str]
                       ) -> tuple[int, object, list[str]]:
    """Status, JSON body and Set-Cookie headers of a password sign-in."""
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    form = urllib.parse.urlencode({"username": user, "password": password}).encode()
    request = urllib.request.Request(chat + "/login", data=form, method="POST", headers={
        "Origin": chat, "Content-Type": "application/x-www-form-urlencoded",
        **{k.replace("_", "-"): v for k, v in headers.items()}})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, json.loads(r.read()), r.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read()), e.headers.get_all("Set-Cookie") or []


def test_question_limits_count_per_user_and_refuse_when_busy():
    limits = QuestionLimits(per_minute=2, max_waiting=1)
    assert limits.refusal("anna", now=0) is None
    assert limits.refusal("anna", now=1) is None
    assert limits.refusal("anna", now=2) == TOO_MANY.format(seconds=58)
    assert limits.refusal("bob", now=2) is None  # one user's pace is not another's
    assert limits.refusal("anna", now=60.5) is None  # the first question left the window
    limits.waiting = 1
    assert limits.refusal("carla", now=61) == BUSY


def test_a_question_is_admitted_before_it_is_stored_and_refused_in_one_sentence():
    limits = QuestionLimits(per_minute=1, max_waiting=2, max_chars=20)
    assert limits.admit("anna", "x" * 21, now=0).startswith("Uw vraag is te lang (21 tekens)")
    assert limits.admit("anna", "   ", now=0).startswith("Uw vraag is leeg")
    assert limits.admit("anna", "Wat is wifi-telling?", now=0) is None  # the refusals not counted
    assert limits.admit("anna", "Wat is DigiD?", now=1) == TOO_MANY.format(seconds=59)
    exports = export_limits()
    assert all(exports.refusal("anna", now=0) is None for _ in range(EXPORTS_PER_MINUTE))
    assert exports.refusal("anna", now=1).startswith("U heeft net al een paar keer")


def test_a_long_text_written_as_a_document_is_admitted_as_a_pasted_proposal():
    limits = QuestionLimits(per_minute=0, max_waiting=2, max_chars=100, max_pasted=400)
    document = ("De gemeente wil twaalf geluidsmeters ophangen. De proef duurt een jaar. "
                "De meters meten alleen het geluidsniveau. Halverwege hoort de raad hoe het "
                "gaat. Wat moet ik hierover vragen?")
    assert 100 < len(document) <= 400
    assert limits.is_pasted(document) and limits.admit("anna", document, now=0) is None
    # Too long to paste: one sentence that says to attach it.
    assert limits.admit("anna", document * 3, now=0) == PASTED_TOO_LONG.format(
        chars=dutch_count(len(document) * 3), limit="400")
    # Long, but not written as a document: an overlong question, however long.
    for question in ("waarom " * 30, "Wat moet ik vragen over wifi-telling? " * 4,
                     "Wat moet ik vragen over wifi-telling? " * 20):
        assert not limits.is_pasted(question)
        assert limits.admit("anna", question, now=0).startswith("Uw vraag is te lang")
    # Without a limit for pastes, every long text is an overlong question.
    plain = QuestionLimits(per_minute=0, max_waiting=2, max_chars=100)
    assert not plain.is_pasted(document)
    assert plain.admit("anna", document, now=0).startswith("Uw vraag is te lang")
    assert is_document(document) and not is_document("Wat? Waarom? Hoe? Wie?")
    # The "ask" button and a message with a file attached send questions, never a paste.
    assert limits.admit("anna", document, now=0, paste=False).startswith("Uw vraag is te lang")
    assert limits.admit("anna", document, attached=True, now=0).startswith("Uw vraag is te lang")
    # Whether a text is a document is read from its start only: a huge one costs no more.
    assert not is_document("a. " * (DOCUMENT_PREFIX // 3) + document)
    # A paste limit at or below the question limit allows no paste.
    closed = QuestionLimits(per_minute=0, max_waiting=2, max_chars=100, max_pasted=50)
    assert not closed.is_pasted(document)
    assert closed.admit("anna", document, now=0).startswith("Uw vraag is te lang")


def test_the_question_a_pasted_text_ends_with_is_asked_apart_from_the_text():
    letter = "Met deze brief informeren wij u.\nDe proef duurt een jaar.\n\nJ. Oudeman"
    question, text = pasted_question(f"{letter}\n\nHoe lang duurt de proef?", 200)
    assert (question, text) == ("Hoe lang duurt de proef?", letter)
    assert pasted_question(letter, 200) == (None, letter)
    # Of two questions on the last line the last is asked; the first stays with the text.
    question, text = pasted_question(f"{letter}\nWie betaalt? Hoe lang duurt de proef?", 200)
    assert question == "Hoe lang duurt de proef?" and text.endswith("Wie betaalt?")
    # A short piece before the question, two spaces apart: the question still leaves the text.
    question, text = pasted_question(f"{letter}\nDus.  Hoe lang duurt de proef?", 200)
    assert question and question.endswith("Hoe lang duurt de proef?") and text == letter
    # A last line longer than a question may be is no question.
    assert pasted_question(f"{letter}\n{'lang ' * 50}?", 200)[0] is None


def test_lock_grows_with_each_failure_and_stops_at_a_day():
    settings = Settings.of(signin_max_failures=3, signin_lock_minutes=1)
    assert [accounts.lock_length(settings, n).total_seconds() for n in (1, 2, 3, 4, 5)] == [
        0, 0, 60, 120, 240]
    assert accounts.lock_length(settings, 40).total_seconds() == 24 * 3600


def test_failed_sign_ins_from_one_address_are_throttled_in_a_sliding_window():
    from datetime import timedelta

    from assistant.intranet.sessions import AddressThrottle

    now = [1000.0]
    throttle = AddressThrottle(3, timedelta(minutes=2), clock=lambda: now[0])
    for step in (0, 30, 60):
        now[0] = 1000.0 + step
        assert throttle.refusal("10.0.0.5") is None
        throttle.failed("10.0.0.5")
    assert throttle.refusal("10.0.0.5").startswith("Te veel mislukte aanmeldpogingen")
    assert "over 1 minuut" in throttle.refusal("10.0.0.5")  # 60 s until the first one leaves
    assert throttle.refusal("10.0.0.6") is None  # another address is not held back
    now[0] = 1000.0 + 121  # the first failure has left the window
    assert throttle.refusal("10.0.0.5") is None


def test_every_token_a_request_carries_is_found(tmp_path):
    from assistant.intranet.guard import tokens_of

    def scope(*cookies: str, bearer: str | None = None) -> dict[str, object]:
        headers = [(b"cookie", c.encode()) for c in cookies]
        headers += [(b"authorization", f"Bearer {bearer}".encode())] if bearer else []
        return {"type": "http", "headers": headers}

    assert tokens_of(scope("x; access_token=aaa")) == ["aaa"]
    # A second Cookie header, which the socket's server joins to the first with a comma.
    assert "bbb" in tokens_of(scope("a=b", "; access_token=bbb"))
    # Chainlit joins any number of chunks.
    chunks = "; ".join(f"access_token_{i}=c{i}" for i in range(40))
    assert tokens_of(scope(chunks, bearer="ddd")) == ["".join(f"c{i}" for i in range(40)), "ddd"]


def test_a_token_that_lasts_too_long_is_refused_however_its_times_are_written(tmp_path):
    import jwt

    settings = Settings.of(secret_file=tmp_path / "secret", auth="password")
    secret = accounts.auth_secret(settings)
    now = int(time.time())

    def refusal(**claims: object) -> str | None:
        token = jwt.encode({"identifier": "anna", **claims}, secret, algorithm="HS256")
        return accounts.token_refusal(settings, token)

    assert refusal(exp=now + 3600, iat=now) is None  # a session of an hour
    assert "langer geldig dan 8 uur" in (refusal(exp=now + 10 * 3600, iat=now) or "")
    assert "langer geldig dan 8 uur" in (refusal(exp=str(now + 10 * 3600)) or "")  # as text
    # Nine hours from an hour ago (a start in the future PyJWT and Chainlit refuse themselves).
    assert "langer geldig" in (refusal(exp=now + 8 * 3600, iat=now - 3600) or "")
    assert "alleen in de widget" in (refusal(exp=str(now + 60), token_use="widget") or "")
    # No expiry at all: refused here (Chainlit would fail on it); an unreadable one PyJWT, and
    # so Chainlit, refuses itself.
    assert "geen geldige looptijd" in (refusal() or "")
    assert refusal(exp="morgen") is None


def test_the_browser_address_comes_from_a_trusted_proxy_only():
    from assistant.intranet.guard import client_address

    def scope(peer: str, forwarded: str | None) -> dict[str, object]:
        headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
        return {"client": (peer, 1234), "headers": headers}

    trusted = ["10.0.0.5"]
    assert client_address(scope("192.0.2.9", "198.51.100.1"), trusted) == "192.0.2.9"
    assert client_address(scope("10.0.0.5", "198.51.100.1"), trusted) == "198.51.100.1"
    # A browser claiming an address in front of the proxy's does not choose its own.
    assert client_address(scope("10.0.0.5", "1.2.3.4, 198.51.100.1"), trusted) == "198.51.100.1"
    assert client_address(scope("10.0.0.5", None), trusted) == "10.0.0.5"
    # A browser's own header line comes first; the proxy's line after it is the one believed.
    two_lines = {"client": ("10.0.0.5", 1), "headers": [(b"x-forwarded-for", b"1.2.3.4"),
                                                         (b"x-forwarded-for", b"198.51.100.1")]}
    assert client_address(two_lines, trusted) == "198.51.100.1"


@pytest.mark.slow
def test_throttling_rate_limit_and_ended_sessions(seed_settings, tmp_path):
    settings = Settings.of(users_file=tmp_path / "users.json", secret_file=tmp_path / "secret",
                        signin_max_failures=3, signin_lock_minutes=0.05)
    for user in ("anna", "bob"):
        accounts.add_user(settings, user, f"{user}-haar-wachtwoord")
    env = {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir),
           "ASSISTANT_USERS_FILE": str(settings.intranet.users_file),
           "ASSISTANT_SECRET_FILE": str(settings.intranet.secret_file),
           "ASSISTANT_AUTH": "password",
           "ASSISTANT_HISTORY": "false", "ASSISTANT_QUESTIONS_PER_MINUTE": "3",
           "ASSISTANT_SIGNIN_MAX_FAILURES": "3", "ASSISTANT_SIGNIN_LOCK_MINUTES": "0.05",
           # As behind a load balancer on this host: it forwards the browser's address.
           "ASSISTANT_TRUSTED_PROXIES": '["127.0.0.1"]'}
    log = OUTPUT / "server.log"
    with chat_server(env, log) as (chat, _):
        anna = sign_in(chat, "anna", "anna-haar-wachtwoord")
        bob = sign_in(chat, "bob", "bob-haar-wachtwoord")

        # Questions per minute: the fourth within a minute is refused in one sentence. Then
        # logout ends the session everywhere: the cookie, a new socket, the live socket.
        async def conversation() -> tuple[list[str], list[int], str]:
            sock = ChatSocket(chat, anna)
            await sock.connect()
            answers = [(await sock.ask(WIFI))[0] for _ in range(4)]
            before = (await asyncio.to_thread(call, chat, "GET", "/user", anna))[0]
            out = (await asyncio.to_thread(call, chat, "POST", "/logout", anna))[0]
            try:
                late, _ = await sock.ask(WIFI, timeout=8)
            except TimeoutError:
                late = ""
            with contextlib.suppress(Exception):
                await sock.close()
            return answers, [before, out], late

        answers, statuses, late = asyncio.run(conversation())
        assert all("Bronnen" in a for a in answers[:3])
        assert answers[3].startswith("U stelt veel vragen kort na elkaar."), answers[3]
        assert statuses == [200, 200] and late == ""
        status, body = call(chat, "GET", "/user", anna)
        assert (status, body["detail"]) == (401, ENDED)
        # The same token is refused wherever Chainlit would find it: behind a cookie that
        # Python's SimpleCookie cannot parse, and as a bearer header.
        assert call(chat, "GET", "/user", f"x; {anna}")[0] == 401
        token = session_token(anna)
        bearer = urllib.request.Request(chat + "/user", headers={
            "Origin": chat, "Authorization": f"Bearer {token}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bearer, timeout=30)
        assert refused.value.code == 401 and json.loads(refused.value.read())["detail"] == ENDED
        with pytest.raises((socketio.exceptions.ConnectionError, TimeoutError)):
            asyncio.run(ChatSocket(chat, anna).connect(timeout=5))
        # A new sign-in works once it falls in a later second than the logout.
        again = eventually(lambda: (lambda c: c if call(chat, "GET", "/user", c)[0] == 200
                                    else None)(sign_in(chat, "anna", "anna-haar-wachtwoord")),
                           "a sign-in after the logout", timeout=10)

        # A session token is not renewed through the widget's token sign-in, which this
        # sign-in mode does not offer.
        renew = urllib.request.Request(chat + "/auth/jwt", method="POST", headers={
            "Origin": chat, "Authorization": f"Bearer {session_token(again)}"})
        with pytest.raises(urllib.error.HTTPError) as renewed:
            urllib.request.urlopen(renew, timeout=30)
        assert renewed.value.code == 404
        # Nor is a widget token taken here in place of a session.
        widget = urllib.request.Request(chat + "/user", headers={
            "Origin": chat, "Authorization": f"Bearer {accounts.mint_token(settings, 'anna', 5)}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(widget, timeout=30)
        assert refused.value.code == 401 and "alleen in de widget" in json.loads(
            refused.value.read())["detail"]

        # Removing an account ends its sessions.
        assert call(chat, "GET", "/user", bob)[0] == 200
        accounts.remove_user(settings, "bob")
        assert call(chat, "GET", "/user", bob)[0] == 401

        # Three wrong passwords lock the account, even for the right one; the admin sees it.
        for _ in range(3):
            assert login(chat, "anna", "fout-wachtwoord-123")[0] == 401
        status, body = login(chat, "anna", "anna-haar-wachtwoord")
        assert status == 429 and body["detail"].startswith("Te veel mislukte aanmeldpogingen")
        status_line = dict((n, s) for n, _, s in accounts.account_status(settings))["anna"]
        assert status_line.startswith("locked until") and "3 failed" in status_line
        eventually(lambda: not dict((n, s) for n, _, s in accounts.account_status(settings))[
            "anna"].startswith("locked"), "the lock (0.05 minutes) passing", timeout=10,
                   every=0.2)
        assert login(chat, "anna", "anna-haar-wachtwoord")[0] == 200
        assert dict((n, s) for n, _, s in accounts.account_status(settings))["anna"] == "ok"

        # One address guessing many names is stopped as well (3 + 9 = 12 failures here).
        for i in range(9):
            assert login(chat, f"gast{i}", "fout-wachtwoord-123")[0] == 401
        status, body = login(chat, "anna", "anna-haar-wachtwoord")
        assert status == 429, body
        # A name that is no account is locked as an account would be, so the answers do not
        # tell which names exist.
        elsewhere = {"X-Forwarded-For": "192.0.2.60"}
        for _ in range(3):
            assert login_with_headers(chat, "niemand", "fout-wachtwoord-123", elsewhere)[0] == 401
        status, body, _ = login_with_headers(chat, "niemand", "fout-wachtwoord-123", elsewhere)
        assert status == 429 and body["detail"].startswith("Te veel mislukte aanmeldpogingen")
        # Another browser behind the same balancer is counted on its own address, and over
        # https (as the balancer says) the session cookie is Secure.
        status, _, cookies = login_with_headers(chat, "anna", "anna-haar-wachtwoord", {
            "X-Forwarded-For": "192.0.2.50", "X-Forwarded-Proto": "https"})
        assert status == 200
        session_cookie = next(c for c in cookies if c.startswith("access_token"))
        assert "Secure" in session_cookie and "HttpOnly" in session_cookie
        status, _, cookies = login_with_headers(chat, "anna", "anna-haar-wachtwoord", {
            "X-Forwarded-For": "192.0.2.51"})
        assert status == 200 and not any("Secure" in c for c in cookies)
        # Over https (as the trusted balancer says) browsers are told to keep to https.
        host, port = urllib.parse.urlsplit(chat).netloc.split(":")
        for proto, hsts in (("https", "max-age=31536000"), ("http", None)):
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            conn.request("GET", "/login", headers={"X-Forwarded-Proto": proto})
            response = conn.getresponse()
            response.read()
            assert response.getheader("Strict-Transport-Security") == hsts
            conn.close()
        # A sign-in body sent in chunks, without its length, is cut off past the limit: 413.
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("POST", "/login", body=iter([b"username=anna&password=" + b"x" * 65536] * 10),
                     encode_chunked=True, headers={
                         "Origin": chat, "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        assert (response.status, response.read().decode()) == (413, TOO_LARGE)
        conn.close()
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text
    assert "Socket event 'client_message' refused: the session has ended" in text


@pytest.mark.slow
def test_exported_files_are_removed_after_their_time(seed_settings, tmp_path):
    env = server_env(seed_settings, tmp_path, str(tmp_path / "history.sqlite"),
                     ASSISTANT_HISTORY="false", ASSISTANT_EXPORT_MINUTES="0.1")
    with chat_server(env, OUTPUT / "export-server.log") as (chat, server):
        anna = sign_in(chat, "anna", "anna-haar-wachtwoord")
        modes: list[int] = []

        def download(key: str, session_id: str) -> int:
            request = urllib.request.Request(
                f"{chat}/project/file/{key}?session_id={session_id}",
                headers={"Origin": chat, "Cookie": anna})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return int(response.status) if response.read() else 0
            except urllib.error.HTTPError as e:
                return e.code

        async def export() -> tuple[list[int], list[int], str]:
            sock = ChatSocket(chat, anna)
            files: list[str] = []
            sock.sio.on("element", lambda data: files.append(str(data.get("chainlitKey")))
                        if data.get("type") == "file" else None)
            await sock.connect()
            await sock.ask(WIFI)
            status, _ = await asyncio.to_thread(
                call, chat, "POST", "/project/action", anna,
                {"sessionId": sock.session_id, "action": {"name": "export", "payload": {}}})
            assert status == 200
            for _ in range(200):
                if len(files) == 2:
                    break
                await asyncio.sleep(0.05)
            said = next(str(m.get("output")) for m in sock.messages.values()
                        if "als document" in str(m.get("output")))
            at_once = [await asyncio.to_thread(download, key, sock.session_id) for key in files]
            roots = Path(tempfile.gettempdir()).glob(f"raadsgids-chat-{server.pid}-*")
            modes.extend(p.stat().st_mode & 0o777 for root in roots
                         for p in (root / ".files").rglob("*") if p.is_file())
            # Polled until the files' 6 seconds have passed, and at most 30 s.
            deadline = time.monotonic() + 30
            while True:
                later = [await asyncio.to_thread(download, key, sock.session_id)
                         for key in files]
                if all(status == 404 for status in later) or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.5)
            await sock.close()
            return at_once, later, said

        at_once, later, said = asyncio.run(export())
        assert at_once == [200, 200] and "0.1 minuten klaar" in said
        assert len(modes) >= 2 and set(modes) == {0o600}, modes  # only the chat's user reads them
        assert all(status == 404 for status in later), later
