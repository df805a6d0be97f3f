"""Checks on what a signed-in browser sends: socket events and the REST routes that take ids.

Chainlit trusts its own front end. A user who writes their own socket or HTTP client could,
without these checks, change or delete another user's feedback (``PUT``/``DELETE /feedback``
take any id), edit a stored message although editing is off in the configuration
(``edit_message``), or make the server log a traceback with a malformed payload. Here:

- every socket event is refused with one log line (no traceback) when its payload is not what
  the front end sends, or when the configuration turns its feature off;
- one socket may send :data:`EVENTS_PER_SECOND` events a second (bursts of
  :data:`EVENT_BURST`); more are dropped with one log line, and a socket that keeps it up is
  closed;
- a typed or edited question is admitted (length, pace, a busy replica) before Chainlit stores
  it or starts a task for it (``admit``; :mod:`assistant.chat.limits`);
- a user's message is stored as a user message, without metadata the browser made up;
- feedback is accepted only for an answer in the user's own thread, and changed or deleted only
  by its author; a comment longer than :data:`~.history_layer.COMMENT_CHARS` is refused in one
  Dutch sentence.

The data layer (:mod:`.history_layer`) checks ownership once more where it writes.
"""

# No ``from __future__ import annotations``: FastAPI reads the route functions' annotations,
# which name types imported inside guard_routes.
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from ..messages.nl import COMMENT_TOO_LONG, NO_HISTORY, NOT_YOURS
from .history import COMMENT_CHARS

log = logging.getLogger("assistant.events")

TOO_LONG = COMMENT_TOO_LONG.format(chars=COMMENT_CHARS)


class Refused(ValueError):
    """A socket payload that is not what the chat's own front end sends."""


def _uuid4(value: object) -> str:
    if not isinstance(value, str):
        raise Refused("id is not a string")
    try:
        if uuid.UUID(value).version != 4:
            raise Refused("id is not a v4 UUID")
    except ValueError as exc:
        raise Refused("id is not a UUID") from exc
    return value


def clean_message(payload: object, spontaneous_files: bool) -> dict[str, Any]:
    """The ``client_message`` payload as the chat uses it, or :class:`Refused`."""
    if not isinstance(payload, dict) or not isinstance(payload.get("message"), dict):
        raise Refused("payload is not a message")
    message = payload["message"]
    if not isinstance(message.get("output"), str):
        raise Refused("message has no text")
    created = message.get("createdAt")
    cleaned: dict[str, Any] = {
        "message": {
            "id": _uuid4(message.get("id")),
            "output": message["output"],
            "createdAt": created if isinstance(created, str) else "",
            "type": "user_message",
            "name": message.get("name") if isinstance(message.get("name"), str) else "Gebruiker",
            "metadata": {},
        }
    }
    for key in ("command", "parentId"):
        if isinstance(message.get(key), str):
            cleaned["message"][key] = message[key][:200]
    files = payload.get("fileReferences")
    if spontaneous_files and isinstance(files, list):
        cleaned["fileReferences"] = [f for f in files if isinstance(f, dict)]
    return cleaned


Handler = Callable[..., Awaitable[Any]]

# Events one socket may send per second, on average over EVENT_BURST; the page's own script sends
# a few. Past that an event is dropped, and a socket that keeps it up (EVENTS_DROPPED) is closed.
EVENTS_PER_SECOND = 20.0
EVENT_BURST = 60.0
EVENTS_DROPPED = 200


