"""The chat on a griffie intranet: widget, allowed origins, the three sign-in modes, history.

Real chat servers (`assistant chat`), a real intranet page served from another port, headless
Chromium and the real SQLite database. Screenshots go to tests/output/intranet/.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest

from assistant.config import Settings
from assistant.intranet import accounts

from ..support import AXE, ROOT
from ..support import OUTPUT as OUTPUTS
from ..support.chat_server import (
    assert_accessible,
    chat_server,
    free_port,
    intranet_page,
    send_question,
    settle,
    wait_until_served,
)
from ..support.wait import eventually

pytestmark = pytest.mark.slow

OUTPUT = OUTPUTS / "intranet"
WIFI = "Wat moet ik vragen over wifi-telling?"
CAMERA = "Welke publieke waarden spelen bij cameratoezicht?"
ANSWER = '[data-step-type="assistant_message"]'


class Client:
    """A browser-like HTTP client with its own cookies, sending the chat's own Origin."""

    def __init__(self, base: str, origin: str | None = None) -> None:
        self.base = base
        self.origin = origin or base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, method: str, path: str, data: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Origin": self.origin, **(headers or {})})
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def login(self, user: str, password: str) -> int:
        form = urllib.parse.urlencode({"username": user, "password": password}).encode()
        return self.request("POST", "/login", form,
                            {"Content-Type": "application/x-www-form-urlencoded"})[0]

    def threads(self) -> tuple[int, list[dict[str, object]]]:
        body = json.dumps({"pagination": {"first": 20, "cursor": None}, "filter": {}}).encode()
        status, raw = self.request("POST", "/project/threads", body,
                                   {"Content-Type": "application/json"})
        return status, (json.loads(raw)["data"] if status == 200 else [])


def post_oversized(base: str, path: str, size: int) -> tuple[int, bytes]:
    """POST a body of ``size`` bytes and read the answer even when the server refuses it before
    the body is sent (the server does not read it; writing the rest may then fail)."""
    import http.client

    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.putrequest("POST", path)
    for key, value in (("Origin", base), ("Content-Type", "application/json"),
                       ("Content-Length", str(size))):
        conn.putheader(key, value)
    conn.endheaders()
    try:
        for start in range(0, size, 65536):
            conn.send(b"[" * min(65536, size - start))
    except (BrokenPipeError, ConnectionResetError):
        pass
    response = conn.getresponse()
    return response.status, response.read()


def base_env(seed_settings: Settings, folder: Path, **extra: str) -> dict[str, str]:
    return {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
            "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir),
            "ASSISTANT_USERS_FILE": str(folder / "users.json"),
            "ASSISTANT_SECRET_FILE": str(folder / "secret"),
            "ASSISTANT_DATABASE": str(folder / "history.sqlite"), **extra}




def test_widget_on_an_allowed_intranet_page_answers(seed_settings, tmp_path, browser):
    page_port = free_port()
    env = base_env(seed_settings, tmp_path,
                   ASSISTANT_ALLOWED_ORIGINS=json.dumps([f"http://127.0.0.1:{page_port}"]))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with chat_server(env, OUTPUT / "widget-server.log") as (chat, _), \
            intranet_page(chat, page_port) as site:
        context = browser.new_context(locale="nl-NL")
        hosts: list[str] = []
        context.on("request", lambda r: hosts.append(urllib.parse.urlparse(r.url).hostname))
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(site + "/index.html")
        page.locator("#chainlit-copilot-button").click()
        send_question(page, WIFI)
        reply = page.locator(ANSWER).nth(1)  # after the welcome
        reply.get_by_text("Bronnen", exact=True).wait_for()
        text = reply.inner_text()
        assert "Vragen voor de raad" in text and "5. Inzet van sturing" in text
        assert "privacy" in text.lower() and "[1]" in text
        page.screenshot(path=str(OUTPUT / "widget-answer.png"))
        context.close()
        assert set(hosts) == {"127.0.0.1"}, sorted(set(hosts))
    # Questions stay out of the log unless ASSISTANT_LOG_QUESTIONS asks for them.
    assert "wifi-telling" not in (OUTPUT / "widget-server.log").read_text(encoding="utf-8")


