"""`assistant demo-intranet`: the example intranet page served on its own port, ready to try.

The page (examples/intranet/index.html) is written with the chat's address filled in and, with
ASSISTANT_AUTH=jwt, a freshly minted token for a demo user, the way an intranet backend would do
it; then it is served on 127.0.0.1 until interrupted.
"""

from __future__ import annotations

import functools
import http.server
import json
import tempfile
from pathlib import Path

from ..config import PROJECT_ROOT, Settings
from ..messages import nl

EXAMPLE = PROJECT_ROOT / "examples" / "intranet" / "index.html"
PLACEHOLDER = "http://127.0.0.1:8000"
DEMO_USER = "demo-raadslid"


def demo_page(settings: Settings, chat_url: str, minutes: float = 60) -> str:
    """The example page pointed at ``chat_url``, with a widget token when sign-in is jwt."""
    from .accounts import mint_token

    page = EXAMPLE.read_text(encoding="utf-8").replace(PLACEHOLDER, chat_url.rstrip("/"))
    if settings.intranet.auth == "jwt":
        token = mint_token(settings, DEMO_USER, minutes)
        script = f"<script>window.RAADSGIDS_TOKEN = {json.dumps(token)};</script>\n  "
        page = page.replace("<!-- 1. The widget script", script + "<!-- 1. The widget script", 1)
    return page


def allowed_line(settings: Settings, origin: str) -> str | None:
    """The setting the chat needs for this page's origin, when it does not have it yet."""
    if origin in settings.intranet.allowed_origins:
        return None
    origins = json.dumps([*settings.intranet.allowed_origins, origin])
    return f"ASSISTANT_ALLOWED_ORIGINS='{origins}'"


def serve(settings: Settings, chat_url: str, port: int) -> None:
    """Write the page into a temporary folder and serve it on 127.0.0.1:``port``."""
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="raadsgids-intranet-") as folder:
        Path(folder, "index.html").write_text(demo_page(settings, chat_url), encoding="utf-8")
        handler = functools.partial(_QuietHandler, directory=folder)
        with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
            print(nl.DEMO_SERVING.format(address=origin))
            line = allowed_line(settings, origin)
            print(nl.DEMO_ALLOW.format(chat=chat_url, line=line) if line
                  else nl.DEMO_ALLOWED.format(chat=chat_url), flush=True)
            server.serve_forever()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass
