"""Rules that tell page chrome from content, for every reader in :mod:`.readers`.

Web captures and municipal documents carry text that is not the document's content: menus, icon
labels, "Lees het hele rapport hier", dates and bylines, cookie banners, newsletter sign-ups,
download lists ("Rapport (PDF, 1,4 MB)"), and in PDFs running headers and page numbers. The rules
are general (interface words, link sentences that point "hier", date and byline shapes, file-size
labels, consent wording, lines repeated on most pages), not lists of strings seen in one file.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.engine.text.sentences import split_sentences
from assistant.engine.text.words import DUTCH_STOPWORDS, ENGLISH_STOPWORDS, words

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
    open openen toon show verberg hide link links hier here ga gaan go direct
    """.split()
)
_CTA_VERB = re.compile(
    r"\b(lees|klik|download|bekijk|bestel|ga|kijk|read|click|view|see|order)\b", re.I
)
_CTA_HERE = re.compile(r"\b(hier|here)\b", re.I)
# The Dutch months in their order (front.py numbers them), and how they are shortened.
DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december")
MONTHS = "|".join(DUTCH_MONTHS + ("jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept",
                                  "okt", "nov", "dec"))
_DATE = rf"(\d{{1,2}}\s+({MONTHS})\s+\d{{4}}|({MONTHS})\s+\d{{4}}|\d{{4}}-\d{{2}}(-\d{{2}})?|" \
        rf"\d{{1,2}}[-/]\d{{1,2}}[-/]\d{{4}})"
DATE_LINE = re.compile(rf"^\s*{_DATE}\s*$", re.I)
_DATE_IN = re.compile(_DATE, re.I)
META_PREFIX = re.compile(r"^\s*(date|datum|published|gepubliceerd)\s*:?\s*[\d-]{4,10}\s+", re.I)
_BYLINE = re.compile(r"^\s*(?i:door|by|tekst|auteurs?)\s*:?\s+[A-Z][\w.-]+(\s+[\w.-]+){0,8}\s*$")
# "Rapport (PDF, 1,4 MB)", "Bijlage [docx, 310 kB]": a link to a file, not content.
_FILE_LABEL = re.compile(r"[(\[]\s*(pdf|docx?|xlsx?|odt|ods|pptx?|csv|zip)\b[^)\]]*\d\s*[kmg]b"
                         r"\s*[)\]]", re.I)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_CONSENT = re.compile(r"\b(accepteer|accepteren|akkoord|toestemming|instellingen|weigeren|"
                      r"accept|consent|settings|agree)\w*", re.I)
_SIGN_UP = re.compile(r"\b(meld (u|je) aan|schrijf (u|je) in|aanmelden|abonneer|inschrijven|"
                      r"sign up|subscribe)\b.{0,60}\b(nieuwsbrief|newsletter|mailing)|"
                      r"\b(nieuwsbrief|newsletter)\b.{0,60}\b(aanmelden|inschrijven|ontvangen|"
                      r"sign up|subscribe)\b", re.I)
# Class, id or role of HTML elements that hold chrome rather than content.
CHROME_ATTRIBUTE = re.compile(
    r"(^|[-_\s])(cookie\w*|consent|gdpr|newsletter|nieuwsbrief|subscribe|share|sharing|social|"
    r"breadcrumbs?|skip(-link)?|menu|navbar|navigation|downloads?|related|sidebar|popup|"
    r"modal|toolbar|pagination)($|[-_\s])", re.I)
_TERMINAL = re.compile(r"[.!?:;,…)\"'’”]$")


def is_chrome(line: str) -> bool:
    """True for page chrome: interface-word lines, link lines, dates and meta lines, bylines,
    tag lists, file-download labels, cookie and newsletter notices."""
    stripped = line.strip()
    if not stripped:
        return True
    tokens = words(stripped)
    if not tokens:
        return True
    if DATE_LINE.match(stripped) or _BYLINE.match(stripped):
        return True
    if is_meta_line(stripped) or (_FILE_LABEL.search(stripped) and len(tokens) <= 16):
        return True
    if (_COOKIE.search(stripped) and _CONSENT.search(stripped)) or _SIGN_UP.search(stripped):
        return True
    if len(tokens) <= 8 and not _TERMINAL.search(stripped):
        content = [t for t in tokens if t not in DUTCH_STOPWORDS and t not in ENGLISH_STOPWORDS]
        content = content or tokens
        ui = sum(_is_interface_word(t) for t in content)
        if ui / len(content) >= 0.6:
            return True
        if _is_tag_list(stripped) and not any(t in DUTCH_STOPWORDS for t in tokens) \
                and not stripped[:1].isdigit():
            return True
    return len(tokens) <= 12 and is_call_to_action(stripped)


def is_meta_line(line: str) -> bool:
    """A short line that carries a date and a label or a name: "Nieuwsbericht | 12 mei 2025",
    "Rekenkamercommissie Weststad, oktober 2025"."""
    m = _DATE_IN.search(line)
    if not m or line.rstrip().endswith((".", "?", "!")):
        return False
    rest = words(line[: m.start()] + " " + line[m.end():])
    return len(rest) <= 3


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
    """Drop link sentences and notices from a paragraph, keeping the rest of it."""
    kept = [s for s in split_sentences(paragraph)
            if not (len(words(s)) <= 14 and is_call_to_action(s))
            and not (_COOKIE.search(s) and _CONSENT.search(s)) and not _SIGN_UP.search(s)]
    return " ".join(kept)


EDGE_LINES = 2


def edges(lines: list[str]) -> set[int]:
    """Positions of the first and last ``EDGE_LINES`` non-empty lines of a page, where running
    headers and footers stand."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])


def running_lines(pages: list[list[str]]) -> set[str]:
    """Header and footer lines repeated on most pages of a PDF ("Raadsvoorstel 2025/031",
    "Pagina 2 van 3"), compared with their digits ignored."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(lines[i]) for i in edges(lines)})
    need = max(2, (len(pages) + 1) // 2)
    return {shape for shape, n in counts.items() if n >= need and len(shape) <= 120}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def page_body(lines: list[str], shapes: set[str]) -> list[str]:
    """A page's lines without its running header, footer and page number."""
    edge = edges(lines)
    return [line for i, line in enumerate(lines)
            if i not in edge or not (_shape(line) in shapes or _PAGE_NUMBER.fullmatch(line))]


_PAGE_NUMBER = re.compile(r"\s*(pagina|page|blz\.?|p\.)?\s*\d+\s*((van|of|/)\s*\d+)?\s*", re.I)
