"""The case a question describes: the technology by the short name the analyser read from what
the user wrote (``Query.name``), what it does, and its particulars (where, for how long, how long
its data are kept, what it costs, who supplies or runs it, whom it concerns, which data, what
follows from it), each in the user's own words.

The question bank (:mod:`assistant.engine.bank`) chooses the council's questions by what a case
is and has, and fills their slots with its words. What the technology does comes from the analysed
question (its characteristics, learned from their examples) and from the words of what the message
describes; the particulars are read by the forms of ``case.yaml``, one word list per language.
Those lists are vocabulary (place words, units of time, groups of people), not readings of our own
questions: a facet the lists miss only means that fewer questions name it. Which amount is what
the case costs is read by the proposal model (a sentence that states a cost, learned from
labelled sentences; see :func:`_cost`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.engine.framework import Characteristic, Matcher
from assistant.engine.query import Query
from assistant.engine.text.articles import demonstrative_form
from assistant.engine.text.words import ARTICLES, STOPWORDS, fold, words
from assistant.engine.understanding.language import language_data
from assistant.engine.understanding.model import SURE_PROBABILITY

FILE = Path(__file__).with_name("case.yaml")
# The slots a bank question may have besides {onderwerp}, each a facet of the case.
FACETS = ("plaats", "duur", "bewaartermijn", "kosten", "leverancier", "betrokkenen", "gegevens",
          "gevolg", "werking")
SUBJECT_FALLBACK = {"nl": "deze technologie", "en": "this technology"}
# Words a facet may start with that take a capital only at the start of a sentence.
_LOWER_WHEN_LEADING = frozenset({"de", "het", "een", "in", "op", "bij", "aan", "the", "a", "an",
                                 "on", "at", "near"})
_QUANTIFIERS = frozenset({"alle", "elke", "iedere", "ieder", "all", "every", "each"})
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
# Articles stay with a facet ("een boete", "de politie"); other function words do not ("die").
_FUNCTION_WORDS = STOPWORDS - ARTICLES
# A facet phrase is cut at this many characters: a slot holds a few words, not a sentence.
MAX_FACET_CHARS = 60


class _Forms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    place_prepositions: tuple[str, ...] = Field(min_length=1)
    place_words: tuple[str, ...] = Field(min_length=1)
    articles: tuple[str, ...]
    numbers: tuple[str, ...] = Field(min_length=1)
    time_units: tuple[str, ...] = Field(min_length=1)
    currency: tuple[str, ...] = Field(min_length=1)
    scale: tuple[str, ...]
    per: tuple[str, ...]
    duration_cues: tuple[str, ...] = Field(min_length=1)
    retention_cues: tuple[str, ...] = Field(min_length=1)
    shared_cues: tuple[str, ...]
    sanctions: tuple[str, ...] = Field(min_length=1)
    abbreviations: tuple[str, ...]
    supplier_cues: tuple[str, ...]
    legal_forms: tuple[str, ...]
    people: tuple[str, ...] = Field(min_length=1)
    adjective_endings: tuple[str, ...] = ()
    not_adjectives: tuple[str, ...] = ()
    data: tuple[str, ...] = Field(min_length=1)
    vague_data: tuple[str, ...]
    consequences: tuple[str, ...] = Field(min_length=1)
    # What the technology does ({werking}): see case.yaml. Read as sets by function_of.
    relatives: frozenset[str] = Field(min_length=1)
    determiners: frozenset[str]
    purpose_opens: frozenset[str] = Field(min_length=1)
    purpose_needs: frozenset[str]
    purpose_not_next: frozenset[str]
    use_verbs: frozenset[str] = Field(min_length=1)
    asking_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    personal: frozenset[str]
    not_after_comma: frozenset[str]
    actors: frozenset[str]
    clause_joins: frozenset[str]
    joins: frozenset[str]
    question_words: frozenset[str]

    @model_validator(mode="after")
    def _shared_are_duration_cues(self) -> _Forms:
        # A shared word is a word of running that does not decide against keeping; one that is
        # not a word of running would do nothing.
        if extra := sorted(set(self.shared_cues) - set(self.duration_cues)):
            raise ValueError(f"shared_cues must be among duration_cues, not {', '.join(extra)}")
        return self


class _CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: _Forms
    en: _Forms


def _alt(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    place: re.Pattern[str]
    duration: re.Pattern[str]
    amount: re.Pattern[str]
    money: re.Pattern[str]
    abbreviations: frozenset[str]
    supplier: re.Pattern[str]
    legal: re.Pattern[str]
    people: re.Pattern[str]
    data: re.Pattern[str]
    vague: frozenset[str]
    consequence: re.Pattern[str]
    duration_cues: frozenset[str]
    retention_cues: frozenset[str]
    shared_cues: frozenset[str]
    sanctions: re.Pattern[str]
    forms: _Forms  # the word lists as read, for what the technology does ({werking})

    @classmethod
    def of(cls, f: _Forms) -> _Patterns:
        art = rf"(?:(?:{_alt(f.articles)})\s+)?"
        word = r"[^\W\d_][\w'’-]*"
        number = rf"(?:\d+(?:[.,]\d+)?|{_alt(f.numbers)})"
        # A currency written as a word is a whole word ("12 Europese steden" holds none).
        money = "(?:" + "|".join(re.escape(c) + (r"\b" if c[-1:].isalnum() else "")
                                 for c in sorted(f.currency, key=len, reverse=True)) + ")"
        # A figure ends on a digit (the comma or full stop after it ends a clause), with the
        # ",-" of "€ 75.000,-"; "k" right after it is a thousand ("€ 95K", "120k").
        figure = r"\d+(?:[.,]\d+)*(?:,-)?"
        thousand = r"k(?![\w-])"
        scale = rf"(?:\s?(?:{_alt(f.scale)})\b|{thousand})?"
        bare = _alt(tuple(x for x in f.scale if len(x) > 1))
        per = rf"(?:\s(?:{_alt(f.per)})\b)?"
        name = r"[A-Z][\w&'’-]*(?:\s(?:[A-Z][\w&'’-]*|&\s[A-Z][\w'’-]*))*"
        # An adjective before a group of people, where the language marks it by its ending
        # ("oudere bewoners"); English does not, and a word there is as often "where" or "more".
        # Nor is a quantifier ("alle inwoners").
        not_adjective = rf"(?!(?:{_alt(f.not_adjectives + tuple(_QUANTIFIERS))})\s)"
        adjective = rf"(?:{not_adjective}[^\W\d_][\w'’-]*(?:{_alt(f.adjective_endings)})\s+)?" \
            if f.adjective_endings else ""
        i = re.IGNORECASE
        return cls(
            place=re.compile(rf"\b(?:{_alt(f.place_prepositions)})\s+{art}(?:{word}\s+)?"
                             rf"[\w'’-]*(?:{_alt(f.place_words)})\b(?-i:(?:\s+[A-Z][\w'’-]*)+)?"
                             r"(?!\s+(?:van|of)\b)", i),
            duration=re.compile(rf"\b(?:(?:een|a)\s+(?=half|halve))?{number}\s+(?:{word}\s+)?"
                                rf"(?:{_alt(f.time_units)})\b", i),
            # With a currency, or a number with a word of scale of its own ("1,7 miljoen",
            # "2 ton", "120k"; not a one-letter one apart, "5 m" is a length; not "4K-camera's").
            amount=re.compile(rf"(?:{money}\s?{figure}{scale}|\b{figure}{scale}\s?{money}"
                              rf"|\b{figure}(?:\s?(?:{bare})\b|{thousand}))(?:\s?{money})?{per}",
                              i),
            money=re.compile(money, i),
            abbreviations=frozenset(a.lower() for a in f.abbreviations),
            supplier=re.compile(rf"\b(?i:{_alt(f.supplier_cues)})\s+(?P<name>{name})"),
            legal=re.compile(rf"\b(?P<name>{name})\s+(?:{_alt(f.legal_forms)})(?=\W|$)"),
            people=re.compile(rf"\b{adjective}[\w'’-]*(?:{_alt(f.people)})\b", i),
            data=re.compile(rf"\b[\w'’-]*(?:{_alt(f.data)})(?:\s+(?:van|over|of|about)\s+{art}"
                            r"(?-i:[a-z][\w'’-]*))?", i),
            vague=frozenset(f.vague_data),
            consequence=re.compile(rf"\b{art}(?:{_alt(f.consequences)})\b", i),
            duration_cues=frozenset(f.duration_cues),
            retention_cues=frozenset(f.retention_cues),
            shared_cues=frozenset(f.shared_cues),
            sanctions=re.compile(rf"\b(?:{_alt(f.sanctions)})\b", i),
            forms=f,
        )


@cache
def _patterns() -> dict[str, _Patterns]:
    from assistant.engine.understanding.language import read_data_file

    data = read_data_file(FILE, "case forms file", _CaseFile.model_validate)
    return {"nl": _Patterns.of(data.nl), "en": _Patterns.of(data.en)}


def _first(pattern: re.Pattern[str], text: str, group: int | str = 0, bare: bool = False
           ) -> str | None:
    m = pattern.search(text)
    return _tidy(m.group(group), bare, _sentence_start(text, m.start(group))) if m else None


def _sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip() or bool(re.search(r"[.?!:]\s*$", text[:at]))


# How many words around a period are read for what makes it the case's own.
CUE_WINDOW = 6
# Where a clause ends: punctuation other than a colon ("bewaartermijn: 4 weken"), or a word
# joining two clauses. Where a sentence ends.
_CLAUSE_BREAK = re.compile(r"[,;.!?()](?:\s|$)|\b(?:en|maar|and|but)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[;.!?](?:\s|$)")


# How likely each reading of the proposal model ("cost", "gain") is, per statement (see
# ReviewModel.readings_of).
Reader = Callable[[list[str]], Sequence[Mapping[str, float]]]
# Where a statement an amount is read in may end: after a full stop, question or exclamation mark
# and the space after it, at a semicolon, at a line end.
_STATEMENT_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+|;\s+|\s*\n\s*")
# What a statement cut at a clause break does not begin with (nor end with, but for a full stop
# and with a closing bracket instead of an opening one).
_BETWEEN = " ,;:.!?(\n"
# Where a clause ends, for a statement with several amounts: punctuation, a bracket, a dash
# between spaces, a line end, or a word joining clauses.
_AMOUNT_CLAUSE_END = re.compile(r"[,;:.!?](?=\s)|[()]|\s[-–]\s|\n|\s(?:en|maar|and|but)\s",
                                re.IGNORECASE)
# How likely the proposal model must read a statement as a cost of the plan for its amount to be
# what the case costs. On 140 chat messages with amounts labelled by a helper (which amount, if
# any, is what the plan costs; evals/costs-dev.jsonl), 0.8 gives 108 right, 10 a wrong amount
# and 22 none where there is one; 0.7 gives 113, 17 and 10, 0.5 109, 27 and 4. A wrong amount in
# a question is worse than none: the question then states something false about the plan (see
# docs/knowledge.md).
COST_PROBABILITY = 0.8


def _statements(p: _Patterns, text: str) -> list[str]:
    """``text`` cut where a statement ends (:data:`_STATEMENT_END`): not at the full stop of an
    abbreviation of case.yaml ("ca.", "o.a.", "mln.") unless a capital follows, nor at a line
    end before a figure or after a currency ("€\n45.000")."""
    out, start = [], 0
    for brk in _STATEMENT_END.finditer(text):
        before, after = text[start:brk.start()], text[brk.end():brk.end() + 1]
        if "\n" in brk.group(0) and (after[:1].isdigit() or before.endswith(("€", "£"))):
            continue
        last = before.rsplit(None, 1)[-1].lstrip("(").lower() if before.strip() else ""
        if last[:-1] in p.abbreviations and last.endswith(".") and not after[:1].isupper():
            continue
        out.append(before)
        start = brk.end()
    out.append(text[start:])
    return [s for s in out if s.strip()]


def amount_statements(p: _Patterns, text: str) -> list[tuple[str, re.Match[str]]]:
    """Each amount of ``text`` with the statement it is read in: its sentence, or, where the
    sentence holds several amounts, its part up to the clause break after it, and never past
    the next amount ("Dat levert jaarlijks € 200.000 op" | "de aanschaf kost € 90.000"). Left
    out: an amount right next to a sanction in its statement ("een boete van € 95"), and a
    number with only a word of scale followed by another noun ("200 ton afval", "300 duizend
    inwoners")."""
    out: list[tuple[str, re.Match[str]]] = []
    for sentence in _statements(p, text):
        found = [m for m in p.amount.finditer(sentence)
                 if p.money.search(m.group(0)) or not (
                     (nxt := words(sentence[m.end():])[:1]) and nxt[0] not in STOPWORDS)]
        cuts = [0]
        for m, following in zip(found, found[1:], strict=False):
            brk = _AMOUNT_CLAUSE_END.search(sentence, m.end(), following.start())
            cuts.append(brk.start() if brk else following.start())
        cuts.append(len(sentence))
        for k, m in enumerate(found):
            piece = sentence[cuts[k]:cuts[k + 1]]
            lead = len(piece) - len(piece.lstrip(_BETWEEN))
            statement = piece.lstrip(_BETWEEN).rstrip(" ,;:)\n")
            # The piece holds the whole amount (its cuts stand at or before its start and at or
            # after its end, and an amount neither begins nor ends with what is stripped), so it
            # is found again where it stands; a statement that lost it is not read.
            match = p.amount.match(statement, m.start() - cuts[k] - lead)
            if match is None or match.group(0) != m.group(0):
                continue
            before, after = words(statement[:match.start()]), words(statement[match.end():])
            if p.sanctions.search(" ".join(before[-3:])) or p.sanctions.search(
                    " ".join(after[:2])):
                continue
            out.append((statement, match))
    return out


def _cost(p: _Patterns, text: str, read: Reader | None) -> str | None:
    """What the case costs: the first amount (:func:`amount_statements`) whose statement
    ``read`` reads as stating what the plan costs the municipality ("cost", from
    :data:`COST_PROBABILITY`) more surely than as a saving or revenue ("gain"). Which statement
    states a cost is learned from labelled sentences, not from the words around an amount:
    "€ 500.000 uit het wijkbudget" that residents allocate is no cost of the platform, and "Dat
    scheelt zo'n € 40.000 per jaar" is a gain. Without a reader, none."""
    if read is None:
        return None
    found = amount_statements(p, text)
    if not found:
        return None
    said = list(dict.fromkeys(s for s, _ in found))
    readings = dict(zip(said, read(said), strict=True))
    for statement, m in found:
        r = readings[statement]
        if r.get("cost", 0.0) >= COST_PROBABILITY and r.get("cost", 0.0) > r.get("gain", 0.0):
            return _tidy(m.group(0), starts_sentence=_sentence_start(statement, m.start()))
    return None


def _cue_distance(cues: frozenset[str], inside: list[str], before: list[str], after: list[str]
                  ) -> int | None:
    """How many words from a match the nearest of ``cues`` stands (0 within it), if any."""
    near = [0 for w in inside if w in cues]
    near += [len(before) - i for i, w in enumerate(before) if w in cues]
    near += [i + 1 for i, w in enumerate(after) if w in cues]
    return min(near) if near else None


def period_kinds(p: _Patterns, text: str) -> list[tuple[str | None, re.Match[str]]]:
    """Every period of ``text`` that is not a rate ("24 uur per dag", "86.000 per jaar"), with its
    kind: how long data are kept ("bewaartermijn") when a word of keeping stands within
    :data:`CUE_WINDOW` words of it in its clause ("worden 28 dagen bewaard", "stored for up to 2
    years"), unless a word of running that is not shared by both stands nearer in its sentence
    ("tijdens een proef van zes maanden"); how long something runs ("duur") when a word of
    running stands within :data:`CUE_WINDOW` words in its sentence; else None."""
    found: list[tuple[str | None, re.Match[str]]] = []
    for m in p.duration.finditer(text):
        inside = words(m.group(0))
        # A rate ("24 uur per dag", "€ 86.000 per jaar", "£86,000 a year"), not a period.
        if words(text[m.end():])[:1] in (["per"], ["a"]) or {"per", "a"} & set(inside[1:-1]):
            continue
        # Keeping counts within the period's clause: in "een concessie van 10 jaar en bewaart
        # laaddata" it belongs to the next one.
        kept = _cue_distance(p.retention_cues, inside,
                             words(_CLAUSE_BREAK.split(text[:m.start()])[-1])[-CUE_WINDOW:],
                             words(_CLAUSE_BREAK.split(text[m.end():])[0])[:CUE_WINDOW])
        before = words(_SENTENCE_BREAK.split(text[:m.start()])[-1])[-CUE_WINDOW:]
        after = words(_SENTENCE_BREAK.split(text[m.end():])[0])[:CUE_WINDOW]
        runs = _cue_distance(p.duration_cues, inside, before, after)
        own = _cue_distance(p.duration_cues - p.shared_cues, inside, before, after)
        if kept is not None and (own is None or kept <= own):
            found.append(("bewaartermijn", m))
        elif runs is not None:
            found.append(("duur", m))
        else:
            found.append((None, m))
    return found


def _periods(p: _Patterns, text: str) -> tuple[str | None, str | None]:
    """How long the case runs and how long its data are kept: the first period of each kind
    (see :func:`period_kinds`), as written."""
    found: dict[str, str] = {}
    for kind, m in period_kinds(p, text):
        if kind is not None and kind not in found:
            tidy = _tidy(m.group(0), True, _sentence_start(text, m.start()))
            if tidy:
                found[kind] = tidy
    return found.get("duur"), found.get("bewaartermijn")


def _tidy(phrase: str, bare: bool = False, starts_sentence: bool = False) -> str | None:
    """The phrase without the punctuation around it (an abbreviation keeps its full stop:
    "B.V."); with ``bare``, without a leading function word ("die bezoekers"); its first letter
    in lower case where only the start of a sentence made it a capital."""
    phrase = " ".join(phrase.split()).strip(" ,;:")
    if phrase.endswith(".") and not _ABBREVIATION.search(phrase):
        phrase = phrase.rstrip(".")
    first, _, rest = phrase.partition(" ")
    if bare and rest and first.lower() in _FUNCTION_WORDS:
        phrase = rest
    if starts_sentence and phrase[:1].isupper() and phrase[1:2].islower() \
            and (bare or phrase.split(" ", 1)[0].lower() in _LOWER_WHEN_LEADING):
        phrase = phrase[0].lower() + phrase[1:]
    if len(phrase) > MAX_FACET_CHARS:
        phrase = phrase[:MAX_FACET_CHARS].rsplit(" ", 1)[0]
    return phrase or None


def facets_of(text: str, lang: str, read: Reader | None = None) -> dict[str, str]:
    """The particulars ``text`` states, by facet (see :data:`FACETS`), as written; what it costs
    only with ``read`` (see :func:`_cost`)."""
    p = _patterns()[lang]
    runs, kept = _periods(p, text)
    out: dict[str, str | None] = {
        # A town's name is the municipality itself, not a place in it: "in Delft" is no facet.
        "plaats": _first(p.place, text),
        "duur": _plural_unit(runs, lang),
        "bewaartermijn": _plural_unit(kept, lang),
        "kosten": _cost(p, text, read),
        "leverancier": _first(p.legal, text, 0) or _first(p.supplier, text, "name"),
        "betrokkenen": _first(p.people, text, bare=True),
        "gevolg": _first(p.consequence, text),
    }
    out["gegevens"] = next(
        (_tidy(d, bare=True, starts_sentence=_sentence_start(text, m.start()))
         for m in p.data.finditer(text)
         if (d := _without_function_tail(m.group(0))).lower() not in p.vague), None)
    return {k: v for k, v in out.items() if v}


# The longest description of what a technology does that fills a slot, in words after the word
# that opens it: a longer clause is left out rather than cut, since a cut clause no longer reads.
FUNCTION_WORDS = 14
# How many words may stand between a technology and a clause of purpose about it (use verbs:
# "drones inzetten om ..."), and how far before it a use verb may stand ("use drones to ...").
PURPOSE_GAP = 2
USE_BEFORE = 4
# Where a clause ends: a comma, semicolon, colon, question or exclamation mark before a space, a
# closing quote or the end; a full stop that ends a sentence (not "o.a. fietsers"); a quote, a
# bracket, a dash between spaces, a line break.
_CLAUSE_ENDS = re.compile(r"[,;:!?](?=[\"'’”»]?(?:\s|$))|\.(?=[\"'’”»]?(?:\s+[^a-z\s]|\s*$))"
                          r"|[\"“”»«()\n–—]|\s-\s")
# What may stand between a technology's name and a clause about it: the bracket that closes its
# last word, a short aside in brackets ("slimme verkeerslichten (iVRI's) die ...") and a comma.
_ASIDE = re.compile(r"\)?\s*(?:\([^()]{0,40}\)\s*)?(?P<comma>,)?\s*")
# What a clause may not carry into the answer's Markdown.
_MARKUP = re.compile(r"[\[\]<>*_`#|\\{}~]")


def function_of(texts: Iterable[str], lang: str, name: str,
                agrees: Callable[[str], bool] = lambda relative: True) -> str | None:
    """What the technology does as the user wrote it ({werking}): in the first of ``texts`` (the
    part that asks, then the whole message) that has one, the relative clause right after the
    technology's ``name`` ("die de laadsnelheid verlagen als het stroomnet vol is"), or a clause
    of purpose after the use verb that follows or precedes it ("om zwerfafval in de parken op
    te sporen"), with the word that opens it, so that it reads after the name in any question
    ("de inzet van drones om zwerfafval in de parken op te sporen"). ``agrees`` says whether a
    relative word fits the name ("dat" after a het-word). What case.yaml's lists rule out is
    left out (see there), and so is a clause longer than :data:`FUNCTION_WORDS` words."""
    p = _patterns()[lang].forms
    head, _, rest = name.strip().partition(" ")
    bare = rest if rest and fold(head) in p.determiners else name.strip()
    # Word by word: the analyser's phrase drops the brackets the message has ("slimme
    # verkeerslichten iVRI's" of "slimme verkeerslichten (iVRI's)").
    parts = re.findall(r"[\w'’-]+", bare)
    if not parts:
        return None
    found = re.compile(r"(?<![\w'’-])" + r"[\s()]+".join(re.escape(w) for w in parts)
                       + r"(?![\w'’-])", re.IGNORECASE)
    for text in texts:
        for m in found.finditer(text):
            aside = _ASIDE.match(text, m.end())
            assert aside is not None  # every part of it is optional
            # A name that opens its sentence is its subject: a clause about it that no comma
            # closes runs on into the sentence's own verb ("De camera's die kentekens lezen
            # worden in mei geplaatst").
            opening = all(fold(w) in p.determiners for w in
                          re.split(r"[.!?:;]\s|\n", text[:m.start()])[-1].split())
            clause = _relative_clause(p, text, aside.end(), bool(aside.group("comma")), agrees,
                                      opening) \
                or _purpose_clause(p, text, m.start(), aside.end())
            if clause:
                return clause
    return None


def _clause_at(p: _Forms, text: str, at: int) -> tuple[list[str], re.Match[str] | None]:
    """The words of the clause that opens at ``at``: to its end (:data:`_CLAUSE_ENDS`), or to a
    word that joins another clause ("want", "en hoe ...") or another noun with a clause of its
    own ("wegdeksensoren die temperatuur meten en software die routes plant")."""
    end = _CLAUSE_ENDS.search(text, at)
    said = text[at:end.start() if end else len(text)].split()
    folded = [fold(w) for w in said]
    cut = len(said)
    for k in range(1, len(said)):
        if folded[k] in p.clause_joins or (
                folded[k] in p.joins and k + 1 < len(said) and folded[k + 1] in p.question_words):
            cut = k
            break
    second = next((k for k in range(2, cut) if folded[k] in p.relatives), None)
    if second is not None:
        joins = [k for k in range(1, second - 1) if folded[k] in p.joins]
        if joins:
            cut = joins[-1]
    return said[:cut], end


def _relative_clause(p: _Forms, text: str, at: int, after_comma: bool,
                     agrees: Callable[[str], bool], opening: bool) -> str | None:
    while at < len(text) and text[at].isalpha():
        said, end = _clause_at(p, text, at)
        folded = [fold(w) for w in said]
        if not folded or folded[0] not in p.relatives or not agrees(folded[0]):
            return None
        if p.personal & set(folded) or _MARKUP.search(" ".join(said)) or (
                after_comma and len(folded) > 1 and folded[1] in p.not_after_comma):
            return None
        k = 1
        while k < len(said) and folded[k] in p.determiners:
            k += 1
        first = said[k] if k < len(said) else ""
        if fold(first) in p.actors or first[:1].isupper() or (
                len(folded) > 3 and folded[-2] in p.intent_verbs):
            # Who does something with it (a name, an abbreviation: "die het UWV gebruikt"), not
            # what it does: the clause after it, where a comma leads to one.
            if end is None or text[end.start()] != ",":
                return None
            at = end.end()
            while at < len(text) and text[at].isspace():
                at += 1
            after_comma = True
            continue
        if opening and (end is None or text[end.start()] != ","):
            return None
        return " ".join(said) if 1 <= len(said) - 1 <= FUNCTION_WORDS else None
    return None


def _purpose_clause(p: _Forms, text: str, start: int, at: int) -> str | None:
    """A clause of purpose after at most :data:`PURPOSE_GAP` use verbs after the technology
    ("drones inzetten om ..."), or right after it where a use verb stands at most
    :data:`USE_BEFORE` words before it in its clause ("use drones to ...")."""
    said, _ = _clause_at(p, text, at)
    folded = [fold(w) for w in said]
    before = [fold(w) for w in re.split(r"[,;:.!?]\s", text[:start])[-1].split()][-USE_BEFORE:]
    for k in range(min(PURPOSE_GAP, len(said) - 1) + 1):
        if folded[k] in p.purpose_opens:
            rest = said[k:]
            used = k > 0 or p.use_verbs & set(before)
            if not used or len(rest) < 3 or folded[k + 1] in p.purpose_not_next \
                    or not rest[1][:1].isalpha() or rest[1][:1].isupper() \
                    or (p.purpose_needs and not p.purpose_needs & set(folded[k + 1:])) \
                    or p.personal & set(folded) or p.asking_verbs & set(folded[k + 1:]) \
                    or _MARKUP.search(" ".join(rest)):
                return None
            return " ".join(rest) if len(rest) - 1 <= FUNCTION_WORDS else None
        if folded[k] not in p.use_verbs:
            return None
    return None


def _plural_unit(period: str | None, lang: str) -> str | None:
    """ "two year" (from "a two year trial") -> "two years", so that "after {duur}" reads right;
    Dutch units are the same after any number ("twee jaar")."""
    if period is None or lang != "en":
        return period
    number, _, unit = period.rpartition(" ")
    if unit in _EN_UNITS and number.split()[-1].lower() not in ("one", "1", "a", "an"):
        return f"{number} {unit}s"
    return period


_EN_UNITS = frozenset({"year", "month", "week", "day", "hour"})


def _without_function_tail(phrase: str) -> str:
    """ "kentekens van alle" -> "kentekens": an extension that ends in a function word."""
    head, *rest = phrase.split(" ", 1)
    last = phrase.rsplit(" ", 1)[-1].lower()
    if rest and (last in _FUNCTION_WORDS or last in _QUANTIFIERS):
        return head
    return phrase


@dataclass(frozen=True)
class Case:
    """What a question or plan is about (see the module docstring). ``characteristics`` are keys
    of framework.yaml's characteristics; ``facets`` map a slot of :data:`FACETS` to the user's
    words."""

    language: str
    technology: str | None
    characteristics: tuple[str, ...] = ()
    facets: dict[str, str] = field(default_factory=dict)
    # Characteristics the analyser is unsure the technology has, most at stake for residents
    # first: the question bank's questions with `asks_whether` ask about them.
    unsure: tuple[str, ...] = ()
    # Characteristics it has that the analyser reads as likely rather than sure
    # (:func:`likely_of`): they lead what is at stake less (:func:`stakes_of`).
    likely: tuple[str, ...] = ()
    # How a question after the first refers back to the technology ("deze camera" for "de
    # camera met microfoons"; :func:`.text.articles.demonstrative_form`), if that is sure.
    anaphor: str | None = None

    @property
    def features(self) -> frozenset[str]:
        """What a bank question's ``needs`` and ``excludes`` are checked against."""
        return frozenset(self.characteristics) | frozenset(self.facets)

    def slots(self, used: frozenset[str] = frozenset(), again: bool = False) -> dict[str, str]:
        """The words for each slot. The technology loses the place it ends with when the place
        fills a slot of its own ("wifi-telling in de binnenstad" and "{plaats}"); named
        ``again`` (after a question that named it in full), it is the :attr:`anaphor` where
        there is one."""
        if again and self.anaphor:
            return {"onderwerp": self.anaphor, **self.facets}
        subject = self.technology or SUBJECT_FALLBACK[self.language]
        said = self.facets.get("plaats")
        # Only a place, which carries its preposition, and only at the end: "gates at the town
        # hall entrance" keeps its words, "een app voor jongeren" its people.
        if said and "plaats" in used and subject.lower().endswith(" " + said.lower()):
            subject = subject[:-len(said)].strip()
        return {"onderwerp": subject, **self.facets}


def characteristics_of(q: Query, matcher: Matcher,
                       implied: Callable[[list[str]], list[str]] | None = None
                       ) -> tuple[str, ...]:
    """What the technology of an analysed question does, as its case has it: the characteristics
    the analyser read (the learned model reads what the message describes; otherwise the trigger
    words of what it describes and of a follow-up's conditions are added), each once, in order,
    with what they imply (``implied``, the analyser model's :meth:`~.AnalyserModel.implied`)
    after them, without those that yield to another one found."""
    found = list(q.characteristics)
    described = " ".join(x for x in (q.context, *q.conditions) if x)
    if described and not q.names_technology:
        found += matcher.characteristics_in(words(described))
    keys = list(dict.fromkeys(c.key for c in found))
    if implied is not None:
        keys = implied(keys)
    known = {c.key: c for c in matcher.framework.characteristics}
    once = [known[k] for k in keys if k in known]
    return tuple(c.key for c in Characteristic.prevailing(once))


def _werking(q: Query, technology: str | None,
             articles: Mapping[str, tuple[int, int]] | None) -> str | None:
    """What the technology does, as written in the message that named it (:func:`function_of`),
    where it reads right after the name in every question: not after a name with a qualifier
    ("de sensor in het zwembad dat ..." may be about the pool) or one that ends on a use verb,
    and "dat" only after a noun that takes "het" (the analyser's counts of Dutch articles, where
    it knows the noun)."""
    if not technology:
        return None
    lang = q.language
    qualifiers = language_data(lang).qualifiers
    if any(fold(w) in qualifiers for w in technology.split()[1:]) \
            or fold(technology.split()[-1]) in _patterns()[lang].forms.use_verbs:
        # After a qualifier the clause may be about its noun; a name that ends on a use verb
        # ("een systeem invoeren") is not read right, and would not read right with a clause.
        return None
    head = fold(technology.split()[-1])

    def agrees(relative: str) -> bool:
        counts = (articles or {}).get(head)
        return relative != "dat" or lang != "nl" or counts is None or counts[1] > counts[0]

    said = q.origin or q.text
    asked = q.question if q.question and not q.origin else ""
    does = function_of([x for x in (asked, said) if x], lang, technology, agrees)
    return does if does and fold(does) not in fold(technology) else None


def likely_of(q: Query, characteristics: Sequence[str],
              implied: Callable[[list[str]], list[str]] | None = None) -> tuple[str, ...]:
    """Of a case's ``characteristics``, those the learned model reads as likely rather than
    sure: below :data:`~.understanding.model.SURE_PROBABILITY`, and not implied (``implied``,
    the analyser model's :meth:`~.AnalyserModel.implied`) by one it is sure of. One it has no
    reading of (the question named no technology, or no model was learned for it) is sure.
    Without ``implied``, an implied one is judged by its own reading alone."""
    read = q.characteristic_probabilities
    sure = [k for k in characteristics if read.get(k, 1.0) >= SURE_PROBABILITY]
    held = set(implied(sure) if implied is not None else sure)
    return tuple(k for k in characteristics if k not in held)


# A characteristic read as likely ranks, for what the answer leads with, as if it had at most
# this much at stake (framework.yaml's `stakes`: 1 most): recognising people, deciding about
# residents, enforcement and vulnerable residents assume the most of a case, and a lead that
# assumes them wrongly misreads the whole answer (an identity wallet as a camera that follows
# people), while what is only likely among the rest (data about people in public space for
# lamp posts that light up when someone passes) still leads where it is most at stake.
LIKELY_STAKES = 2


def stakes_of(key: str, stakes: int, likely: Collection[str]) -> int:
    """What the characteristic ``key`` puts at stake for the order of what the answer leads
    with: its ``stakes``, no more than :data:`LIKELY_STAKES` where the analyser reads it as
    likely (``likely``, :func:`likely_of`)."""
    return max(stakes, LIKELY_STAKES) if key in likely else stakes


def case_of(q: Query, matcher: Matcher,
            implied: Callable[[list[str]], list[str]] | None = None,
            articles: Mapping[str, tuple[int, int]] | None = None,
            read: Reader | None = None,
            characteristics: Sequence[str] | None = None) -> Case:
    """The case of an analysed question: its technology, what it does
    (:func:`characteristics_of`, or ``characteristics`` where the caller has them already),
    its facets (what it costs only with ``read``, see :func:`facets_of`) and, with the
    analyser's counts of Dutch articles (``articles``), how a later question refers back to its
    short name."""
    # A follow-up's own words and conditions first, then the message that named the technology.
    said = [x for x in (q.text, *q.conditions, q.origin) if x]
    facets = facets_of(" ".join(dict.fromkeys(said)), q.language, read)
    technology = q.name or q.subject
    does = _werking(q, technology, articles)
    if does:
        facets["werking"] = does
    anaphor = demonstrative_form(q.name, q.language, articles) \
        if q.name and articles is not None else None
    characteristics = tuple(characteristics) if characteristics is not None \
        else characteristics_of(q, matcher, implied)
    # What is at stake for residents first (framework.yaml's `stakes`), then the likelier.
    unsure = tuple(c.key for c in sorted(q.unsure, key=lambda c: c.stakes)
                   if c.key not in characteristics)
    return Case(language=q.language, technology=technology,
                characteristics=characteristics, facets=facets, unsure=unsure,
                likely=likely_of(q, characteristics, implied), anaphor=anaphor)
