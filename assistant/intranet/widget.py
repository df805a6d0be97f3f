"""The chat widget on an intranet page: what the chat server changes for it.

Chainlit's widget (``/copilot/index.js``) is a bundle we serve but do not build. Four things
are adapted on the way out, by :class:`WidgetAdapter`, an ASGI middleware:

* ``/copilot/index.js`` has one bug of Chainlit 2.12's ``FeedbackButtons`` mended: it returns
  early when feedback is off, before two ``useCallback`` hooks. In the widget the settings
  (and with them ``dataPersistence``, which turns feedback on) arrive only when the widget asks
  for its user again, often several answers in; every answer already shown then renders with
  more hooks than before and React stops with error #310. :func:`mend_feedback_hooks` moves the
  early return after the hooks, so the thumbs appear wherever history is kept.
* ``/copilot/index.js`` also gets the page's ``raadsgids.js`` and ``raadsgids.css`` appended:
  Dutch accessible names for the widget's icon buttons, one Dutch sentence for the English
  texts the bundle writes itself (sign-in failures, "Failed to fetch", "Close", ...), the
  answer's start brought into view, and the export cards kept within a phone's width.
* ``/project/settings`` asked from an intranet page lists no chat profiles: the widget shows
  no profile's welcome text or starters (they come as its first message, see ``chat/app.py``),
  and it would clear and fetch its settings again on every profile change.
* ``/project/file/<id>`` answers with ``Content-Disposition: attachment`` and the file's own
  name, so that an export downloads as ``raadsvragen-….docx`` from the intranet page too (a
  browser ignores the ``download`` attribute of a link to another origin).
"""

from __future__ import annotations

import contextlib
import json
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .guard import header

# The page's own repairs (Dutch names and texts, answer start in view) and style, shared with
# the widget.
PUBLIC = Path(__file__).parent.parent / "chat" / "ui" / "public"


# In FeedbackButtons: the context read, then `if(!show)return null;` before the hooks, then the
# rendered buttons. Chainlit is pinned (2.12.0); tests fail if the bundle no longer matches.
FEEDBACK_EARLY_RETURN = re.compile(
    r'showFeedbackButtons:(\w+)\}=[^\n]{0,600}?(if\(!\1\)return null;)[^\n]{0,1500}?'
    r'(?=return \w+\.jsxs\("div",\{className:"flex items-center")')


def mend_feedback_hooks(bundle: str) -> str:
    """The widget bundle with FeedbackButtons' early return moved after its hooks."""
    match = FEEDBACK_EARLY_RETURN.search(bundle)
    if match is None:
        return bundle
    early = match.group(2)
    body = match.group(0)
    mended = body.replace(early, "", 1) + early
    return bundle[:match.start()] + mended + bundle[match.end():]


class WidgetAdapter:
    """ASGI middleware; ``own`` are the chat page's own origins (not the widget's)."""

    def __init__(self, app: Any, own: set[str] | frozenset[str]) -> None:
        self.app = app
        self.own = set(own)
        css = (PUBLIC / "raadsgids.css").read_text(encoding="utf-8")
        self.script = (f"window.RAADSGIDS_CSS = {json.dumps(css)};\n".encode()
                       + (PUBLIC / "raadsgids.js").read_bytes())

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") != "GET":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        origin = header(scope, b"origin")
        if path == "/project/settings" and origin is not None and origin not in self.own:
            await self.app(_plain(scope), receive, rewrite_body(send, _without_profiles))
        elif path == "/copilot/index.js":
            await self.app(_plain(scope, fresh=True), receive,
                           rewrite_body(send, self.widget_script,
                                        content_type=b"application/javascript"))
        elif path.startswith("/project/file/"):
            await self.app(scope, receive, _with_file_name(send, scope))
        else:
            await self.app(scope, receive, send)


    def widget_script(self, bundle: bytes) -> bytes:
        return (mend_feedback_hooks(bundle.decode("utf-8")).encode("utf-8") + b"\n"
                + self.script)


def _plain(scope: dict[str, Any], fresh: bool = False) -> dict[str, Any]:
    """The request asking for an uncompressed body (so that it can be rewritten) and, with
    ``fresh``, never for "not modified" (a 304 has no body to add to)."""
    drop = {b"accept-encoding"} | ({b"if-none-match", b"if-modified-since"} if fresh else set())
    return {**scope, "headers": [(k, v) for k, v in scope["headers"] if k not in drop]}


def _without_profiles(body: bytes) -> bytes:
    data = json.loads(body)
    data["chatProfiles"] = []
    return json.dumps(data).encode()


def rewrite_body(send: Any, change: Callable[[bytes], bytes],
                 content_type: bytes | None = None) -> Any:
    """Wrap ``send`` so that a 200 response's whole body passes through ``change``; a body that
    ``change`` cannot read goes out unchanged."""
    start: dict[str, Any] = {}
    body = bytearray()

    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        body.extend(message.get("body", b""))
        if message.get("more_body"):
            return
        data = bytes(body)
        if start.get("status") == 200:
            with contextlib.suppress(ValueError, TypeError):
                data = change(data)
        drop = {b"content-length", b"etag", b"last-modified"}
        headers = [(k, v) for k, v in start.get("headers", []) if k not in drop]
        if content_type and start.get("status") == 200:
            headers = [(k, v) for k, v in headers if k != b"content-type"]
            headers.append((b"content-type", content_type + b"; charset=utf-8"))
        headers.append((b"content-length", str(len(data)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": data})

    return wrapped


def file_name(scope: dict[str, Any]) -> str | None:
    """The name a session file was sent under (an export's ``raadsvragen-….docx``), if any."""
    from chainlit.session import WebsocketSession

    file_id = scope["path"].rsplit("/", 1)[-1]
    query = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1"))
    session = WebsocketSession.get_by_id((query.get("session_id") or [""])[0])
    entry = session.files.get(file_id) if session else None
    name = entry.get("name") if entry else None
    return str(name) if name and "." in str(name) else None


def _with_file_name(send: Any, scope: dict[str, Any]) -> Any:
    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start" and message.get("status") == 200:
            name = file_name(scope)
            if name:
                quoted = urllib.parse.quote(name)
                value = f"attachment; filename*=UTF-8''{quoted}".encode("latin-1")
                message = {**message, "headers": [
                    *[(k, v) for k, v in message.get("headers", [])
                      if k != b"content-disposition"], (b"content-disposition", value)]}
        await send(message)

    return wrapped
