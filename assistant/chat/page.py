"""The chat's page: an offline template and a private app root with the texts filled in.

* Chainlit's page template preconnects to a font CDN and links KaTeX's stylesheet from a CDN
  even when the theme names local fonts and LaTeX is off. :func:`offline_html` removes every
  external ``<link>`` and sets the page language to Dutch. The widget loads Inter from a font
  CDN unless the theme names a font stylesheet, so the theme names the chat's own (empty)
  ``fonts.css``.
* :func:`app_root` copies ``ui/`` (config, translations, theme, Leesmij, public files) into a
  folder of this process; :func:`write_corpus_texts` and :func:`write_theme` fill in what
  depends on the index and the address.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from ..engine.text.prose import join_words
from ..messages import en, nl

UI_DIR = Path(__file__).parent / "ui"
# The Leesmij text (ui/chainlit.md) lists the indexed texts between these two lines.
CORPUS_START = "[//]: # (teksten)"
CORPUS_END = "[//]: # (/teksten)"
EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*", re.I | re.S)


# Hashes of the inline scripts the page carries (Chainlit writes one with its settings); the
# Content-Security-Policy allows exactly these, and no other inline script.
SCRIPT_HASHES: set[str] = set()
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def script_sources() -> list[str]:
    return sorted(SCRIPT_HASHES)


def offline_html(html: str, language: str = "nl") -> str:
    """The page without links to other hosts, with ``lang`` set for screen readers; its inline
    scripts are recorded for the Content-Security-Policy."""
    html = EXTERNAL_LINK.sub("", html)
    for body in INLINE_SCRIPT.findall(html):
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        SCRIPT_HASHES.add(f"'sha256-{base64.b64encode(digest).decode()}'")
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
    template("")  # its inline script's hash is in the policy from the first response on


def app_root() -> Path:
    """A private copy of ``ui/`` for this server process.

    Chainlit keeps each session's files (the exports) under ``<app root>/.files`` and deletes
    that folder when it stops; a private root keeps two servers from deleting each other's files
    and keeps the installed package read-only. Chainlit ends its process with ``os._exit``, so
    the folder cannot remove itself: its name carries the process id, and each start removes the
    folders of processes that are gone.
    """
    remove_stale_roots()
    root = Path(tempfile.mkdtemp(prefix=f"raadsgids-chat-{os.getpid()}-"))
    shutil.copytree(UI_DIR, root, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".files", "__pycache__"))
    # copytree gives the folder the package's mode (0755); the exports and files of every
    # session live under it, so only this process's user may enter it.
    root.chmod(0o700)
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def remove_stale_roots() -> None:
    """Remove app roots left by chat processes that are no longer running."""
    for folder in Path(tempfile.gettempdir()).glob("raadsgids-chat-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit():
            try:
                os.kill(int(pid), 0)
                continue  # still running
            except ProcessLookupError:
                pass
            except PermissionError:
                continue  # someone else's, running
        elif time.time() - folder.stat().st_mtime < 24 * 3600:
            continue  # an earlier version's: kept for a day, as it may still be serving
        shutil.rmtree(folder, ignore_errors=True)


def publishers(documents: dict[str, dict[str, Any]]) -> str:
    """The publishers of the indexed texts, as one Dutch enumeration."""
    names = sorted({str(d["publisher"]) for d in documents.values() if d.get("publisher")})
    return join_words(names, "nl") if names else ""


def write_corpus_texts(root: Path, documents: dict[str, dict[str, Any]]) -> None:
    """Name the indexed texts where the page describes them (the line under the input box, the
    page description and the Leesmij text), so that they stay true when a municipality adds its
    own documents."""
    n = len(documents)
    count = nl.TEXT_COUNT.get(n) or nl.TEXT_COUNT_N.format(n=n)
    for name, line in (("nl.json", nl.WATERMARK.format(count=count)),
                       ("en-US.json", en.WATERMARK.format(n=n))):
        path = root / ".chainlit" / "translations" / name
        data = json.loads(path.read_text(encoding="utf-8"))
        data["chat"]["watermark"] = line
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    config = root / ".chainlit" / "config.toml"
    by = publishers(documents)
    description = nl.PAGE_DESCRIPTION.format(
        source=nl.PAGE_SOURCE_PUBLISHERS.format(publishers=by) if by
        else nl.PAGE_SOURCE_INDEX.format(count=count))
    config.write_text(re.sub(r'(?m)^description = ".*"$',
                             lambda _: f"description = {json.dumps(description)}",
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    texts = "\n".join(
        f"- *{d.get('title') or doc_id}*" + (f" ({d['publisher']})" if d.get("publisher") else "")
        for doc_id, d in sorted(documents.items(), key=lambda kv: str(kv[1].get("title"))))
    text = (root / "chainlit.md").read_text(encoding="utf-8")
    start = text.index(CORPUS_START) + len(CORPUS_START)
    end = text.index(CORPUS_END)
    text = text[:start] + "\n\n" + texts + "\n\n" + text[end:]
    # Chainlit shows chainlit_<language>.md before chainlit.md; the page's language is nl.
    for name in ("chainlit.md", "chainlit_nl.md"):
        (root / name).write_text(text, encoding="utf-8")


def write_theme(root: Path, base_url: str, house_style: dict[str, str] | None = None) -> None:
    """Point the theme's font stylesheet at the chat itself (absolute: the widget reads it on
    the intranet page's origin), and put the municipality's house style (theme variables from
    its design tokens, :mod:`.theme`) over the light theme's."""
    path = root / "public" / "theme.json"
    theme = json.loads(path.read_text(encoding="utf-8"))
    theme["custom_fonts"] = [f"{base_url}/public/fonts.css"]
    theme["variables"]["light"].update(house_style or {})
    path.write_text(json.dumps(theme, indent=2), encoding="utf-8")


# The municipality's logo as the welcome shows it: /public/<this><extension> (raadsgids.css
# shows it at its own proportions, where the assistant's is a round icon).
MUNICIPAL_LOGO = "logo-gemeente"


def write_logo(root: Path, logo: tuple[bytes, str]) -> None:
    """Put the municipality's logo (content and extension, :func:`.theme.logo_file`) in place
    of the assistant's, for both themes (Chainlit serves the first ``logo_<theme>.*`` it finds:
    the widget's header), and beside it for the welcome."""
    data, extension = logo
    public = root / "public"
    for theme in ("light", "dark"):
        for old in public.glob(f"logo_{theme}.*"):
            old.unlink()
        (public / f"logo_{theme}{extension}").write_bytes(data)
    (public / f"{MUNICIPAL_LOGO}{extension}").write_bytes(data)


def chainlit_environment(root: Path, host: str, port: int) -> dict[str, str]:
    """Environment Chainlit reads at import: its app root (config, translations, theme)."""
    return {"CHAINLIT_APP_ROOT": str(root), "CHAINLIT_HOST": host, "CHAINLIT_PORT": str(port),
            "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
