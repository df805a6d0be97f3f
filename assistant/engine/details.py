"""Which details a text states, in the forms texts write them: amounts ("€ 115.000", "115 duizend
euro", "1,2 miljoen", "EUR 50", "ruim een ton"), periods ("48 uur", "twee weken", "een half jaar",
"tot de bezwaartermijn is verstreken"), dates ("1 maart 2027", "medio 2028", "het eerste
kwartaal van 2027"), counts and percentages ("15 procent", "een kwart").

Number words become digits first, with text2num (``alpha2digit``, Dutch and English), so the
rules below only ever see figures; what makes a figure an amount, a period or a date is the word
lists of ``details.yaml``, one per language, validated by :class:`Forms`. A text's language is not
known here, so both languages' words are used on every text. The check runs on the sentences an
answer could draw on (see ``retrieve.py``); it takes about 0.2 ms a sentence, and the caller keeps
its result per sentence.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from text_to_num import alpha2digit

from assistant.engine.text.words import fold, words

FILE = Path(__file__).with_name("details.yaml")
# The details a text can be checked for; the others a question can ask for (a place, a person, a
# rule, a name) are read by retrieve.py.
STATED = ("amount", "duration", "date", "count", "percentage")

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:e|ste|de)?|k€|[€%$£]|[a-z]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ORDINAL = re.compile(r"\d+(?:e|ste|de)")
# Dates written in figures: 01-03-2027, 1/3/27, 2027-03-01.
_NUMERIC_DATE = re.compile(r"\b(\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b")
_QUARTER = re.compile(r"\bq[1-4]\b")
# "2 op de 3", "7 in 10", "1 op 5": a share.
_RATIO = re.compile(r"\b\d+ (op( de)?|in|out of) \d+\b")
# "drie vijfde", "twee derde", "three fifths": a fraction in words (read before text2num, which
# takes "vijfde" for an ordinal).
_DENOMINATORS = ("derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
                 "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "sixths",
                 "tenth", "tenths")
_FRACTION = re.compile(r"\b(een|twee|drie|vier|vijf|zes|zeven|acht|negen|one|two|three|four|five|"
                       rf"six|seven|eight|nine) ({'|'.join(_DENOMINATORS)})\b")
# Halves that count a period: "anderhalf jaar", "tweeenhalf jaar", "een halve dag".
_HALF = re.compile(r"(een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)enhalf|anderhalf|"
                   r"anderhalve|half|halve")
# How far (in words) a number may stand from the word that makes it an amount or a period.
NEAR = 3


class Forms(BaseModel):
    """One language's words that make a number a detail (see details.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: tuple[str, ...]
    scale: tuple[str, ...]
    money_words: tuple[str, ...]
    ton_amounts: tuple[str, ...]
    weighed: tuple[str, ...]
    time_units: tuple[str, ...]
    periods: tuple[str, ...]
    until: tuple[str, ...]
    ends: tuple[str, ...]
    months: tuple[str, ...]
    times_of_year: tuple[str, ...]
    this_next: tuple[str, ...]
    percent: tuple[str, ...]
    fractions: tuple[str, ...]
    rates: dict[str, tuple[str, ...]]
    rate_words: dict[str, tuple[str, ...]]
    rate_openers: tuple[str, ...]
    rate_openers_after_figure: tuple[str, ...]
    not_rates: tuple[str, ...]
    how_often: tuple[str, ...]
    comparatives: dict[str, tuple[str, ...]]
    date_asks: dict[str, tuple[str, ...]]
    times: tuple[str, ...]
    frequencies: tuple[str, ...]
    prepositions: tuple[str, ...]


