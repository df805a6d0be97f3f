"""Accounts, tokens, history retention and the chat's settings checks (no server needed)."""

import io
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import jwt
import pytest

from assistant.cli import main
from assistant.config import Settings
from assistant.intranet import accounts
from assistant.intranet.guard import Guard, allowed_origins
from assistant.intranet.history import HistoryError, migrate, purge


@pytest.fixture
def settings(tmp_path):
    return Settings.of(users_file=tmp_path / "users.json", secret_file=tmp_path / "secret",
                    database=tmp_path / "history.sqlite")


def test_accounts_add_verify_remove(settings):
    assert accounts.add_user(settings, "anna", "een-lang-wachtwoord")
    assert accounts.verify(settings, "anna", "een-lang-wachtwoord")
    assert not accounts.verify(settings, "anna", "een-ander-wachtwoord")
    assert not accounts.verify(settings, "bob", "een-lang-wachtwoord")
    assert "een-lang-wachtwoord" not in settings.intranet.users_file.read_text()
    assert oct(settings.intranet.users_file.stat().st_mode & 0o777) == "0o600"
    assert not accounts.add_user(settings, "anna", "nog-een-wachtwoord")  # changed, not new
    assert [n for n, _ in accounts.list_users(settings)] == ["anna"]
    accounts.remove_user(settings, "anna")
    assert accounts.list_users(settings) == []
    with pytest.raises(accounts.AccountError):
        accounts.remove_user(settings, "anna")


@pytest.mark.parametrize(("name", "password"), [
    ("", "een-lang-wachtwoord"), ("a b", "een-lang-wachtwoord"), ("x" * 65, "een-lang-ww-123"),
    ("anna", "kort"), ("anna", "é" * 40)])
def test_bad_accounts_are_refused_in_one_sentence(settings, name, password):
    with pytest.raises(accounts.AccountError) as exc:
        accounts.add_user(settings, name, password)
    assert str(exc.value).endswith(".") and "\n" not in str(exc.value)
    assert not settings.intranet.users_file.exists()


def test_a_damaged_accounts_file_admits_nobody_and_is_kept(settings):
    settings.intranet.users_file.write_text("{kapot", encoding="utf-8")
    assert not accounts.verify(settings, "anna", "een-lang-wachtwoord")
    with pytest.raises(accounts.AccountError, match="damaged"):
        accounts.add_user(settings, "anna", "een-lang-wachtwoord")
    assert settings.intranet.users_file.read_text(encoding="utf-8") == "{kapot"


def test_tokens_are_signed_short_lived_and_readable_by_chainlit(settings, monkeypatch):
    monkeypatch.delenv("CHAINLIT_AUTH_SECRET", raising=False)
    token = accounts.mint_token(settings, "anna", minutes=5)
    secret = accounts.auth_secret(settings)
    assert len(secret) >= 64 and accounts.auth_secret(settings) == secret  # made once, kept
    claims = jwt.decode(token, secret, algorithms=["HS256"])
    assert claims["identifier"] == "anna"
    assert set(claims) == {"identifier", "display_name", "metadata", "token_use", "iat", "exp",
                           "jti"}
    # Two tokens for the same user in the same second still differ.
    assert accounts.mint_token(settings, "anna", 5) != accounts.mint_token(settings, "anna", 5)
    assert claims["token_use"] == "widget"
    assert claims["exp"] - datetime.now().timestamp() <= 5 * 60 + 1
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "een-ander-geheim-van-genoeg-lengte", algorithms=["HS256"])
    # No token the chat would refuse for its lifetime is made.
    for minutes in (100_000, 24 * 60 + 1, 0, -5):
        with pytest.raises(accounts.AccountError, match="at most 1440 minutes"):
            accounts.mint_token(settings, "anna", minutes=minutes)
    assert accounts.mint_token(settings, "anna", minutes=24 * 60)


@pytest.mark.parametrize(("text", "delta"), [
    ("90d", timedelta(days=90)), ("12h", timedelta(hours=12)), ("2w", timedelta(weeks=2))])
def test_ages(text, delta):
    assert accounts.parse_age(text) == delta


