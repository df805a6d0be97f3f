"""What the chat shows, as plain text and Markdown: welcome, starters, citation panels, replies.

Kept apart from :mod:`assistant.chat.app` (which only wires Chainlit events to these functions
and the engine) so that it can be tested without a server.
"""

from __future__ import annotations

import json
from typing import Any

from ..engine import Engine
from ..engine.answer.model import Answer, Citation
from ..render.markdown import LABELS, render_sections, render_sources, text
from .conversation import Turn


def starters(engine: Engine) -> list[tuple[str, str]]:
    """(label, question) of the chat's starters: the examples of framework.yaml."""
    return [(e.label, e.nl) for e in engine.index.framework.examples]

EXPORT_LABEL = "Exporteer gesprek (Markdown en Word)"
EXPORT_DONE = ("Hier is het gesprek als document voor de commissievergadering: de vragen per "
               "stap van het denkraam en alle bronnen. De bestanden staan {minutes} minuten "
               "klaar; daarna kunt u opnieuw exporteren.")
NO_SOURCES = ("Er is nog geen antwoord met bronnen in dit gesprek. Stel eerst een vraag, "
              "bijvoorbeeld: “Wat moet ik vragen over wifi-telling?”")
SOURCES_HEADING = "Bronnen van het vorige antwoord"
EARLIER_SOURCES = ("Over uw vorige vraag zeggen de teksten niets, dus daar horen geen bronnen "
                   "bij. Dit zijn de bronnen van het antwoord daarvoor, op “{question}”.")
EARLIER_HEADING = "Bronnen van het antwoord daarvoor"


def welcome(documents: dict[str, dict[str, Any]], short: bool = False) -> str:
    """Welcome text: what the assistant does, which texts it draws on, that it keeps to them.

    ``short`` is for the intranet widget, a small panel: two sentences, the texts by number.
    """
    intro = ("**Raadsgids digitalisering.** Stel een vraag over digitale technologie in uw "
             "gemeente (wifi-telling, cameratoezicht, slimme lantaarnpalen, sensoren, "
             "algoritmes).")
    if short:
        n = len(documents)
        return (f"{intro} U krijgt vragen voor de raad per stap van het denkraam, met bij elke "
                f"bewering de bron uit de {n} {'tekst' if n == 1 else 'teksten'} van de gids.")
    texts = "\n".join(f"- *{text(str(d.get('title')))}* "
                      f"({text(str(d.get('publisher') or 'onbekende uitgever'))})"
                      for d in documents.values())
    return (
        f"{intro} U krijgt vragen voor de raad, geordend naar de vijf stappen van het denkraam "
        "van het Rathenau Instituut, de publieke waarden die op het spel staan en bij elke "
        f"bewering de bron.\n\nDe gids antwoordt alleen uit deze teksten:\n\n{texts}\n\n"
        "Staat het antwoord er niet in, dan zegt de gids dat."
    )


def citation_name(n: int) -> str:
    """The name of a citation's side-panel element; Chainlit links every "[n]" in the answer."""
    return f"[{n}]"


def citation_panel(c: Citation, language: str = "nl") -> str:
    """The side panel of one citation: document, publisher, date, page and the passage."""
    labels = LABELS.get(language, LABELS["nl"])
    meta = [c.publisher or "", c.date or labels["undated"]]
    if c.page:
        meta.append(f"{labels['page']} {c.page}")
    lines = [f"**{text(c.title)}**", "", text(", ".join(x for x in meta if x))]
    if c.heading:
        lines += ["", f"_{text(c.heading)}_"]
    lines += ["", text(c.text), "", f"`{c.passage_id}`"]
    return "\n".join(lines)


def panels(answer: Answer) -> list[tuple[str, str]]:
    """(name, Markdown) of each citation's side panel."""
    return [(citation_name(c.n), citation_panel(c, answer.language)) for c in answer.citations]


def stored_panels(metadata: object) -> list[tuple[str, str]]:
    """The panels kept in a stored step's metadata (a dict, or its JSON text), if any."""
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return []
    raw = metadata.get("panels") if isinstance(metadata, dict) else None
    if not isinstance(raw, list):
        return []
    return [(str(p[0]), str(p[1])) for p in raw
            if isinstance(p, list | tuple) and len(p) == 2 and isinstance(p[1], str)]


def summary_heading(language: str) -> str:
    """The short answer's heading as the reply starts (before its first streamed sentence), in
    the language of the analysed question."""
    return f"### {LABELS['en' if language == 'en' else 'nl']['summary']}\n\n"


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
    return render_sections(turn.answer, suggestions=False, compact=True), turn.answer
