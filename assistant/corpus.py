"""Load the guidance texts: .txt, .md, .html and .pdf, with their metadata from sources.yaml.

Each file becomes a :class:`Document` of headings and paragraphs (with PDF page numbers). Web
captures carry page chrome ("Doorgaan naar inhoud", icon labels, "Lees het hele rapport hier");
:func:`is_chrome` and :func:`strip_calls_to_action` remove it by rule: lines made mostly of
interface words, link sentences that point "hier", date, byline and tag lines.

A file that cannot be read (empty, binary, not UTF-8, corrupt PDF) is skipped with a warning
naming it; the rest is still loaded.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import CorpusError
from .textproc import DUTCH_STOPWORDS, ENGLISH_STOPWORDS, split_sentences, words

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
SOURCES_FILE = "sources.yaml"
FRAMEWORK_FILE = "framework.yaml"

# Words of web interfaces (navigation, icons, media placeholders), Dutch and English. A short
# line made mostly of these is page chrome, whatever the exact wording.
INTERFACE_WORDS = frozenset(
    """
    menu zoeken zoek search home homepage inhoud content doorgaan naar skip to main navigatie
    navigation calendar kalender tag tags arrow pijl download downloads print printen afdrukken
    share delen deel tweet facebook linkedin twitter whatsapp mail e-mail email image images
    afbeelding afbeeldingen foto video play afspelen sluiten close terug back volgende vorige
    next previous top boven inloggen login uitloggen logout cookie cookies accepteren accept
    pdf rss abonneren subscribe nieuwsbrief newsletter meer more lees read bekijk view klik click
    open openen toon show verberg hide link links hier here ga gaan go
    """.split()
)
_CTA_VERB = re.compile(
    r"\b(lees|klik|download|bekijk|bestel|ga|kijk|read|click|view|see|order)\b", re.I
)
_CTA_HERE = re.compile(r"\b(hier|here)\b", re.I)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE_LINE = re.compile(
    rf"^\s*(\d{{1,2}}\s+({_MONTHS})\s+\d{{4}}|\d{{4}}-\d{{2}}(-\d{{2}})?|\d{{1,2}}[-/]\d{{1,2}}[-/]\d{{4}})\s*$",
    re.I,
)
_META_PREFIX = re.compile(r"^\s*(date|datum|published|gepubliceerd)\s*:?\s*[\d-]{4,10}\s+", re.I)
_BYLINE = re.compile(r"^\s*(door|by|tekst|auteurs?)\s*:?\s+[A-Z][\w.-]+(\s+[\w.-]+){0,8}\s*$")
_LIST_ITEM = re.compile(r"^\s*(\d{1,2}[.)]|[-*•–])\s+")
_TERMINAL = re.compile(r"[.!?:;,…)\"'’”]$")


@dataclass
class Block:
    """A heading or paragraph of a document; ``page`` is the 1-based PDF page, else None."""

    kind: str  # "heading" | "para"
    text: str
    page: int | None = None
    level: int = 2


@dataclass
class Document:
    doc_id: str
    path: Path
    title: str
    publisher: str | None = None
    date: str | None = None
    kind: str | None = None
    language: str = "nl"
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def metadata(self) -> dict[str, object]:
        return {
            "doc": self.doc_id, "title": self.title, "publisher": self.publisher,
            "date": self.date, "kind": self.kind, "url": self.url,
            "file": self.path.name,
        }


@dataclass
class LoadReport:
    """What ingestion loaded and what it skipped (file name and reason)."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


# --- chrome rules -------------------------------------------------------------------------------

def is_chrome(line: str) -> bool:
    """True for page chrome: interface-word lines, link lines, dates, bylines and tag lists."""
    stripped = line.strip()
    if not stripped:
        return True
    tokens = words(stripped)
    if not tokens:
        return True
    if _DATE_LINE.match(stripped) or _BYLINE.match(stripped):
        return True
    if len(tokens) <= 8 and not _TERMINAL.search(stripped):
        content = [t for t in tokens if t not in DUTCH_STOPWORDS and t not in ENGLISH_STOPWORDS]
        content = content or tokens
        ui = sum(_is_interface_word(t) for t in content)
        if ui / len(content) >= 0.6:
            return True
        if _is_tag_list(stripped):
            return True
    return len(tokens) <= 12 and is_call_to_action(stripped)


def _is_interface_word(token: str) -> bool:
    # Compounds end in their head: "hoofdmenu", "zoekveld" -> menu, veld.
    return token in INTERFACE_WORDS or any(
        token.endswith(w) for w in INTERFACE_WORDS if len(w) >= 4 and len(token) > len(w) + 2)


def is_call_to_action(sentence: str) -> bool:
    """A short sentence that points at a link: 'Lees het hele rapport hier', 'Klik hier om ...'."""
    return bool(_CTA_HERE.search(sentence) and _CTA_VERB.search(sentence))


