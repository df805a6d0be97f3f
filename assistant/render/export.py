"""The conversation as a document a raadslid takes into a committee meeting (Markdown or .docx).

Every turn, in the order asked: for an answered question the short answer, the questions for the
council per denkraam step and the public values; a declined question marked as such, with what
the texts do say where the answer gave it; a question after the sources ("waar staat dat?") with
the sources it pointed at; a question about a proposal attached earlier, with the proposal's
sentences that answered it. Then one source list for the whole document. Citations are renumbered
over the conversation, so [3] means the same passage wherever it appears.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from ..engine.answer.model import Answer, Citation
from ..messages import of
from .markdown import claim_text, marks, related_label, source_line


@dataclass(frozen=True)
class Exchange:
    """One turn as the export writes it: the question and its answer, or for a question after
    the sources (``sources``), the earlier answer whose sources it asked for."""

    question: str
    answer: Answer
    sources: bool = False
    # For a question about a proposal attached earlier: the proposal's title and its sentences
    # that answered it, each with its page (None outside a PDF).
    proposal_title: str | None = None
    proposal: tuple[tuple[str, int | None], ...] = ()


# The conversation's turns, in the order they were asked.
Answered = list[Exchange]


@dataclass
class _Section:
    turn: Exchange
    renumber: dict[int, int]

    @property
    def question(self) -> str:
        return self.turn.question

    @property
    def answer(self) -> Answer:
        return self.turn.answer


def _collect(answers: Answered) -> tuple[list[_Section], list[Citation]]:
    sources: list[Citation] = []
    by_passage: dict[str, int] = {}
    sections: list[_Section] = []
    for turn in answers:
        renumber = {}
        for c in turn.answer.citations:
            if c.passage_id not in by_passage:
                by_passage[c.passage_id] = len(sources) + 1
                sources.append(c.model_copy(update={"n": len(sources) + 1}))
            renumber[c.n] = by_passage[c.passage_id]
        sections.append(_Section(turn, renumber))
    return sections, sources


def _lead(s: _Section, words: ModuleType, escape: Callable[[str], str]) -> list[str]:
    """What stands under a turn's question before its answer: the mark of a declined question,
    or for a question after the sources, whose sources these are and one line per source."""
    if s.turn.sources:
        return [words.EXPORT_SOURCES_OF.format(question=escape(s.answer.question)),
                *(f"{_marks([c.n], s.renumber).strip()} {escape(c.title)}"
                  for c in s.answer.citations)]
    return [words.EXPORT_DECLINED] if s.answer.abstained else []


def _related(s: _Section, escape: Callable[[str], str]) -> str:
    return " ".join(claim_text(c, s.renumber, escape) for c in s.answer.related)


def _marks(citations: list[int], renumber: dict[int, int]) -> str:
    return marks([renumber[n] for n in citations])


def _short_answer(s: _Section, escape: Callable[[str], str]) -> str:
    """The notices and the short answer of one question, citations renumbered."""
    claims = [claim_text(c, s.renumber, escape) for c in s.answer.summary]
    return " ".join([*map(escape, s.answer.notices), *claims]).strip()


def _language(answers: Answered) -> str:
    langs = [turn.answer.language for turn in answers]
    return "en" if langs and all(lang == "en" for lang in langs) else "nl"


def to_markdown(answers: Answered, day: date | None = None) -> str:
    lang = _language(answers)
    words = of(lang)
    labels = words.LABELS
    sections, sources = _collect(answers)
    day_text = (day or date.today()).isoformat()
    lines = [f"# {words.EXPORT_TITLE}", "", words.EXPORT_INTRO.format(day=day_text), ""]
    if not sections:
        return "\n".join([*lines, words.EXPORT_EMPTY, ""])
    for s in sections:
        lines += [f"## {words.EXPORT_ASKED}: {_escape(s.question)}", ""]
        lead = _lead(s, words, _escape)
        if lead:
            lines += [f"_{lead[0]}_", "", *[f"- {line}" for line in lead[1:]]]
            lines += [""] if lead[1:] else []
        if s.turn.sources:
            continue
        if s.turn.proposal:
            lines += [f"### {_escape(_from_proposal(s, lang))}", ""]
            lines += [f"- “{_escape(text)}”{_page(page, words)}" for text, page in s.turn.proposal]
            lines.append("")
        short = _short_answer(s, _escape)
        if short:
            lines += [f"### {labels['summary']}", "", short, ""]
        if s.answer.related:
            lines += [f"**{related_label(s.answer, labels)}:** {_related(s, _escape)}", ""]
        if s.answer.denkraam:
            lines += [f"### {labels['questions']}", ""]
        for step in s.answer.denkraam:
            lines.append(f"**{step.step}. {_escape(step.name)}** — {_escape(step.about)}")
            lines += [f"- {_escape(q.text)}{_marks(q.citations, s.renumber)}"
                      for q in step.questions]
            lines.append("")
        if s.answer.public_values:
            lines += [f"### {labels['values']}", ""]
            lines += [f"- {_escape(v.name)}" + (f": {_escape(v.reason)}" if v.reason else "")
                      + _marks(v.citations, s.renumber) for v in s.answer.public_values]
            lines.append("")
    lines += [f"## {labels['sources']}", ""]
    for c in sources:
        lines += [source_line(c, lang, _escape), "", f"> {_escape(' '.join(c.text.split()))}",
                  ""]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(answers: Answered, day: date | None = None) -> bytes:
    from docx import Document
    from docx.shared import Mm

    lang = _language(answers)
    words = of(lang)
    labels = words.LABELS
    sections, sources = _collect(answers)
    doc = Document()
    for section in doc.sections:  # python-docx's template is US Letter; a griffie prints A4
        section.page_width, section.page_height = Mm(210), Mm(297)
    doc.core_properties.title = words.EXPORT_TITLE
    doc.core_properties.author = words.EXPORT_AUTHOR
    doc.core_properties.language = "nl-NL" if lang == "nl" else "en-GB"
    doc.add_heading(words.EXPORT_TITLE, level=0)
    doc.add_paragraph(words.EXPORT_INTRO.format(day=(day or date.today()).isoformat()))
    if not sections:
        doc.add_paragraph(words.EXPORT_EMPTY)
    for s in sections:
        doc.add_heading(f"{words.EXPORT_ASKED}: {s.question}", level=1)
        lead = _lead(s, words, str)
        if lead:
            doc.add_paragraph().add_run(lead[0]).italic = True
            for line in lead[1:]:
                doc.add_paragraph(line, style="List Bullet")
        if s.turn.sources:
            continue
        if s.turn.proposal:
            doc.add_heading(_from_proposal(s, lang), level=2)
            for text, page in s.turn.proposal:
                doc.add_paragraph(f"“{text}”{_page(page, words)}", style="List Bullet")
        short = _short_answer(s, str)
        if short:
            doc.add_heading(labels["summary"], level=2)
            doc.add_paragraph(short)
        if s.answer.related:
            para = doc.add_paragraph()
            para.add_run(f"{related_label(s.answer, labels)}: ").bold = True
            para.add_run(_related(s, str))
        if s.answer.denkraam:
            doc.add_heading(labels["questions"], level=2)
        for step in s.answer.denkraam:
            para = doc.add_paragraph()
            para.add_run(f"{step.step}. {step.name}").bold = True
            para.add_run(f" — {step.about}")
            for q in step.questions:
                doc.add_paragraph(f"{q.text}{_marks(q.citations, s.renumber)}",
                                  style="List Bullet")
        if s.answer.public_values:
            doc.add_heading(labels["values"], level=2)
            for v in s.answer.public_values:
                reason = f": {v.reason}" if v.reason else ""
                doc.add_paragraph(f"{v.name}{reason}{_marks(v.citations, s.renumber)}",
                                  style="List Bullet")
    if sections:
        doc.add_heading(labels["sources"], level=1)
        for c in sources:
            doc.add_paragraph(source_line(c, lang, str))
            doc.add_paragraph(c.text, style="Quote")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _from_proposal(s: _Section, lang: str) -> str:
    """The heading of a proposal's sentences that answered a question, as the chat shows it."""
    return of(lang).SHEET["followup"].format(title=s.turn.proposal_title or "")


def _page(page: int | None, words: ModuleType) -> str:
    return f" ({words.SHEET['page']} {page})" if page else ""


def _escape(text: str) -> str:
    """A typed question as literal Markdown text (no markup, no HTML)."""
    return re.sub(r"([\\`*_{}\[\]()<>#|!])", r"\\\1", text)
