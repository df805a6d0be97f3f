"""Start the Chainlit chat: offline page, allowed origins, authentication, history.

* Chainlit's page template preconnects to a font CDN and links KaTeX's stylesheet from a CDN
  even when the theme names local fonts and LaTeX is off. :func:`offline_html` removes every
  external ``<link>`` and sets the page language to Dutch. The widget loads Inter from a font
  CDN unless the theme names a font stylesheet, so the theme names the chat's own (empty)
  ``fonts.css``.
* :class:`Guard` wraps the whole server (pages, API and socket): a request that carries an
  ``Origin`` not on the allowed list is refused, and the user header of ``auth=header`` is
  dropped unless it comes from a trusted proxy address.
* :func:`run_chat` checks the settings, makes sure the index exists, loads the engine, prepares
  the secret and the database, and starts Chainlit.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import AssistantError

if TYPE_CHECKING:
    from .engine import Engine

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ConfigError(AssistantError):
    exit_code = 2

UI_DIR = Path(__file__).parent / "ui"
# The Leesmij text (ui/chainlit.md) lists the indexed texts between these two lines.
CORPUS_START = "[//]: # (teksten)"
CORPUS_END = "[//]: # (/teksten)"
APP_FILE = Path(__file__).parent / "app.py"
EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*", re.I | re.S)


def offline_html(html: str, language: str = "nl") -> str:
    """The page without links to other hosts, with ``lang`` set for screen readers."""
    html = EXTERNAL_LINK.sub("", html)
    return re.sub(r"<html lang=\"[^\"]*\"", f'<html lang="{language}"', html, count=1)


def install_offline_page() -> None:
    """Wrap Chainlit's page template with :func:`offline_html` (idempotent)."""
    import chainlit.server as server

    original = server.get_html_template
    if getattr(original, "_offline", False):
        return

    def template(root_path: str) -> str:
        return offline_html(original(root_path))

    template._offline = True  # type: ignore[attr-defined]
    server.get_html_template = template


