"""The typed Answer every interface renders (CLI Markdown and JSON, chat, eval), and its Markdown.

Numbered citations ``[n]`` in ``summary``, ``denkraam`` and ``public_values`` refer to
``citations[n-1]``, each a passage of a guidance text.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Citation(BaseModel):
    n: int
    doc: str
    title: str
    publisher: str | None = None
    date: str | None = None
    passage_id: str
    page: int | None = None
    heading: str | None = None
    text: str


class Claim(BaseModel):
    """A sentence or question with the citations that support it."""

    text: str
    citations: list[int] = Field(default_factory=list)


class StepSection(BaseModel):
    step: int
    name: str
    about: str
    questions: list[Claim]


class ValueItem(BaseModel):
    key: str
    name: str
    citations: list[int] = Field(default_factory=list)


class Answer(BaseModel):
    question: str
    language: str
    abstained: bool
    topic: str | None = None
    answer: str = ""
    summary: list[Claim] = Field(default_factory=list)
    denkraam: list[StepSection] = Field(default_factory=list)
    public_values: list[ValueItem] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def citation(self, n: int) -> Citation:
        return self.citations[n - 1]


LABELS = {
    "nl": {
        "summary": "Kort antwoord",
        "questions": "Vragen voor de raad",
        "questions_note": (
            "geordend naar de vijf stappen van het denkraam van het Rathenau Instituut"),
        "values": "Publieke waarden die op het spel staan",
        "sources": "Bronnen",
        "page": "p.",
        "try": "Vragen waar de teksten wel over gaan:",
        "undated": "z.d.",
    },
    "en": {
        "summary": "Short answer",
        "questions": "Questions for the council",
        "questions_note": "ordered by the five steps of the Rathenau Instituut's denkraam",
        "values": "Public values at stake",
        "sources": "Sources",
        "page": "p.",
        "try": "Questions the texts do cover:",
        "undated": "n.d.",
    },
}


def marks(citations: list[int]) -> str:
    """Citation markers to put after a claim, e.g. " [1] [3]"."""
    return "".join(f" [{n}]" for n in citations)


def source_line(c: Citation, lang: str) -> str:
    labels = LABELS.get(lang, LABELS["nl"])
    parts = [c.title]
    meta = ", ".join(x for x in (c.publisher, c.date or labels["undated"]) if x)
    where = c.passage_id + (f", {labels['page']} {c.page}" if c.page else "")
    return f"[{c.n}] {' — '.join(parts)} ({meta}; {where})"


def render_sections(answer: Answer) -> list[str]:
    """The answer as Markdown sections in reading order: short answer, questions for the council,
    public values, sources (an abstention is one section). The chat shows them one by one."""
    labels = LABELS.get(answer.language, LABELS["nl"])
    if answer.abstained:
        lines = [" ".join(c.text for c in answer.summary)]
        if answer.suggestions:
            lines += ["", labels["try"], *[f"- {s}" for s in answer.suggestions]]
        return ["\n".join(lines) + "\n"]
    sections = [f"### {labels['summary']}\n\n"
                + " ".join(f"{c.text}{marks(c.citations)}" for c in answer.summary) + "\n"]
    lines = [f"### {labels['questions']}", "", f"_{labels['questions_note']}_", ""]
    for section in answer.denkraam:
        lines.append(f"**{section.step}. {section.name}** — {section.about}")
        lines += [f"- {q.text}{marks(q.citations)}" for q in section.questions]
        lines.append("")
    sections.append("\n".join(lines))
    if answer.public_values:
        lines = [f"### {labels['values']}", ""]
        lines += [f"- {v.name}{marks(v.citations)}" for v in answer.public_values]
        sections.append("\n".join(lines) + "\n")
    sections.append(render_sources(answer))
    return sections


def render_sources(answer: Answer, heading: str | None = None) -> str:
    """The numbered source list of an answer, each with the passage quoted."""
    labels = LABELS.get(answer.language, LABELS["nl"])
    lines = [f"### {heading or labels['sources']}", ""]
    for c in answer.citations:
        quote = c.text if len(c.text) <= 600 else c.text[:597].rstrip() + "…"
        lines += [source_line(c, answer.language), f"> {quote}", ""]
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(answer: Answer) -> str:
    """The Markdown form of an answer, used by the CLI and stored in ``Answer.answer``."""
    return "\n".join(section.rstrip("\n") + "\n" for section in render_sections(answer)
                     ).rstrip() + "\n"
