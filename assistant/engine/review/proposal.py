"""A proposal on the agenda (raadsvoorstel, raadsinformatiebrief, beleidsnota) read into sentences,
each with its page (PDF) and the heading it stands under.

The file's type is read from its content, not its name: a PDF starts with ``%PDF``, a Word
file is a zip package with ``word/document.xml``, HTML has its tags; other text is Markdown or
plain text. The readers are the corpus's (:mod:`assistant.engine.corpus.readers`). Anything that
cannot be read raises :class:`~assistant.errors.ProposalError` with one Dutch sentence (the chat
shows it as it is).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from assistant.engine.corpus import readers
from assistant.engine.text.sentences import split_sentences
from assistant.engine.text.words import words
from assistant.errors import ProposalError
from assistant.messages import nl

# A PDF longer than this is not a proposal but a report or a book; reading it would take
# minutes of embedding.
MAX_PAGES = 100
MAX_BYTES = 20 * 1024 * 1024
# Most scanned pages read by OCR (under a second a page; see ocr.py).
MAX_OCR_PAGES = 30
# Sentences shorter than this are labels ("Bijlage 2", "Datum: 3 maart 2027"), not statements.
MIN_WORDS = 4
_HTML = re.compile(rb"<(html|body|head|p|div|h[1-6]|article|main)[\s>]", re.I)
_SUBJECT_LINE = re.compile(r"^\s*(onderwerp|betreft|subject)\s*:\s*(.+)$", re.I)
_NUMBERING = re.compile(r"^\s*(\d{1,2}(\.\d{1,2})*[.)]?|[a-z][.)]|[ivx]+\.)\s+", re.I)
_DECISION_HEADING = re.compile(r"^(beslispunt|besluit|voorgesteld besluit|gevraagd besluit|"
                               r"het college stelt|de raad besluit|decision|proposed decision)",
                               re.I)


@dataclass
class Line:
    """One sentence of the proposal."""

    text: str
    page: int | None
    section: str | None  # the heading it stands under, without its numbering
    position: int


@dataclass
class Proposal:
    path: Path
    kind: str  # pdf | docx | html | markdown | text
    title: str
    lines: list[Line] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    pages: int | None = None
    scanned: list[int] = field(default_factory=list)  # pages of a PDF read by OCR (scans)
    unread: list[int] = field(default_factory=list)  # scanned pages left unread (no OCR here)

    @property
    def has_decision(self) -> bool:
        """Whether it has beslispunten, which a raadsvoorstel has and other documents lack."""
        return any(_DECISION_HEADING.match(h) for h in self.headings)


def sniff(path: Path, head: bytes) -> str:
    """The kind of file from its first bytes (and, for a zip, its parts)."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "other"
    if b"\x00" in head:
        return "other"
    if _HTML.search(head):
        return "html"
    if path.suffix.lower() in (".md", ".markdown") or re.search(rb"^#{1,3} \S", head, re.M):
        return "markdown"
    return "text"


_READ = {"pdf": readers.read_pdf, "docx": readers.read_docx, "html": readers.read_html,
         "markdown": readers.read_markdown, "text": readers.read_text}


def section_name(heading: str) -> str:
    """A heading as the checklist's sections are written: numbering and case removed."""
    return " ".join(_NUMBERING.sub("", heading).lower().rstrip(":").split())


def read_proposal(path: Path, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES,
                  display: str | None = None, max_ocr_pages: int = MAX_OCR_PAGES) -> Proposal:
    """The proposal in ``path``; ``display`` is the name its sentences of refusal use (an upload's
    own name, where the chat stores it under another). The scanned pages of a PDF, at most
    ``max_ocr_pages`` of them, are read by OCR where tesseract is installed (:mod:`.ocr`)."""
    name = display or path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(4096)
    except FileNotFoundError as exc:
        raise ProposalError(nl.PROPOSAL_MISSING.format(name=name)) from exc
    except OSError as exc:
        raise ProposalError(nl.PROPOSAL_UNREADABLE.format(name=name, why=exc.strerror or exc)
                            ) from exc
    if size == 0:
        raise ProposalError(nl.PROPOSAL_EMPTY.format(name=name))
    if size > max_bytes:
        raise ProposalError(nl.PROPOSAL_TOO_BIG.format(
            name=name, size=f"{size / 1048576:.1f}".replace(".", ","),
            limit=f"{max_bytes / 1048576:g}".replace(".", ",")))
    kind = sniff(path, head)
    if kind == "other":
        raise ProposalError(nl.PROPOSAL_TYPE.format(name=name))
    if kind == "pdf":
        _check_pdf(path, name, max_pages)
    scanned: list[int] = []
    unread: list[int] = []
    try:
        if kind == "pdf":
            blocks, scanned, unread = _read_pdf(path, name, max_ocr_pages)
        else:
            blocks = _READ[kind](path)
    except readers._Unreadable as exc:
        why = ("het is geen leesbaar Word-bestand" if kind == "docx"
               else "het is geen leesbare PDF" if kind == "pdf"
               else "de tekst is niet in UTF-8 opgeslagen")
        raise ProposalError(nl.PROPOSAL_BAD.format(name=name, why=why)) from exc
    except OSError as exc:
        raise ProposalError(nl.PROPOSAL_UNREADABLE.format(name=name, why=exc.strerror or exc)
                            ) from exc
    proposal = _from_blocks(path, kind, blocks)
    proposal.scanned, proposal.unread = scanned, unread
    if not proposal.lines:
        if unread:
            raise ProposalError(nl.PROPOSAL_SCAN.format(name=name))
        if scanned:
            raise ProposalError(nl.PROPOSAL_OCR_EMPTY.format(name=name))
        raise ProposalError(nl.PROPOSAL_NO_TEXT.format(name=name))
    return proposal


