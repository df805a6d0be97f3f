"""Load the guidance texts: .txt, .md, .html, .pdf and Word (.docx), with their metadata from
sources.yaml or, where it does not describe a document, from the document's first page
(:mod:`.front`).

Each file becomes a :class:`Document` of headings and paragraphs (with PDF page numbers). Web
captures carry page chrome ("Doorgaan naar inhoud", icon labels, "Lees het hele rapport hier");
:func:`is_chrome` and :func:`strip_calls_to_action` remove it by rule: lines made mostly of
interface words, link sentences that point "hier", date, byline and tag lines.

A file that cannot be read (empty, binary, not UTF-8, corrupt PDF or Word file) is skipped with a
warning naming it; the rest is still loaded.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.engine.corpus import front
from assistant.engine.corpus.chrome import (
    CHROME_ATTRIBUTE,
    DATE_LINE,
    META_PREFIX,
    is_chrome,
    page_body,
    running_lines,
    strip_calls_to_action,
)
from assistant.engine.text.words import words
from assistant.errors import CorpusError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
SOURCES_FILE = "sources.yaml"
FRAMEWORK_FILE = "framework.yaml"

_LIST_ITEM = re.compile(r"^\s*(\d{1,2}[.)]|[-*•–])\s+")
# "1. Inleiding", "2.3 Kosten", "4) Planning": a numbered heading, not a list item.
_TERMINAL = re.compile(r"[.!?:;,…)\"'’”]$")
_SENTENCE_END = re.compile(r"[.!?…:\"'’”]$")


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


def _is_heading_line(line: str) -> bool:
    stripped = line.strip()
    n = len(words(stripped))
    if n == 0 or n > 15 or _LIST_ITEM.match(line) and line[:1].isspace():
        return False
    if stripped.endswith("?"):
        return n <= 6
    return not _TERMINAL.search(stripped)


def _heading_level(line: str) -> int:
    """1 for an all-capitals chapter ("RISICO'S VERZACHTEN"), 3 for a numbered subsection
    ("2.1 Kosten"), 2 for any other heading."""
    if re.match(r"^\s*\d{1,2}\.\d", line):
        return 3
    letters = [c for c in line if c.isalpha()]
    return 1 if letters and all(c.isupper() for c in letters) and len(letters) > 3 else 2


# --- readers ------------------------------------------------------------------------------------

def _line_width(lines: list[str]) -> int:
    """The width a hard-wrapped text is wrapped at (0 when its lines are not wrapped): the
    length most long lines reach, when enough lines reach it."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 4:
        return 0
    width = lengths[int(len(lengths) * 0.9) - 1]
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width if width >= 45 and near >= max(3, len(lengths) // 4) else 0


def _blocks_from_lines(lines: list[str], page: int | None = None) -> list[Block]:
    """Classify plain-text lines into headings and paragraphs.

    Hard-wrapped text (PDF pages, a policy note wrapped at 72 characters) is recognised by its
    line width: a line that reaches the width goes on in the next line whatever that line starts
    with, and a heading must be clearly shorter than the width. Numbered headings ("1.
    Inleiding") are headings; list items stay with the sentence that leads in to them.
    """
    width = _line_width(lines)
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            text = strip_calls_to_action(" ".join(para))
            if text.strip():
                blocks.append(Block("para", text.strip(), page))
            para.clear()

    def add(line: str) -> None:
        # Repair a word hyphenated across lines ("digitali-" + "sering").
        if para and para[-1].endswith("-") and line[:1].islower():
            para[-1] = para[-1][:-1] + line
        else:
            para.append(line)

    previous = None
    last_line = ""
    blank_before = True
    for i, raw in enumerate(lines):
        line = META_PREFIX.sub("", raw.rstrip())
        stripped = line.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not stripped:
            flush()
            previous = None
            blank_before = True
            continue
        if stripped == previous:  # repeated line, e.g. a "Downloads" tab and its title
            continue
        previous = stripped
        after_blank, blank_before = blank_before, False
        if is_chrome(line):
            flush()
            if DATE_LINE.match(line) and blocks and blocks[-1].kind == "heading" and len(
                    words(blocks[-1].text)) <= 2:
                blocks.pop()  # a label over a date ("nieuws", "Rapport") is metadata too
            continue
        wrapped_on = bool(para) and width and len(last_line) >= 0.75 * width
        if para and _LIST_ITEM.match(line) and not front.NUMBERED_HEADING.match(line) and (
                para[-1].endswith(":") or _LIST_ITEM.match(last_line)):
            para.append(stripped)  # list items stay with the sentence that leads in
            last_line = stripped
            continue
        if para and _LIST_ITEM.match(line) and _LIST_ITEM.match(last_line) \
                and _SENTENCE_END.search(stripped):
            para.append(stripped)  # a list of sentences: "1. Laat ... 2. Toets ..."
            last_line = stripped
            continue
        ended = not para or bool(_SENTENCE_END.search(last_line))
        numbered = bool(front.NUMBERED_HEADING.match(line)) and len(words(stripped)) <= 10 \
            and not _TERMINAL.search(stripped)
        short = not width or len(stripped) < 0.75 * width or not following
        looks_heading = _is_heading_line(line) and not following[:1].islower() and short
        if numbered and ended or not wrapped_on and looks_heading and (
                after_blank or not para or width and ended and len(stripped) < 0.6 * width):
            flush()
            blocks.append(Block("heading", stripped, page, _heading_level(line)))
        elif para and (wrapped_on or not _SENTENCE_END.search(para[-1])) \
                and not _LIST_ITEM.match(line):
            add(stripped)  # a wrapped line continues the paragraph
        elif para and width and not _SENTENCE_END.search(last_line):
            add(stripped)
        else:
            flush()
            para.append(stripped)
        last_line = stripped
    flush()
    return blocks


def _drop_empty_headings(blocks: list[Block]) -> list[Block]:
    """A heading with nothing under it (a removed newsletter or download block, a section that
    was all chrome) is dropped; a heading followed by a deeper one is kept."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is None or nxt.kind == "heading" and nxt.level <= block.level:
                continue
        out.append(block)
    return out


def read_text(path: Path) -> list[Block]:
    return _blocks_from_lines(_decode(path).splitlines())


def table_text(rows: list[list[str]]) -> str:
    """A table as sentences, one per row, each cell named by its column header:
    "Locatie: Speeltuin; Aantal camera's: 1." The first row is the header."""
    rows = [[" ".join(c.split()) for c in row] for row in rows if any(c.strip() for c in row)]
    if not rows:
        return ""
    header, body = rows[0], rows[1:]
    if not body:
        return "; ".join(header) + "."
    out = []
    for row in body:
        cells = [f"{h}: {c}" if h else c for h, c in zip(header, row, strict=False) if c]
        out.append("; ".join(cells).rstrip(".") + ".")
    return " ".join(out)


def read_markdown(path: Path) -> list[Block]:
    """Markdown read by markdown-it (CommonMark with tables): headings as headings (# and ## at
    level 1, deeper at 2), tables as sentences (:func:`table_text`), list items one line each
    (nested ones indented), and the rest as plain text without its markup (a link's text, not
    its target; no images; raw HTML as its text), line by line as written, so that the rules of
    plain text drop chrome (a date or byline on its own line) and join wrapped lines alike. A
    list led in by a sentence ending in ":" stays with it as one paragraph; the items of any
    other list are a paragraph each."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(_decode(path))
    blocks: list[Block] = []
    lines: list[str] = []
    table: list[list[str]] = []
    row: list[str] = []
    heading: int | None = None
    items: list[bool] = []  # the lists the current item is in: whether each is led in
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = None
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            # A list led in by a sentence ending in ":" stays with it, as one paragraph; the
            # items of any other list are a paragraph each.
            led_in = len(lines) >= 2 and lines[-1] == "" and lines[-2].endswith(":")
            if led_in:
                lines.pop()
            items.append(led_in or bool(items and items[-1]))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            items.pop()
            if not items:
                lines.append("")
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            table.append(row)
        elif token.type == "table_close":
            lines.extend([table_text(table), ""])
            table = []
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(_plain(token, breaks=" "))
        elif token.type == "inline" and heading is not None:
            blocks.extend(_blocks_from_lines(lines))
            lines = []
            title = _plain(token, breaks=" ").strip()
            # A Markdown file's first "#" heading is its own title, however much it looks like
            # a label with a date or a list of tags ("# Beleidsnota ... 2027–2030"). (A web
            # page's first h1 may be the site's name or a news label: there the rules stand.)
            first = heading == 1 and not any(b.kind == "heading" for b in blocks)
            if title and (first or not is_chrome(title)):
                blocks.append(Block("heading", title, None, 1 if heading <= 2 else 2))
        elif token.type == "inline":
            opened = tokens[i - 2] if i >= 2 else None
            in_item = bool(items) and opened is not None and opened.type == "list_item_open"
            # A list item is one unit (its wrapped lines never a heading of their own).
            text = _plain(token, breaks=" " if in_item else "\n")
            if in_item and opened is not None:
                # The item's own marker: "-" or its number as written ("3." "3)"), indented
                # under the item it is nested in (an indented item is never a heading).
                marker = f"{opened.info}{opened.markup}" if opened.info else "-"
                text = "  " * (len(items) - 1) + f"{marker} {text}"
            lines.extend(text.splitlines())
            if not items or not items[-1]:
                lines.append("")
        elif token.type == "html_block" and not token.content.lstrip().startswith("<!--"):
            # The text of raw HTML (a <div> around a notice, <details>), without its tags.
            from bs4 import BeautifulSoup

            shown = BeautifulSoup(token.content, "html.parser").get_text("\n")
            lines.extend([line for line in shown.splitlines() if line.strip()] + [""])
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.extend(_blocks_from_lines(lines))  # code is one paragraph, never a heading
            lines = []
            blocks.append(Block("para", " ".join(token.content.split())))
    blocks.extend(_blocks_from_lines(lines))
    return blocks


def _plain(inline: Any, breaks: str = "\n") -> str:
    """The text of an inline Markdown token without its markup: link text without its target,
    no images, no inline HTML but for a line break (``<br>``). Soft breaks (a new line in the
    source) are ``breaks``: new lines by default, so that the rules of plain text see each line
    (a date or byline on a line of its own is dropped, wrapped lines are joined)."""
    out: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(breaks)
        elif child.type == "hardbreak" or (child.type == "html_inline"
                                           and _BREAK.match(child.content)):
            out.append("\n" if breaks == "\n" else " ")
    return "".join(out)


_BREAK = re.compile(r"<br\s*/?>", re.I)


def _is_chrome_element(el: Any) -> bool:
    # The page itself and its main content are never chrome, whatever their classes say
    # (<body class="menu-open">), nor is anything holding the page's title.
    if el.name in ("html", "body", "main", "article") or el.find(["main", "article", "h1"]):
        return False
    attrs = getattr(el, "attrs", None) or {}
    values = [attrs.get("id") or "", attrs.get("role") or "", attrs.get("aria-label") or "",
              *(attrs.get("class") or [])]
    return any(CHROME_ATTRIBUTE.search(str(v)) for v in values if v)


def html_content(path: Path) -> Any:
    """The body of a web page without its chrome: scripts, navigation, header, footer, forms,
    figures, and elements whose class, id or role names chrome (BeautifulSoup's tree)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "button",
                     "noscript", "svg", "iframe", "template", "figure"]):
        tag.decompose()
    for tag in [t for t in soup.find_all(True) if _is_chrome_element(t)]:
        if not tag.decomposed:
            tag.decompose()
    return soup.body or soup


def read_html(path: Path) -> list[Block]:
    body = html_content(path)
    lines: list[str] = []
    blocks: list[Block] = []
    for el in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote",
                             "table"]):
        if el.find_parent(["p", "li", "blockquote", "table"]) is not None:
            continue
        if el.name == "table":
            rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
                    for tr in el.find_all("tr")]
            text = table_text(rows)
        else:
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
    return pdf_blocks(pdf_page_lines(open_pdf(path)))


def open_pdf(path: Path) -> Any:
    """pypdf's reader of the PDF ``path``."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return PdfReader(str(path))
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _Unreadable(f"is not a readable PDF ({exc.__class__.__name__})") from exc


def pdf_page_lines(reader: Any) -> list[list[str]]:
    """The lines of text of each page of an open PDF (pypdf's ``PdfReader``)."""
    from pypdf.errors import PdfReadError

    try:
        return [(page.extract_text() or "").splitlines() for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _Unreadable(f"is not a readable PDF ({exc.__class__.__name__})") from exc


def pdf_blocks(pages: list[list[str]]) -> list[Block]:
    """The blocks of a PDF's pages, given as their lines (extracted, or read from a scan)."""
    # Running headers and footers ("Raadsvoorstel 2025/031", "Pagina 2 van 3") are not content.
    shapes = running_lines(pages)
    blocks: list[Block] = []
    for number, lines in enumerate(pages, start=1):
        blocks.extend(_blocks_from_lines(page_body(lines, shapes), page=number))
    return blocks


# Word's own heading styles, in English and Dutch Word ("Heading 1", "Kop 1", "Title", "Titel").
_DOCX_HEADING = re.compile(r"^(heading|kop)\s*(\d)$|^(title|titel)$", re.I)


def read_docx(path: Path) -> list[Block]:
    """Headings (by Word's heading styles), paragraphs and tables, in the order of the body."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        return _docx_blocks(docx.Document(str(path)), Table, Paragraph)
    # A damaged package, part or XML (lxml's errors are ValueErrors or SyntaxErrors).
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError,
            AttributeError) as exc:
        raise _Unreadable(f"is not a readable Word file ({exc.__class__.__name__})") from exc


def _docx_blocks(document: Any, table_type: Any, paragraph_type: Any) -> list[Block]:
    lines: list[str] = []
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, table_type):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            lines.extend([table_text(rows), ""])
            continue
        assert isinstance(item, paragraph_type)
        text = " ".join(item.text.split())
        style = _DOCX_HEADING.match(item.style.name if item.style is not None else "")
        if style and text:
            blocks.extend(_blocks_from_lines(lines))
            lines = []
            level = 1 if style.group(3) or style.group(2) in ("1", "2") else 2
            blocks.append(Block("heading", text, None, level))
        else:
            lines.extend([text, ""])
    blocks.extend(_blocks_from_lines(lines))
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
           ".pdf": read_pdf, ".docx": read_docx}


# --- corpus -------------------------------------------------------------------------------------

class Source(BaseModel):
    """One document's entry in sources.yaml. Dates and numbers YAML reads as such are kept as
    written; a key this version does not know is left alone, so a newer file still reads."""

    model_config = ConfigDict(extra="ignore")

    title: str | None = None
    kind: str | None = None
    publisher: str | None = None
    date: str | None = None
    language: str = "nl"
    url: str | None = None
    notes: str | None = None
    authors: list[str] = Field(default_factory=list)

    @field_validator("title", "kind", "publisher", "date", "url", "notes", mode="before")
    @classmethod
    def _as_written(cls, value: object) -> object:
        if isinstance(value, dict | list):
            return value  # refused below: a text is expected
        return None if value is None else str(value)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: object) -> object:
        return value or "nl"

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: object) -> object:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value


def load_sources(corpus_dir: Path) -> dict[str, Source]:
    """The metadata of sources.yaml by document id; one sentence naming the entry and the key
    when an entry does not fit."""
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
    sources = {}
    for doc_id, entry in data.items():
        if entry is not None and not isinstance(entry, dict):
            raise CorpusError(f"{path}: the entry {doc_id!r} must be a mapping of keys such as "
                              "title, publisher and date.")
        try:
            sources[str(doc_id)] = Source.model_validate(entry or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            key = ".".join(str(part) for part in first["loc"])
            raise CorpusError(f"{path}: {key} of {doc_id!r} cannot be used "
                              f"({first['msg'].lower()}).") from exc
    return sources


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


def first_lines(path: Path) -> list[str]:
    """The first :data:`.front.LEAD_LINES` lines of a file's text as it shows them, the particulars
    the readers drop as chrome included (markup left out; a Word table's rows as "cell | cell");
    none where the file cannot be read this way (its reader reports an unreadable file)."""
    suffix = path.suffix.lower()
    lines: list[str] = []
    try:
        if suffix in (".txt", ".md"):
            text = path.read_bytes()[:20_000].decode("utf-8", errors="replace")
            lines = [re.sub(r"^[#>\s]+|[*_`]", "", line) for line in text.splitlines()]
        elif suffix in (".html", ".htm"):
            lines = html_content(path).get_text("\n").splitlines()
        elif suffix == ".pdf":
            pages = open_pdf(path).pages
            lines = (pages[0].extract_text() or "").splitlines() if len(pages) else []
        elif suffix == ".docx":
            import docx
            from docx.table import Table

            for item in docx.Document(str(path)).iter_inner_content():
                if isinstance(item, Table):
                    lines += [" | ".join(cell.text for cell in row.cells) for row in item.rows]
                else:
                    lines.append(item.text)
                if len(lines) >= front.LEAD_LINES:
                    break
    except Exception:  # noqa: BLE001 - the reader reports an unreadable file, not this
        return []
    return [line.strip() for line in lines if line.strip()][:front.LEAD_LINES]


def own_title_and_date(path: Path, blocks: list[Block], need_title: bool, need_date: bool
                       ) -> tuple[str | None, str | None]:
    """The title and date the first page of ``path`` (read into ``blocks``) gives (see
    :mod:`.front`), each only where needed; (None, None) rather than an error where it cannot be
    read: the document is still loaded, under its file name."""
    try:
        return (front.title(blocks) if need_title else None,
                front.date(first_lines(path)) if need_date else None)
    except Exception as exc:  # noqa: BLE001 - a title is never worth losing a document over
        log.warning("Could not read a title or date from the first page of %s (%s).",
                    path.name, exc.__class__.__name__)
        return None, None


def load_document(path: Path, meta: Source) -> Document:
    """Read one file; raises ``_Unreadable`` for a file ingestion must skip."""
    if path.stat().st_size == 0:
        raise _Unreadable("is empty")
    blocks = READERS[path.suffix.lower()](path)
    if not any(b.kind == "para" for b in blocks):
        raise _Unreadable("holds no readable text")
    # What sources.yaml says, else what the document says of itself on its first page, else
    # (a title) its file name: "beleidsnota-verantwoord-algoritmegebruik" as "Beleidsnota
    # verantwoord algoritmegebruik".
    own_title, own_date = own_title_and_date(path, blocks, not meta.title, not meta.date)
    title = meta.title or own_title or front.name_of(path.stem)
    dated = meta.date or own_date
    blocks = _drop_empty_headings(_drop_self_citations(blocks, title))
    return Document(
        doc_id=path.stem,
        path=path,
        title=title,
        publisher=meta.publisher,
        date=dated,
        kind=meta.kind,
        language=meta.language,
        url=meta.url,
        authors=meta.authors,
        blocks=blocks,
    )


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
        if path.is_symlink() and not path.resolve().is_relative_to(corpus_dir.resolve()):
            # A link could make any file the server can read a "guidance text" that the chat
            # then quotes; a griffie copies its documents into the folder instead.
            report.skipped.append((path.name, "is a link to a file outside the corpus folder; "
                                   "copy the file into the folder instead"))
            continue
        try:
            doc = load_document(path, sources.get(path.stem) or Source())
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
        raise CorpusError(f"No readable guidance text in {corpus_dir}; add .txt, .md, .html, "
                          ".pdf or .docx files.")
    return report


__all__ = ["Block", "Document", "LoadReport", "content_hash", "is_chrome", "load_corpus",
           "load_sources"]
