"""A signed-in chat client over Chainlit's socket, as the page's own script talks to it (tests,
load benchmark): sign in over HTTP, connect the socket with the sign-in cookie, ask, wait for the
answer."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import http.cookiejar
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def sign_in(base: str, user: str, password: str) -> str:
    """The Cookie header of a password sign-in (raises on a refusal)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = urllib.parse.urlencode({"username": user, "password": password}).encode()
    request = urllib.request.Request(base + "/login", data=form, method="POST", headers={
        "Origin": base, "Content-Type": "application/x-www-form-urlencoded"})
    with opener.open(request, timeout=60):
        pass
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def jwt_sign_in(base: str, token: str) -> str:
    """The Cookie header of a widget-token sign-in (auth=jwt)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(base + "/auth/jwt", data=b"", method="POST", headers={
        "Origin": base, "Authorization": f"Bearer {token}"})
    with opener.open(request, timeout=120):
        pass
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def call(base: str, method: str, path: str, cookie: str, body: object | None = None
         ) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Origin": base, "Cookie": cookie, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode("utf-8", "replace")


def threads(base: str, cookie: str) -> list[dict[str, Any]]:
    status, body = call(base, "POST", "/project/threads", cookie,
                        {"pagination": {"first": 100, "cursor": None}, "filter": {}})
    return list(body["data"]) if status == 200 else []


class ChatSocket:
    """One chat session of a signed-in user."""

    def __init__(self, base: str, cookie: str, thread_id: str | None = None) -> None:
        import socketio

        self.base, self.cookie = base, cookie
        self.session_id = str(uuid.uuid4())
        self.thread_id = thread_id
        self.sio = socketio.AsyncClient(reconnection=False)
        self.messages: dict[str, dict[str, Any]] = {}
        self.asked: list[str] = []  # ids of the questions sent
        self.toasts: list[str] = []
        self.actions: list[dict[str, Any]] = []  # buttons sent apart from their messages
        self.errors: list[str] = []
        self._idle = asyncio.Event()
        self._idle.set()
        self.sio.on("new_message", self._message)
        self.sio.on("update_message", self._message)
        self.sio.on("task_start", lambda *_: self._idle.clear())
        self.sio.on("task_end", lambda *_: self._idle.set())
        self.sio.on("toast", lambda data: self.toasts.append(str(data.get("message"))))
        self.sio.on("first_interaction", self._first)
        self.sio.on("action", self.actions.append)

    def _message(self, data: dict[str, Any]) -> None:
        self.messages[str(data.get("id"))] = data

    def _first(self, data: dict[str, Any]) -> None:
        self.thread_id = str(data.get("thread_id") or self.thread_id)

    async def connect(self, timeout: float = 30) -> None:
        await self.sio.connect(
            self.base, socketio_path="/ws/socket.io", transports=["websocket"],
            headers={"Cookie": self.cookie, "Origin": self.base}, wait_timeout=timeout,
            auth={"clientType": "webapp", "sessionId": self.session_id,
                  "threadId": self.thread_id, "userEnv": "{}", "chatProfile": "Raadsgids"})
        await self.sio.emit("connection_successful")

    async def send(self, payload: Any, event: str = "client_message") -> None:
        await self.sio.emit(event, payload)

    def message(self, text: str, message_id: str | None = None,
                files: list[str] | None = None) -> dict[str, Any]:
        return {"message": {"id": message_id or str(uuid.uuid4()), "threadId": self.thread_id,
                            "output": text, "name": "user", "type": "user_message",
                            "createdAt": datetime.now(UTC).isoformat()},
                "fileReferences": [{"id": f} for f in files or []]}

    def upload(self, path: Path, mime: str) -> tuple[int, Any]:
        """Attach a file as the page does: POST it to /project/file for this session; the
        status and the reply (the file's id on success)."""
        boundary = uuid.uuid4().hex
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{path.name}"\r\nContent-Type: {mime}\r\n\r\n').encode() \
            + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        url = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=60)
        try:
            # A body over the limit is refused before it is read: the server answers and closes
            # while the body is still being sent; its answer is read below.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                conn.request("POST", f"/project/file?session_id={self.session_id}", body=body,
                             headers={"Origin": self.base, "Cookie": self.cookie,
                                      "Content-Type": f"multipart/form-data; boundary={boundary}"})
            response = conn.getresponse()
            data = response.read()
            if response.status == 200:
                return response.status, json.loads(data)
            return response.status, data.decode("utf-8", "replace")
        finally:
            conn.close()

    async def press(self, action: dict[str, Any], timeout: float = 60) -> str:
        """Press a button as the page does (POST /project/action for this session) and wait
        for the reply it brings; returns that reply's text."""
        before = set(self.messages)
        status, body = await asyncio.to_thread(
            call, self.base, "POST", "/project/action", self.cookie,
            {"action": action, "sessionId": self.session_id})
        assert status == 200, body
        start = time.monotonic()
        while True:
            replies = [m for k, m in self.messages.items()
                       if k not in before and m.get("type") == "assistant_message"]
            if replies:
                return str(replies[-1].get("output", ""))
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"no reply to {action.get('name')} within {timeout} s")
            await asyncio.sleep(0.02)

    async def ask(self, text: str, timeout: float = 120, files: list[str] | None = None
                  ) -> tuple[str, float]:
        """Ask (with the ids of uploaded files) and wait for the answer; returns its text and
        the seconds it took."""
        before = set(self.messages)
        start = time.monotonic()
        self._idle.clear()
        question = self.message(text, files=files)
        self.asked.append(question["message"]["id"])
        await self.send(question)
        while True:
            answers = [m for k, m in self.messages.items()
                       if k not in before and m.get("type") == "assistant_message"]
            if answers and self._idle.is_set():
                return str(answers[-1].get("output", "")), time.monotonic() - start
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"no answer within {timeout} s")
            await asyncio.sleep(0.02)

    @property
    def idle(self) -> bool:
        """Whether the chat has finished its last task for this socket."""
        return self._idle.is_set()

    async def close(self) -> None:
        await self.sio.disconnect()


def rows(database: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query on the history database (SQLite path or Postgres URL)."""
    from sqlalchemy import create_engine, text

    from assistant.intranet import history

    engine = create_engine(history.sync_url(database))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def answers_stored(database: str, count: int) -> bool:
    """Whether ``count`` finished answers (their sources included) are in the history: an
    answer's last write is a task of its own, after the reply reached the user."""
    found = rows(database, 'SELECT count(*) FROM steps WHERE "type" = \'assistant_message\' '
                 'AND "output" LIKE :end', end="%Bronnen%")
    return int(found[0][0]) >= count
