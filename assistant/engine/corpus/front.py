"""What a document says of itself on its first page, for a document sources.yaml does not
describe (most documents a griffie adds): its title and its date.

A raadsvoorstel, raadsinformatiebrief or rekenkamerrapport opens with a label and a block of
particulars before its text: "RAADSVOORSTEL", "Onderwerp: Proef met bodycams ...",
"Kenmerk: RV 2026-117", "Datum collegebesluit: 3 november 2026", "REKENKAMERCOMMISSIE
LINDEWAARDE". Its first heading is therefore often the kind of document, the organisation or a
numbered decision point, not its title; and the reader drops the particulars as page chrome, so
the date is read from the first lines as the file shows them.

* Title (:func:`title`): of the first blocks, before the text begins, the first that reads as a
  title: not a label with particulars ("Aan: de gemeenteraad"), not an organisation, not a date
  line, not a numbered heading; the subject after "Onderwerp:" or "Betreft:" where one is given;
  the kind of document before it where the document gives one ("Raadsvoorstel: ..."); the
  subtitle of a title that is a question ("Slim geparkeerd? Onderzoek naar de parkeersensoren").
* Date (:func:`date`): the first date after a label that says it is the document's ("Datum",
  "Vastgesteld door het college op", "Datum collegebesluit", "Gepubliceerd op"), as
  YYYY-MM-DD (or YYYY-MM where no day is given).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.engine.text.words import words

if TYPE_CHECKING:
    from assistant.engine.corpus.readers import Block

# The blocks a title is looked for in, and the lines a date is: the first page's worth.
LEAD_BLOCKS = 8
LEAD_LINES = 60
# A title is at most this long; a longer block is text.
TITLE_WORDS = 20

# Words that name a kind of document: a line of them alone is a label, not the title.
_KINDS = frozenset("""
    raadsvoorstel raadsbesluit raadsinformatiebrief raadsbrief raadsmededeling collegebesluit
    collegevoorstel beleidsnota beleidsnotitie notitie nota memo memorandum brief rapport
    onderzoeksrapport rekenkamerrapport rekenkamerbrief evaluatie persbericht nieuwsbericht
    factsheet voorstel besluit amendement motie initiatiefvoorstel
    council proposal report letter memo policy note press release
""".split())
# The first word of a line that names who wrote the document, not what it is about.
_ORGANISATION = re.compile(
    r"^(gemeente|rekenkamer\w*|college|provincie|waterschap|afdeling|team|griffie|"
    r"gemeenteraad|raad|stichting|municipality|city of)\b", re.I)
_SUBJECT = re.compile(r"^\s*(onderwerp|betreft|subject|titel|title)\s*:\s*(.+?)\s*$", re.I)
# "Aan: de gemeenteraad", "Kenmerk: RV-2026-087", "Leden rekenkamercommissie: ...": a label of
# at most three words before a colon ("Beleidsnota Pilot Digitale Identiteit: de Kustwallet" is a
# title), or any label before a date ("Ter bespreking in de commissie: 2 november 2026").
_LABEL = re.compile(r"^\s*([^:]{2,60}?)\s*:\s+(\S.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,2}(\.\d{1,2})*[.)]?\s")
_DATE_LABEL = re.compile(
    r"^\s*(?:\|\s*)?(datum(?:\s+\w+){0,2}|vastgesteld(?:\s+\w+){0,4}?\s+op|"
    r"gepubliceerd(?:\s+op)?|publicatiedatum|date(?:\s+\w+)?|published(?:\s+on)?)"
    r"\s*[:|;]?\s*(?P<rest>.*)$", re.I)
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(
    "januari februari maart april mei juni juli augustus september oktober november december"
    .split())} | {name: i + 1 for i, name in enumerate(
        "january february march april may june july august september october november december"
        .split())} | {short: n for short, n in (
            ("jan", 1), ("feb", 2), ("mrt", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
            ("sep", 9), ("sept", 9), ("okt", 10), ("oct", 10), ("nov", 11), ("dec", 12))}
_MONTH_NAMES = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_NAMES})\.?\s+((?:19|20)\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAMES})\.?\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)\b")


def _labelled(text: str) -> bool:
    m = _LABEL.match(text)
    return m is not None and (len(words(m.group(1))) <= 3 or parse_date(m.group(2)) is not None)


def _is_kind(label: str) -> bool:
    tokens = words(label)
    return 0 < len(tokens) <= 3 and all(t in _KINDS for t in tokens)


def _kind_name(label: str) -> str:
    label = " ".join(label.split())
    return label[:1].upper() + label[1:].lower() if label.isupper() else label


def _title_like(text: str) -> bool:
    n = len(words(text))
    return 0 < n <= TITLE_WORDS and not text.rstrip().endswith((".", ";", ",", ":")) \
        and not _NUMBERED.match(text) and not _DATE_LABEL.match(text)


def title(blocks: list[Block]) -> str | None:
    """The document's title as its first blocks give it (see the module's docstring); None
    where they give none (the caller names it by its file)."""
    kind: str | None = None
    lead = blocks[:LEAD_BLOCKS]
    for i, block in enumerate(lead):
        text = " ".join(block.text.split())
        subject = _SUBJECT.match(text)
        if subject:
            return f"{kind}: {subject.group(2)}" if kind else subject.group(2)
        label, colon, rest = text.partition(":")
        if colon and rest.strip() and _is_kind(label):
            return f"{_kind_name(label)}: {rest.strip()}"  # "Raadsvoorstel: camera's bij ..."
        if _is_kind(text):
            kind = kind or _kind_name(text)
            continue
        if _ORGANISATION.match(text) and len(words(text)) <= 12 or _labelled(text) \
                or _DATE_LABEL.match(text):
            continue
        if block.kind == "para" and not _title_like(text) or _NUMBERED.match(text):
            break  # the text begins
        if not _title_like(text):
            continue
        found = text
        after = lead[i + 1] if i + 1 < len(lead) else None
        if found.endswith(("?", "!")) and block.kind == "heading" and after is not None \
                and after.kind == "heading":
            # A question as the title leans on its subtitle ("Slim geparkeerd?"); any other
            # heading that follows is the first section's.
            sub = " ".join(after.text.split())
            if _title_like(sub) and not _labelled(sub) and not _ORGANISATION.match(sub) \
                    and not _is_kind(sub):
                found = f"{found} {sub}"
        if kind and words(found)[0] not in _KINDS:
            found = f"{kind}: {found}"
        return found
    return kind


def name_of(stem: str) -> str:
    """A file name as a title: "beleidsnota-verantwoord-algoritmegebruik" as "Beleidsnota
    verantwoord algoritmegebruik"."""
    name = " ".join(re.sub(r"[-_]+", " ", stem).split()) or stem
    return name[:1].upper() + name[1:]


