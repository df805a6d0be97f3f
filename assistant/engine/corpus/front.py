"""What a document says of itself on its first page, for a document sources.yaml gives no title
or date (most documents a griffie adds).

A raadsvoorstel, raadsinformatiebrief or rekenkamerrapport opens with a label and a block of
particulars before its text: "RAADSVOORSTEL", "Onderwerp: Proef met bodycams ...",
"Kenmerk: RV 2026-117", "Datum collegebesluit: 3 november 2026", "REKENKAMERCOMMISSIE
LINDEWAARDE". Its first heading is therefore often the kind of document, the organisation or a
numbered decision point, not its title; and the reader drops the particulars as page chrome, so
the date is read from the first lines as the file shows them.

* Title (:func:`title`): of the first blocks, before the text begins, the subject after
  "Onderwerp:" or "Betreft:" where one is given, else the first block that reads as a title: not
  a particular ("Aan: de gemeenteraad", anything with a date after its label), not the
  organisation ("Gemeente Lindewaarde"), not a table of contents or a version line, not a
  numbered heading; with the kind of document before it where the document names one
  ("Raadsvoorstel: ...") and, for a title that is a question, its subtitle ("Slim geparkeerd?
  Onderzoek naar de parkeersensoren ...").
* Date (:func:`date`): the first date on one of the first lines that begins with Datum,
  Vastgesteld, Gepubliceerd, Publicatiedatum, Date or Published ("Datum collegebesluit: 3
  november 2026", "Vastgesteld door het college op 6 oktober 2026"), as YYYY-MM-DD (or YYYY-MM
  where no day is given). Day before month, as Dutch documents write it.

The readers give this module the blocks and the first lines (:func:`.readers.first_lines`);
reading them can cost a document its title, never the document.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Protocol

from assistant.engine.corpus.chrome import DUTCH_MONTHS
from assistant.engine.text.words import words


class _Block(Protocol):
    """A heading or paragraph as the readers give it (:class:`.readers.Block`)."""

    kind: str
    text: str


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
    council proposal report letter policy note press release
""".split())
# A line naming who wrote the document: short, or a list of its parts ("Gemeente Lindewaarde –
# afdeling Openbare Ruimte, team Verlichting"); never one with a colon.
_ORGANISATION = re.compile(
    r"^(gemeente|rekenkamer\w*|provincie|waterschap|griffie|college van|afdeling|stichting|"
    r"municipality|city of)\b", re.I)
_SUBJECT = re.compile(r"^\s*(onderwerp|betreft|subject|titel|title)\s*:\s*(.+?)\s*$", re.I)
_LABEL = re.compile(r"^\s*([^:]{2,60}?)\s*:\s+(\S.*)$")
# The first word of the label of a particular ("Aan:", "Kenmerk:", "Leden rekenkamercommissie:").
_PARTICULARS = frozenset("""
    aan van cc kenmerk ons uw datum portefeuillehouder portefeuillehouders wethouder informatie
    contact contactpersoon afdeling team commissie registratienummer zaaknummer bijlage bijlagen
    versie status opdrachtgever auteur auteurs leden onderzoeker onderzoekers telefoon e-mail
    email behandelaar steller agendapunt vergadering raadsvergadering collegevergadering
    to from date author authors version ref reference
""".split())
# Lines of a first page that are no title: a table of contents, a version, a web address.
_NOT_TITLE = re.compile(r"^(inhoud|inhoudsopgave|table of contents|contents|versie\b|version\b)|"
                        r"^\S+\.(nl|com|org|eu|net|be)(/\S*)?$", re.I)
# A numbered heading ("1. Inleiding", "4. Kennis te nemen van ..."); the readers keep such a
# line as a heading by the same pattern.
NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(\.\d{1,2})*[.)]?\s+[A-ZÀ-Ý]")
_DATE_LABEL = re.compile(r"^\s*(?:\|\s*)?(datum|vastgesteld|gepubliceerd|publicatiedatum|date|"
                         r"published)\b", re.I)
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(DUTCH_MONTHS)} | {
    name: i + 1 for i, name in enumerate(
        "january february march april may june july august september october november december"
        .split())} | {short: n for short, n in (
            ("jan", 1), ("feb", 2), ("mrt", 3), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7),
            ("aug", 8), ("sep", 9), ("sept", 9), ("okt", 10), ("oct", 10), ("nov", 11),
            ("dec", 12))}
