"""MkDocs hook: the settings page's table is made from the settings object when the site is
built (``assistant.config.settings_reference``), so the page cannot drift from the code."""

from __future__ import annotations

from typing import Any

MARKER = "<!-- settings-table -->"


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if MARKER not in markdown:
        return markdown
    from assistant.config import settings_reference

    return markdown.replace(MARKER, settings_reference())
