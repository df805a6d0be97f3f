"""Sign-in throttling and the end of sessions (``auth=password``), as ASGI middleware.

- ``POST /login``: a locked account, or an address with too many recent failures, gets HTTP 429
  and one Dutch sentence before the password is even checked; the outcome of every check that
  is let through is counted (:func:`~.accounts.record_sign_in`). The address count lives in
  this process (behind a load balancer each replica counts its own, by the browser's address
  that a proxy in ``ASSISTANT_TRUSTED_PROXIES`` forwards); the account lock lives in the
  accounts file, shared. A name that is no account is locked just the same, in this process
  (:class:`UnknownNames`), so that the answers do not tell which names exist.
- ``POST /logout`` marks the account signed out, so a copy of the session cookie no longer
  works either (:func:`~.accounts.sign_out`).
- Every other request and socket connection carrying a session of an account that was removed
  or signed out since is refused (HTTP 401, socket refused); socket events of such a session are
  refused in :mod:`.events` through :func:`ended`.
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..config import Settings
from ..messages.nl import ENDED
from . import accounts
from .guard import (
    client_address,
    json_response,
    refuse_session,
    tokens_of,
    uses_session,
)

# Names that are no account whose wrong passwords are remembered (see UnknownNames).
UNKNOWN_NAMES = 10_000


def claims_of(settings: Settings, token: str) -> dict[str, Any] | None:
    import jwt

    try:
        claims = jwt.decode(token, accounts.auth_secret(settings), algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    return claims if isinstance(claims, dict) else None


def ended(settings: Settings, token: str | None) -> bool:
    """True for a session token of an account removed or signed out since it was issued."""
    if not token or settings.intranet.auth != "password":
        return False
    claims = claims_of(settings, token)
    if claims is None or not isinstance(claims.get("identifier"), str):
        return False  # not ours to judge: Chainlit refuses it
    iat = claims.get("iat")
    return accounts.session_ended(settings, claims["identifier"],
                                  float(iat) if isinstance(iat, (int, float)) else None)


class AddressThrottle:
    """Failed sign-ins per client address in a sliding window, in this process. ``clock`` gives
    the seconds it counts in (monotonic; a test passes its own)."""

    def __init__(self, limit: int, window: timedelta,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window.total_seconds()
        self.clock = clock
        self.failures: dict[str, deque[float]] = {}

    def _recent(self, address: str, now: float) -> deque[float]:
        seen = self.failures.setdefault(address, deque())
        while seen and seen[0] < now - self.window:
            seen.popleft()
        return seen

    def refusal(self, address: str) -> str | None:
        now = self.clock()
        seen = self._recent(address, now)
        if len(seen) < self.limit:
            return None
        wall = datetime.now(UTC)
        return accounts.lock_sentence(wall + timedelta(seconds=seen[0] + self.window - now), wall)

    def failed(self, address: str) -> None:
        now = self.clock()
        self._recent(address, now).append(now)
        if len(self.failures) > 10_000:  # bounded: forget the quietest addresses
            for key in [k for k, v in self.failures.items() if not v][:5_000]:
                del self.failures[key]


class UnknownNames:
    """Wrong passwords for names that are no account, locked as an account would be (the same
    lengths, :func:`accounts.lock_length`), so that the answers to sign-ins do not tell which
    names exist. In this process's memory, the most recent :data:`UNKNOWN_NAMES` names."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.names: OrderedDict[str, tuple[int, datetime | None]] = OrderedDict()

    def refusal(self, name: str, now: datetime | None = None) -> str | None:
        now = now or datetime.now(UTC)
        until = self.names.get(name, (0, None))[1]
        return accounts.lock_sentence(until, now) if until and until > now else None

    def failed(self, name: str, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        failures = self.names.pop(name, (0, None))[0] + 1
        length = accounts.lock_length(self.settings, failures)
        self.names[name] = (failures, now + length if length else None)
        while len(self.names) > UNKNOWN_NAMES:
            self.names.popitem(last=False)


class SessionGuard:
    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        # An address may try as many accounts as one account may be tried, four times over.
        signin = settings.intranet
        self.addresses = AddressThrottle(signin.signin_max_failures * 4,
                                         timedelta(minutes=signin.signin_lock_minutes * 15))
        self.unknown = UnknownNames(settings)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or self.settings.intranet.auth != "password":
            await self.app(scope, receive, send)
            return
        path, method = scope.get("path"), scope.get("method")
        if scope["type"] == "http" and path == "/login" and method == "POST":
            await self._login(scope, receive, send)
            return
        tokens = tokens_of(scope)
        if scope["type"] == "http" and path == "/logout" and method == "POST" and tokens:
            claims = claims_of(self.settings, tokens[0])
            if claims and isinstance(claims.get("identifier"), str):
                await asyncio.to_thread(accounts.sign_out, self.settings, claims["identifier"])
        elif uses_session(scope) and any(ended(self.settings, token) for token in tokens):
            await refuse_session(scope, send, ENDED)
            return
        await self.app(scope, receive, send)

    async def _login(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = b""
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        name = (form.get("username") or [""])[0]
        address = client_address(scope, self.settings.intranet.trusted_proxies)
        refusal = self.addresses.refusal(address) or (
            accounts.sign_in_refusal(self.settings, name) or self.unknown.refusal(name)
            if accounts.NAME.match(name) else None)
        if refusal:
            await json_response(send, 429, refusal)
            return
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def watch(message: dict[str, Any]) -> None:
            # Counted before the browser hears the outcome, so the next attempt sees it.
            if message["type"] == "http.response.start" and message["status"] in (200, 401) \
                    and accounts.NAME.match(name):
                ok = message["status"] == 200
                if not ok:
                    self.addresses.failed(address)
                known = await asyncio.to_thread(accounts.record_sign_in, self.settings, name, ok)
                if not ok and not known:
                    self.unknown.failed(name)
            await send(message)

        await self.app(scope, replay, watch)
