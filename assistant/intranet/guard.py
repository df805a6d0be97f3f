"""Which pages may use the chat, and whose user header is believed.

:class:`Guard` wraps the whole server (pages, API and socket): a request that carries an
``Origin`` not on the allowed list is refused, and the user header of ``auth=header`` is dropped
unless it comes from a trusted proxy address. It also puts security headers on every response:
only the allowed origins may frame the chat (``frame-ancestors``, against clickjacking), no
content-type sniffing, and no address of the chat in the ``Referer`` of links to elsewhere.
A request body larger than ``max_request_kb`` is refused before it is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from starlette.datastructures import Headers

from ..config import Settings
from ..errors import ConfigError
from ..messages.nl import NO_SHARING, NO_TOKEN, NO_TOKEN_SIGN_IN, NOT_ALLOWED, TOO_LARGE

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def own_origins(host: str, port: int, public_url: str | None = None) -> set[str]:
    """The addresses the chat's own page is served from (its public address behind a proxy
    or load balancer included)."""
    own = {f"http://{host}:{port}"}
    if host in LOOPBACK:
        own |= {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
    if public_url:
        own.add(public_origin(public_url))
    return own


def public_origin(url: str) -> str:
    match = re.fullmatch(r"(https?://[^/\s*]+)/?", url.strip())
    if not match:
        raise ConfigError(f"{url!r} in ASSISTANT_PUBLIC_URL is not an address like "
                          "https://raadsgids.gemeente.example (no path).")
    return match.group(1)


def allowed_origins(settings: Settings, host: str, port: int) -> list[str]:
    """The chat's own addresses plus the configured ones; "*" is refused."""
    extra = [o.rstrip("/") for o in settings.intranet.allowed_origins]
    for origin in extra:
        if origin == "*" or not re.fullmatch(r"https?://[^/\s*]+", origin):
            raise ConfigError(f"{origin!r} in ASSISTANT_ALLOWED_ORIGINS is not an origin like "
                              "https://intranet.gemeente.example (no paths, no wildcards).")
    return sorted(own_origins(host, port, settings.intranet.public_url) | set(extra))


def peer(scope: dict[str, Any]) -> str:
    """The address the connection comes from (uvicorn believes no forwarding header)."""
    return str((scope.get("client") or ("", 0))[0])


def client_address(scope: dict[str, Any], trusted: list[str] | set[str]) -> str:
    """The browser's address: the peer, or behind trusted proxies (a load balancer) the last
    address in X-Forwarded-For that is not one of them."""
    address = peer(scope)
    if address not in trusted:
        return address
    # Every X-Forwarded-For line, in order: HAProxy adds its own line after any the browser
    # sent, so the first line alone would be the browser's word.
    lines = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"x-forwarded-for"]
    forwarded = [a.strip() for a in ",".join(lines).split(",") if a.strip()]
    for hop in reversed(forwarded):
        if hop not in trusted:
            return hop
    return address


def header(scope: dict[str, Any], name: bytes) -> str | None:
    """One request header (the first, if it is sent more than once), as Starlette reads it."""
    return Headers(raw=list(scope.get("headers", []))).get(name.decode("latin-1"))


def bearer_token(scope: dict[str, Any]) -> str | None:
    """The token of an ``Authorization: Bearer`` header, or None."""
    scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def _sharing(path: str) -> bool:
    return path.rstrip("/") == "/project/thread/share" or path.startswith("/project/share/")