_MONTH_NAMES = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_NAMES})\.?\s+((?:19|20)\d\d)\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAMES})\.?\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)\b")


def _labelled(text: str) -> bool:
    """A particular: a known label ("Kenmerk: ..."), or any label before a date ("Ter
    bespreking in de commissie: 2 november 2026")."""
    m = _LABEL.match(text)
    if m is None:
        return False
    label = words(m.group(1))
    return bool(label) and label[0] in _PARTICULARS or parse_date(m.group(2)) is not None


def _organisation(text: str) -> bool:
    return bool(_ORGANISATION.match(text)) and ":" not in text and (
        len(words(text)) <= 4 or bool(re.search(r"[,–—|]| - ", text)))


def _is_kind(label: str) -> bool:
    tokens = words(label)
    return 0 < len(tokens) <= 3 and all(t in _KINDS for t in tokens)


def _kind_name(label: str) -> str:
    label = " ".join(label.split()).rstrip(" :")
    return label[:1].upper() + label[1:].lower() if label.isupper() else label


def _title_like(text: str) -> bool:
    n = len(words(text))
    return 0 < n <= TITLE_WORDS and not text.rstrip().endswith((".", ";", ",", ":")) \
        and not NUMBERED_HEADING.match(text) and not _DATE_LABEL.match(text) \
        and not _NOT_TITLE.match(text.strip())


def title(blocks: Sequence[_Block]) -> str | None:
    """The document's title as its first blocks give it (see the module's docstring); None
    where they give none (the caller names it by its file)."""
    kind: str | None = None
    lead = blocks[:LEAD_BLOCKS]
    for i, block in enumerate(lead):
        text = " ".join(block.text.split())
        subject = _SUBJECT.match(text)
        if subject and _title_like(subject.group(2)):
            return f"{kind}: {subject.group(2)}" if kind else subject.group(2)
        label, colon, rest = text.partition(":")
        if colon and _title_like(rest.strip()) and _is_kind(label):
            return f"{_kind_name(label)}: {rest.strip()}"  # "Raadsvoorstel: camera's bij ..."
        if _is_kind(text):
            kind = kind or _kind_name(text)
            continue
        if subject or _organisation(text) or _labelled(text) or _DATE_LABEL.match(text) \
                or _NOT_TITLE.match(text):
            continue
        if NUMBERED_HEADING.match(text) or block.kind == "para" and not _title_like(text):
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
            if _title_like(sub) and not _labelled(sub) and not _organisation(sub) \
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
    """The first date on one of the first :data:`LEAD_LINES` lines that begins with a label
    saying it is the document's (see the module's docstring); None where there is none."""
    for line in lines[:LEAD_LINES]:
        line = line.replace("*", "").strip()
        m = _DATE_LABEL.match(line)
        found = parse_date(line[m.end():]) if m else None
        if found:
            return found
    return None


def _valid(year: int, month: int, day: int | None = None) -> str | None:
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}" if day else f"{year}-{month:02d}"


def parse_date(text: str) -> str | None:
    """The first valid date in ``text`` ("6 oktober 2026", "2026-10-06", "06-10-2026", "October
    6, 2026", "oktober 2026"), as YYYY-MM-DD or YYYY-MM."""
    found: list[tuple[int, str | None]] = []
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTH_NUMBER.get(m.group(2).lower())
        if month:
            found.append((m.start(), _valid(int(m.group(3)), month, int(m.group(1)))))
    for m in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTH_NUMBER.get(m.group(1).lower())
        if month:
            found.append((m.start(), _valid(int(m.group(3)), month, int(m.group(2)))))
    for m in _ISO.finditer(text):
        found.append((m.start(), _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in _NUMERIC.finditer(text):
        found.append((m.start(), _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
    dated = [(at, d) for at, d in found if d]
    if dated:
        return min(dated)[1]
    for m in _MONTH_YEAR.finditer(text):
        month = _MONTH_NUMBER.get(m.group(1).lower())
        valid = month and _valid(int(m.group(2)), month)
        if valid:
            return valid
    return None
