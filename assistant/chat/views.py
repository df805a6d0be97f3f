"""What the chat shows, as plain text and Markdown: welcome, starters, citation panels, replies.

Kept apart from :mod:`assistant.chat.app` (which only wires Chainlit events to these functions
and the engine) so that it can be tested without a server.
"""

from __future__ import annotations

import json
from typing import Any

from ..engine import Engine
from ..engine.answer.model import Answer, Citation
from ..engine.review.worksheet import Worksheet
from ..messages import nl, of
from ..messages.nl import EARLIER_HEADING, EARLIER_SOURCES, NO_SOURCES, SOURCES_HEADING
from ..render.markdown import labels, render_sections, render_sources, text
from .conversation import Turn


def starters(engine: Engine) -> list[tuple[str, str]]:
    """(label, question) of the chat's starters: the examples of framework.yaml."""
    return [(e.label, e.nl) for e in engine.index.framework.examples]


def welcome(documents: dict[str, dict[str, Any]], short: bool = False) -> str:
    """Welcome text: what the assistant does, which texts it draws on, that it keeps to them.

    ``short`` is for the intranet widget, a small panel: two sentences, the texts by number.
    """
    if short:
        n = len(documents)
        return nl.WELCOME_SHORT.format(intro=nl.WELCOME_INTRO, n=n,
                                       texts=nl.TEXT if n == 1 else nl.TEXTS)
    texts = "\n".join(f"- *{text(str(d.get('title')))}* "
                      f"({text(str(d.get('publisher') or nl.UNKNOWN_PUBLISHER))})"
                      for d in documents.values())
    return nl.WELCOME.format(intro=nl.WELCOME_INTRO, texts=texts)


def citation_name(n: int) -> str:
    """The name of a citation's side-panel element; Chainlit links every "[n]" in the answer."""
    return f"[{n}]"


def citation_panel(c: Citation, language: str = "nl") -> str:
    """The side panel of one citation: document, publisher, date, page and the passage."""
    shown = labels(language)
    meta = [c.publisher or "", c.date or shown["undated"]]
    if c.page:
        meta.append(f"{shown['page']} {c.page}")
    lines = [f"**{text(c.title)}**", "", text(", ".join(x for x in meta if x))]
    if c.heading:
        lines += ["", f"_{text(c.heading)}_"]
    lines += ["", text(c.text), "", f"`{c.passage_id}`"]
    return "\n".join(lines)


def panels(answer: Answer) -> list[tuple[str, str]]:
    """(name, Markdown) of each citation's side panel."""
    return [(citation_name(c.n), citation_panel(c, answer.language)) for c in answer.citations]


def sheet_panels(sheet: Worksheet) -> list[tuple[str, str]]:
    """(name, Markdown) of each side panel of a worksheet: a page of the proposal or a passage
    of a guidance text."""
    words = of(sheet.language).SHEET
    shown = labels(sheet.language)
    out = []
    for c in sheet.citations:
        if c.source == "proposal":
            where = f", {words['page']} {c.page}" if c.page else ""
            body = [f"**{text(c.title)}**", "", text(f"{c.doc}{where}"), "", text(c.text)]
        else:
            meta = [c.publisher or "", c.date or shown["undated"]]
            if c.page:
                meta.append(f"{shown['page']} {c.page}")
            body = [f"**{text(c.title)}**", "", text(", ".join(x for x in meta if x)), "",
                    text(c.text), "", f"`{c.passage_id}`"]
        out.append((citation_name(c.n), "\n".join(body)))
    return out


def stored_metadata(metadata: object) -> dict[str, Any]:
    """A stored step's metadata (a dict, or its JSON text, as the history layers give it); empty
    when there is none or it cannot be read."""
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return {}
    return metadata if isinstance(metadata, dict) else {}


def stored_panels(metadata: object) -> list[tuple[str, str]]:
    """The panels kept in a stored step's metadata, if any."""
    raw = stored_metadata(metadata).get("panels")
    if not isinstance(raw, list):
        return []
    return [(str(p[0]), str(p[1])) for p in raw
            if isinstance(p, list | tuple) and len(p) == 2 and isinstance(p[1], str)]


def summary_heading(language: str) -> str:
    """The short answer's heading as the reply starts (before its first streamed sentence), in
    the language of the analysed question."""
    return f"### {labels(language)['summary']}\n\n"


def reply_sections(turn: Turn) -> tuple[list[str], Answer | None]:
    """Markdown sections to show for a turn, in order, and the answer whose citations they use."""
    if turn.kind == "error":
        return [turn.message or ""], None
    if turn.kind == "sources":
        if turn.answer is None:
            return [NO_SOURCES], None
        if turn.message:  # the last question was declined: these belong to the one before
            return [EARLIER_SOURCES.format(question=text(turn.message)),
                    render_sources(turn.answer, EARLIER_HEADING, quotes=False)], turn.answer
        return [render_sources(turn.answer, SOURCES_HEADING, quotes=False)], turn.answer
    assert turn.answer is not None
    # Suggestions come as buttons under the reply (app.py), not as a second list in it.
    sections = render_sections(turn.answer, suggestions=False, compact=True)
    if turn.proposal and turn.sheet is not None:
        # What the proposal attached earlier says comes first; its sentences are numbered after
        # the answer's citations (proposal_panels).
        first = len(turn.answer.citations) + 1
        words = of(turn.answer.language).SHEET
        lines = [f"### {words['followup'].format(title=text(turn.sheet.title))}", ""]
        for n, line in enumerate(turn.proposal, start=first):
            page = f" ({words['page']} {line.page})" if line.page else ""
            lines.append(f"- “{text(line.text)}”{page} [{n}]")
        sections.insert(0, "\n".join(lines))
    return sections, turn.answer


def proposal_panels(turn: Turn) -> list[tuple[str, str]]:
    """The side panels of the proposal's sentences a reply quotes (numbered after the answer's
    citations)."""
    if not (turn.proposal and turn.sheet is not None and turn.answer is not None):
        return []
    first = len(turn.answer.citations) + 1
    words = of(turn.answer.language).SHEET
    out = []
    for n, line in enumerate(turn.proposal, start=first):
        where = f", {words['page']} {line.page}" if line.page else ""
        out.append((citation_name(n), "\n".join([f"**{text(turn.sheet.title)}**", "",
                                                  text(f"{turn.sheet.file}{where}"), "",
                                                  text(line.text)])))
    return out
