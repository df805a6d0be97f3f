"""The question bank's files, their schema and their loader.

A question (:class:`Entry`) is shown for a case only when the case has everything in ``needs``, at
least one of ``any`` and of ``within`` (when given) and nothing in ``excludes``; those name
characteristics of framework.yaml and the facets of :mod:`assistant.engine.case`. What ``needs``
and ``any`` ask also makes the question more particular to the case (the selection ranks it
higher where they are met); ``within`` only says where the question applies. Its slots
({onderwerp}, {plaats}, ...) are filled with the case's words, so every facet slot it uses must be
among its needs, and its Dutch and English texts must use the same slots. ``grounds`` says what a
passage must speak to for the question to be cited to it: ``step`` (the question's denkraam step)
or a public value. A question with ``asks_whether`` (a characteristic) asks whether the technology
has it, and is shown only for a case whose analyser is unsure of it (:attr:`.case.Case.unsure`);
several may ask after one characteristic in different ways, each but one saying what it is about
(``about``).
A :class:`Reason` says why a value is at stake for a case with its ``needs``.

A file that fails its schema or names an unknown characteristic, value or slot is refused with
one sentence naming the entry and its line.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from assistant.engine.case import FACETS
from assistant.engine.framework import STEP_NUMBERS, Framework, YamlLines, parse_yaml
from assistant.errors import UnderstandingDataError

QUESTIONS = Path(__file__).with_name("questions.yaml")
REASONS = Path(__file__).with_name("reasons.yaml")
SUBJECT_SLOT = "onderwerp"
# What the technology does ({werking}, see case.function_of): read only right after its name.
WERKING_SLOT = "werking"
STEP_GROUND = "step"
_SLOT = re.compile(r"\{([^{}]*)\}")
# What the slots read as when the bank's questions are embedded, without a case.
NEUTRAL = {
    "nl": {"onderwerp": "deze technologie", "plaats": "op deze plek", "duur": "deze periode",
           "bewaartermijn": "deze termijn", "kosten": "dit bedrag",
           "leverancier": "de leverancier", "betrokkenen": "de inwoners",
           "gegevens": "deze gegevens", "gevolg": "een sanctie",
           "werking": "met deze werking"},
    "en": {"onderwerp": "this technology", "plaats": "in this place", "duur": "this period",
           "bewaartermijn": "this period", "kosten": "this amount",
           "leverancier": "the supplier", "betrokkenen": "the residents",
           "gegevens": "these data", "gevolg": "a sanction",
           "werking": "with this function"},
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def slots_of(text: str) -> frozenset[str]:
    """The slots of a question as str.format reads them ("{{" is a brace, not a slot)."""
    try:
        return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)
    except ValueError:
        return frozenset(_SLOT.findall(text))


def _formats(text: str) -> bool:
    """Whether ``text`` fills with words for its slots (a stray brace would fail an answer)."""
    try:
        text.format(**{s: "x" for s in slots_of(text)})
    except (ValueError, IndexError, KeyError):
        return False
    return True


class About(_Strict):
    """What one way of asking an ``asks_whether`` question is about, in a few words per
    language ("camera's die beelden van mensen maken"): the selector asks the way whose words are
    closest to the case."""

    nl: str = Field(min_length=3)
    en: str = Field(min_length=3)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class Entry(_Strict):
    """One question of the bank (see the module docstring)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    step: int
    concern: str
    needs: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    asks_whether: str | None = None
    about: About | None = None
    values: tuple[str, ...] = ()
    grounds: tuple[str, ...] = Field(min_length=1)
    nl: str = Field(min_length=10)
    en: str = Field(min_length=10)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    @property
    def slots(self) -> frozenset[str]:
        return slots_of(self.nl)

    def fits(self, features: frozenset[str], unsure: frozenset[str] = frozenset()) -> bool:
        """Whether a case with these characteristics and facets, unsure of ``unsure``, may get
        this question."""
        if self.asks_whether is not None and (self.asks_whether not in unsure
                                               or self.asks_whether in features):
            return False
        return (set(self.needs) <= features and (not self.any or bool(features & set(self.any)))
                and (not self.within or bool(features & set(self.within)))
                and not features & set(self.excludes))