def test_purge_removes_old_threads_with_everything_in_them(settings):
    migrate(settings.history.database)
    migrate(settings.history.database)  # idempotent
    old = (datetime.now() - timedelta(days=120)).isoformat() + "Z"
    new = datetime.now().isoformat() + "Z"
    with sqlite3.connect(settings.history.database) as db:
        for tid, created in (("t-old", old), ("t-new", new)):
            db.execute('INSERT INTO threads ("id", "createdAt") VALUES (?, ?)', (tid, created))
            db.execute('INSERT INTO steps ("id", "name", "type", "threadId", "streaming") '
                       "VALUES (?, 'x', 'user_message', ?, 0)", (f"s-{tid}", tid))
            db.execute('INSERT INTO feedbacks ("id", "forId", "threadId", "value") '
                       "VALUES (?, ?, ?, 1)", (f"f-{tid}", f"s-{tid}", tid))
            # Feedback whose thread id does not name its step's thread goes with its step; its
            # comment is personal data too.
            db.execute('INSERT INTO feedbacks ("id", "forId", "threadId", "value", "comment") '
                       "VALUES (?, ?, '', 0, 'Klopt niet')", (f"g-{tid}", f"s-{tid}"))
    assert purge(settings.history.database, timedelta(days=90)) == 1
    with sqlite3.connect(settings.history.database) as db:
        assert db.execute("SELECT id FROM threads").fetchall() == [("t-new",)]
        assert db.execute("SELECT count(*) FROM steps").fetchone() == (1,)
        assert db.execute('SELECT "id" FROM feedbacks ORDER BY 1').fetchall() == [
            ("f-t-new",), ("g-t-new",)]
    assert purge(settings.history.database, timedelta(days=90)) == 0


def test_a_damaged_database_is_one_sentence(settings):
    Path(settings.history.database).write_bytes(b"dit is geen sqlite-bestand" * 100)
    with pytest.raises(HistoryError):
        migrate(settings.history.database)


def test_cli_users_token_and_purge(settings, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_USERS_FILE", str(settings.intranet.users_file))
    monkeypatch.setenv("ASSISTANT_SECRET_FILE", str(settings.intranet.secret_file))
    monkeypatch.setenv("ASSISTANT_DATABASE", str(settings.history.database))
    monkeypatch.delenv("CHAINLIT_AUTH_SECRET", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    assert main(["users", "add", "anna", "--password-stdin"]) == 0
    assert main(["users", "list"]) == 0
    assert "anna" in capsys.readouterr().out
    assert main(["token", "anna", "--minutes", "1"]) == 0
    token = capsys.readouterr().out.strip()
    assert jwt.decode(token, accounts.auth_secret(settings), algorithms=["HS256"])
    assert main(["history", "purge", "--older-than", "90d"]) == 0
    assert "Deleted 0" in capsys.readouterr().out
    assert main(["history", "purge", "--older-than", "ooit"]) == 2
    assert main(["users", "remove", "bob"]) == 2
    assert capsys.readouterr().err.count("\n") == 2


@pytest.mark.parametrize(("env", "needle"), [
    ({"ASSISTANT_AUTH": "none"}, "127.0.0.1"),
    ({"ASSISTANT_AUTH": "header"}, "TRUSTED_PROXIES"),
    ({"ASSISTANT_AUTH": "password", "ASSISTANT_ALLOWED_ORIGINS": '["*"]'}, "wildcards"),
])
def test_chat_refuses_unsafe_settings_before_serving(monkeypatch, capsys, env, needle):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["chat", "--host", "0.0.0.0", "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


def test_allowed_origins_always_include_the_chat_itself(settings):
    own = allowed_origins(settings, "127.0.0.1", 8000)
    assert own == ["http://127.0.0.1:8000", "http://localhost:8000"]
    extra = Settings.of(allowed_origins=["https://intranet.gemeente.example/"])
    assert "https://intranet.gemeente.example" in allowed_origins(extra, "127.0.0.1", 8000)


def _through(guard_args, headers, client="127.0.0.1"):
    """(headers the app behind the guard saw or None, messages the guard sent itself)."""
    import asyncio

    seen = {}
    sent = []

    async def app(scope, receive, send):
        seen["headers"] = dict(scope["headers"])

    async def send(message):
        sent.append(message)

    guard = Guard(app, *guard_args)
    asyncio.run(guard({"type": "http", "headers": headers, "client": (client, 5000)},
                      None, send))
    return seen.get("headers"), sent


def test_guard_refuses_other_origins_and_untrusted_user_headers():
    own = ["http://127.0.0.1:8000"]
    passed, sent = _through((own, None, []), [(b"origin", b"http://evil.example")])
    assert passed is None and sent[0]["status"] == 403
    passed, sent = _through((own, None, []), [(b"origin", b"http://127.0.0.1:8000")])
    assert passed is not None and not sent
    user = [(b"x-remote-user", b"anna")]
    passed, _ = _through((own, "X-Remote-User", ["10.0.0.5"]), user)
    assert b"x-remote-user" not in passed
    passed, _ = _through((own, "X-Remote-User", ["10.0.0.5"]), user, client="10.0.0.5")
    assert passed[b"x-remote-user"] == b"anna"


def test_guard_refuses_a_body_over_the_limit_before_reading_it():
    import asyncio

    sent, got = [], []

    async def app(scope, receive, send):
        while True:
            message = await receive()
            got.append(message["type"])
            if message["type"] != "http.request" or not message.get("more_body"):
                return

    async def send(message):
        sent.append(message)

    guard = Guard(app, ["http://127.0.0.1:8000"], None, [], max_body=1024)
    big = {"type": "http", "client": ("127.0.0.1", 1), "headers": [(b"content-length", b"2048")]}
    asyncio.run(guard(big, None, send))
    assert sent[0]["status"] == 413 and "te groot" in sent[1]["body"].decode() and not got

    chunks = iter([{"type": "http.request", "body": b"x" * 800, "more_body": True},
                   {"type": "http.request", "body": b"x" * 800, "more_body": True}])

    async def receive():
        return next(chunks)

    asyncio.run(guard({"type": "http", "client": ("127.0.0.1", 1), "headers": []},
                      receive, send))
    assert got == ["http.request", "http.disconnect"]  # cut off past the limit


def _adapted(scope_path, origin, body, headers=()):
    """What WidgetAdapter sends for one response of the app behind it."""
    import asyncio

    from assistant.intranet.widget import WidgetAdapter

    sent, seen = [], {}

    async def app(scope, receive, send):
        seen.update(dict(scope["headers"]))
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(body)).encode()), *headers]})
        await send({"type": "http.response.body", "body": body})

    async def send(message):
        sent.append(message)

    adapter = WidgetAdapter(app, own={"http://127.0.0.1:8000"})
    scope = {"type": "http", "method": "GET", "path": scope_path, "client": ("127.0.0.1", 1),
             "headers": [(b"origin", origin.encode()), (b"accept-encoding", b"gzip")]}
    asyncio.run(adapter(scope, None, send))
    return dict(sent[0]["headers"]), sent[1]["body"], seen