def _read_pdf(path: Path, name: str, max_ocr_pages: int
              ) -> tuple[list[readers.Block], list[int], list[int]]:
    """The blocks of a PDF, with its scanned pages read by OCR where tesseract is installed
    (:mod:`.ocr`), and the numbers of the pages read so and of those left unread for want of it.
    More than ``max_ocr_pages`` scanned pages are refused in one sentence."""
    from assistant.engine.review import ocr

    reader = readers.open_pdf(path)
    pages = readers.pdf_page_lines(reader)
    scans = ocr.scanned_pages(reader, pages)
    if not scans:
        return readers.pdf_blocks(pages), [], []
    if not ocr.available():
        return readers.pdf_blocks(pages), [], scans
    if len(scans) > max_ocr_pages:
        raise ProposalError(nl.PROPOSAL_OCR_PAGES.format(name=name, pages=len(scans),
                                                         limit=max_ocr_pages))
    for number, lines in ocr.read_pages(reader, scans, name).items():
        pages[number - 1] = [*pages[number - 1], "", *lines]
    return readers.pdf_blocks(pages), scans, []


def _check_pdf(path: Path, name: str, max_pages: int) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        encrypted = reader.is_encrypted
        pages = len(reader.pages) if not encrypted else 0
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ProposalError(nl.PROPOSAL_BAD_PDF.format(name=name, why=exc.__class__.__name__)
                            ) from exc
    if encrypted:
        raise ProposalError(nl.PROPOSAL_LOCKED.format(name=name))
    if pages > max_pages:
        raise ProposalError(nl.PROPOSAL_PAGES.format(name=name, pages=pages, limit=max_pages))


def _from_blocks(path: Path, kind: str, blocks: list[readers.Block]) -> Proposal:
    heading: str | None = None  # the first heading of a title's level
    subject: str | None = None  # an "Onderwerp: ..." line, the subject a proposal states
    lines: list[Line] = []
    headings: list[str] = []
    section: str | None = None
    pages = 0
    for block in blocks:
        pages = max(pages, block.page or 0)
        text = " ".join(block.text.split())
        stated = _SUBJECT_LINE.match(text)
        if stated and subject is None:
            subject = stated.group(2).strip()
        if block.kind == "heading":
            if not stated:
                section = section_name(text)
                headings.append(section)
            if heading is None and block.level <= 2 and not stated:
                heading = text
            continue
        for sentence in split_sentences(block.text):
            sentence = " ".join(sentence.split())
            stated = _SUBJECT_LINE.match(sentence)
            if stated and subject is None:
                subject = stated.group(2).strip()
            if len(words(sentence)) < MIN_WORDS:
                continue
            lines.append(Line(sentence, block.page, section, len(lines)))
    title = subject or heading or (lines[0].text if lines else path.stem)
    if subject and heading and not _looks_generic(heading):
        title = heading if len(heading) >= len(subject) else subject
    return Proposal(path=path, kind=kind, title=title.strip().rstrip("."), lines=lines,
                    headings=headings, pages=pages or None)


def _looks_generic(title: str) -> bool:
    """A document type as its first heading ("Raadsvoorstel") says less than its subject line."""
    return len(words(title)) <= 2 or section_name(title) in (
        "raadsvoorstel", "raadsinformatiebrief", "beleidsnota", "collegevoorstel")