def date(lines: list[str]) -> str | None:
    """The first date of the first ``LEAD_LINES`` lines that follows a label saying it is the
    document's, as YYYY-MM-DD or YYYY-MM; None where there is none."""
    for line in lines[:LEAD_LINES]:
        m = _DATE_LABEL.match(line.replace("*", "").strip())
        if not m:
            continue
        found = parse_date(m.group("rest"))
        if found:
            return found
    return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` ("6 oktober 2026", "2026-10-06", "06-10-2026", "oktober
    2026"), as YYYY-MM-DD or YYYY-MM."""
    found = []
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        day, month = int(m.group(1)), _MONTH_NUMBER[m.group(2).lower()]
        if 1 <= day <= 31:
            found.append((m.start(), f"{m.group(3)}-{month:02d}-{day:02d}"))
    m = _ISO.search(text)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        found.append((m.start(), m.group(0)))
    m = _NUMERIC.search(text)
    if m and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
        found.append((m.start(), f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"))
    if not found:
        m = _MONTH_YEAR.search(text)
        if m:
            found.append((m.start(), f"{m.group(2)}-{_MONTH_NUMBER[m.group(1).lower()]:02d}"))
    return min(found)[1] if found else None


def leading_lines(path: Path) -> list[str]:
    """The first lines of a file's text as it shows them, markup left out; none where the file
    cannot be read this way (the document is read, and fails, by its reader)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".txt", ".md"):
            text = path.read_bytes()[:20_000].decode("utf-8", errors="replace")
            lines = [re.sub(r"^[#>\s]+|[*_`]", "", line) for line in text.splitlines()]
        elif suffix in (".html", ".htm"):
            from bs4 import BeautifulSoup

            soup = BeautifulSoup(path.read_bytes()[:200_000], "html.parser")
            for tag in soup(["script", "style", "nav", "footer", "noscript", "svg", "template"]):
                tag.decompose()
            lines = (soup.body or soup).get_text("\n").splitlines()
        elif suffix == ".pdf":
            from assistant.engine.corpus.readers import open_pdf, pdf_page_lines

            pages = pdf_page_lines(open_pdf(path))
            lines = pages[0] if pages else []
        elif suffix == ".docx":
            import docx

            lines = [p.text for p in docx.Document(str(path)).paragraphs[:LEAD_LINES]]
        else:
            return []
    except Exception:  # noqa: BLE001 - the reader reports an unreadable file, not this
        return []
    return [line.strip() for line in lines if line.strip()][:LEAD_LINES]
