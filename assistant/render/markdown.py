"""Markdown from an Answer: the CLI prints it, the chat shows it section by section and the
export builds on its labels and source lines. The engine itself never writes Markdown."""

from __future__ import annotations

from collections.abc import Callable

from ..engine.answer.model import Answer, Citation, Claim
from ..messages import of


def text(words: str) -> str:
    """Words from the texts or from the user, as Markdown that shows them and nothing else: a
    backslash and square brackets are escaped, so no image (which a browser would fetch from
    wherever it points, also in the widget on an intranet page whose rules we do not set) and no
    link is made of them. Chainlit shows raw HTML as text."""
    return words.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def labels(lang: str) -> dict[str, str]:
    """The section labels of an answer in ``lang`` (Dutch unless it is English)."""
    return dict(of(lang).LABELS)


def related_label(answer: Answer, lab: dict[str, str]) -> str:
    """The label of the texts' sentences shown beside the short answer: what they say of the
    technology, after a what-to-ask answer's short answer; what they do say, beside a question
    they do not answer."""
    return lab["related_ask"] if answer.denkraam else lab["related"]


def marks(citations: list[int]) -> str:
    """Citation markers to put after a claim, e.g. " [1] [3]"."""
    return "".join(f" [{n}]" for n in citations)


def claim_text(claim: Claim, renumber: dict[int, int] | None = None,
               escape: Callable[[str], str] = text) -> str:
    """A claim with its citation markers, a quoted source sentence in quotation marks;
    ``renumber`` maps the answer's numbers to a document's (the export); ``escape`` makes the
    words safe for where they go (:func:`text` for the chat, ``str`` for a Word document)."""
    words = escape(claim.text)
    shown = f"“{words}”" if claim.quote else words
    numbers = [renumber[n] for n in claim.citations] if renumber else claim.citations
    return f"{shown}{marks(numbers)}"


def source_line(c: Citation, lang: str, escape: Callable[[str], str] = text) -> str:
    lab = labels(lang)
    meta = ", ".join(x for x in (c.publisher, c.date or lab["undated"]) if x)
    where = c.passage_id + (f", {lab['page']} {c.page}" if c.page else "")
    return f"[{c.n}] {escape(c.title)} ({escape(meta)}; {where})"


def render_sections(answer: Answer, suggestions: bool = True, compact: bool = False
                    ) -> list[str]:
    """The answer as Markdown sections in reading order: short answer (with notices), questions
    for the council, public values, sources. The chat shows them one by one, and leaves out the
    list of suggestions (``suggestions=False``) because it shows them as buttons.

    ``compact`` is for the chat, where every [n] opens its passage: the values on one line (a
    list when they carry reasons) and the sources one line each, without their quotes."""
    lab = labels(answer.language)
    if answer.status in ("out_of_scope", "no_question"):
        lines = [text(" ".join([*answer.notices, *(c.text for c in answer.summary)]))]
        if answer.suggestions and suggestions:
            lines += ["", lab["try"], *[f"- {text(s)}" for s in answer.suggestions]]
        return ["\n".join(lines) + "\n"]
    first = [f"### {lab['summary']}", ""]
    if answer.followup and answer.subject:  # what a follow-up was understood to be about
        about = f"{lab['about']}: {text(answer.subject)}"
        if answer.conditions:
            about += f"; {lab['conditions'].lower()}: {text('; '.join(answer.conditions))}"
        first += [f"_{about}._", ""]
    elif answer.conditions:
        first += [f"_{lab['conditions']}: {text('; '.join(answer.conditions))}._", ""]
    first += [text(" ".join(answer.notices))] if answer.notices else []
    if answer.summary:
        first += ([""] if answer.notices else []) + [" ".join(claim_text(c)
                                                              for c in answer.summary)]
    if answer.validation is not None:  # a language model was asked: say who wrote this
        first += ["", f"_{lab['by_llm'] if answer.written_by == 'llm' else lab['by_composer']}_"]
    if answer.related:
        first += ["", f"**{related_label(answer, lab)}:** "
                  + " ".join(claim_text(c) for c in answer.related)]
    if answer.followups and suggestions:  # the chat shows them as buttons instead
        first += ["", lab["followups"], *[f"- {text(s)}" for s in answer.followups]]
    sections = ["\n".join(first) + "\n"]
    if answer.denkraam:
        lines = [f"### {lab['questions']}", "", f"_{lab['questions_note']}_", ""]
        for section in answer.denkraam:
            lines.append(f"**{section.step}. {text(section.name)}** — {text(section.about)}")
            lines += [f"- {claim_text(q)}" for q in section.questions]
            lines.append("")
        sections.append("\n".join(lines))
    if answer.public_values:
        lines = [f"### {lab['values']}", ""]
        if compact and not any(v.reason for v in answer.public_values):
            lines.append(" · ".join(f"{text(v.name)}{marks(v.citations)}"
                                    for v in answer.public_values))
        else:
            lines += [f"- **{text(v.name)}**" + (f": {text(v.reason)}" if v.reason else "")
                      + marks(v.citations) for v in answer.public_values]
        sections.append("\n".join(lines) + "\n")
    if answer.citations:
        sections.append(render_sources(answer, quotes=not compact))
    return sections


def grouped_source_lines(citations: list[Citation], lang: str) -> list[str]:
    """One line per document, in the order first cited: its title, publisher and date, then
    the numbers of its passages, each with its page ("*Title* — VNG, 2021: [1] blz. 3, [4]
    blz. 7"), instead of the same title once per passage."""
    lab = labels(lang)
    documents: dict[tuple[str, str | None, str | None], list[Citation]] = {}
    for c in citations:
        documents.setdefault((c.title, c.publisher, c.date), []).append(c)
    lines = []
    for (title, publisher, day), cited in documents.items():
        meta = ", ".join(x for x in (publisher, day or lab["undated"]) if x)
        where = ", ".join(f"[{c.n}]" + (f" {lab['page']} {c.page}" if c.page else "")
                          for c in cited)
        lines.append(f"*{text(title)}* — {text(meta)}: {where}")
    return lines


def render_sources(answer: Answer, heading: str | None = None, quotes: bool = True) -> str:
    """The numbered source list of an answer, each with the passage quoted (``quotes``) or
    named on one line."""
    lab = labels(answer.language)
    lines = [f"### {heading or lab['sources']}", ""]
    if not quotes:
        # Two spaces end a Markdown line without starting a paragraph.
        lines += [line + "  " for line in grouped_source_lines(answer.citations, answer.language)]
        return "\n".join(lines).rstrip() + "\n"
    for c in answer.citations:
        line = " ".join(c.text.split())  # one blockquote line, whatever breaks the passage has
        quote = line if len(line) <= 600 else line[:597].rstrip() + "…"
        lines += [source_line(c, answer.language), f"> {text(quote)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(answer: Answer) -> str:
    """The whole answer as one Markdown text (the CLI's `assistant ask`)."""
    return "\n".join(section.rstrip("\n") + "\n" for section in render_sections(answer)
                     ).rstrip() + "\n"