class EventPace:
    """A token bucket per socket, and the log line about a socket's dropped events once."""

    def __init__(self) -> None:
        self.buckets: dict[str, tuple[float, float, int]] = {}  # sid: (tokens, when, dropped)

    def allow(self, sid: str, now: float | None = None) -> bool | None:
        """True to handle the event, False to drop it, None to drop it and close the socket."""
        now = time.monotonic() if now is None else now
        tokens, when, dropped = self.buckets.get(sid, (EVENT_BURST, now, 0))
        tokens = min(EVENT_BURST, tokens + (now - when) * EVENTS_PER_SECOND)
        if tokens >= 1:
            self.buckets[sid] = (tokens - 1, now, dropped)
            return True
        dropped += 1
        self.buckets[sid] = (tokens, now, dropped)
        if dropped == 1:
            log.warning("Socket events dropped: more than %g a second from one socket",
                        EVENTS_PER_SECOND)
        return None if dropped >= EVENTS_DROPPED else False

    def forget(self, sid: str) -> None:
        self.buckets.pop(sid, None)

# Events with a payload, and the check each payload must pass before Chainlit sees it.
_DICT_EVENTS = {"edit_message", "message_favorite", "audio_chunk", "chat_settings_change",
                "chat_settings_edit"}


def guard_socket(sio: Any, config: Any,
                 ended: Callable[[str | None], bool] | None = None,
                 admit: Callable[[str, object, bool], str | None] | None = None) -> None:
    """Wrap Chainlit's socket handlers (after ``chainlit.server`` is imported); ``config`` is
    Chainlit's, read at each event. ``ended(token)`` tells a session whose user signed out or was
    removed since; its events are refused and its socket closed. ``admit(user, text, attached)``
    says why a typed or edited question, or an attached proposal with or without one, may not be
    asked (too long, too many, busy), before Chainlit stores it or starts a task: the sentence is
    shown and not stored."""
    from chainlit.session import WebsocketSession

    handlers: dict[str, Handler] = sio.handlers.get("/", {})
    pace = EventPace()

    def wrap(event: str, handler: Handler) -> Handler:
        async def guarded(sid: str, *args: Any) -> Any:
            allowed = pace.allow(sid)
            if not allowed:
                if allowed is None:
                    log.warning("Socket closed: it kept sending more than %g events a second",
                                EVENTS_PER_SECOND)
                    pace.forget(sid)
                    await sio.disconnect(sid)
                return None
            features = config.features
            if ended is not None:
                session = WebsocketSession.get(sid)
                if session is not None and ended(session.token):
                    log.warning("Socket event %r refused: the session has ended", event)
                    await sio.disconnect(sid)
                    return None
            try:
                if event == "client_message":
                    upload = features.spontaneous_file_upload
                    args = (clean_message(args[0] if args else None,
                                          bool(upload and upload.enabled)),)
                elif event == "edit_message" and not features.edit_message:
                    raise Refused("editing messages is turned off")
                if admit is not None and event in ("client_message", "edit_message"):
                    session = WebsocketSession.get(sid)
                    if session is not None:
                        user = getattr(session.user, "identifier", None) or session.id
                        refusal = admit(str(user), args[0]["message"]["output"],
                                        bool(args[0].get("fileReferences")))
                        if refusal:
                            await tell(session, refusal)
                            return None
                elif event.startswith("audio_") and not (features.audio
                                                         and features.audio.enabled):
                    raise Refused("audio is turned off")
                elif event in _DICT_EVENTS and not (args and isinstance(args[0], dict)):
                    raise Refused("payload is not an object")
                return await handler(sid, *args)
            except Refused as exc:
                log.warning("Socket event %r refused: %s", event, exc)
            except (KeyError, IndexError, TypeError, AttributeError, ValueError) as exc:
                log.warning("Socket event %r refused: malformed payload (%s)", event,
                            type(exc).__name__)
            return None

        guarded.__name__ = getattr(handler, "__name__", event)
        return guarded

    disconnect = handlers.get("disconnect")
    if disconnect is not None and not getattr(disconnect, "_guarded", False):
        async def forgetting(sid: str, *args: Any) -> Any:
            pace.forget(sid)
            return await disconnect(sid, *args)

        forgetting._guarded = True  # type: ignore[attr-defined]
        handlers["disconnect"] = forgetting
    for event, handler in list(handlers.items()):
        if event in ("connect", "disconnect") or getattr(handler, "_guarded", False):
            continue
        wrapped = wrap(event, handler)
        wrapped._guarded = True  # type: ignore[attr-defined]
        handlers[event] = wrapped
    # Events Chainlit has no handler for are dropped by socket.io without a word; nothing to do.