class _Words:
    """Both languages' forms, merged and split into single words and phrases."""

    def __init__(self, forms: list[Forms]) -> None:
        def merged(field: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(fold(w) for f in forms for w in getattr(f, field)))

        self.currency = frozenset(merged("currency"))
        self.scale = frozenset(merged("scale"))
        self.money = frozenset(merged("money_words"))
        self.rate_openers = frozenset(merged("rate_openers"))
        self.weighed = frozenset(merged("weighed"))
        self.units = frozenset(merged("time_units"))
        self.until = frozenset(w for w in merged("until") if " " not in w)
        self.ends = frozenset(merged("ends"))
        self.months = frozenset(merged("months"))
        self.times_of_year = frozenset(merged("times_of_year"))
        self.this_next = frozenset(merged("this_next"))
        self.percent = frozenset(w for w in merged("percent") if " " not in w)
        self.percent_phrases = _phrases(tuple(w for w in merged("percent") if " " in w))
        self.ton = _phrases(merged("ton_amounts"))
        self.periods = _phrases(merged("periods") + tuple(w for w in merged("until") if " " in w))
        self.fractions = _phrases(merged("fractions"))
        # How often an amount recurs ("per jaar", "jaarlijks", "eenmalig", "€ 5 a month",
        # "€ 4.500/jaar"), per rate.
        keys = dict.fromkeys(k for f in forms for k in (*f.rates, *f.rate_words))
        self.rates = {rate: _rate_patterns(rate, forms) for rate in keys}
        # The rates of time ("year", "month"...), not "once" or "recurring".
        self.time_rates = frozenset(k for f in forms for k in f.rates)
        self.rate_units = frozenset(fold(u) for f in forms for units in f.rates.values()
                                    for u in units) | self.units
        self.not_rates = frozenset(merged("not_rates"))
        # The word a share ends with ("kwart" in "een kwart", "cent" in "per cent"; not "de" in
        # "een op de").
        self.share_ends = (frozenset(f.split()[-1] for f in merged("fractions")
                                     if len(f.split()[-1]) > 3)
                           | frozenset(p.split()[-1] for p in merged("percent") if " " in p)
                           | frozenset(_DENOMINATORS) | {"half", "helft"})
        self.how_often = _phrases(merged("how_often"))
        # What a comparative after "hoeveel" or "how many" measures, per detail (compared).
        self.comparatives = {detail: frozenset(fold(c) for f in forms
                                               for c in f.comparatives.get(detail, ()))
                             for detail in dict.fromkeys(k for f in forms for k in f.comparatives)}
        # How precise a date a question asks for ("op welke datum": a day), per precision.
        self.date_asks = {p: _phrases(tuple(dict.fromkeys(
            fold(c) for f in forms for c in f.date_asks.get(p, ()))), hyphen_joins=True)
            for p in _PRECISION}
        self.times = frozenset(merged("times"))
        self.frequencies = _phrases(merged("frequencies"))
        self.prepositions = frozenset(merged("prepositions"))
        # Full month names date a sentence on their own; short ones ("jan", "may") only next to
        # a number, since they are also names and verbs.
        self.ambiguous_months = frozenset({"march", "may"})
        self.full_months = frozenset(m for m in self.months if len(m) > 4
                                     and m not in self.ambiguous_months)


def _rate_patterns(rate: str, forms: list[Forms]) -> list[re.Pattern[str]]:
    """How texts name ``rate``: its units after an opener ("per jaar", "elke maand"), after "/"
    ("€ 4.500/jaar"), after "a" or "an" following a figure ("€ 5 a month", "twice a year"), and
    its own words ("jaarlijks", "eenmalig")."""
    units = [re.escape(fold(u)) for f in forms for u in f.rates.get(rate, ())]
    out = [_phrases(tuple(fold(w) for f in forms for w in f.rate_words.get(rate, ())))]
    if units:
        unit = f"(?:{'|'.join(units)})(?![a-z0-9])"
        openers = "|".join(re.escape(fold(o)) for f in forms for o in f.rate_openers)
        after = "|".join(re.escape(fold(o)) for f in forms for o in f.rate_openers_after_figure)
        out.append(re.compile(rf"(?<![a-z0-9])(?:{openers}) {unit}|/ ?{unit}"))
        if after:
            out.append(re.compile(rf"(?:\d|\b(?:once|twice|times|euros?))[^a-z]{{0,3}}"
                                  rf"(?:[a-z€$£]+ )?(?:{after}) {unit}"))
    return out


