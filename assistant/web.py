"""Start the Chainlit chat, and keep its page from loading anything from outside the machine.

Chainlit's page template preconnects to a font CDN and links KaTeX's stylesheet from a CDN even
when the theme names local fonts and LaTeX is off. :func:`offline_html` removes every external
``<link>`` from the page and sets its language to Dutch; :func:`run_chat` installs it, makes
sure the index exists and starts the server.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Engine

UI_DIR = Path(__file__).parent / "ui"
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


def chainlit_environment(root: Path, host: str, port: int) -> dict[str, str]:
    """Environment Chainlit reads at import: its app root (config, translations, theme)."""
    return {"CHAINLIT_APP_ROOT": str(root), "CHAINLIT_HOST": host, "CHAINLIT_PORT": str(port),
            "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


@lru_cache(maxsize=1)
def engine() -> Engine:
    """The one engine of this process, shared by every chat session."""
    from .config import load_settings
    from .engine import Engine

    return Engine.load(load_settings())


def run_chat(host: str, port: int) -> None:
    """Build the index if it is missing, load the engine (a stale or damaged index is refused
    here, in one sentence, before the server starts), then serve the chat until interrupted."""
    from .config import load_settings
    from .errors import IndexMissing
    from .index import build_index, check_manifest

    settings = load_settings()
    try:
        check_manifest(settings)
    except IndexMissing:
        print(f"Er is nog geen index; die wordt nu gebouwd in {settings.index_dir} …",
              file=sys.stderr)
        build_index(settings, progress=False)
    engine()
    os.environ.update(chainlit_environment(app_root(), host, port))

    from chainlit.cli import run_chainlit
    from chainlit.config import config

    own = {f"http://{host}:{port}"}
    if host in ("127.0.0.1", "localhost"):
        own |= {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
    config.project.allow_origins = sorted(own)
    print(f"De raadsgids draait op http://{host}:{port} (stoppen met Ctrl+C)", flush=True)
    run_chainlit(str(APP_FILE))