def app_root() -> Path:
    """A private copy of ``assistant/ui`` for this server process.

    Chainlit keeps each session's files (the exports) under ``<app root>/.files`` and deletes
    that folder when it stops; a private root keeps two servers from deleting each other's files
    and keeps the installed package read-only. Removed again when the process ends.
    """
    root = Path(tempfile.mkdtemp(prefix="raadsgids-chat-"))
    shutil.copytree(UI_DIR, root, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".files", "__pycache__"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def write_corpus_texts(root: Path, documents: dict[str, dict[str, Any]]) -> None:
    """Name the indexed texts where the page describes them (the line under the input box and
    the Leesmij text), so that they stay true when a municipality adds its own documents."""
    n = len(documents)
    count = {1: "de ene tekst", 2: "de twee teksten", 3: "de drie teksten", 4: "de vier teksten",
             5: "de vijf teksten"}.get(n, f"de {n} teksten")
    for name, line in (
            ("nl.json", f"De raadsgids antwoordt alleen uit {count} in zijn index; elke "
                        "bewering verwijst naar haar bron."),
            ("en-US.json", f"The guide answers only from the {n} texts in its index; every "
                           "statement refers to its source.")):
        path = root / ".chainlit" / "translations" / name
        data = json.loads(path.read_text(encoding="utf-8"))
        data["chat"]["watermark"] = line
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    texts = "\n".join(
        f"- *{d.get('title') or doc_id}*" + (f" ({d['publisher']})" if d.get("publisher") else "")
        for doc_id, d in sorted(documents.items(), key=lambda kv: str(kv[1].get("title"))))
    readme = root / "chainlit.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index(CORPUS_START) + len(CORPUS_START)
    end = text.index(CORPUS_END)
    readme.write_text(text[:start] + "\n\n" + texts + "\n\n" + text[end:], encoding="utf-8")


def write_theme(root: Path, base_url: str) -> None:
    """Point the theme's font stylesheet at the chat itself (absolute: the widget reads it on
    the intranet page's origin)."""
    path = root / "public" / "theme.json"
    theme = json.loads(path.read_text(encoding="utf-8"))
    theme["custom_fonts"] = [f"{base_url}/public/fonts.css"]
    path.write_text(json.dumps(theme, indent=2), encoding="utf-8")


def chainlit_environment(root: Path, host: str, port: int) -> dict[str, str]:
    """Environment Chainlit reads at import: its app root (config, translations, theme)."""
    return {"CHAINLIT_APP_ROOT": str(root), "CHAINLIT_HOST": host, "CHAINLIT_PORT": str(port),
            "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def own_origins(host: str, port: int) -> set[str]:
    own = {f"http://{host}:{port}"}
    if host in LOOPBACK:
        own |= {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
    return own


def allowed_origins(settings: Settings, host: str, port: int) -> list[str]:
    """The chat's own addresses plus the configured ones; "*" is refused."""
    extra = [o.rstrip("/") for o in settings.allowed_origins]
    for origin in extra:
        if origin == "*" or not re.fullmatch(r"https?://[^/\s*]+", origin):
            raise ConfigError(f"{origin!r} in ASSISTANT_ALLOWED_ORIGINS is not an origin like "
                              "https://intranet.gemeente.nl (no paths, no wildcards).")
    return sorted(own_origins(host, port) | set(extra))


class Guard:
    """ASGI middleware in front of the whole chat server (HTTP and WebSocket).

    It also tells the widget (requests from an allowed origin other than the chat's own) that
    there is no data persistence: Chainlit's widget (2.11 and 2.12) crashes with React error
    #310 within a few dozen answers when it shows the feedback controls that persistence turns
    on. History is still kept on the server; feedback is given in the full chat page.
    """

    def __init__(self, app: Any, origins: list[str], auth_header: str | None,
                 trusted: list[str], own: set[str] | frozenset[str] = frozenset()) -> None:
        self.app = app
        self.origins = set(origins)
        self.own = set(own)
        self.header = auth_header.lower().encode() if auth_header else None
        self.trusted = set(trusted)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope.get("headers", [])]
        origin = next((v.decode("latin-1") for k, v in headers if k == b"origin"), None)
        if origin is not None and origin not in self.origins:
            await self._refuse(scope, receive, send)
            return
        if self.header is not None:
            client = (scope.get("client") or ("", 0))[0]
            if client not in self.trusted:
                scope = dict(scope)
                scope["headers"] = [(k, v) for k, v in headers if k != self.header]
        if (origin is not None and origin not in self.own and scope["type"] == "http"
                and scope.get("path") == "/project/settings"):
            send = _without_persistence(send)
            # Uncompressed, so that the JSON can be read and rewritten.
            scope = dict(scope)
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b"Deze pagina mag de raadsgids niet gebruiken (origin niet toegestaan)."
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _without_persistence(send: Any) -> Any:
    """Wrap ``send`` so that a JSON settings response says ``dataPersistence: false``."""
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
            try:
                parsed = json.loads(data)
                parsed["dataPersistence"] = False
                data = json.dumps(parsed).encode()
            except (ValueError, TypeError):
                pass
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
        headers.append((b"content-length", str(len(data)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": data})

    return wrapped


@lru_cache(maxsize=1)
def engine() -> Engine:
    """The one engine of this process, shared by every chat session."""
    from .config import load_settings
    from .engine import Engine

    return Engine.load(load_settings())


def run_chat(host: str, port: int) -> None:
    """Check the settings, build the index if it is missing, load the engine (a stale or damaged
    index is refused here, in one sentence, before the server starts), prepare the secret and
    the database, then serve the chat until interrupted."""
    from .accounts import auth_secret
    from .config import load_settings
    from .engine.index.build import build_index, check_manifest
    from .errors import IndexMissing
    from .history import ensure_schema

    settings = load_settings()
    if settings.auth == "none" and host not in LOOPBACK:
        raise ConfigError(f"Without sign-in (ASSISTANT_AUTH=none) the chat only listens on "
                          f"127.0.0.1, not on {host}; choose password, header or jwt.")
    if settings.auth == "header" and not settings.trusted_proxies:
        raise ConfigError("ASSISTANT_AUTH=header needs ASSISTANT_TRUSTED_PROXIES: the "
                          "addresses of the proxies whose user header is believed.")
    origins = allowed_origins(settings, host, port)
    if settings.auth != "none":
        os.environ["CHAINLIT_AUTH_SECRET"] = auth_secret(settings)
    if settings.history and settings.auth != "none":
        ensure_schema(settings.database)
    try:
        check_manifest(settings)
    except IndexMissing:
        print(f"Er is nog geen index; die wordt nu gebouwd in {settings.index_dir} …",
              file=sys.stderr)
        build_index(settings, progress=False)
    engine()
    root = app_root()
    write_theme(root, f"http://{host}:{port}")
    write_corpus_texts(root, engine().index.documents)
    os.environ.update(chainlit_environment(root, host, port))

    from chainlit.cli import run_chainlit
    from chainlit.config import config

    # Chainlit's CORS middleware holds this very list; fill it in place.
    config.project.allow_origins[:] = origins
    config.project.user_session_timeout = int(settings.session_hours * 3600)
    import chainlit.server as server

    server.app.add_middleware(
        Guard, origins=origins, trusted=settings.trusted_proxies, own=own_origins(host, port),
        auth_header=settings.auth_header if settings.auth == "header" else None)
    print(f"De raadsgids draait op http://{host}:{port} (stoppen met Ctrl+C)", flush=True)
    run_chainlit(str(APP_FILE))