def test_widget_settings_list_no_chat_profiles_and_keep_feedback():
    import json as json_

    body = json_.dumps({"dataPersistence": True, "chatProfiles": [{"name": "Raadsgids"}],
                        "starters": []}).encode()
    headers, out, seen = _adapted("/project/settings", "https://intranet.example", body)
    assert b"accept-encoding" not in seen  # the body is read, so it must come uncompressed
    assert json_.loads(out) == {"dataPersistence": True, "chatProfiles": [], "starters": []}
    assert headers[b"content-length"] == str(len(out)).encode()
    # The chat's own page keeps its profile (welcome text and starters).
    _, own, _ = _adapted("/project/settings", "http://127.0.0.1:8000", body)
    assert json_.loads(own)["chatProfiles"] == [{"name": "Raadsgids"}]


def test_widget_script_gets_the_dutch_names_appended():
    headers, out, _ = _adapted("/copilot/index.js", "https://intranet.example", b"bundle();",
                            headers=[(b"etag", b'"abc"')])
    assert out.startswith(b"bundle();\n") and b"Raadsgids openen of sluiten" in out
    assert b"etag" not in headers and headers[b"content-length"] == str(len(out)).encode()


def test_history_database_is_readable_by_its_owner_only(settings):
    import os
    import stat

    migrate(settings.history.database)
    assert stat.S_IMODE(os.stat(settings.history.database).st_mode) == 0o600
    os.chmod(settings.history.database, 0o644)  # a database made by an earlier version
    migrate(settings.history.database)
    assert stat.S_IMODE(os.stat(settings.history.database).st_mode) == 0o600


def test_replicas_starting_together_agree_on_one_secret(tmp_path):
    # Several chat replicas sharing one secret file may start at the same moment.
    import subprocess
    import sys

    code = ("from pathlib import Path; from assistant.config import Settings; "
            "from assistant.intranet.accounts import auth_secret; "
            f"print(auth_secret(Settings.of(secret_file=Path({str(tmp_path)!r}) / 'secret')))")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(8)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [err for _, err in results]
    assert len({out.strip() for out, _ in results}) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret"]


def test_the_secret_may_come_from_chainlits_own_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("CHAINLIT_AUTH_SECRET", "s" * 64)
    settings = Settings.of(secret_file=tmp_path / "secret")
    assert accounts.auth_secret(settings) == "s" * 64
    assert not (tmp_path / "secret").exists()  # nothing made when the secret is given
    assert "s" * 64 not in repr(settings)  # kept out of logs and tracebacks


def test_guard_lets_an_attached_proposal_be_larger_than_other_requests():
    import asyncio

    sent, got = [], []

    async def app(scope, receive, send):
        got.append(scope["path"])

    async def send(message):
        sent.append(message)

    guard = Guard(app, ["http://127.0.0.1:8000"], None, [], max_body=1024, max_upload=4096)

    def request(path: str, length: int, method: str = "POST") -> dict:
        return {"type": "http", "client": ("127.0.0.1", 1), "path": path, "method": method,
                "headers": [(b"content-length", str(length).encode())]}

    asyncio.run(guard(request("/project/file", 3000), None, send))
    assert got == ["/project/file"] and not sent
    asyncio.run(guard(request("/project/file", 5000), None, send))
    assert sent[0]["status"] == 413
    sent.clear()
    asyncio.run(guard(request("/login", 3000), None, send))  # other requests keep their limit
    assert sent[0]["status"] == 413 and got == ["/project/file"]
