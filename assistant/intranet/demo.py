"""`assistant demo-intranet`: the example intranet page served on its own port, ready to try.

The page (examples/intranet/index.html) is served on 127.0.0.1 until interrupted, made anew for
every request the way an intranet backend would make it: the chat's address filled in and, with
ASSISTANT_AUTH=jwt, a freshly minted token for a demo user. Before serving, the command asks the
running chat itself whether it admits the page's origin (the CORS preflight a browser sends
before the widget signs in), and says which setting to change when it does not.
"""

from __future__ import annotations

import http.server
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

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


def allowed_line(settings: Settings, origin: str) -> str:
    """The settings to start the chat with so that it admits this page: the origin added to
    those this environment allows, and the sign-in the page is made for."""
    origins = json.dumps([*[o for o in settings.intranet.allowed_origins if o != origin], origin])
    auth = settings.intranet.auth
    return (f"ASSISTANT_AUTH={auth} " if auth != "none" else "") + \
        f"ASSISTANT_ALLOWED_ORIGINS='{origins}'"


def chat_admits(chat_url: str, origin: str, timeout: float = 5.0) -> bool | None:
    """Whether the chat at ``chat_url`` lets a page from ``origin`` use it, asked of the chat:
    the CORS preflight a browser sends before the widget's sign-in. None when it does not
    answer."""
    request = urllib.request.Request(chat_url.rstrip("/") + "/auth/jwt", method="OPTIONS",
                                     headers={"Origin": origin,
                                              "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "authorization"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.headers.get("Access-Control-Allow-Origin") == origin
    except urllib.error.HTTPError as refused:
        return False if refused.code < 500 else None
    except (OSError, ValueError):
        return None


def verdict(settings: Settings, chat_url: str, origin: str) -> str:
    """One sentence on whether the running chat admits the page, and what to do if not."""
    admits = chat_admits(chat_url, origin)
    if admits:
        return nl.DEMO_ALLOWED.format(chat=chat_url)
    port = urlsplit(chat_url).port or 8000
    line = allowed_line(settings, origin)
    message = nl.DEMO_NO_CHAT if admits is None else nl.DEMO_ALLOW
    return message.format(chat=chat_url, line=line, port=port)


def serve(settings: Settings, chat_url: str, port: int) -> None:
    """Serve the page on 127.0.0.1:``port``, made anew for each request."""
    origin = f"http://127.0.0.1:{port}"

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if urlsplit(self.path).path not in ("/", "/index.html"):
                self.send_error(404)
                return
            body = demo_page(settings, chat_url).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")  # a token is good for one load
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", port), Page) as server:
        print(nl.DEMO_SERVING.format(address=origin))
        print(verdict(settings, chat_url, origin), flush=True)
        server.serve_forever()