async def tell(session: Any, sentence: str) -> None:
    """Show ``sentence`` as the assistant's reply in ``session`` without storing it."""
    from chainlit.context import init_ws_context
    from chainlit.message import Message

    context = init_ws_context(session)
    await context.emitter.send_step(Message(content=sentence).to_dict())
    await context.emitter.task_end()  # a page waiting for an answer stops waiting


def mend_session_config() -> None:
    """Give every chat session Chainlit's global configuration directly.

    Chainlit 2.12 works out a session's configuration in ``WebsocketSession.__init__`` by running
    the chat-profile callback in a nested event loop (``run_until_complete`` under nest_asyncio).
    While that nested loop runs, it runs other sockets' connects, which nest again: with 50
    sessions connecting at once the stack reached 576 frames, and past the limit connects fail
    with RecursionError in the sign-in check (measured with benchmarks/load_bench.py). The
    configuration it computes differs from the global one only for profiles with
    ``config_overrides``, which the Raadsgids profile does not have.
    """
    from chainlit.config import config
    from chainlit.session import WebsocketSession

    def get_config(self: Any) -> Any:
        return config

    WebsocketSession.get_config = get_config  # type: ignore[method-assign]


def guard_routes(router: Any) -> None:
    """Put owner checks in front of Chainlit's feedback routes (``chainlit.server.router``,
    which the app includes by reference)."""
    from chainlit.data import get_data_layer
    from chainlit.server import (
        DeleteFeedbackRequest,
        UpdateFeedbackRequest,
        UserParam,
    )
    from chainlit.server import delete_feedback as chainlit_delete
    from chainlit.server import update_feedback as chainlit_update
    from fastapi import HTTPException, Request
    from fastapi.routing import APIRoute

    async def layer() -> Any:
        data_layer = get_data_layer()
        if data_layer is None or not hasattr(data_layer, "step_author"):
            raise HTTPException(status_code=400, detail=NO_HISTORY)
        return data_layer

    async def update_feedback(request: Request, update: UpdateFeedbackRequest,
                              current_user: UserParam) -> Any:
        data_layer = await layer()
        feedback = update.feedback
        who = getattr(current_user, "identifier", None)
        if not isinstance(feedback.forId, str) or await data_layer.step_author(
                feedback.forId) != who:
            raise HTTPException(status_code=404, detail=NOT_YOURS)
        if feedback.id and await data_layer.feedback_author(feedback.id) not in (None, who):
            raise HTTPException(status_code=404, detail=NOT_YOURS)
        if feedback.comment is not None and len(feedback.comment) > COMMENT_CHARS:
            raise HTTPException(status_code=413, detail=TOO_LONG)
        return await chainlit_update(request, update, current_user)

    async def delete_feedback(request: Request, payload: DeleteFeedbackRequest,
                              current_user: UserParam) -> Any:
        data_layer = await layer()
        if await data_layer.feedback_author(payload.feedbackId) != getattr(
                current_user, "identifier", None):
            raise HTTPException(status_code=404, detail=NOT_YOURS)
        return await chainlit_delete(request, payload, current_user)

    replacements: dict[tuple[str, str], Handler] = {
        ("/feedback", "PUT"): update_feedback, ("/feedback", "DELETE"): delete_feedback}
    for i, route in enumerate(list(router.routes)):
        if not isinstance(route, APIRoute):
            continue
        for (path, method), endpoint in replacements.items():
            if route.path == path and method in (route.methods or ()):
                router.routes[i] = APIRoute(path, endpoint, methods=[method])