def _is_tag_list(line: str) -> bool:
    # Juxtaposed labels such as "Digitale democratie Slimme stad Besluitvorming": capitalised
    # words that follow a lower-case word with no punctuation between them.
    raw = line.split()
    joins = sum(
        1 for a, b in zip(raw, raw[1:], strict=False)
        if a[-1].isalpha() and a[-1].islower() and b[:1].isupper()
    )
    return joins >= 2


def strip_calls_to_action(paragraph: str) -> str:
    """Drop link sentences from a paragraph, keeping the rest of it."""
    kept = [s for s in split_sentences(paragraph)
            if not (len(words(s)) <= 14 and is_call_to_action(s))]
    return " ".join(kept)


def _is_heading_line(line: str) -> bool:
    stripped = line.strip()
    n = len(words(stripped))
    if n == 0 or n > 15 or _LIST_ITEM.match(line) and line[:1].isspace():
        return False
    if stripped.endswith("?"):
        return n <= 6
    return not _TERMINAL.search(stripped)


def _heading_level(line: str) -> int:
    letters = [c for c in line if c.isalpha()]
    return 1 if letters and all(c.isupper() for c in letters) and len(letters) > 3 else 2


# --- readers ------------------------------------------------------------------------------------

def _blocks_from_lines(lines: list[str], page: int | None = None) -> list[Block]:
    """Classify plain-text lines into headings and paragraphs; wrapped lines are joined."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            text = strip_calls_to_action(" ".join(para))
            if text.strip():
                blocks.append(Block("para", text.strip(), page))
            para.clear()

    previous = None
    last_line = ""
    for i, raw in enumerate(lines):
        line = _META_PREFIX.sub("", raw.rstrip())
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not line.strip():
            flush()
            previous = None
            continue
        if line.strip() == previous:  # repeated line, e.g. a "Downloads" tab and its title
            continue
        previous = line.strip()
        if is_chrome(line):
            flush()
            if _DATE_LINE.match(line) and blocks and blocks[-1].kind == "heading" and len(
                    words(blocks[-1].text)) <= 2:
                blocks.pop()  # a label over a date ("nieuws", "Rapport") is metadata too
            continue
        if para and _LIST_ITEM.match(line) and (
                para[-1].endswith(":") or _LIST_ITEM.match(last_line)):
            para.append(line.strip())  # list items stay with the sentence that leads in
            last_line = line
            continue
        last_line = line
        # A line wrapped mid-sentence (PDF text) is not a heading: the next line goes on in
        # lower case.
        if _is_heading_line(line) and not following[:1].islower():
            flush()
            blocks.append(Block("heading", line.strip(), page, _heading_level(line)))
        elif para and not _TERMINAL.search(para[-1]) and not _LIST_ITEM.match(line):
            # A wrapped line continues the paragraph (PDF text); repair hyphenation.
            if para[-1].endswith("-") and line.strip()[:1].islower():
                para[-1] = para[-1][:-1] + line.strip()
            else:
                para.append(line.strip())
        else:
            flush()
            para.append(line.strip())
    flush()
    return blocks


def read_text(path: Path) -> list[Block]:
    return _blocks_from_lines(_decode(path).splitlines())


def read_markdown(path: Path) -> list[Block]:
    lines: list[str] = []
    blocks: list[Block] = []
    for raw in _decode(path).splitlines():
        m = re.match(r"^(#{1,6})\s+(.*)$", raw)
        if m:
            blocks.extend(_blocks_from_lines(lines))
            lines = []
            title = re.sub(r"[*_`]", "", m.group(2)).strip()
            if title and not is_chrome(title):
                blocks.append(Block("heading", title, None, 1 if len(m.group(1)) <= 2 else 2))
        else:
            # Drop link targets and emphasis marks, keep the link text.
            lines.append(re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw)))
    blocks.extend(_blocks_from_lines(lines))
    return blocks


def read_html(path: Path) -> list[Block]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "button",
                     "noscript", "svg", "iframe", "template", "figure"]):
        tag.decompose()
    body = soup.body or soup
    lines: list[str] = []
    blocks: list[Block] = []
    for el in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote"]):
        if el.find_parent(["p", "li", "blockquote"]) is not None:
            continue
        text = " ".join(el.get_text(" ", strip=True).split())
        if not text:
            continue
        if el.name.startswith("h"):
            blocks.extend(_blocks_from_lines(lines))
            lines = []
            if not is_chrome(text):
                blocks.append(Block("heading", text, None, 1 if el.name in ("h1", "h2") else 2))
        else:
            lines.extend([text, ""])
    blocks.extend(_blocks_from_lines(lines))
    return blocks


def read_pdf(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _Unreadable(f"is not a readable PDF ({exc.__class__.__name__})") from exc
    blocks: list[Block] = []
    for number, text in enumerate(pages, start=1):
        blocks.extend(_blocks_from_lines(text.splitlines(), page=number))
    return blocks


class _Unreadable(Exception):
    """A single file that ingestion skips; the message completes 'FILE ...'."""


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise _Unreadable("is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unreadable(
            f"is not UTF-8 (byte {exc.start}); save it as UTF-8 to include it"
        ) from exc


READERS = {".txt": read_text, ".md": read_markdown, ".html": read_html, ".htm": read_html,
           ".pdf": read_pdf}


# --- corpus -------------------------------------------------------------------------------------

def load_sources(corpus_dir: Path) -> dict[str, dict[str, object]]:
    path = corpus_dir / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} is not valid YAML ({exc.__class__.__name__}); fix or "
                          "remove it.") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{path} must map document ids to their metadata.")
    return {str(k): (v or {}) for k, v in data.items()}


def corpus_files(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        raise CorpusError(f"The corpus folder {corpus_dir} does not exist; set "
                          "ASSISTANT_CORPUS_DIR to the folder with the guidance texts.")
    return sorted(p for p in corpus_dir.iterdir()
                  if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))


def content_hash(corpus_dir: Path) -> str:
    """SHA-256 over every corpus file, sources.yaml and framework.yaml (names and bytes)."""
    digest = hashlib.sha256()
    names = [p for p in corpus_files(corpus_dir)]
    names += [corpus_dir / n for n in (SOURCES_FILE, FRAMEWORK_FILE) if (corpus_dir / n).exists()]
    for path in sorted(names):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def is_self_citation(paragraph: str, title: str) -> bool:
    """A "cite this as" reference to the document itself: authors' initials, a year in brackets
    and the document's own title. It restates the metadata and says nothing of the subject."""
    head = " ".join(words(title)[:5])
    return (bool(head) and head in " ".join(words(paragraph))
            and len(re.findall(r"\b[A-Z]\.\s", paragraph)) >= 2
            and re.search(r"\((?:19|20)\d\d\)", paragraph) is not None)