def test_widget_on_a_page_not_allowed_gets_nothing(seed_settings, tmp_path, browser):
    env = base_env(seed_settings, tmp_path)  # only the chat's own address is allowed
    with chat_server(env, OUTPUT / "refused-server.log") as (chat, _), \
            intranet_page(chat, free_port()) as site:
        page = browser.new_context().new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url) if r.url.startswith(chat)
                else None)
        with page.expect_event("requestfailed", lambda r: "/auth/config" in r.url):
            page.goto(site + "/index.html")
        page.wait_for_load_state("networkidle")
        # The widget's calls to the chat were refused, so no assistant opens.
        assert any("/auth/config" in u for u in failed), failed
        page.locator("#chainlit-copilot-button").click()
        settle(page)
        page.wait_for_load_state("networkidle")
        assert page.locator("#chat-input").count() == 0
        # The widget says what is wrong, a setting and not an outage, and which origin to add.
        def told() -> str | None:
            texts = " ".join(widget_texts(page)["texts"])
            return texts if "niet insluiten" in texts else None

        said = eventually(told, "the widget's sentence about the setting", timeout=15)
        assert f"{site} toe te voegen aan ASSISTANT_ALLOWED_ORIGINS" in said
        assert "niet bereikbaar" not in said
        outcome = page.evaluate("""async (chat) => {
            const api = await fetch(chat + '/project/settings')
                .then(r => r.status, () => 'blocked');
            const socket = await new Promise(done => {
                const ws = new WebSocket(chat.replace('http', 'ws')
                                         + '/ws/socket.io/?EIO=4&transport=websocket');
                ws.onopen = () => done('open'); ws.onerror = () => done('refused');
                setTimeout(() => done('timeout'), 5000);
            });
            return {api, socket};
        }""", chat)
        assert outcome == {"api": "blocked", "socket": "refused"}, outcome
        # Nor can it frame the full chat (clickjacking): the browser refuses the frame.
        with page.expect_response(lambda r: r.url.rstrip("/") == chat):
            page.evaluate("""chat => { const f = document.createElement('iframe');
                f.src = chat + '/'; document.body.appendChild(f); }""", chat)
        settle(page)
        framed = [f for f in page.frames if f is not page.main_frame]
        assert framed and all(f.locator("#chat-input").count() == 0 for f in framed)
        assert not any(f.url.startswith(chat) and f.locator("body").inner_text().strip()
                       for f in framed)
        page.screenshot(path=str(OUTPUT / "widget-refused.png"))
        page.context.close()
        # The server itself refuses that origin, whatever the client; its own page is served.
        assert Client(chat, origin=site).request("GET", "/auth/config")[0] == 403
        assert Client(chat).request("GET", "/auth/config")[0] == 200
        # What the widget asks to tell a setting from an outage: answered to any page, about
        # that page's own origin only.
        status, said = Client(chat, origin=site).request("GET", "/raadsgids/admitted")
        assert (status, json.loads(said)) == (200, {"admitted": False})
        status, said = Client(chat).request("GET", "/raadsgids/admitted")
        assert (status, json.loads(said)) == (200, {"admitted": True})
        # A body over ASSISTANT_MAX_REQUEST_KB is refused before it is read, signed in or not.
        status, body = post_oversized(chat, "/project/threads", 600 * 1024)
        assert status == 413 and body.decode() == "Dit verzoek is te groot voor de raadsgids."
        # Security headers on pages, API and the widget script.
        for path in ("/", "/auth/config", "/copilot/index.js"):
            with urllib.request.urlopen(chat + path) as response:
                headers = response.headers
            policy = headers["Content-Security-Policy"]
            assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-"), path
            assert policy.endswith(
                f"frame-ancestors 'self' {chat} {chat.replace('127.0.0.1', 'localhost')}"), path
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "same-origin"


def test_password_sign_in(seed_settings, tmp_path):
    settings = Settings.of(users_file=tmp_path / "users.json", secret_file=tmp_path / "secret")
    accounts.add_user(settings, "anna", "anna-haar-wachtwoord")
    env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="password", ASSISTANT_HISTORY="false")
    with chat_server(env, OUTPUT / "password-server.log") as (chat, _):
        assert Client(chat).login("anna", "fout-wachtwoord-123") == 401
        assert Client(chat).login("niemand", "anna-haar-wachtwoord") == 401
        client = Client(chat)
        assert client.login("anna", "anna-haar-wachtwoord") == 200
        assert client.request("GET", "/user")[0] == 200
        assert Client(chat).request("GET", "/user")[0] == 401
        # Bad input: missing fields, oversized values.
        assert Client(chat).request("POST", "/login", b"username=anna", {
            "Content-Type": "application/x-www-form-urlencoded"})[0] == 422
        assert Client(chat).login("a" * 10_000, "b" * 100_000) == 401
    assert not (tmp_path / "history.sqlite").exists()  # history off: no database at all


def test_header_sign_in_only_from_a_trusted_proxy(seed_settings, tmp_path):
    for trusted, expected in (("10.20.30.40", 401), ("127.0.0.1", 200)):
        env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="header",
                       ASSISTANT_TRUSTED_PROXIES=json.dumps([trusted]))
        with chat_server(env, OUTPUT / "header-server.log") as (chat, _):
            client = Client(chat)
            status, _ = client.request("POST", "/auth/header", b"",
                                       {"X-Remote-User": "anna"})
            assert status == expected, (trusted, status)
            # Claiming to come through the trusted proxy does not make it so.
            posing = Client(chat).request("POST", "/auth/header", b"", {
                "X-Remote-User": "anna", "X-Forwarded-For": trusted,
                "Forwarded": f"for={trusted}"})[0]
            assert posing == expected, (trusted, posing)
            # A proxy on the chat's own host passes on the browser's address: still believed.
            proxied = Client(chat).request("POST", "/auth/header", b"", {
                "X-Remote-User": "anna", "X-Forwarded-For": "192.0.2.7"})[0]
            assert proxied == expected, (trusted, proxied)
            if expected == 200:
                assert json.loads(client.request("GET", "/user")[1])["identifier"] == "anna"
                assert Client(chat).request("POST", "/auth/header", b"",
                                            {"X-Remote-User": "<script>"})[0] == 401


