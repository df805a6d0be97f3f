"""`assistant chat`: check the settings, prepare index, engine, page and database, serve.

Settings are read once here and the engine is loaded once; both are kept in :func:`runtime`,
which the Chainlit adapter (``app.py``, imported by Chainlit after this has run) reads instead
of loading anything itself.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from ..config import Settings, load_settings
from ..errors import ConfigError
from ..messages import nl
from .theme import logo_file, theme_variables

if TYPE_CHECKING:
    from ..engine import Engine

APP_FILE = Path(__file__).with_name("app.py")


@dataclass(frozen=True)
class Runtime:
    """What every chat session of this process shares."""

    settings: Settings
    engine: Engine
    # The chat's own address as browsers reach it (ASSISTANT_PUBLIC_URL, else host and port):
    # what a widget on another origin fetches from.
    base_url: str = ""


_runtime: Runtime | None = None


def runtime() -> Runtime:
    """The prepared settings and engine; the chat is started with `assistant chat`."""
    if _runtime is None:
        raise ConfigError("Start the chat with `assistant chat`; it prepares the index and the "
                          "settings the chat needs.")
    return _runtime


def prepare(settings: Settings, base_url: str = "") -> Runtime:
    """Load the engine (building a missing index first); a stale or damaged index is refused
    here, in one sentence, before the server starts."""
    global _runtime
    from ..engine import Engine
    from ..engine.index.build import build_index, check_manifest
    from ..errors import IndexMissing

    try:
        check_manifest(settings)
    except IndexMissing:
        print(nl.BUILDING_INDEX.format(folder=settings.index.index_dir), file=sys.stderr)
        build_index(settings)  # with its progress line: a first build can take minutes
    if settings.retrieval.engine_threads == "auto":
        # Many raadsleden ask at once: one thread per question (benchmarks/engine_concurrency.py).
        settings = settings.replace(engine_threads="one")
    _runtime = Runtime(settings=settings, engine=Engine.load(settings), base_url=base_url)
    return _runtime


def check(settings: Settings, host: str) -> None:
    """Settings that cannot work together are refused before anything starts."""
    from ..intranet.guard import LOOPBACK

    if settings.intranet.auth == "none" and host not in LOOPBACK:
        raise ConfigError(f"Without sign-in (ASSISTANT_AUTH=none) the chat only listens on "
                          f"127.0.0.1, not on {host}; choose password, header or jwt.")
    if settings.intranet.auth == "header" and not settings.intranet.trusted_proxies:
        raise ConfigError("ASSISTANT_AUTH=header needs ASSISTANT_TRUSTED_PROXIES: the "
                          "addresses of the proxies whose user header is believed.")


def check_port(host: str, port: int) -> None:
    """Refuse a port another program listens on before anything is loaded (uvicorn would only
    log it, and the process would end with exit code 0)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(f"Port {port} on {host} cannot be used ({exc.strerror or exc}); "
                              "another program may be listening there. Choose another with "
                              "--port.") from exc


