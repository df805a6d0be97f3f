"""Questions that follow from two periods a proposal names in different places (``tensions.yaml``):
a supplier's term longer than the trial, or than the evaluation that could end it.

Which sentences speak to which checklist item is the proposal model's reading, here from
probability :data:`READING`; the periods in them are read by the case's forms (``case.yaml``: a
number and a unit of time, and whether a word of keeping or of running stands near it), after
the number words are written as figures ("tien jaar" -> "10 jaar"), and as two dates or two
years (the file's ``ranges``). A file that fails its schema is refused with
one sentence naming the entry and its line.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.engine.bank.schema import _entry
from assistant.engine.case import _patterns, period_kinds
from assistant.engine.details import figures
from assistant.engine.framework import STEP_NUMBERS, YamlLines, parse_yaml
from assistant.engine.review.checklist import Item, Texts, as_quote, checklist
from assistant.engine.text.words import fold, words
from assistant.errors import UnderstandingDataError

TENSIONS = Path(__file__).with_name("tensions.yaml")
# Probability from which the proposal model's reading puts a sentence under an item here: more
# likely than not; here a sentence must also name a period with the side's cue words near it.
# Only among the sentences the worksheet counts the item as addressed by (from the gap threshold,
# review/model.py gap_threshold, higher than this in a proposal of more than 18 sentences), so
# that no question quotes a sentence for an item the worksheet reports missing. Chosen on thirty
# short development proposals (see docs/proposals.md).
READING = 0.5
# Months per unit of time, as the case's forms name the units (both languages).
_MONTHS = {"uur": 1 / 720, "uren": 1 / 720, "hours": 1 / 720, "dag": 1 / 30, "dagen": 1 / 30,
           "day": 1 / 30, "days": 1 / 30, "week": 7 / 30, "weken": 7 / 30, "weeks": 7 / 30,
           "maand": 1.0, "maanden": 1.0, "month": 1.0, "months": 1.0, "jaar": 12.0,
           "jaren": 12.0, "year": 12.0, "years": 12.0}
# Words for a number the case's forms read before a unit (folded; "one" is a figure by then).
_HOW_MANY = {"een": 1.0, "a": 1.0, "anderhalf": 1.5, "anderhalve": 1.5}
# What a question quotes of a sentence: all of it up to this many words, else the clause (between
# commas, semicolons, colons, brackets or list dashes) that names the period.
QUOTE_WORDS = 20
_CLAUSES = re.compile(r"[;,():]\s+|\s[-–•]\s")

Kind = Literal["kept", "runs", "other"]
_KINDS: dict[str | None, Kind] = {"bewaartermijn": "kept", "duur": "runs", None: "other"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Side(_Strict):
    items: tuple[str, ...] = Field(min_length=1)
    kinds: tuple[Kind, ...] = Field(min_length=1)
    cues: tuple[str, ...] = ()
    # Which of the side's periods counts: the longest (a term, a trial's length) or the first
    # (an evaluation: the first moment the council could stop).
    pick: Literal["longest", "shortest"] = "longest"
    # Whether two years ("2027-2029") count: as a term they do; as a trial they overstate it
    # (a pilot of eighteen months runs over three calendar years).
    years: bool = True


class Tension(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    step: int
    # Of the tensions of one group (one step), only the first whose shorter period the proposal
    # names is compared.
    group: str | None = None
    long: Side
    short: Side
    ask: Texts


class Ranges(_Strict):
    starts: tuple[str, ...] = Field(min_length=1)
    ends: tuple[str, ...] = Field(min_length=1)
    inclusive: tuple[str, ...] = ()
    months: tuple[tuple[str, ...], ...] = Field(min_length=12, max_length=12)


class _TensionsFile(_Strict):
    window: int = Field(ge=1, le=30)
    deadlines: tuple[str, ...] = ()
    ranges: Ranges
    tensions: tuple[Tension, ...] = Field(min_length=1)


SLOTS = ("{long}", "{short}", "{quote}")


def read_tensions(path: Path = TENSIONS, items: tuple[Item, ...] | None = None
                  ) -> tuple[Tension, ...]:
    return _read(path, items).tensions


def _read(path: Path = TENSIONS, items: tuple[Item, ...] | None = None) -> _TensionsFile:
    what = f"The proposal tensions file {path}"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnderstandingDataError(f"{what} cannot be read ({exc.__class__.__name__}); "
                                     "reinstall the assistant.") from exc
    data, node = parse_yaml(text, what, _TensionsFile.model_validate, UnderstandingDataError,
                            "with a list of tensions (see the comments at its top)", _entry)
    _check(data, node, what, {i.id for i in (items if items is not None else checklist())})
    return data


def _check(data: _TensionsFile, node: YamlLines, what: str, item_ids: set[str]) -> None:
    seen: set[str] = set()

    def refuse(loc: tuple[Any, ...], key: str, why: str) -> None:
        raise UnderstandingDataError(f"{what} line {node.line(loc)}: entry {key}: {why}.")

    steps: dict[str, int] = {}
    for i, t in enumerate(data.tensions):
        if t.group is not None and steps.setdefault(t.group, t.step) != t.step:
            refuse(("tensions", i, "group"), t.id, f"the group {t.group} stands in another step")
        if t.id in seen:
            refuse(("tensions", i, "id"), t.id, "another entry has the same id")
        seen.add(t.id)
        if t.step not in STEP_NUMBERS:
            refuse(("tensions", i, "step"), t.id, "step must be a denkraam step, 1 to 5")
        for side in ("long", "short"):
            odd = [c for c in getattr(t, side).cues if c != fold(c) or " " in c]
            if odd:
                refuse(("tensions", i, side, "cues"), t.id,
                       f"the cue {odd[0]!r} is not one word in lower case without accents")
            unknown = sorted(set(getattr(t, side).items) - item_ids)
            if unknown:
                refuse(("tensions", i, side, "items"), t.id,
                       f"{', '.join(unknown)} is not a checklist item")
        for lang in ("nl", "en"):
            ask = getattr(t.ask, lang)
            rest = ask
            for slot in SLOTS:
                if ask.count(slot) != 1:
                    refuse(("tensions", i, "ask", lang), t.id,
                           f"the question has {slot} exactly once")
                rest = rest.replace(slot, "")
            if "{" in rest or "}" in rest:
                refuse(("tensions", i, "ask", lang), t.id,
                       "the question has no slots but {long}, {short} and {quote}")


@lru_cache(maxsize=1)
def _file() -> _TensionsFile:
    return _read()


def tensions() -> tuple[Tension, ...]:
    return _file().tensions


def deadlines() -> tuple[str, ...]:
    return _file().deadlines


def group_of() -> dict[str, str]:
    """Each tension's group: its ``group``, else its own id."""
    return {t.id: t.group or t.id for t in tensions()}


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _range_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    r = _file().ranges
    month_of = {name: i for i, names in enumerate(r.months, 1) for name in names}
    date = rf"(?:(\d{{1,2}})\s+)?({_alt(tuple(month_of))})\s+(\d{{4}})"
    return (re.compile(rf"\b(?:{_alt(r.starts)})\s+{date}\s+({_alt(r.ends)})\s+{date}\b"),
            month_of)