class Reason(_Strict):
    """Why a public value is at stake for a case with ``needs`` (a clause after "privacy: ")."""

    value: str
    needs: tuple[str, ...] = Field(min_length=1)
    nl: str = Field(min_length=5)
    en: str = Field(min_length=5)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class _QuestionsFile(_Strict):
    concerns: tuple[str, ...] = Field(min_length=1)
    questions: tuple[Entry, ...] = Field(min_length=1)


class _ReasonsFile(_Strict):
    reasons: tuple[Reason, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Bank:
    """The loaded bank: its questions in file order, its concerns, the value reasons."""

    entries: tuple[Entry, ...]
    concerns: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def texts(self, lang: str) -> list[str]:
        """The questions as the embedding model reads them: slots given neutral words."""
        neutral = NEUTRAL[lang]
        return [e.text(lang).format(**neutral) for e in self.entries]

    @property
    def with_about(self) -> tuple[int, ...]:
        """The positions of the entries that say what they are about (:class:`About`)."""
        return tuple(i for i, e in enumerate(self.entries) if e.about is not None)

    def about_texts(self, lang: str) -> list[str]:
        """What the entries of :attr:`with_about` are about, in their order."""
        return [a.text(lang) for e in self.entries if (a := e.about) is not None]


T = TypeVar("T")


def _read(path: Path, validate: Callable[[Any], T]) -> tuple[T, YamlLines]:
    what = f"The question bank file {path}"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnderstandingDataError(f"{what} cannot be read ({exc.__class__.__name__}); "
                                     "reinstall the assistant.") from exc
    return parse_yaml(text, what, validate, UnderstandingDataError,
                      "(see the comments at its top)", _entry)


def _entry(raw: Any, loc: tuple[Any, ...]) -> str:
    """ "entry s4-retention: " when the failing key lies in an entry with an id."""
    if len(loc) >= 2 and isinstance(raw, dict) and isinstance(loc[1], int):
        items = raw.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            key = items[loc[1]].get("id") or items[loc[1]].get("value")
            if key:
                return f"entry {key}: "
    return ""


def load_bank(framework: Framework, questions: Path = QUESTIONS, reasons: Path = REASONS
              ) -> Bank:
    """The bank, checked against its schema and against ``framework``."""
    qfile, qnode = _read(questions, _QuestionsFile.model_validate)
    rfile, rnode = _read(reasons, _ReasonsFile.model_validate)
    characteristics = {c.key for c in framework.characteristics}
    features = characteristics | set(FACETS)
    values = {v.key for v in framework.values}
    concerns = set(qfile.concerns)
    seen: set[str] = set()

    def refuse(path: Path, node: YamlLines, loc: tuple[Any, ...], key: str, why: str) -> None:
        raise UnderstandingDataError(f"The question bank file {path} line {node.line(loc)}: "
                                     f"entry {key}: {why}.")

    for i, e in enumerate(qfile.questions):
        at = ("questions", i)
        if e.id in seen:
            refuse(questions, qnode, (*at, "id"), e.id, "another entry has the same id")
        seen.add(e.id)
        if e.step not in STEP_NUMBERS:
            refuse(questions, qnode, (*at, "step"), e.id, "step must be a denkraam step, 1 to 5")
        if e.concern not in concerns:
            refuse(questions, qnode, (*at, "concern"), e.id,
                   f"concern {e.concern!r} is not among the file's concerns")
        for part in ("needs", "any", "within", "excludes"):
            for j, key in enumerate(getattr(e, part)):
                if key not in features:
                    refuse(questions, qnode, (*at, part, j), e.id,
                           f"{part} names {key!r}, which is neither a characteristic of the "
                           "framework nor a facet of a case")
        if e.asks_whether is not None and e.asks_whether not in characteristics:
            refuse(questions, qnode, (*at, "asks_whether"), e.id,
                   f"asks_whether names {e.asks_whether!r}, which is not a characteristic of the "
                   "framework")
        if e.about is not None and e.asks_whether is None:
            refuse(questions, qnode, (*at, "about"), e.id,
                   "about is read only for a question with asks_whether")
        for j, key in enumerate(e.values):
            if key not in values:
                refuse(questions, qnode, (*at, "values", j), e.id, f"unknown value {key!r}")
        for j, key in enumerate(e.grounds):
            if key != STEP_GROUND and key not in values:
                refuse(questions, qnode, (*at, "grounds", j), e.id,
                       f"grounds names {key!r}: give 'step' or a public value")
        _check_slots(e.nl, e.en, e.needs, lambda why, e=e, at=at: refuse(  # type: ignore[misc]
            questions, qnode, (*at, "nl"), e.id, why))
    # The ways of asking after one characteristic: all but one say what they are about, and that
    # one, asked where none of the others clearly fits the case, does not.
    ways: dict[str, list[int]] = {}
    for i, e in enumerate(qfile.questions):
        if e.asks_whether is not None:
            ways.setdefault(e.asks_whether, []).append(i)
    for key, at_ in ways.items():
        plain = [i for i in at_ if qfile.questions[i].about is None]
        first = qfile.questions[at_[0]]
        for i in at_:
            e = qfile.questions[i]
            # One place in the answer, shown for the same cases and cited alike: the choice
            # between them is only by what they are about.
            if _place(e) != _place(first):
                refuse(questions, qnode, ("questions", i, "id"), e.id,
                       f"the questions that ask whether a technology {key!r} take one place, "
                       f"so they share the step, concern, needs, any, within, excludes and "
                       f"grounds of {first.id}")
        if len(at_) > 1 and len(plain) != 1:
            i = plain[1] if plain else at_[0]
            refuse(questions, qnode, ("questions", i, "id"), qfile.questions[i].id,
                   f"of the questions that ask whether a technology {key!r}, exactly one must "
                   "have no about, to be asked where none of the others fits the case")
        if len(at_) == 1 and not plain:
            refuse(questions, qnode, ("questions", at_[0], "about"), first.id,
                   "about chooses between ways of asking one question; this one has no other")
    for i, r in enumerate(rfile.reasons):
        at = ("reasons", i)
        if r.value not in values:
            refuse(reasons, rnode, (*at, "value"), r.value, f"unknown value {r.value!r}")
        for j, key in enumerate(r.needs):
            if key not in features:
                refuse(reasons, rnode, (*at, "needs", j), r.value,
                       f"needs names {key!r}, which is neither a characteristic nor a facet")
        _check_slots(r.nl, r.en, r.needs, lambda why, r=r, at=at: refuse(  # type: ignore[misc]
            reasons, rnode, (*at, "nl"), r.value, why))
    return Bank(entries=qfile.questions, concerns=qfile.concerns, reasons=rfile.reasons)


def _place(e: Entry) -> tuple[object, ...]:
    """What decides where and for which cases a question is shown, and what it is cited to."""
    return (e.step, e.concern, e.needs, e.any, e.within, e.excludes, e.grounds)


def _check_slots(nl: str, en: str, needs: tuple[str, ...], refuse: Callable[[str], None]
                 ) -> None:
    if not (_formats(nl) and _formats(en)):
        refuse("it is not a valid template (a brace without its pair, or a slot that is not a "
               "plain name)")
    slots = slots_of(nl)
    if slots != slots_of(en):
        refuse("its Dutch and English texts use different slots")
    unknown = slots - set(FACETS) - {SUBJECT_SLOT}
    if unknown:
        refuse(f"unknown slot {{{sorted(unknown)[0]}}}")
    if WERKING_SLOT in slots and not all(f"{{{SUBJECT_SLOT}}} {{{WERKING_SLOT}}}" in t
                                         for t in (nl, en)):
        refuse(f"{{{WERKING_SLOT}}} must follow {{{SUBJECT_SLOT}}} directly, as what the "
               "technology does reads only after its name")
    unlisted = slots - {SUBJECT_SLOT} - set(needs)
    if unlisted:
        refuse(f"the slot {{{sorted(unlisted)[0]}}} is used but not among its needs, so it could "
               "be shown empty")


def bank_hash() -> str:
    """What the index manifest records of the bank (its vectors are built with the index, from
    its questions with the slots' neutral words)."""
    return hashlib.sha256(QUESTIONS.read_bytes() + b"\0" + REASONS.read_bytes() + b"\0"
                          + json.dumps(NEUTRAL, sort_keys=True).encode()).hexdigest()