def run_chat(host: str, port: int) -> None:
    """Prepare everything, then serve the chat until interrupted."""
    from ..intranet.accounts import auth_secret
    from ..intranet.events import guard_routes, guard_socket, mend_session_config
    from ..intranet.guard import (
        Guard,
        TokenCheck,
        allowed_origins,
        own_origins,
        public_origin,
    )
    from ..intranet.history import migrate
    from ..intranet.sessions import SessionGuard
    from ..intranet.sessions import ended as session_ended
    from ..intranet.widget import WidgetAdapter
    from .limits import question_limits
    from .page import (
        app_root,
        chainlit_environment,
        install_offline_page,
        script_sources,
        write_corpus_texts,
        write_logo,
        write_theme,
    )

    settings = load_settings()
    check(settings, host)
    check_port(host, port)
    house_style = (theme_variables(settings.chat.theme_tokens)
                   if settings.chat.theme_tokens else None)
    logo = logo_file(settings.chat.theme_logo) if settings.chat.theme_logo else None
    origins = allowed_origins(settings, host, port)
    if settings.intranet.auth != "none":
        secret = auth_secret(settings)
        os.environ["CHAINLIT_AUTH_SECRET"] = secret  # Chainlit signs its sessions with it
        # Our guards check tokens with the same secret, held, not read from the file again.
        settings = settings.replace(auth_secret=SecretStr(secret))
    if settings.history.keep and settings.intranet.auth != "none":
        migrate(settings.history.database)
    prepared = prepare(settings, public_origin(settings.intranet.public_url)
                       if settings.intranet.public_url else f"http://{host}:{port}")
    engine = prepared.engine
    if engine.llm_problem:
        print(engine.llm_problem, file=sys.stderr)
    elif engine.llm is not None:
        from ..engine.answer.llm import shown_url

        print(nl.LLM_WRITES.format(model=settings.llm.model, url=shown_url(settings.llm.url or "")),
              file=sys.stderr)
    # What this process writes (the sessions' exports, the history file, logs it opens) is the
    # chat's own: no other user on the host reads a raadslid's questions.
    os.umask(0o077)
    root = app_root()
    write_theme(root, prepared.base_url, house_style)
    if logo:
        write_logo(root, logo)
    write_corpus_texts(root, engine.index.documents)
    os.environ.update(chainlit_environment(root, host, port))
    # uvicorn would believe X-Forwarded-For from 127.0.0.1 and put that address in place of the
    # peer's before the guard looks: anyone on the chat's host could then pose as a trusted
    # proxy, and behind a proxy on the same host no one could sign in. The guard judges the real
    # peer, so uvicorn believes no forwarding header.
    os.environ["FORWARDED_ALLOW_IPS"] = ""

    from chainlit.cli import run_chainlit
    from chainlit.config import config

    # Chainlit's CORS middleware holds this very list; fill it in place.
    config.project.allow_origins[:] = origins
    allow_proposals(config, settings)
    config.project.user_session_timeout = int(settings.intranet.session_hours * 3600)
    import chainlit.server as server

    install_offline_page()
    limits = question_limits(settings)
    from ..intranet.accounts import token_refusal

    def ended(token: str | None) -> bool:  # signed out, removed, or a token refused anyway
        return session_ended(settings, token) or bool(token and token_refusal(settings, token))

    guard_socket(server.sio, config, ended=ended,
                 admit=limits.admit)
    guard_routes(server.router)
    mend_session_config()
    # Added last, so the guard runs first: a refused origin never reaches the widget adapter.
    server.app.add_middleware(WidgetAdapter,
                              own=own_origins(host, port, settings.intranet.public_url))
    server.app.add_middleware(TokenCheck, settings=settings)
    if settings.intranet.auth == "password":
        server.app.add_middleware(SessionGuard, settings=settings)
    server.app.add_middleware(
        Guard, origins=origins, trusted=settings.intranet.trusted_proxies,
        max_body=settings.chat.max_request_kb * 1024, scripts=script_sources,
        # The multipart form around the file adds a little to its size.
        max_upload=int(settings.chat.max_upload_mb * 1048576) + 64 * 1024,
        auth_header=settings.intranet.auth_header if settings.intranet.auth == "header" else None)
    serve_within(settings.chat.max_connections)
    print(nl.SERVING.format(address=f"http://{host}:{port}"), flush=True)
    run_chainlit(str(APP_FILE))


# What a raadslid may attach: a proposal the worksheet reads (assistant/engine/review). The type
# is checked again by content when it is read; a browser names Markdown in several ways.
UPLOAD_TYPES: dict[str, list[str]] = {
    "application/pdf": [".pdf"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
    "text/plain": [".txt"],
    "text/markdown": [".md"],
    "text/x-markdown": [".md"],
    "text/html": [".html", ".htm"],
}


def allow_proposals(config: Any, settings: Settings) -> None:
    """Let the chat take one attached proposal at a time, of the accepted types and size."""
    upload = config.features.spontaneous_file_upload
    if upload is None:
        from chainlit.config import SpontaneousFileUploadFeature

        upload = config.features.spontaneous_file_upload = SpontaneousFileUploadFeature()
    upload.enabled = True
    upload.accept = {mime: list(ext) for mime, ext in UPLOAD_TYPES.items()}
    upload.max_files = 1
    upload.max_size_mb = max(1, math.ceil(settings.chat.max_upload_mb))


def serve_within(connections: int) -> None:
    """Make the server Chainlit starts hold at most ``connections`` connections and requests at
    once (uvicorn answers more with 503 at once) and close idle keep-alive connections after 5 s,
    and let the process open enough files for them. Without a limit, thousands of clients that
    never finish their headers took every file the process may open: no request was answered
    and each refused accept logged a traceback. uvicorn has no timeout for headers that are
    never finished; the front end must have one (docs/deployment.md)."""
    import resource

    import uvicorn

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 512  # the database, the index, the logs
    if soft != resource.RLIM_INFINITY and soft < wanted:
        top = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (top, hard))
    logging.getLogger("asyncio").addFilter(AcceptErrors())
    base = uvicorn.Config

    class Limited(base):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("limit_concurrency", connections)
            kwargs.setdefault("timeout_keep_alive", 5)
            super().__init__(*args, **kwargs)

    if not getattr(base, "_limited", False):
        Limited._limited = True
        uvicorn.Config = Limited  # type: ignore[misc]


class AcceptErrors(logging.Filter):
    """One line a minute, without a traceback, for the event loop's "socket.accept() out of
    system resource": when the process runs out of files it retries every 0.1 s and logged a
    traceback each time (154 MB in 25 s when slow clients held every file)."""

    EVERY_SECONDS = 60.0

    def __init__(self) -> None:
        super().__init__()
        self.last = -self.EVERY_SECONDS
        self.quiet = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("socket.accept() out of system resource"):
            return True
        now = time.monotonic()
        if now - self.last < self.EVERY_SECONDS:
            self.quiet += 1
            return False
        record.msg = ("socket.accept() out of system resource: the process has no file left "
                      f"for a new connection ({self.quiet} more such errors since the last line)")
        record.args = ()
        record.exc_info = record.exc_text = None
        self.last, self.quiet = now, 0
        return True
