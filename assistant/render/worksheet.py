"""A proposal's worksheet as Markdown (the command line, the chat) and as a Word document (A4,
one denkraam step per page where it fits), for the committee meeting."""

from __future__ import annotations

import io
from collections.abc import Callable

from ..engine.review.worksheet import SheetCitation, Worksheet, WorksheetStep
from ..messages import of
from .markdown import marks, text


def _page(words: dict[str, str], page: int | None) -> str:
    return f" ({words['page']} {page})" if page else ""


def _more_pages(step: WorksheetStep) -> str:
    """The pages that speak to the step beyond those quoted: "4, 7, 12"."""
    quoted = {q.page for q in step.says}
    more = [str(p) for p in step.pages if p not in quoted]
    return ", ".join(more)


def _source(c: SheetCitation, words: dict[str, str], undated: str,
            escape: Callable[[str], str]) -> str:
    if c.source == "proposal":
        where = f", {words['page']} {c.page}" if c.page else ""
        return f"[{c.n}] {escape(c.title)} ({escape(c.doc)}{where})"
    meta = ", ".join(x for x in (c.publisher, c.date or undated) if x)
    where = (c.passage_id or "") + (f", {words['page']} {c.page}" if c.page else "")
    return f"[{c.n}] {escape(c.title)} ({escape(meta)}; {where})"


def _grouped_sources(citations: list[SheetCitation], words: dict[str, str], undated: str
                     ) -> list[str]:
    """One line per document, in the order first cited: its title, then the proposal's file or
    the guidance text's publisher and date, then the numbers of its passages, each with its page
    ("*Title* — 04-camera.pdf: [1] p. 3, [2] p. 7"), as an answer's sources are listed."""
    documents: dict[tuple[str, str, str | None, str | None], list[SheetCitation]] = {}
    for c in citations:
        who = c.doc if c.source == "proposal" else c.publisher
        documents.setdefault((c.source, c.title, who, c.date), []).append(c)
    lines = []
    for (source, title, who, day), cited in documents.items():
        meta = who if source == "proposal" else ", ".join(x for x in (who, day or undated) if x)
        where = ", ".join(f"[{c.n}]" + (f" {words['page']} {c.page}" if c.page else "")
                          for c in cited)
        lines.append(f"- *{text(title)}* — {text(meta or '')}: {where}")
    return lines


def to_markdown(sheet: Worksheet, compact: bool = False) -> str:
    """The worksheet as Markdown; ``compact`` is for the chat, where every [n] opens its passage
    in a side panel: the sources one line per document, without their text."""
    catalogue = of(sheet.language)
    words = catalogue.SHEET
    lines = [f"# {words['title']}: {text(sheet.title)}", ""]
    if sheet.subject:
        lines += [f"_{words['subject']}: {text(sheet.subject)}_", ""]
    lines += [words["intro"], ""]
    lines += [line for note in scan_notes(sheet) for line in (f"> {note}", "")]
    if not sheet.has_decision:
        lines += [f"> {words['no_decision']}", ""]
    for step in sheet.steps:
        lines += [f"## {step.step}. {step.name}", "", f"_{step.about}_", "",
                  f"**{words['says']}**", ""]
        lines += [f"- “{text(q.text)}”{_page(words, q.page)}{marks([q.citation])}"
                  for q in step.says] or [f"- {words['says_none']}"]
        if _more_pages(step):
            lines += ["", words["also_pages"].format(pages=_more_pages(step))]
        if step.missing:
            lines += ["", f"**{words['missing']}**", ""]
            lines += [f"- {text(m)}" for m in step.missing]
        if step.questions:
            lines += ["", f"**{words['questions']}**", ""]
            lines += [f"- {text(q.text)}{marks(q.citations)}" for q in step.questions]
        lines.append("")
    if sheet.public_values:
        lines += [f"## {words['values']}", ""]
        for v in sheet.public_values:
            reason = f": {text(v.reason)}" if v.reason else ""
            lines.append(f"- **{text(v.name)}**{reason}{marks(v.citations)}")
        lines.append("")
    lines += [f"## {words['sources']}", ""]
    undated = catalogue.LABELS["undated"]
    if compact:
        lines += _grouped_sources(sheet.citations, words, undated)
    for c in [] if compact else sheet.citations:
        lines += [_source(c, words, undated, text), "", f"> {text(c.text)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(sheet: Worksheet) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    catalogue = of(sheet.language)
    words = catalogue.SHEET
    doc = Document()
    for section in doc.sections:  # python-docx's template is US Letter; a griffie prints A4
        section.page_width, section.page_height = Mm(210), Mm(297)
    doc.core_properties.title = f"{words['title']}: {sheet.title}"
    doc.core_properties.author = catalogue.EXPORT_AUTHOR
    doc.core_properties.language = "nl-NL" if sheet.language == "nl" else "en-GB"
    doc.add_heading(f"{words['title']}: {sheet.title}", level=0)
    if sheet.subject:
        doc.add_paragraph().add_run(f"{words['subject']}: {sheet.subject}").italic = True
    doc.add_paragraph(words["intro"])
    for note in scan_notes(sheet):
        doc.add_paragraph(note, style="Intense Quote")
    if not sheet.has_decision:
        doc.add_paragraph(words["no_decision"], style="Intense Quote")
    for n, step in enumerate(sheet.steps):
        if n:  # one step per page
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(f"{step.step}. {step.name}", level=1)
        doc.add_paragraph().add_run(step.about).italic = True
        doc.add_heading(words["says"], level=2)
        for q in step.says:
            doc.add_paragraph(f"“{q.text}”{_page(words, q.page)}{marks([q.citation])}",
                              style="List Bullet")
        if not step.says:
            doc.add_paragraph(words["says_none"], style="List Bullet")
        if _more_pages(step):
            doc.add_paragraph(words["also_pages"].format(pages=_more_pages(step)))
        if step.missing:
            doc.add_heading(words["missing"], level=2)
            for m in step.missing:
                doc.add_paragraph(m, style="List Bullet")
        if step.questions:
            doc.add_heading(words["questions"], level=2)
            for claim in step.questions:
                doc.add_paragraph(f"{claim.text}{marks(claim.citations)}", style="List Bullet")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if sheet.public_values:
        doc.add_heading(words["values"], level=1)
        for v in sheet.public_values:
            reason = f": {v.reason}" if v.reason else ""
            doc.add_paragraph(f"{v.name}{reason}{marks(v.citations)}", style="List Bullet")
    doc.add_heading(words["sources"], level=1)
    undated = catalogue.LABELS["undated"]
    for c in sheet.citations:
        doc.add_paragraph(_source(c, words, undated, str))
        doc.add_paragraph(c.text, style="Quote")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def scan_notes(sheet: Worksheet) -> list[str]:
    """What the worksheet says of the proposal's scanned pages: read by OCR, or left unread."""
    words = of(sheet.language).SHEET
    return [words[key if len(pages) == 1 else f"{key}_many"].format(
                pages=page_list(pages, sheet.language))
            for key, pages in (("scanned", sheet.scanned), ("unread", sheet.unread)) if pages]


def page_list(pages: list[int], lang: str) -> str:
    """Page numbers as a reader writes them: "3", "5 en 6", "2–4 en 7" ("2–4 and 7")."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    parts = [part for r in runs
             for part in ([str(p) for p in r] if len(r) < 3 else [f"{r[0]}–{r[-1]}"])]
    last = " en " if lang == "nl" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + last + parts[-1]