class Guard:
    """ASGI middleware in front of the whole chat server (HTTP and WebSocket)."""

    def __init__(self, app: Any, origins: list[str], auth_header: str | None,
                 trusted: list[str], max_body: int = 512 * 1024,
                 scripts: Callable[[], list[str]] | None = None, max_upload: int = 0) -> None:
        self.app = app
        self.max_body = max_body
        # An attached proposal may be larger than any other request (ASSISTANT_MAX_UPLOAD_MB).
        self.max_upload = max(max_upload, max_body)
        self.origins = set(origins)
        self.header = auth_header.lower().encode() if auth_header else None
        self.trusted = set(trusted)
        self.scripts = scripts or (lambda: [])
        self.ancestors = " ".join(["'self'", *sorted(self.origins)])
        self.security = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]

    def policy(self) -> bytes:
        """The Content-Security-Policy: only the chat's own origin, and of inline scripts only
        those the page carries (by hash). Inline styles are allowed: Chainlit's components set
        style attributes, which no hash can allow, and a style cannot run code."""
        scripts = " ".join(["'self'", *self.scripts()])
        # The page's font stylesheet is linked by the chat's own address, which may be another
        # spelling of it (127.0.0.1 or localhost) than the one in the address bar.
        own = " ".join(["'self'", *sorted(self.origins)])
        return ("default-src 'self'; "
                f"script-src {scripts}; "
                f"style-src {own} 'unsafe-inline'; "
                f"img-src 'self' data: blob:; font-src {own} data:; media-src 'self' blob:; "
                "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                f"frame-ancestors {self.ancestors}").encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        origin = header(scope, b"origin")
        if scope["type"] == "http" and scope.get("path") == ORIGIN_CHECK:
            # Whether this chat admits the asking page, answered to any page: it says only yes
            # or no about that page's own origin, and lets a widget on a page not admitted tell
            # a setting to change from an outage (where nothing, or a proxy's error, answers).
            await _admitted(send, origin is None or origin in self.origins)
            return
        if origin is not None and origin not in self.origins:
            await self._refuse(scope, receive, send)
            return
        if scope["type"] == "http" and _sharing(scope.get("path", "")):
            # Sharing is off in this chat (allow_thread_sharing = false), but Chainlit serves
            # its sharing routes regardless: a shared thread would be readable by anyone signed
            # in. Refused here, before Chainlit.
            await _plain_response(send, 404, NO_SHARING)
            return
        if scope["type"] == "http":
            limit = self.max_upload if scope.get("path") == UPLOAD and scope.get(
                "method") == "POST" else self.max_body
            length = header(scope, b"content-length")
            if length is not None and (not length.isdigit() or int(length) > limit):
                await _plain_response(send, 413, TOO_LARGE)
                return
            receive, send = self._bounded(receive, send, limit)
        if self.header is not None and peer(scope) not in self.trusted:
            scope = dict(scope)
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k != self.header]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https" or (
            peer(scope) in self.trusted and header(scope, b"x-forwarded-proto") == "https")
        await self.app(scope, receive, self._secured(send, https))

    def _bounded(self, receive: Any, send: Any, limit: int) -> tuple[Any, Any]:
        """A body sent without its length (chunked) is cut off past the limit: the client gets
        413 with one sentence, and the application a disconnect; what it would still send is
        dropped. Once the application has started its response, only the disconnect."""
        seen = 0
        started = refused = False

        async def bounded() -> dict[str, Any]:
            nonlocal seen, refused
            message: dict[str, Any] = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    if not started and not refused:
                        refused = True
                        await _plain_response(send, 413, TOO_LARGE)
                    return {"type": "http.disconnect"}
            return message

        async def sending(message: dict[str, Any]) -> None:
            nonlocal started
            if refused:
                return
            started = True
            await send(message)

        return bounded, sending

    def _secured(self, send: Any, https: bool) -> Any:
        """Security headers on every response; over https (directly, or as a trusted proxy
        says) the session cookies are marked Secure and browsers told to keep to https (HSTS)."""
        names = {k for k, _ in self.security} | {b"content-security-policy",
                                                 b"strict-transport-security"}

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k not in names]
                if https:
                    headers = [(k, v + b"; Secure") if k == b"set-cookie"
                               and b"secure" not in v.lower() else (k, v) for k, v in headers]
                extra = [(b"strict-transport-security", b"max-age=31536000")] if https else []
                message = {**message, "headers": headers + self.security + extra + [
                    (b"content-security-policy", self.policy())]}
            await send(message)

        return wrapped

    @staticmethod
    async def _refuse(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await _plain_response(send, 403, NOT_ALLOWED)


# Answers {"admitted": true|false} for the Origin of the request, to any origin.
ORIGIN_CHECK = "/raadsgids/admitted"
# Where Chainlit takes an attached file (a proposal to read along the denkraam).
UPLOAD = "/project/file"


async def _admitted(send: Any, admitted: bool) -> None:
    body = json.dumps({"admitted": admitted}).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"access-control-allow-origin", b"*"),
                            (b"cache-control", b"no-store"),
                            (b"x-content-type-options", b"nosniff"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _plain_response(send: Any, status: int, sentence: str) -> None:
    body = sentence.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"x-content-type-options", b"nosniff"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class TokenCheck:
    """ASGI middleware for tokens. ``POST /auth/jwt`` (the widget's sign-in) takes only a
    widget token, and refuses one Chainlit would accept for years, or answer with a server
    error, with one Dutch sentence (:func:`assistant.intranet.accounts.token_problem`); with
    another sign-in than ``jwt`` the route is refused altogether (404). Every other request and
    socket is refused when a token it carries, wherever Chainlit would find one, lasts longer
    than its kind may or is a widget token outside the widget
    (:func:`assistant.intranet.accounts.token_refusal`)."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if (scope["type"] == "http" and scope.get("path") == "/auth/jwt"
                and scope.get("method") == "POST"):
            if self.settings.intranet.auth != "jwt":
                # Only the widget signs in with a token. Elsewhere Chainlit's route would turn
                # any session token into a fresh one, so a session would never end.
                await json_response(send, 404, NO_TOKEN_SIGN_IN)
                return
            from .accounts import token_problem

            token = bearer_token(scope)
            problem = (token_problem(self.settings, token) if token
                       else NO_TOKEN)
            if problem:
                # The guard let only allowed origins through; CORS as Chainlit's.
                await json_response(send, 401, problem, cors=header(scope, b"origin"))
                return
        elif uses_session(scope):
            from .accounts import token_refusal

            refusal = next((r for r in (token_refusal(self.settings, t)
                                        for t in tokens_of(scope)) if r), None)
            if refusal:
                await refuse_session(scope, send, refusal)
                return
        await self.app(scope, receive, send)


# Where Chainlit reads the session: its API, the user, the socket (polling or websocket). The
# page, its files, sign-in and sign-out need none, so a refused session never keeps anyone from
# the sign-in page.
SESSION_PATHS = ("/project/", "/user", "/ws/", "/feedback", "/mcp")


def uses_session(scope: dict[str, Any]) -> bool:
    return scope["type"] == "websocket" or (
        scope["type"] == "http" and str(scope.get("path", "")).startswith(SESSION_PATHS))


async def refuse_session(scope: dict[str, Any], send: Any, sentence: str) -> None:
    """Refuse a request or socket whose session may not be used: HTTP 401 with ``sentence``,
    clearing the session's cookies so that the page asks to sign in again."""
    if scope["type"] != "http":
        await send({"type": "websocket.close", "code": 4401})
        return
    from starlette.requests import cookie_parser

    names = {name for k, v in scope.get("headers", []) if k == b"cookie"
             for name in cookie_parser(v.decode("latin-1"))
             if name == "access_token" or name.startswith("access_token_")} or {"access_token"}
    await json_response(send, 401, sentence, cors=header(scope, b"origin"), clear=sorted(names))


async def json_response(send: Any, status: int, sentence: str, cors: str | None = None,
                        clear: list[str] | None = None) -> None:
    """``{"detail": sentence}`` with ``status``; ``cors``: the (allowed) origin to answer;
    ``clear``: cookies to remove."""
    body = json.dumps({"detail": sentence}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    headers += [(b"set-cookie", f"{name}=; Max-Age=0; Path=/; HttpOnly".encode())
                for name in clear or []]
    if cors:
        headers += [(b"access-control-allow-origin", cors.encode()),
                    (b"access-control-allow-credentials", b"true"), (b"vary", b"Origin")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def tokens_of(scope: dict[str, Any]) -> list[str]:
    """Every session token the request carries, wherever Chainlit would look for one: the
    cookie (as Starlette parses it, which also reads a header Python's ``SimpleCookie`` gives up
    on; Chainlit may split the token over any number of cookies), read from every ``Cookie``
    header on its own and from all of them joined as the socket's server joins them, and an
    ``Authorization: Bearer`` header. An ended or refused session is refused if any of them is
    one."""
    from starlette.requests import cookie_parser

    out: list[str] = []
    raws = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"cookie"]
    for raw in [*raws, ",".join(raws)] if len(raws) > 1 else raws:
        cookies = cookie_parser(raw)
        chunks: list[str] = []
        while (part := cookies.get(f"access_token_{len(chunks)}")) is not None:
            chunks.append(part)
        out += [t for t in (cookies.get("access_token"), "".join(chunks)) if t and t not in out]
    bearer = bearer_token(scope)
    return out + [bearer] if bearer else out