def _ranges(written: str, lang: str, row: int) -> list[Period]:
    """The periods written as two dates ("van 1 september 2027 tot 1 september 2028") or as two
    years ("2027-2030"), in whole months, in a sentence as figures write it (folded, number words
    as figures). A date without a day starts on the first of its month, or, as the end of an
    inclusive range ("tot en met maart 2030"), ends on its last day."""
    pattern, month_of = _range_pattern()
    inclusive = frozenset(_file().ranges.inclusive)
    out: list[Period] = []
    for m in pattern.finditer(written):
        d1, m1, y1, end, d2, m2, y2 = m.groups()
        try:
            start = date(int(y1), month_of[m1], int(d1) if d1 else 1)
            last = date(int(y2), month_of[m2], int(d2) if d2 else 1)
            if end in inclusive:
                if not d2:
                    last = date(int(y2), month_of[m2],
                                calendar.monthrange(int(y2), month_of[m2])[1])
                last += timedelta(days=1)
        except ValueError:  # "31 februari"
            continue
        months = round((last - start).days / (365.25 / 12))
        if months > 0:
            out.append(Period(float(months), _as_period(months, lang), "runs", row, m.start(),
                              m.end(), matched=" ".join(m.group(0).split())))
    for m in _YEARS.finditer(written):
        # "looptijd 2027-2030": whole years, both counted.
        first, last_year = int(m.group(1)), int(m.group(2))
        if 0 < last_year - first < 50:
            months = (last_year - first + 1) * 12
            out.append(Period(float(months), _as_period(months, lang), "runs", row, m.start(),
                              m.end(), years=True, matched=m.group(0)))
    return out


_YEARS = re.compile(r"\b((?:19|20)\d\d)\s?[-–]\s?((?:19|20)\d\d)\b")


def _as_period(months: int, lang: str) -> str:
    """12 -> "12 maanden" ("12 months"); 24 -> "2 jaar" ("2 years")."""
    if months % 12 == 0 and months >= 24:
        return f"{months // 12} {'years' if lang == 'en' else 'jaar'}"
    return f"{months} {'months' if lang == 'en' else 'maanden'}"