def _drop_self_citations(blocks: list[Block], title: str) -> list[Block]:
    """Blocks without self-citations and the short lead-in ("Bij voorkeur citeren als:")."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "para" and is_self_citation(block.text, title):
            if out and out[-1].kind == "para" and out[-1].text.rstrip().endswith(":") \
                    and len(out[-1].text.split()) <= 6:
                out.pop()
            continue
        out.append(block)
    return out


def load_document(path: Path, meta: dict[str, object]) -> Document:
    """Read one file; raises ``_Unreadable`` for a file ingestion must skip."""
    if path.stat().st_size == 0:
        raise _Unreadable("is empty")
    blocks = READERS[path.suffix.lower()](path)
    if not any(b.kind == "para" for b in blocks):
        raise _Unreadable("holds no readable text")
    first_heading = next((b.text for b in blocks if b.kind == "heading"), None)
    authors = meta.get("authors") or []
    title = str(meta.get("title") or first_heading or path.stem)
    blocks = _drop_self_citations(blocks, title)
    return Document(
        doc_id=path.stem,
        path=path,
        title=title,
        publisher=_opt(meta.get("publisher")),
        date=_opt(meta.get("date")),
        kind=_opt(meta.get("kind")),
        language=str(meta.get("language") or "nl"),
        url=_opt(meta.get("url")),
        authors=[str(a) for a in authors] if isinstance(authors, list) else [],
        blocks=blocks,
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def load_corpus(corpus_dir: Path) -> LoadReport:
    """Load every readable document in ``corpus_dir``; unreadable files are reported, not fatal."""
    sources = load_sources(corpus_dir)
    report = LoadReport()
    seen: dict[str, Path] = {}
    for path in corpus_files(corpus_dir):
        if path.stem in seen:
            report.skipped.append(
                (path.name, f"has the same document id as {seen[path.stem].name}"))
            continue
        try:
            doc = load_document(path, sources.get(path.stem, {}))
        except _Unreadable as exc:
            report.skipped.append((path.name, str(exc)))
            continue
        except OSError as exc:
            report.skipped.append((path.name, f"cannot be read ({exc.strerror or exc})"))
            continue
        seen[path.stem] = path
        report.documents.append(doc)
    for name, reason in report.skipped:
        log.warning("Skipped %s: it %s.", name, reason)
    if not report.documents:
        raise CorpusError(f"No readable guidance text in {corpus_dir}; add .txt, .md, .html or "
                          ".pdf files.")
    return report


__all__ = ["Block", "Document", "LoadReport", "content_hash", "is_chrome", "load_corpus",
           "load_sources"]