def test_jwt_sign_in_for_the_widget(seed_settings, tmp_path):
    settings = Settings.of(secret_file=tmp_path / "secret")
    env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="jwt")
    with chat_server(env, OUTPUT / "jwt-server.log") as (chat, _):
        secret = accounts.auth_secret(settings)  # the server made it on start

        def sign_in(token: str) -> int:
            return Client(chat).request("POST", "/auth/jwt", b"",
                                        {"Authorization": f"Bearer {token}"})[0]

        claims = {"identifier": "anna", "display_name": "anna", "metadata": {}}
        assert sign_in(accounts.mint_token(settings, "anna", 5)) == 200
        expired = claims | {"exp": datetime.now(UTC) - timedelta(minutes=1)}
        assert sign_in(jwt.encode(expired, secret, algorithm="HS256")) == 401
        later = claims | {"exp": datetime.now(UTC) + timedelta(minutes=5)}
        assert sign_in(jwt.encode(later, "een-ander-geheim" * 4, algorithm="HS256")) == 401
        assert sign_in(jwt.encode(later, None, algorithm="none")) == 401
        assert sign_in("dit.is.geen.token") == 401
        assert sign_in("x" * 50_000) in (401, 431)
        assert Client(chat).request("POST", "/auth/jwt")[0] == 401
        # No expiry, no user, not a widget token, or ten years: one Dutch sentence, never a
        # server error.
        decade = datetime.now(UTC) + timedelta(days=3650)
        widget = claims | {"token_use": "widget"}
        for token_claims, says in ((widget, "mist 'exp'"),
                                   ({"exp": later["exp"], "token_use": "widget"},
                                    "mist 'identifier'"),
                                   (later, "mist 'token_use'"),
                                   (later | {"token_use": "sessie"}, "geen widgetsleutel"),
                                   (widget | {"exp": decade}, "langer geldig dan 24 uur")):
            status, body = Client(chat).request(
                "POST", "/auth/jwt", b"", {"Authorization": "Bearer " + jwt.encode(
                    token_claims, secret, algorithm="HS256")})
            assert status == 401 and says in json.loads(body)["detail"], (status, body)

        # The session the widget's sign-in starts is not renewed there: a widget token may
        # start one, a session token may not start another.
        browser = Client(chat)
        assert browser.request("POST", "/auth/jwt", b"", {
            "Authorization": f"Bearer {accounts.mint_token(settings, 'anna', 1)}"})[0] == 200
        session = next(c.value for c in browser.jar if c.name == "access_token")
        assert browser.request("GET", "/user")[0] == 200
        status, body = Client(chat).request("POST", "/auth/jwt", b"",
                                            {"Authorization": f"Bearer {session}"})
        assert status == 401 and "mist 'token_use'" in json.loads(body)["detail"]
        # Wherever a token is accepted, one that lasts longer than its kind may is refused: a
        # widget token over 24 hours, a session over its 8 hours.
        for token_claims, says in ((widget | {"exp": decade}, "langer geldig dan 24 uur"),
                                   (claims | {"exp": decade}, "langer geldig dan 8 uur")):
            status, body = Client(chat).request("GET", "/user", None, {
                "Authorization": "Bearer " + jwt.encode(token_claims, secret, algorithm="HS256")})
            assert status == 401 and says in json.loads(body)["detail"], (status, body)
        assert Client(chat).request("GET", "/user", None, {
            "Authorization": f"Bearer {accounts.mint_token(settings, 'anna', 5)}"})[0] == 200
        # A refused session in a cookie is cleared, and keeps no one from the page itself.
        long = jwt.encode(claims | {"exp": decade}, secret, algorithm="HS256")
        for path, expected in (("/", 200), ("/user", 401)):
            request = urllib.request.Request(chat + path, headers={
                "Origin": chat, "Cookie": f"access_token={long}"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, cleared = response.status, response.headers.get_all("set-cookie")
            except urllib.error.HTTPError as e:
                status, cleared = e.code, e.headers.get_all("set-cookie")
            assert status == expected, (path, status)
            if expected == 401:
                assert any(c.startswith("access_token=;") and "Max-Age=0" in c
                           for c in cleared or []), cleared
    assert "Traceback" not in (OUTPUT / "jwt-server.log").read_text(encoding="utf-8")


def signed_in_page(browser, chat: str, user: str, password: str):  # type: ignore[no-untyped-def]
    """A new browser page signed in to the chat with a password."""
    page = browser.new_context(locale="nl-NL").new_page()
    page.set_default_timeout(30_000)
    page.goto(chat + "/")
    page.locator("#email").fill(user)
    page.locator("#password").fill(password)
    page.locator("button[type=submit]").click()
    return page


def test_history_survives_a_restart_and_stays_private(seed_settings, tmp_path, browser, engine):
    settings = Settings.of(users_file=tmp_path / "users.json", secret_file=tmp_path / "secret")
    accounts.add_user(settings, "anna", "anna-haar-wachtwoord")
    accounts.add_user(settings, "bob", "bob-zijn-wachtwoord")
    env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="password")
    with chat_server(env | {"ASSISTANT_LOG_QUESTIONS": "true"},
                     OUTPUT / "history-server-1.log") as (chat, _):
        # The sign-in form asks for what an account is (a name), and a wrong password gets one
        # Dutch sentence, in the form, and no notice beside it.
        page = signed_in_page(browser, chat, "anna", "fout-wachtwoord-123")
        form = page.locator("form")
        form.get_by_text("De gebruikersnaam of het wachtwoord klopt niet.").wait_for()
        assert form.locator("label[for=email]").inner_text() == "Gebruikersnaam"
        assert page.locator("#email").get_attribute("placeholder") in (None, "")
        settle(page)
        assert page.locator("[data-sonner-toast]:visible").count() == 0
        assert "aanmeldsleutel" not in page.locator("body").inner_text()
        page.screenshot(path=str(OUTPUT / "sign-in-wrong-password.png"))
        page.context.close()
        page = signed_in_page(browser, chat, "anna", "anna-haar-wachtwoord")
        page.locator("#starters button", has_text="Wifi-telling").click()
        reply = page.locator(ANSWER).first
        reply.get_by_text("Bronnen", exact=True).wait_for()
        page.wait_for_selector("#chat-submit")
        reply.locator("button:has(svg.lucide-thumbs-up)").click()
        page.locator("textarea#feedbackDescription, [role=dialog] textarea").first.fill(
            "Bruikbaar voor de commissie")
        page.locator("[role=dialog] button[type=submit], [role=dialog] button",
                     has_text="Feedback versturen").first.click()
        reply.locator(".positive-feedback-on").first.wait_for()
        page.screenshot(path=str(OUTPUT / "history-feedback.png"))
        # A second conversation.
        page.locator("#header #new-chat-button").click()
        page.locator("[role=dialog] button", has_text="Bevestigen").click()
        page.locator("#starters button").first.wait_for()
        page.locator("#chat-input").fill(CAMERA)
        page.locator("#chat-submit").click()
        page.locator(ANSWER).first.get_by_text("Bronnen", exact=True).wait_for()
        page.context.close()
    assert f"question from anna: {WIFI}" in (OUTPUT / "history-server-1.log").read_text(
        encoding="utf-8")

    with chat_server(env, OUTPUT / "history-server-2.log") as (chat, _):
        anna = Client(chat)
        assert anna.login("anna", "anna-haar-wachtwoord") == 200
        status, threads = anna.threads()
        assert status == 200 and len(threads) == 2
        thread_id = next(str(x["id"]) for x in threads if x["name"] == WIFI)
        status, raw = anna.request("GET", f"/project/thread/{thread_id}")
        assert status == 200 and WIFI in raw.decode()
        bob = Client(chat)
        assert bob.login("bob", "bob-zijn-wachtwoord") == 200
        assert bob.threads() == (200, [])
        assert bob.request("GET", f"/project/thread/{thread_id}")[0] in (401, 403, 404)
        assert bob.request("DELETE", "/project/thread", json.dumps(
            {"threadId": thread_id}).encode(), {"Content-Type": "application/json"}
        )[0] in (401, 403, 404)
        # Bad input to the history endpoints: a clear refusal, nothing changed.
        assert anna.request("POST", "/project/threads", b"{kapot",
                            {"Content-Type": "application/json"})[0] == 422
        assert anna.request("GET", "/project/thread/" + "x" * 5000)[0] in (401, 403, 404)
        assert anna.request("PUT", "/feedback", json.dumps({"feedback": {}}).encode(),
                            {"Content-Type": "application/json"})[0] == 422
        assert {x["id"] for x in anna.threads()[1]} == {x["id"] for x in threads}

        # Signed in again after the restart, the raadslid finds both conversations in the list
        # of earlier ones, named by their first question; one reopened from there, its
        # citations still open their passages.
        page = signed_in_page(browser, chat, "anna", "anna-haar-wachtwoord")
        page.locator("#starters button").first.wait_for()
        page.locator("#header #sidebar-trigger-button").click()
        listed = page.locator("a[href*='/thread/']")
        listed.filter(has_text=CAMERA).wait_for()
        assert sorted(listed.all_inner_texts()) == sorted([CAMERA, WIFI])
        assert page.locator("#sidebar-trigger-button").first.get_attribute("aria-label")
        assert_accessible(page, OUTPUT / "axe-thread-list.json")
        page.screenshot(path=str(OUTPUT / "history-thread-list.png"))
        listed.filter(has_text=WIFI).click()
        page.wait_for_url(f"**/thread/{thread_id}")
        reply = page.locator(ANSWER).first
        reply.get_by_text("Bronnen", exact=True).wait_for()
        link = reply.locator("a.element-link").first
        link.wait_for()
        link.click()
        panel = page.locator("#side-view-content")
        first = engine.ask(WIFI).citations[0]  # [1], the first mark of the answer as it is read
        panel.get_by_text(first.title).first.wait_for()
        assert first.text[:80] in panel.inner_text()
        page.screenshot(path=str(OUTPUT / "history-resumed-citation.png"))
        # Its buttons are back, and the export holds the answer given before the restart.
        reply.get_by_role("button", name="Exporteer gesprek").click()
        page.locator(ANSWER).filter(has_text="Hier is het gesprek als document").wait_for()
        page.context.close()
    with sqlite3.connect(tmp_path / "history.sqlite") as db:
        feedback = db.execute('SELECT "value", "comment" FROM feedbacks').fetchall()
        assert feedback == [(1, "Bruikbaar voor de commissie")]
        assert db.execute("SELECT count(*) FROM threads").fetchone() == (2,)


# Texts Chainlit's widget writes in English by itself; none may be seen or announced.
ENGLISH = ["No authentication token", "Unauthorized", "Invalid token", "Failed to fetch",
           "Toggle theme", "Close", "Chat bubble icon", "Avatar for", "Floating", "Sidebar",
           "Copy", "Send", "New chat", "Helpful", "Not helpful", "Submit", "Your feedback",
           "Add a comment", "Cancel", "Stop", "Expand", "Minimize", "Maximize", "Scroll"]
WIDGET = "document.querySelector('#chainlit-copilot').shadowRoot"


def widget_texts(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Visible texts and accessible names inside the widget; buttons without any name."""
    return page.evaluate(f"""() => {{
        const root = {WIDGET};
        const texts = [], names = [], unnamed = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {{
            const el = n.parentElement;
            // The widget's own texts: a message's content is the assistant's, in Dutch anyway.
            if (!el || el.closest('style, script, .message-content')) continue;
            if (n.nodeValue.trim() && el.getClientRects().length) texts.push(n.nodeValue.trim());
        }}
        for (const el of root.querySelectorAll('[aria-label], [title], img[alt], [placeholder]'))
            for (const a of ['aria-label', 'title', 'alt', 'placeholder'])
                if (el.getAttribute(a)) names.push(el.getAttribute(a));
        for (const b of root.querySelectorAll('button, [role=button], a[href]'))
            if (!b.textContent.trim() && !b.getAttribute('aria-label')
                && !b.querySelector('img[alt]:not([alt=""])'))
                unnamed.push(b.outerHTML.slice(0, 120));
        return {{texts, names, unnamed}};
    }}""")


def assert_dutch(page, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """No English and no unnamed button in the widget, once the page script's repairs have run:
    they run on the next animation frame after a change, and a button the widget adds when its
    settings arrive (the attach button) may come in a frame after the check began."""
    deadline = time.monotonic() + seconds
    while True:
        settle(page)
        seen = widget_texts(page)
        english = [s for s in seen["texts"] + seen["names"]
                   if any(re.search(rf"\b{e}\b", s, re.I) for e in ENGLISH)]
        if not (english or seen["unnamed"]) or time.monotonic() > deadline:
            break
    assert not english, english
    assert not seen["unnamed"], seen["unnamed"]


def widget_accessible(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """axe-core (WCAG 2.1 A/AA) inside the widget's shadow root: no serious or critical."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
                                                     'wcag21aa']});
        // A target inside a shadow root is a path: [host selector, selector inside].
        const inside = t => Array.isArray(t[0]) && t[0][0] === '#chainlit-copilot';
        return {checked: r.passes.flatMap(p => p.nodes).filter(n => inside(n.target)).length,
                violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                    nodes: v.nodes.map(n => JSON.stringify(n.target))}))};
    }""")
    (OUTPUT / f"axe-{name}.json").write_text(json.dumps(result, indent=2))
    assert result["checked"] > 10, result  # the widget itself was examined
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def widget_answers(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate(f"{WIDGET}.querySelectorAll('{ANSWER}').length"))


def test_widget_welcome_dutch_feedback_export_and_many_answers(seed_settings, tmp_path, browser,
                                                              engine):
    page_port = free_port()
    # One user asks many questions in a row here; the pace is not what is tested.
    env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="jwt",
                   ASSISTANT_ALLOWED_ORIGINS=json.dumps([f"http://127.0.0.1:{page_port}"]),
                   ASSISTANT_QUESTIONS_PER_MINUTE="0")
    settings = Settings.of(secret_file=tmp_path / "secret")
    questions = [WIFI, "En bij camera's?", "Welke bron zegt dat?",
                 "Uit welke stappen bestaat het denkraam?", "Wat is technosolutionisme?",
                 "Moet digitalisering bij één wethouder liggen?", "Wat kost wifi-telling?",
                 "Hoe laat begint de voetbalwedstrijd?"]
    # Chainlit's feedback controls used to crash the widget (React error #310) within 2 to 34
    # answers; 40 covers that range. `make bench-widget` asks 100.
    many = 40
    with chat_server(env, OUTPUT / "widget-jwt-server.log") as (chat, _), \
            intranet_page(chat, page_port) as site:
        context = browser.new_context(locale="nl-NL", accept_downloads=True)
        token = accounts.mint_token(settings, "anna", 30)
        context.add_init_script(f"window.RAADSGIDS_TOKEN = {json.dumps(token)};")
        page = context.new_page()
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if "#310" in m.text else None)
        page.goto(site + "/index.html")
        page.locator("#chainlit-copilot-button").click()

        # The welcome and the same starters as the full page, as buttons.
        welcome = page.locator(ANSWER).first
        welcome.get_by_text("Raadsgids digitalisering.").wait_for()
        assert "de bron uit de 5 teksten" in welcome.inner_text()
        starters = welcome.get_by_role("button")
        assert starters.all_inner_texts()[:4] == [
            WIFI, "Uit welke stappen bestaat het denkraam?",
            "Welke publieke waarden spelen bij cameratoezicht?",
            "Moet digitalisering bij één wethouder liggen?"]
        page.screenshot(path=str(OUTPUT / "widget-welcome.png"))
        assert_dutch(page)
        widget_accessible(page, "widget-welcome")

        starters.first.click()
        page.wait_for_function(f"{WIDGET}.querySelectorAll('{ANSWER}').length >= 2")
        reply = page.locator(ANSWER).nth(1)
        reply.get_by_text("Vragen voor de raad", exact=True).wait_for()
        page.locator("#chat-submit").wait_for()
        settle(page)
        # No passage opens by itself; [2] opens its own passage, titled with its number.
        passage = page.locator("[role='dialog']:not([data-side])")
        assert passage.count() == 0
        second = engine.ask(WIFI).citations[1]
        reply.locator("a.element-link", has_text="2").first.click()
        passage.get_by_text(second.title).first.wait_for()
        assert passage.inner_text().startswith("[2]")
        assert second.text[:60] in passage.inner_text()
        page.screenshot(path=str(OUTPUT / "widget-passage.png"))
        page.keyboard.press("Escape")
        passage.wait_for(state="detached")
        # Feedback with a comment, stored with the answer.
        page.locator("button[aria-label='Nuttig']").first.click()
        page.locator("textarea").last.fill("Handig voor de commissie")
        page.locator("#submit-feedback").click()
        page.locator(".positive-feedback-on").first.wait_for()
        page.screenshot(path=str(OUTPUT / "widget-answer.png"))
        assert_dutch(page)
        widget_accessible(page, "widget-answer")

        # The export downloads under its own names.
        reply.get_by_role("button", name="Exporteer gesprek").click()
        cards = page.get_by_text("raadsvragen-digitalisering-", exact=False)
        cards.last.wait_for()
        names = []
        for suffix in (".md", ".docx"):
            with page.expect_download() as download:
                page.locator(f"a:has-text('{suffix}')").last.click()
            names.append(download.value.suggested_filename)
        assert [n.rsplit(".", 1)[1] for n in names] == ["md", "docx"], names
        assert all(n.startswith("raadsvragen-digitalisering-20") for n in names), names

        # Many answers in a row with the feedback controls shown: no React error #310.
        started = time.monotonic()
        for n in range(many):
            before = widget_answers(page)
            send_question(page, questions[n % len(questions)])
            page.wait_for_function(f"{WIDGET}.querySelectorAll('{ANSWER}').length > {before}")
            page.locator("#chat-submit").wait_for()
        took = time.monotonic() - started
        assert not errors, errors[:3]
        assert page.locator("button[aria-label='Nuttig']").count() >= many
        page.screenshot(path=str(OUTPUT / "widget-many-answers.png"))
        print(f"{many} widget answers in {took:.0f} s")
        context.close()
    with sqlite3.connect(tmp_path / "history.sqlite") as db:
        rows = db.execute('SELECT "userIdentifier", count(*) FROM threads GROUP BY 1').fetchall()
        assert rows == [("anna", 1)]
        asked = db.execute("SELECT count(*) FROM steps WHERE type = 'user_message'").fetchone()
        assert asked == (many + 1,)
        feedback = db.execute('SELECT "value", "comment" FROM feedbacks').fetchall()
        assert feedback == [(1, "Handig voor de commissie")]


def test_widget_without_a_token_says_so_in_dutch(seed_settings, tmp_path, browser):
    page_port = free_port()
    env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="jwt",
                   ASSISTANT_ALLOWED_ORIGINS=json.dumps([f"http://127.0.0.1:{page_port}"]))
    with chat_server(env, OUTPUT / "widget-no-token.log") as (chat, _), \
            intranet_page(chat, page_port) as site:
        for label, token in (("no-token", None), ("bad-token", "not.a.token")):
            context = browser.new_context(locale="nl-NL")
            if token:
                context.add_init_script(f"window.RAADSGIDS_TOKEN = {json.dumps(token)};")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(site + "/index.html")
            page.locator("#chainlit-copilot-button").click()
            # The widget's own sentence, or the server's reason for refusing the token.
            said = page.get_by_text(re.compile("De raadsgids kon u niet aanmelden|"
                                               "aanmeldsleutel .* (ondertekend|verlopen)"))
            said.first.wait_for()
            settle(page)
            visible = [i for i in range(said.count()) if said.nth(i).is_visible()]
            assert len(visible) == 1, visible  # one sentence, not the alert and two notices
            assert_dutch(page)
            page.screenshot(path=str(OUTPUT / f"widget-{label}.png"))
            context.close()


def test_demo_intranet_is_one_command_and_works_with_jwt(seed_settings, tmp_path, browser):
    page_port = free_port()
    origin = f"http://127.0.0.1:{page_port}"
    env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="jwt",
                   ASSISTANT_ALLOWED_ORIGINS=json.dumps([origin]))
    with chat_server(env, OUTPUT / "demo-server.log") as (chat, _):
        log = OUTPUT / "demo-intranet.log"
        with open(log, "wb") as out:
            demo = subprocess.Popen(
                [sys.executable, "-m", "assistant.cli", "demo-intranet", "--chat", chat,
                 "--port", str(page_port)], env={**os.environ, **env}, stdout=out,
                stderr=subprocess.STDOUT)
        try:
            def served() -> str:
                with urllib.request.urlopen(origin + "/", timeout=1) as r:
                    return str(r.read().decode())

            page_html = eventually(served, "the demo intranet page", timeout=10)
            assert chat in page_html and "127.0.0.1:8000" not in page_html
            # The widget shows the assistant's own avatar, not Chainlit's.
            logo = (ROOT / "assistant" / "chat" / "ui" / "public" /
                    "logo_light.svg").read_bytes()
            with urllib.request.urlopen(chat + "/avatars/Raadsgids%20digitalisering") as r:
                assert r.read() == logo
            assert "window.RAADSGIDS_TOKEN = " in page_html
            # A token made for each load of the page, as an intranet backend makes it.
            tokens = {re.search(r'RAADSGIDS_TOKEN = "([^"]+)"', html).group(1)
                      for html in (page_html, served(), served())}
            assert len(tokens) == 3
            # No token added by the test: the page carries its own.
            page = browser.new_context(locale="nl-NL").new_page()
            page.set_default_timeout(30_000)
            page.goto(origin + "/")
            page.locator("#chainlit-copilot-button").click()
            send_question(page, WIFI)
            page.locator(ANSWER).nth(1).get_by_text("Vragen voor de raad", exact=True).wait_for()
            page.screenshot(path=str(OUTPUT / "demo-intranet.png"))
            # Reloaded (a new token for the same user), the widget reopens the conversation
            # and its citations still open their passages.
            page.reload()
            page.locator("#chainlit-copilot-button").click()
            citation = page.locator("#chainlit-copilot a.element-link", has_text="1").first
            citation.wait_for()
            citation.click()
            passage = page.locator("#chainlit-copilot [role=dialog][aria-labelledby]").filter(
                has_text="Technologie, ethiek en de rol van de raad")
            passage.wait_for()
            assert "An error occurred" not in passage.inner_text()
            page.screenshot(path=str(OUTPUT / "demo-intranet-reopened-citation.png"))
            page.context.close()
        finally:
            demo.terminate()
            demo.wait(timeout=10)
        # What the command says comes from the running chat: another origin is refused there.
        from assistant.intranet.demo import chat_admits, verdict

        assert chat_admits(chat, origin) is True
        assert chat_admits(chat, "http://127.0.0.1:1") is False
        settings = Settings.of(auth="jwt", allowed_origins=[])
        refused = verdict(settings, chat, "http://127.0.0.1:1")
        assert "laat deze pagina niet toe" in refused and "ASSISTANT_AUTH=jwt" in refused
        assert f"--port {chat.rsplit(':', 1)[1]}" in refused
    printed = log.read_text(encoding="utf-8")
    assert f"draait op {origin}/" in printed
    assert f"De chat op {chat} laat deze pagina toe (gevraagd aan de chat zelf)." in printed


def test_demo_page_without_jwt_carries_no_token_and_names_the_setting(tmp_path):
    from assistant.intranet.demo import allowed_line, demo_page

    settings = Settings.of(secret_file=tmp_path / "secret", auth="password")
    page = demo_page(settings, "https://raadsgids.gemeente.example/")
    assert "https://raadsgids.gemeente.example/copilot/index.js" in page
    assert "RAADSGIDS_TOKEN = " not in page
    assert allowed_line(settings, "http://127.0.0.1:8080") == \
        """ASSISTANT_AUTH=password ASSISTANT_ALLOWED_ORIGINS='["http://127.0.0.1:8080"]'"""
    # No chat at that address: the command says so and how to start it, port included.
    from assistant.intranet.demo import verdict

    nobody = f"http://127.0.0.1:{free_port()}"
    said = verdict(settings, nobody, "http://127.0.0.1:8080")
    assert said.startswith(f"De chat op {nobody} antwoordt niet: start hem met "
                           "ASSISTANT_AUTH=password ASSISTANT_ALLOWED_ORIGINS=")
    assert f"assistant chat --port {nobody.rsplit(':', 1)[1]}" in said


def test_the_intranet_steps_as_printed_give_a_working_widget(seed_settings, tmp_path, browser):
    """docs/intranet.md's first step, its two commands taken from the page as printed and run
    in a shell (each in its own "terminal", with the same settings: the built index and where
    the chat keeps its files), gives a widget on http://127.0.0.1:8080/ that answers."""
    import shlex
    import signal
    import socket

    steps = (ROOT / "docs" / "intranet.md").read_text(encoding="utf-8").split("\n2. ")[0]
    commands = [c for c in re.findall(r"`([^`]+)`", " ".join(steps.split()))
                if re.fullmatch(r"(ASSISTANT_\w+='[^']*' )*assistant (chat|demo-intranet)", c)]
    assert [c.split()[-1] for c in commands] == ["chat", "demo-intranet"], commands
    for port in (8000, 8080):  # as printed: the chat's default port and the page's
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                pytest.skip(f"port {port} is taken on this machine; the steps as printed need it")
    env = {**os.environ, **base_env(seed_settings, tmp_path),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    terminals = []
    try:
        # The chat first; the demo in the second terminal once the chat says it runs.
        for command, served in zip(commands, ("http://127.0.0.1:8000/",
                                              "http://127.0.0.1:8080/"), strict=True):
            log = open(OUTPUT / f"steps-{shlex.split(command)[-1]}.log", "wb")  # noqa: SIM115
            terminals.append(subprocess.Popen(["bash", "-c", command], cwd=tmp_path,
                                              env=env, stdout=log, stderr=subprocess.STDOUT,
                                              start_new_session=True))
            wait_until_served(served, timeout=120)
        page_url = "http://127.0.0.1:8080/"
        eventually(lambda: "laat deze pagina toe" in
                   (OUTPUT / "steps-demo-intranet.log").read_text(encoding="utf-8"),
                   "the demo saying that the chat admits the page", timeout=30)
        page = browser.new_context(locale="nl-NL").new_page()
        page.set_default_timeout(30_000)
        page.goto(page_url)
        page.locator("#chainlit-copilot-button").click()
        send_question(page, WIFI)
        page.locator(ANSWER).nth(1).get_by_text("Vragen voor de raad", exact=True).wait_for()
        page.screenshot(path=str(OUTPUT / "steps-as-printed.png"))
        page.context.close()
    finally:
        for terminal in terminals:
            os.killpg(terminal.pid, signal.SIGINT)
        for terminal in terminals:
            try:
                terminal.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(terminal.pid, signal.SIGKILL)
                terminal.wait()


def test_widget_conversations_follow_the_user_to_another_browser(seed_settings, tmp_path,
                                                                 browser):
    """A raadslid asks in the widget in one browser; in another (no storage shared) the
    widget's "Eerdere gesprekken" lists that conversation, asked of the chat, and reopens it."""
    page_port = free_port()
    env = base_env(seed_settings, tmp_path, ASSISTANT_AUTH="jwt",
                   ASSISTANT_ALLOWED_ORIGINS=json.dumps([f"http://127.0.0.1:{page_port}"]))
    settings = Settings.of(secret_file=tmp_path / "secret")
    with chat_server(env, OUTPUT / "widget-earlier-server.log") as (chat, _), \
            intranet_page(chat, page_port) as site:
        def widget_of(user: str):  # type: ignore[no-untyped-def]
            context = browser.new_context(locale="nl-NL")
            token = accounts.mint_token(settings, user, 30)
            context.add_init_script(f"window.RAADSGIDS_TOKEN = {json.dumps(token)};")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(site + "/index.html")
            page.locator("#chainlit-copilot-button").click()
            page.locator(ANSWER).first.get_by_text("Raadsgids digitalisering.").wait_for()
            return page

        # Two conversations in one browser: a question, a new conversation, another question.
        laptop = widget_of("anna")
        send_question(laptop, WIFI)
        laptop.locator(ANSWER).nth(1).get_by_text("Vragen voor de raad", exact=True).wait_for()
        laptop.locator("#new-chat-button").click()
        laptop.get_by_role("button", name="Bevestigen").click()
        laptop.locator(ANSWER).first.get_by_text("Raadsgids digitalisering.").wait_for()
        send_question(laptop, CAMERA)
        laptop.locator(ANSWER).nth(1).get_by_text("Bronnen", exact=True).wait_for()
        laptop.context.close()

        other = widget_of("anna")
        earlier = other.get_by_role("button", name="Eerdere gesprekken")
        earlier.click()
        listed = other.locator("#raadsgids-earlier-list li button")
        listed.filter(has_text=WIFI).wait_for()
        assert earlier.get_attribute("aria-expanded") == "true"
        assert listed.all_inner_texts()[0].startswith(CAMERA)  # newest first
        assert listed.count() == 2
        settle(other)
        other.screenshot(path=str(OUTPUT / "widget-earlier-list.png"))
        widget_accessible(other, "widget-earlier-list")
        listed.filter(has_text=WIFI).click()
        # The conversation reopened in this browser: the answer given in the other one, with
        # its buttons, and its citations open their passages.
        reply = other.locator(ANSWER).filter(has_text="Vragen voor de raad").first
        reply.wait_for()
        reply.get_by_role("button", name="Exporteer gesprek").wait_for()
        assert other.locator("#raadsgids-earlier-list").count() == 0
        reply.locator("a.element-link", has_text="1").first.click()
        passage = other.locator("#chainlit-copilot [role=dialog][aria-labelledby]").filter(
            has_text="Technologie, ethiek en de rol van de raad")
        passage.wait_for()
        other.keyboard.press("Escape")
        other.screenshot(path=str(OUTPUT / "widget-earlier-reopened.png"))
        other.context.close()

        # Another user's widget lists none of anna's conversations.
        bram = widget_of("bram")
        bram.get_by_role("button", name="Eerdere gesprekken").click()
        bram.locator("#raadsgids-earlier-list").get_by_text(
            "Nog geen eerdere gesprekken.").wait_for()
        bram.context.close()