def _phrases(entries: tuple[str, ...], hyphen_joins: bool = False) -> re.Pattern[str]:
    """Any of ``entries`` as whole words; with ``hyphen_joins``, a hyphen does not end one
    ("which day-care centres" does not hold "which day")."""
    if not entries:
        return re.compile(r"(?!x)x")
    alternatives = sorted((re.escape(e) for e in entries), key=len, reverse=True)
    edge = "a-z0-9-" if hyphen_joins else "a-z0-9"
    return re.compile(rf"(?<![{edge}])(?:{'|'.join(alternatives)})(?![{edge}])")


class _Languages(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: Forms
    en: Forms


@cache
def _words() -> _Words:
    from assistant.engine.understanding.language import read_data_file

    forms = read_data_file(FILE, "details file", _Languages.model_validate)
    return _Words([forms.nl, forms.en])


def form_words() -> frozenset[str]:
    """The words that say what form a detail takes rather than what it is about: money, units of
    time and rate openers ("kosten", "jaar", "per")."""
    w = _words()
    return w.money | w.units | w.rate_openers


def names_a_month(name: str, text: str) -> bool:
    """Whether ``name`` (a capitalised word of ``text``, a question) is a month, in either
    language: part of a date, not a name the texts must hold ("in March 2025" about a Dutch
    text). A short form ("Jan", "Okt") only beside a day or a year: "Jan" alone is a name."""
    folded = fold(name)
    if folded not in _words().months:
        return False
    if len(folded) > 3 and folded != "sept":
        return True
    month = re.escape(name)
    return re.search(rf"\b{month}\.?,?\s+\d{{1,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th|e)?\s+(?:of\s+)?"
                     rf"{month}\b", text) is not None


def figures(text: str, lang: str | None = None) -> str:
    """``text`` folded, with its number words written as figures ("twee weken" -> "2 weken";
    "een" stays, since it is mostly an article). Number words are read in the text's own
    language only (``lang``, else the one it reads: English "ten" is Dutch "ten behoeve"), and a
    few Dutch idioms that hold a number word ("in acht nemen") are left as they are."""
    from assistant.engine.understanding.language import detect_language

    folded = _IDIOMS.sub(lambda m: _KEEP + m.group(0), fold(text))
    # A run of number words text2num cannot read is left as it is.
    with contextlib.suppress(ValueError, OverflowError):
        folded = alpha2digit(folded, lang or detect_language(folded), threshold=1.5)
    return folded.replace(_KEEP, "")


# Idioms with a number word in them that count nothing.
_IDIOMS = re.compile(r"(?<=\bin )acht(?= ne| ge|[.,;:!?]|$)|\bten(?= behoeve| minste| aanzien|"
                     r" opzichte| eerste| tweede| slotte| laste| onrechte| gevolge| dele| einde)")
_KEEP = "qq"  # marks a number word text2num must not read


def tokens(text: str) -> list[str]:
    """The words, figures and currency or percent signs of ``text``, number words as figures."""
    return _TOKEN.findall(figures(text))


@dataclass
class _Read:
    """A text as the checks below read it."""

    raw: str  # folded; phrases are matched as written ("twee derde", not "2 3e")
    folded: str  # folded, number words as figures
    toks: list[str]
    numbers: list[int]  # positions of the figures in ``toks``

    def near(self, i: int, vocabulary: frozenset[str], before: int = NEAR, after: int = NEAR
             ) -> bool:
        return any(t in vocabulary for t in self.toks[max(0, i - before):i + after + 1])


def stated(text: str) -> frozenset[str]:
    """The details of :data:`STATED` that ``text`` states."""
    folded = figures(text)
    toks = _TOKEN.findall(folded)
    read = _Read(fold(text), folded, toks, [i for i, t in enumerate(toks) if _NUMBER.fullmatch(t)])
    w = _words()
    return frozenset(name for name, check in _CHECKS.items() if check(read, w))


def asked(question: str, lang: str) -> list[str]:
    """The details the part of a question that asks asks for: the cues of the language file
    (``LanguageData.details_asked``), with what it counts read. "hoeveel leges", "how much
    rent": money counted is an amount ("how many fees" counts them); "hoeveel minuten", "how
    many minutes": units of time counted are a period."""
    from assistant.engine.understanding.language import DETAILS, language_data

    out = language_data(lang).details_asked(question)
    folded = words(question)

    def counted(after: frozenset[str]) -> set[str]:
        return {fold(folded[i + 1]) for i, w in enumerate(folded[:-1]) if w in after}

    w = _words()
    if counted(_HOW_MUCH) & w.money:
        return [d for d in DETAILS if d in out and d != "count" or d == "amount"]
    if "count" in out and counted(_HOW_MANY) & w.units:
        return [d for d in DETAILS if d in out and d != "count" or d == "duration"]
    # "hoeveel sneller", "hoeveel dagen korter", "hoeveel goedkoper": a difference, in what the
    # comparative measures; the count stays where another "hoeveel" asks for a number of things.
    differences = _differences(folded)
    if "count" in out and differences:
        plain = _asking(folded) > len(differences)
        return [d for d in DETAILS if d in out and (d != "count" or plain)
                or d == differences[0]]
    return out


@lru_cache(maxsize=4096)
def compared(question: str) -> str | None:
    """The detail a difference asked for is measured in, or None when the question asks for
    none: a comparative within :data:`COMPARED_WITHIN` words after "hoeveel", "hoe veel", "how
    many" or "how much" ("hoeveel sneller", "hoeveel dagen korter", "hoeveel ritten meer", "how
    much cheaper"): a duration for "sneller", an amount for "goedkoper", a count (of anything)
    for "meer", "minder", "hoger" (the details file's ``comparatives``). A text gives a
    difference in its own way ("van 14 naar 6 dagen", "vroeger zes uur, nu een kwartier"), and
    whether a figure of that kind is the difference asked for, between the same two things, is
    more than the detail check reads: ``retrieve.py`` quotes it as the closest statement, not as
    the answer."""
    found = _differences(words(question))
    return found[0] if found else None


# How far after "hoeveel" a comparative may stand: "hoeveel sneller", "hoeveel dagen sneller".
COMPARED_WITHIN = 2


def _asks_how_many(folded: list[str], i: int) -> bool:
    """Whether word ``i`` of a question's folded words asks "hoeveel", "hoe veel", "how many"
    or "how much"."""
    w = folded[i]
    return w in _HOW_MUCH | _HOW_MANY or w == "veel" and i > 0 and folded[i - 1] == "hoe"


def _asking(folded: list[str]) -> int:
    """How many times a question (its folded words) asks "hoeveel", "hoe veel", "how many" or
    "how much"."""
    return sum(1 for i in range(len(folded)) if _asks_how_many(folded, i))


def _differences(folded: list[str]) -> list[str]:
    """Per "hoeveel" (or "how many", "how much") in a question's folded words that a
    comparative follows within :data:`COMPARED_WITHIN` words, the detail that comparative
    measures."""
    out = []
    for i in range(len(folded)):
        if _asks_how_many(folded, i):
            measured = next((m for word in folded[i + 1:i + 1 + COMPARED_WITHIN]
                             if (m := comparative(word))), None)
            if measured:
                out.append(measured)
    return out


def comparative(word: str) -> str | None:
    """What ``word`` (folded) measures if it is a comparative the details file names
    ("sneller": duration, "meer": count), else None."""
    return next((detail for detail, forms in _words().comparatives.items() if word in forms),
                None)


_HOW_MUCH = frozenset({"hoeveel", "much"})
_HOW_MANY = frozenset({"hoeveel", "many"})


@lru_cache(maxsize=8192)
def rates(text: str) -> frozenset[str]:
    """What the amounts of ``text`` are per: "year" for "per jaar", "jaarlijkse", "/jaar" or "€ 5
    a year", "once" for "eenmalig", "recurring" for "structureel" (the keys of details.yaml's
    rates, the same in both languages), and "per lichtmast" for a rate per thing (in the
    text's language; not "per saldo" or "per e-mail"); empty when it does not say."""
    w = _words()
    raw = fold(text)
    out = {rate for rate, patterns in w.rates.items() if any(p.search(raw) for p in patterns)}
    toks = _TOKEN.findall(raw)
    out |= {f"per {toks[i + 1]}" for i, t in enumerate(toks[:-1])
            if t == "per" and toks[i + 1].isalpha() and toks[i + 1] not in w.rate_units
            and toks[i + 1] not in w.not_rates}
    return frozenset(out)


def rate_answers(asked: frozenset[str], stated: frozenset[str]) -> bool:
    """Whether an amount stated per ``stated`` (:func:`rates` of its sentence) answers one asked
    for per ``asked``: each rate asked must be stated; "once" is also answered by an amount
    that states no rate of time ("De aanschaf kost € 86.000"), "recurring" by any rate of
    time, and "per lichtmast" by "per lichtmasten" or "per mast"."""
    w = _words()
    timed = stated & (w.time_rates | {"recurring"})

    def answered(rate: str) -> bool:
        if rate == "once":
            return "once" in stated or not timed
        if rate == "recurring":
            return bool(timed)
        if rate.startswith("per "):
            return any(_same_thing(rate[4:], s[4:]) for s in stated if s.startswith("per "))
        return rate in stated

    return all(answered(rate) for rate in asked)


def _same_thing(a: str, b: str) -> bool:
    """ "lichtmast" and "lichtmasten", "deelscooter" and "scooter": one ends the other, plurals
    aside."""
    a, b = _singular(a), _singular(b)
    return a.endswith(b) or b.endswith(a)


def _singular(word: str) -> str:
    for ending in ("en", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            return word[:-len(ending)]
    return word


@lru_cache(maxsize=1024)
def asks_how_often(question: str) -> bool:
    """Whether ``question`` asks how often ("hoe vaak", "how often")."""
    return bool(_words().how_often.search(fold(question)))


@lru_cache(maxsize=8192)
def frequency(text: str) -> bool:
    """Whether ``text`` says how often: a rate of time ("elk kwartaal", "maandelijks", "twee keer
    per jaar"), a number of times ("drie keer", "3x") or a frequency in words ("een keer",
    "twice", "nooit"). An amount per year says how often it is paid, so the caller also asks
    that the sentence answer the question nearly as well as the best one."""
    w = _words()
    if rates(text) & w.time_rates or w.frequencies.search(fold(text)):
        return True
    toks = tokens(text)
    return any(_NUMBER.fullmatch(t) and toks[i + 1:i + 2] and toks[i + 1] in w.times
               for i, t in enumerate(toks))


def is_share(token: str) -> bool:
    """Whether ``token`` (a word of :func:`tokens`) ends the words for a share: "procent", "%",
    "kwart" in "een kwart", "derde" in "twee derde"."""
    w = _words()
    return token in w.percent or token in w.share_ends


def _amount(r: _Read, w: _Words) -> bool:
    """A figure next to a currency; "ruim een ton" (no weight after it); a figure with "miljoen"
    or "duizend" in a sentence about money."""
    return (any(r.near(i, w.currency) for i in r.numbers)
            or any(not set(_TOKEN.findall(r.raw[m.end():])[:2]) & w.weighed
                   for m in w.ton.finditer(r.raw))
            or (any(_scaled(r.toks, i, w) for i in r.numbers) and bool(w.money & set(r.toks))))


def _duration(r: _Read, w: _Words) -> bool:
    """A figure (or "half", "anderhalf") followed by a unit of time; "een half jaar"; "tot de
    termijn verstreken is". Not a time of day: "om 14:00 uur" is a moment (:func:`_date`)."""
    toks = (_TOKEN.findall(_TIME_OF_DAY.sub(" ", r.folded)) if _TIME_OF_DAY.search(r.folded)
            else r.toks)
    numbers = [i for i, t in enumerate(toks) if _NUMBER.fullmatch(t)]
    halves = [i for i, t in enumerate(toks) if _HALF.fullmatch(t)]
    return (any(_unit_after(toks, i, w) for i in numbers + halves)
            or bool(w.periods.search(r.raw))
            or any(_until_end(clause, w) for clause in _CLAUSE.split(r.folded))
            or bool(_RANGE.search(r.folded)))


def _until_end(clause: str, w: _Words) -> bool:
    """ "tot de bezwaartermijn is verstreken", within one clause; not "toegang tot de beelden",
    "tot nu toe", "tot op heden"."""
    toks = _TOKEN.findall(_NOT_UNTIL.sub(" ", clause))
    return any(t in w.until and set(toks[i + 1:i + 9]) & w.ends for i, t in enumerate(toks))


_CLAUSE = re.compile(r"[,;:.!?()]")
_NOT_UNTIL = re.compile(r"\b(toegang|leidt|leiden|leidde|bijdragen|behoren) tot\b|\btot (nu toe|op "
                        r"heden|en met|stand|stilstand)\b")
# "van 1 april 2026 tot en met 31 maart 2027", "van maart tot juni", "from 2024 to 2026".
_RANGE = re.compile(r"\b(van|vanaf|from) (\d{1,2} )?([a-z]+ )?\d{4}\b[^.;]{0,25}\b(tot|t/m|until|"
                    r"to)( en met)? (\d{1,2} )?([a-z]+ )?\d{4}\b")


def _date(r: _Read, w: _Words) -> bool:
    """A year, a month (full name, or short next to a figure), a date in figures, a quarter,
    "dit najaar", "volgend jaar", a time of day ("om 22:00 uur"): when something happens."""
    toks = r.toks
    return (any(is_year(toks[i]) for i in r.numbers)
            or bool(_NUMERIC_DATE.search(r.folded) or _QUARTER.search(r.folded))
            or bool(_TIME_OF_DAY.search(r.folded))
            or bool(set(toks) & w.full_months)
            or any(t in w.months and any(_NUMBER.fullmatch(n) for n in toks[max(0, i - 1):i + 2])
                   for i, t in enumerate(toks))
            or any(t in w.this_next and i + 1 < len(toks)
                   and (toks[i + 1] in w.times_of_year or toks[i + 1] in ("jaar", "year"))
                   for i, t in enumerate(toks))
            or any(_ORDINAL.fullmatch(t) and "kwartaal" in toks[i + 1:i + 2]
                   for i, t in enumerate(toks)))


# How precise a date is: a day of a month, or a month (or a quarter, which names three).
_PRECISION = {"day": 2, "month": 1}


@lru_cache(maxsize=4096)
def date_asked(question: str) -> str | None:
    """How precise a date ``question`` asks for: "day" ("op welke datum", "what date"), "month"
    ("in welke maand"), or None ("wanneer", "in welk jaar": any date answers)."""
    folded = fold(question)
    return next((p for p, asks in _words().date_asks.items() if asks.search(folded)), None)


# A day beside a month: "1 maart", "1e maart", "the 3rd of March"; "May 3" only before a year or
# at the end of a clause ("In maart 12 meldingen" numbers meldingen). Not "12 maart-sensoren".
_DAY = r"(?:[1-9]|[12]\d|3[01])"
_ORDINAL_END = r"(?:e|ste|de|st|nd|rd|th)"
# A quarter: "het 2e kwartaal", "Q3", "the 3rd quarter", "het eerste kwartaal".
_QUARTER_PHRASE = re.compile(rf"\b(?:\d{_ORDINAL_END}?|eerste|laatste|first|last) "
                             r"(?:kwartaal|quarter)\b")
# Words before figures that number a rule, not a date: "artikel 2.3.10".
_NOT_DATES = frozenset({"artikel", "art", "paragraaf", "hoofdstuk", "versie", "lid", "bijlage"})


@cache
def _day_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    w = _words()
    months = "|".join(sorted((re.escape(m) for m in w.months), key=len, reverse=True))
    plain = "|".join(sorted((re.escape(m) for m in w.months - w.ambiguous_months), key=len,
                            reverse=True))
    ambiguous = "|".join(sorted(re.escape(m) for m in w.ambiguous_months))
    # "3 may be installed" is no date; "3 May 2027" is.
    before = re.compile(rf"\b{_DAY}{_ORDINAL_END}? (?:of )?(?:the )?(?:(?:{plain})\b(?!-)"
                        rf"|(?:{ambiguous}),? \d{{4}}\b)")
    after = re.compile(rf"\b(?:{months}) {_DAY}{_ORDINAL_END}?\b(?=,? \d{{4}}\b|\s*[.,;:!?)]|\s*$)")
    return before, after


def date_precision(text: str) -> str | None:
    """The most precise date ``text`` states: "day" (a date in figures, or a day beside a month:
    "1 maart 2027", "1e maart", "the 3rd of March", "May 3, 2027"), "month" (a month named in full,
    or beside a figure or in a sentence that names a year: "in mei 2027", "in 2027, in juni"; or
    a quarter: "het eerste kwartaal van 2027", "Q1"), or None (a year, a season, no date)."""
    folded = figures(text)
    w = _words()
    for m in _NUMERIC_DATE.finditer(folded):
        if not set(folded[:m.start()].split()[-1:]) & _NOT_DATES:
            return "day"
    before, after = _day_patterns()
    if before.search(folded) or after.search(folded):
        return "day"
    toks = _TOKEN.findall(folded)
    year = any(is_year(t) for t in toks)
    named = any(t in w.full_months or year and t not in w.ambiguous_months
                or any(_NUMBER.fullmatch(n) for n in toks[max(0, i - 1):i] + toks[i + 1:i + 2])
                for i, t in enumerate(toks) if t in w.months)
    if named or _QUARTER.search(folded) or _QUARTER_PHRASE.search(folded):
        return "month"
    return None


def precise_enough(text: str, asked: str) -> bool:
    """Whether ``text`` states a date as precise as ``asked`` (see :func:`date_asked`)."""
    stated = date_precision(text)
    return stated is not None and _PRECISION[stated] >= _PRECISION[asked]


def _percentage(r: _Read, w: _Words) -> bool:
    """A figure with "procent" or "%"; "een kwart", "de helft"; "twee op de drie", "seven in
    ten"; "drie vijfde"."""
    before = [r.folded[:m.start()].split() for m in w.percent_phrases.finditer(r.folded)]
    return (any(r.near(i, w.percent, 0, 1) for i in r.numbers) or bool(w.fractions.search(r.raw))
            or any(words and _NUMBER.fullmatch(words[-1]) for words in before)
            or bool(_RATIO.search(r.folded)) or bool(_FRACTION.search(r.raw)))


def _count(r: _Read, w: _Words) -> bool:
    """A figure that numbers things, or "tientallen", "honderden". Not a year, and not a figure
    that is part of another detail: a date ("1 mei 2027", "01-03-2027", "Q3"), a time ("14:00
    uur"), an amount ("45 duizend euro", "€ 45"), a period ("48 uur") or a percentage ("15
    procent")."""
    cleaned = _CLOCK.sub(" ", _NUMERIC_DATE.sub(" ", _QUARTER.sub(" ", r.folded)))
    toks = _TOKEN.findall(cleaned)
    return (any(_numbers_things(toks, i, w) for i, t in enumerate(toks) if _NUMBER.fullmatch(t))
            or bool(set(toks) & _VAGUE_COUNTS))


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s?(uur|u|h)\b|\b\d{1,2}:\d{2}\b")
# A time of day as a moment: a valid hour and minute followed by "uur" ("om 22:00 uur"), not a
# law's article ("artikel 2:77 APV") or an impossible time ("48.00 uur" is a period).
_TIME_OF_DAY = re.compile(r"\b([01]?\d|2[0-3])[:.][0-5]\d\s?(uur|u|h)\b")


def _numbers_things(toks: list[str], i: int, w: _Words) -> bool:
    """Whether the figure at ``toks[i]`` numbers things."""
    figure = toks[i]
    if is_year(figure):
        return False
    following = toks[i + 1] if i + 1 < len(toks) else ""
    before = toks[i - 1] if i > 0 else ""
    if figure in _SCALES and _NUMBER.fullmatch(before):
        return False  # "45 duizend" is read as "45 1000": the 1000 is part of the 45
    # The day of a date: "1 mei", or "May 3" followed by a year, a preposition or conjunction,
    # or nothing ("In mei 12 nieuwe camera's" and "Maart: 40 meldingen" count).
    day = figure.isdigit() and 1 <= int(figure) <= 31
    if day and (following in w.months or before in w.months and (
            not following or is_year(following) or not following.isalpha()
            or following in w.prepositions or following in _AFTER_A_DATE)):
        return False
    if following in w.percent or _unit_after(toks, i, w):
        return False
    # The currency sign before the figure or a currency word just after it, or after its scale
    # ("45 duizend euro").
    after = toks[i + 1:i + 3] if _scaled(toks, i, w) else toks[i + 1:i + 2]
    return before not in w.currency and not set(after) & w.currency


_SCALES = frozenset({"1000", "1000000", "1000000000"})
_AFTER_A_DATE = frozenset({"onwards", "until", "through", "and", "en", "t"})


def words_after_figure(text: str) -> list[list[str]]:
    """For each figure of ``text``, the words after it up to the first preposition, at most three:
    what it numbers ("300 nieuwe klachten" -> ["nieuwe", "klachten"]; "300 bezwaarschriften
    tegen aanslagen" -> ["bezwaarschriften"])."""
    w = _words()
    toks = tokens(text)
    out = []
    for i, t in enumerate(toks):
        if not t[0].isdigit():
            continue
        kept = []
        for word in toks[i + 1:i + 4]:
            if word in w.prepositions or word[0].isdigit():
                break
            kept.append(word)
        out.append(kept)
    return out


def words_after_share(text: str) -> list[list[str]]:
    """For each share of ``text`` ("een kwart", "41 procent", "half of"), the four words after it:
    what it is a share of ("een kwart van de sensoren")."""
    toks = tokens(text)
    return [toks[i + 1:i + 5] for i, t in enumerate(toks) if is_share(t)]


_CHECKS = {"amount": _amount, "duration": _duration, "date": _date, "percentage": _percentage,
           "count": _count}


_VAGUE_COUNTS = frozenset("tientallen honderden duizenden dozens hundreds thousands".split())


def _scaled(toks: list[str], i: int, w: _Words) -> bool:
    """A figure followed by "miljoen" (read as 1000000 by text2num) or "mln"."""
    following = toks[i + 1] if i + 1 < len(toks) else ""
    return following in w.scale or following in ("1000", "1000000", "1000000000")


def is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2099


def _unit_after(toks: list[str], i: int, w: _Words) -> bool:
    """A unit of time right after the figure at ``i``, or after one word ("48 aaneengesloten
    uur"), but not "1 keer per jaar"."""
    following = toks[i + 1:i + 3]
    if following and following[0] in w.units:
        return True
    return len(following) == 2 and following[0] not in ("per", "a", "an") \
        and following[1] in w.units and not _NUMBER.fullmatch(following[0])
