"""The case a question describes: the technology by the short name the analyser read from what
the user wrote (``Query.name``), what it does, and its particulars (where, for how long, how long
its data are kept, what it costs, who supplies or runs it, whom it concerns, which data, what
follows from it), each in the user's own words.

The question bank (:mod:`assistant.engine.bank`) chooses the council's questions by what a case
is and has, and fills their slots with its words. What the technology does comes from the analysed
question (its characteristics, learned from their examples) and from the words of what the message
describes; the particulars are read by the forms of ``case.yaml``, one word list per language.
Those lists are vocabulary (place words, units of time, groups of people), not readings of our own
questions: a facet the lists miss only means that fewer questions name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.engine.framework import Characteristic, Matcher
from assistant.engine.query import Query
from assistant.engine.text.articles import demonstrative_form
from assistant.engine.text.words import ARTICLES, STOPWORDS, fold, words

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
    cost_cues: tuple[str, ...] = Field(min_length=1)
    cost_not: tuple[str, ...]
    supplier_cues: tuple[str, ...]
    legal_forms: tuple[str, ...]
    people: tuple[str, ...] = Field(min_length=1)
    adjective_endings: tuple[str, ...] = ()
    not_adjectives: tuple[str, ...] = ()
    data: tuple[str, ...] = Field(min_length=1)
    vague_data: tuple[str, ...]
    consequences: tuple[str, ...] = Field(min_length=1)
    relatives: tuple[str, ...] = Field(min_length=1)
    purpose_opens: tuple[str, ...] = Field(min_length=1)
    purpose_needs: tuple[str, ...]
    purpose_not_next: tuple[str, ...]
    intent_verbs: tuple[str, ...]
    actors: tuple[str, ...]

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
    supplier: re.Pattern[str]
    legal: re.Pattern[str]
    people: re.Pattern[str]
    data: re.Pattern[str]
    vague: frozenset[str]
    consequence: re.Pattern[str]
    duration_cues: frozenset[str]
    retention_cues: frozenset[str]
    shared_cues: frozenset[str]
    cost_cues: frozenset[str]
    cost_not: re.Pattern[str]
    relatives: frozenset[str]
    purpose_opens: frozenset[str]
    purpose_needs: frozenset[str]
    purpose_not_next: frozenset[str]
    intent_verbs: frozenset[str]
    actors: frozenset[str]
    articles: frozenset[str]
    coordinators: frozenset[str]  # the language file's words that join two clauses

    @classmethod
    def of(cls, f: _Forms, coordinators: frozenset[str]) -> _Patterns:
        art = rf"(?:(?:{_alt(f.articles)})\s+)?"
        word = r"[^\W\d_][\w'’-]*"
        number = rf"(?:\d+(?:[.,]\d+)?|{_alt(f.numbers)})"
        money = rf"(?:{_alt(f.currency)})"
        scale = rf"(?:\s?(?:{_alt(f.scale)})\b)?"
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
                             rf"[\w'’-]*(?:{_alt(f.place_words)})\b(?-i:\s+[A-Z][\w'’-]*)?"
                             r"(?!\s+(?:van|of)\b)", i),
            duration=re.compile(rf"\b(?:(?:een|a)\s+(?=half|halve))?{number}\s+(?:{word}\s+)?"
                                rf"(?:{_alt(f.time_units)})\b", i),
            amount=re.compile(rf"(?:{money}\s?\d[\d.,]*{scale}|\b\d[\d.,]*{scale}\s?{money})"
                              rf"(?:\s?{money})?{per}", i),
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
            cost_cues=frozenset(f.cost_cues),
            cost_not=re.compile(rf"\b(?:{_alt(f.cost_not)})\b", i),
            relatives=frozenset(f.relatives),
            purpose_opens=frozenset(f.purpose_opens),
            purpose_needs=frozenset(f.purpose_needs),
            purpose_not_next=frozenset(f.purpose_not_next),
            intent_verbs=frozenset(f.intent_verbs),
            actors=frozenset(f.actors),
            articles=frozenset(f.articles),
            coordinators=coordinators,
        )


@cache
def _patterns() -> dict[str, _Patterns]:
    from assistant.engine.understanding.language import language_data, read_data_file

    data = read_data_file(FILE, "case forms file", _CaseFile.model_validate)
    return {"nl": _Patterns.of(data.nl, language_data("nl").coordinators),
            "en": _Patterns.of(data.en, language_data("en").coordinators)}


def _first(pattern: re.Pattern[str], text: str, group: int | str = 0, bare: bool = False
           ) -> str | None:
    m = pattern.search(text)
    return _tidy(m.group(group), bare, _sentence_start(text, m.start(group))) if m else None


def _sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip() or bool(re.search(r"[.?!:]\s*$", text[:at]))


# How many words around a period or an amount are read for what makes it the case's own.
CUE_WINDOW = 6
# Where a clause ends: punctuation other than a colon ("bewaartermijn: 4 weken"), or a word
# joining two clauses. Where a sentence ends.
_CLAUSE_BREAK = re.compile(r"[,;.!?()](?:\s|$)|\b(?:en|maar|and|but)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[;.!?](?:\s|$)")


def _near(pattern: re.Pattern[str], text: str, cues: frozenset[str],
          unless: re.Pattern[str] | None = None) -> str | None:
    """The first match with one of ``cues`` among the words around it (an amount that is the
    cost) and none of ``unless`` right before or after it."""
    for m in pattern.finditer(text):
        before = words(text[:m.start()])[-CUE_WINDOW:]
        after = words(text[m.end():])[:CUE_WINDOW]
        if unless is not None and (unless.search(" ".join(before[-3:]))
                                   or unless.search(" ".join(after[:2]))):
            continue
        if cues & {*before, *after, *words(m.group(0))}:
            return _tidy(m.group(0), starts_sentence=_sentence_start(text, m.start()))
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


def facets_of(text: str, lang: str) -> dict[str, str]:
    """The particulars ``text`` states, by facet (see :data:`FACETS`), as written."""
    p = _patterns()[lang]
    runs, kept = _periods(p, text)
    out: dict[str, str | None] = {
        # A town's name is the municipality itself, not a place in it: "in Delft" is no facet.
        "plaats": _first(p.place, text),
        "duur": _plural_unit(runs, lang),
        "bewaartermijn": _plural_unit(kept, lang),
        "kosten": _near(p.amount, text, p.cost_cues, p.cost_not),
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
# that starts it: a longer clause is left out rather than cut, since a cut clause no longer reads.
FUNCTION_WORDS = 14
# How many words (a verb: "drones inzetten om ...") may stand between a technology and a clause of
# purpose about it.
PURPOSE_GAP = 2
# Where a relative clause ends: punctuation before a space, a closing quote or the end, a
# bracket, a line break.
_RELATIVE_END = re.compile(r"[,;:.!?](?=[\"'’”]?(?:\s|$))|[?!()\n]")
# What may stand between a technology's name and the clause about it: the bracket that closes
# its last word, a short aside in brackets ("slimme verkeerslichten (iVRI's) die ...") and a
# comma.
_ASIDE = re.compile(r"\)?\s*(?:\([^()]{0,40}\)\s*)?,?\s*")


def function_of(text: str, lang: str, phrases: Iterable[str]) -> str | None:
    """What the technology does as the user wrote it: the first relative clause right after one
    of ``phrases`` (its short name, its whole phrase) in ``text``, whole and with the word that
    starts it ("die de laadsnelheid verlagen als het stroomnet vol is"), or else a clause of
    purpose after it or after the verb that follows it ("om zwerfafval in de parken op te
    sporen"), so that it reads after the technology's name in any question ("de inzet van
    drones om zwerfafval in de parken op te sporen"). A clause about who does something with it
    ("die de gemeente wil ophangen") gives way to one after it (", die vrachtwagens voorrang
    geven"); a clause longer than :data:`FUNCTION_WORDS` words is left out."""
    p = _patterns()[lang]
    for phrase in phrases:
        head, _, rest = phrase.strip().partition(" ")
        bare = rest if rest and head.lower() in p.articles else phrase.strip()
        # Word by word: the analyser's phrase drops the brackets the message has ("slimme
        # verkeerslichten iVRI's" of "slimme verkeerslichten (iVRI's)").
        parts = re.findall(r"[\w'’-]+", bare)
        if not parts:
            continue
        found = r"[\s()]+".join(re.escape(w) for w in parts)
        for m in re.finditer(rf"(?<![\w'’-]){found}(?![\w'’-])", text, re.IGNORECASE):
            aside = _ASIDE.match(text, m.end())
            at = aside.end() if aside else m.end()
            clause = _relative_clause(p, text, at) or _purpose_clause(p, text, at)
            if clause:
                return clause
    return None


def _clause_from(p: _Patterns, text: str, at: int) -> tuple[str, re.Match[str] | None]:
    """The clause that starts at ``at``: to its end, or to a word joining another noun with a
    clause of its own ("wegdeksensoren die temperatuur meten en software die routes plant")."""
    end = _RELATIVE_END.search(text, at)
    said = text[at:end.start() if end else len(text)].split()
    folded = [fold(w) for w in said]
    for k in range(2, len(said)):
        if folded[k] in p.relatives:
            joins = [j for j in range(1, k - 1) if folded[j] in p.coordinators]
            if joins:
                said = said[:joins[-1]]
                break
    return " ".join(said), end


def _relative_clause(p: _Patterns, text: str, at: int) -> str | None:
    while True:
        first = words(text[at:at + 40])[:1]
        if not first or first[0] not in p.relatives:
            return None
        clause, end = _clause_from(p, text, at)
        said = clause.split()[1:]
        while said and fold(said[0]) in p.articles:
            said = said[1:]
        folded = [fold(w) for w in clause.split()]
        if said and (fold(said[0]).strip(",") in p.actors
                     or (said[0][:1].isupper() and said[0][1:2].islower())
                     or (len(folded) > 3 and folded[-2] in p.intent_verbs)):
            # Who does something with it, not what it does: the clause after it, if one follows.
            if end is None or text[end.start()] != ",":
                return None
            at = end.end()
            while at < len(text) and text[at].isspace():
                at += 1
            continue
        return clause if 2 <= len(clause.split()) - 1 <= FUNCTION_WORDS else None


def _purpose_clause(p: _Patterns, text: str, at: int) -> str | None:
    """A clause of purpose at ``at`` or after at most :data:`PURPOSE_GAP` words of the same
    clause (the verb: "drones inzetten om ..."), none of them a relative word, an actor or a
    name ("sensors Amsterdam wants to put ..." is what Amsterdam wants, not what they do for)."""
    clause, _ = _clause_from(p, text, at)
    said = clause.split()
    for k in range(min(PURPOSE_GAP, len(said) - 1) + 1):
        if k and (fold(said[k - 1]) in p.relatives | p.actors or said[k - 1][:1].isupper()):
            return None
        if fold(said[k]) not in p.purpose_opens:
            continue
        rest = said[k:]
        folded = [fold(w) for w in rest]
        if (p.purpose_needs and not p.purpose_needs & set(folded[1:])) \
                or len(folded) < 3 or folded[1] in p.purpose_not_next \
                or rest[1][:1].isupper() or rest[1][:1].isdigit():
            return None
        return " ".join(rest) if len(rest) - 1 <= FUNCTION_WORDS else None
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


def case_of(q: Query, matcher: Matcher,
            implied: Callable[[list[str]], list[str]] | None = None,
            articles: Mapping[str, tuple[int, int]] | None = None) -> Case:
    """The case of an analysed question: its technology, what it does
    (:func:`characteristics_of`), its facets and, with the analyser's counts of Dutch articles
    (``articles``), how a later question refers back to its short name."""
    facets = facets_of(" ".join(x for x in (q.text, *q.conditions) if x), q.language)
    technology = q.name or q.subject
    does = function_of(q.text, q.language, [x for x in (q.name, q.subject) if x])
    if does and technology and fold(does) not in fold(technology):
        facets["werking"] = does
    anaphor = demonstrative_form(q.name, q.language, articles) \
        if q.name and articles is not None else None
    characteristics = characteristics_of(q, matcher, implied)
    # What is at stake for residents first (framework.yaml's `stakes`), then the likelier.
    unsure = tuple(c.key for c in sorted(q.unsure, key=lambda c: c.stakes)
                   if c.key not in characteristics)
    return Case(language=q.language, technology=technology,
                characteristics=characteristics, facets=facets, unsure=unsure, anaphor=anaphor)