@dataclass(frozen=True)
class Period:
    months: float
    written: str  # as a question writes it: "10 jaar", "12 maanden" for two dates
    kind: Kind
    row: int  # the sentence's position among the proposal's
    start: int  # where it stands in the sentence as figures write it
    end: int
    years: bool = False  # written as two years ("2027-2030")
    matched: str = ""  # the words that name it, as figures write them ("10 jaar", "2027-2030")


def periods(text: str, lang: str, row: int) -> list[Period]:
    """The periods a sentence names, with their kinds and lengths in months; not a deadline
    ("binnen vier weken", the file's ``deadlines``), which says by when, not how long."""
    written = figures(text, lang)
    deadline = frozenset(deadlines())
    out: list[Period] = []
    for kind, m in period_kinds(_patterns()[lang], written):
        months = _months(m.group(0), lang)
        if months is not None and not set(words(written[:m.start()])[-1:]) & deadline:
            phrase = " ".join(m.group(0).split())
            out.append(Period(months, phrase, _KINDS[kind], row, m.start(), m.end(),
                              matched=phrase))
    return out + _ranges(written, lang, row)


def _months(phrase: str, lang: str) -> float | None:
    """ "10 jaar" -> 120, "een half jaar" -> 6, "anderhalve maand" -> 1.5; None without a
    number."""
    toks = phrase.lower().split()
    unit = _MONTHS.get(toks[-1]) if toks else None
    if unit is None:
        return None
    head = toks[0]
    thousands = "," if lang == "en" else "."
    if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+", head):  # 1.000 dagen
        number = float(head.replace(thousands, ""))
    elif re.fullmatch(r"\d+(?:[.,]\d+)?", head):
        number = float(head.replace(",", "."))
    elif head in _HOW_MANY:
        number = _HOW_MANY[head]
    else:
        return None
    if len(toks) > 2 and toks[1] in ("half", "halve"):
        number = 0.5 * number if head in ("een", "a") else number + 0.5
    return number * unit


def _near(text: str, period: Period, cues: frozenset[str]) -> bool:
    """Whether a word ending in one of ``cues`` stands within the file's ``window`` of words of
    the period, in its sentence (as figures write it)."""
    window = _file().window
    near = (words(text[:period.start])[-window:] + words(text[period.start:period.end])
            + words(text[period.end:])[:window])
    return any(w.endswith(cue) for w in near for cue in cues)


def pick(side: Side, texts: dict[int, str], rows: set[int], lang: str) -> Period | None:
    """The side's period named in the given sentences (by position): of its kinds, with one of
    its cues near it if it has cues, the longest or the shortest as the side says."""
    cues = frozenset(side.cues)
    sign = 1 if side.pick == "longest" else -1
    best: Period | None = None
    for row in sorted(rows):
        found = periods(texts[row], lang, row)
        written = figures(texts[row], lang) if found and cues else ""
        for p in found:
            if p.kind in side.kinds and (side.years or not p.years) \
                    and (not cues or _near(written, p, cues)) \
                    and (best is None or sign * p.months > sign * best.months):
                best = p
    return best


def quote_of(sentence: str, period: Period, lang: str) -> str:
    """What a question quotes of the sentence naming a period: all of it when short, else the
    clause (between commas, semicolons, colons, brackets or list dashes) that names the period,
    else the words around it; marked "…" where it was cut, without its list number or closing
    full stop."""
    text = as_quote(sentence).rstrip(".")
    if len(text.split()) <= QUOTE_WORDS:
        return text
    clauses = [c.strip().rstrip(".") for c in _CLAUSES.split(text) if c.strip(" .")]
    for i, clause in enumerate(clauses):
        if not _names(clause, period, lang):
            continue
        if len(clause.split()) <= QUOTE_WORDS:
            return f"{'…' if i else ''}{clause}{'…' if i < len(clauses) - 1 else ''}"
        return _around(clause, period, lang)
    return _around(text, period, lang)


def _names(text: str, period: Period, lang: str) -> bool:
    """Whether ``text`` names the period: its words, as figures write them, stand in it as
    words of their own ("2 jaar" is not in "12 jaar")."""
    return bool(re.search(rf"(?<![\w.,]){re.escape(period.matched)}(?!\w)", figures(text, lang)))


def _around(text: str, period: Period, lang: str) -> str:
    """The words of ``text`` around the period, at most :data:`QUOTE_WORDS`, marked "…" where
    cut."""
    tokens = text.split()
    # The first word by which the words so far name the period: where it ends.
    at = next((i for i in range(len(tokens)) if _names(" ".join(tokens[:i + 1]), period, lang)),
              0)
    start = max(0, at - QUOTE_WORDS // 2)
    end = min(len(tokens), start + QUOTE_WORDS)
    return f"{'…' if start else ''}{' '.join(tokens[start:end])}{'…' if end < len(tokens) else ''}"


