"""The checklist a proposal is read against (``checklist.yaml``), its schema and its loader.

Each :class:`Item` belongs to a denkraam step and says what a proposal should address, with
example sentences of a proposal that does, the section headings where it is usually addressed,
the sentence that states the gap, the question that follows from it, and the question that
follows from what the proposal does say (``probe``, with the proposal's sentence in its
``{quote}`` slot). A file that fails its schema is refused with one
sentence naming the entry and its line.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.engine.bank.schema import _entry
from assistant.engine.details import STATED
from assistant.engine.framework import STEP_NUMBERS, YamlLines, parse_yaml
from assistant.engine.text.prose import as_sentence
from assistant.errors import UnderstandingDataError

CHECKLIST = Path(__file__).with_name("checklist.yaml")
# The longest sentence a probe quotes, in words: a council member reads the question out.
PROBE_WORDS = 45
# What a probe calls the document it quotes, per language, and what it calls it in a what-to-ask
# answer, where the quote is the council member's own description of the plan: they did not
# necessarily copy it from a proposal, and reading it out as "het voorstel zegt" would put their
# words in the college's mouth. Every probe names the proposal before its quote, and nothing
# else calls it so (checked on load).
PROPOSAL_WORDS = {"nl": (("het voorstel", "het plan"), ("dit voorstel", "dit plan")),
                  "en": (("the proposal", "the plan"), ("this proposal", "this plan"))}
# A list number or bullet before a sentence ("1. ", "- "): not part of what a probe quotes, and no
# figure the council can hold the executive to.
LIST_NUMBER = re.compile(r"^\s*(\d{1,2}[.)]|[-•*])\s+")


def as_quote(text: str) -> str:
    """A sentence as a probe quotes it: without its list number, ending as a sentence."""
    return as_sentence(LIST_NUMBER.sub("", text).strip())


def quotable(text: str, most: int = PROBE_WORDS) -> bool:
    """Whether a probe may quote a sentence: a statement of its own (not a lead-in ending in a
    colon) of at most ``most`` words, short enough to read out."""
    return not text.rstrip().endswith(":") and len(text.split()) <= most


def has_figure(text: str) -> bool:
    """Whether a sentence states a figure (an amount, a period, a count), list numbers aside."""
    return any(c.isdigit() for c in LIST_NUMBER.sub("", text))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Strict):
    nl: str = Field(min_length=5)
    en: str = Field(min_length=5)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


# The figures a part of a probe can need to be answered (``Part.figures``): the details
# details.py reads, and "yearly", an amount that recurs in time (per year, per month, structural).
FIGURES = (*STATED, "yearly")
# The marks that may close a probe's quote after its {quote} slot.
CLOSING_QUOTES = "”\"'’»"
# What the proposal model reads a sentence as claiming, beside the checklist items it speaks to
# (learned from ``labelled/readings/``, see :mod:`.model`): "gain", that the plan saves or earns
# the municipality money, staff time or other means ("scheelt € 40.000 per jaar", "is in vijf
# jaar terugverdiend", "levert extra toeristenbelasting op"); "cost", that it states what the plan
# costs the municipality or how that is covered. A part of a probe is asked by them
# (``where_read``, ``unless_read``).
READINGS = ("gain", "cost")
# How the parts of a probe are joined into one question, per language.
AND = {"nl": ", en ", "en": ", and "}


class Part(Texts):
    """One question of what a probe asks (``follow``), and what in the proposal answers it."""

    answered_by: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    beside_quote: bool = False
    # Asked only of a document a sentence of which the proposal model reads as one of these
    # (``where_read``) or of one it reads as none of them (``unless_read``): :data:`READINGS`.
    where_read: tuple[str, ...] = ()
    unless_read: tuple[str, ...] = ()

    def fits(self, read: frozenset[str]) -> bool:
        """Whether the part is asked of a document read as ``read`` (:data:`READINGS`)."""
        return ((not self.where_read or bool(read & set(self.where_read)))
                and not read & set(self.unless_read))


def join_questions(parts: list[str], lang: str) -> str:
    """Questions asked as one: "Hoe is dat gemeten?" and "Welk deel ...?" make "Hoe is dat
    gemeten, en welk deel ...?" (each after the first starts in lower case, unless it starts
    with a name or an abbreviation: "DPIA", "I")."""
    if not parts:
        raise ValueError("a probe asks at least one part")
    out = parts[0].rstrip("?")
    for i, part in enumerate(parts[1:], start=1):
        joint = AND["en" if lang == "en" else "nl"] if i == len(parts) - 1 else ", "
        first = part[:1].lower() if part[1:2].islower() else part[:1]
        out += joint + first + part[1:].rstrip("?")
    return out + "?"


def _braces(text: str) -> bool:
    return "{" in text or "}" in text


class Item(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    step: int
    nl: str = Field(min_length=5)
    en: str = Field(min_length=5)
    sections: tuple[str, ...] = ()
    examples: tuple[str, ...] = Field(min_length=1)
    missing: Texts
    ask: Texts
    # The question its gap raises in a document that puts no decision to the council (a
    # raadsinformatiebrief, a decision of the college's own), where ``ask`` assumes one.
    ask_undecided: Texts | None = None
    probe: Texts
    # The probe's lead-in for a sentence that stands under none of the item's ``sections``, where
    # ``probe`` says what such a sentence is ("Het voorstel vraagt de raad:").
    probe_elsewhere: Texts | None = None
    # What the probe asks after its quote, part by part (see checklist.yaml).
    follow: tuple[Part, ...] = Field(min_length=1)
    # The bank's concerns a probe stands in for in a what-to-ask answer (see
    # assistant/engine/answer/probes.py), and whether such an answer may probe this item at all.
    concerns: tuple[str, ...] = ()
    in_answers: bool = True

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def gap_question(self, lang: str, decided: bool) -> str:
        """The question its gap raises: ``ask``, or ``ask_undecided`` where the document puts no
        decision to the council (``decided`` false) and the item has one."""
        return (self.ask if decided or self.ask_undecided is None
                else self.ask_undecided).text(lang)

    def stands_under(self, section: str | None) -> bool:
        """Whether a sentence under the heading ``section`` (as a proposal's lines hold it:
        without numbering, lower case) stands under one of the item's sections: the heading is
        one, or starts with one as a whole word ("besluit van de raad", "besluit.", not
        "besluitvorming"). Stricter than the proposal model's section features, which take any
        start: a lead-in says what the sentence is."""
        return section is not None and any(re.match(rf"{re.escape(s)}(?!\w)", section)
                                           for s in self.sections)

    def parts_for(self, read: frozenset[str]) -> tuple[Part, ...]:
        """The parts of ``follow`` asked of a document read as ``read`` (:data:`READINGS`)."""
        return tuple(p for p in self.follow if p.fits(read))

    def probe_template(self, lang: str, parts: tuple[Part, ...] | None = None,
                       elsewhere: bool = False) -> str:
        """The probe with its ``{quote}`` slot, asking ``parts`` (unless given, those asked of a
        document read as none of :data:`READINGS`); with ``elsewhere``, led in for a sentence
        under none of the item's sections."""
        asked = self.parts_for(frozenset()) if parts is None else parts
        lead = self.probe_elsewhere if elsewhere and self.probe_elsewhere else self.probe
        return f"{lead.text(lang)} {join_questions([p.text(lang) for p in asked], lang)}"

    def probe_text(self, lang: str, sentence: str, plan: bool = False,
                   parts: tuple[Part, ...] | None = None, elsewhere: bool = False) -> str:
        """The probe with ``sentence`` quoted (see :func:`as_quote`), asking ``parts`` (as
        :meth:`probe_template`); with ``plan``, the quote is from the user's description of a
        plan, and the probe names it so (:data:`PROPOSAL_WORDS`; the quote itself is left as
        the user wrote it); with ``elsewhere``, the sentence stands under none of the item's
        sections. A plan has no sections: its sentences always stand elsewhere."""
        template = self.probe_template(lang, parts, elsewhere or plan)
        return (as_plan(template, lang) if plan else template).format(quote=as_quote(sentence))


def as_plan(template: str, lang: str) -> str:
    """A probe's ``template`` naming "the plan" where it names "the proposal"
    (:data:`PROPOSAL_WORDS`), as whole words, in lower case or starting a sentence."""
    for word, other in PROPOSAL_WORDS["en" if lang == "en" else "nl"]:
        capital = other[0].upper() + other[1:]
        template = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", _either(other, capital),
                          template, flags=re.IGNORECASE)
    return template


def _either(lower: str, capital: str) -> Callable[[re.Match[str]], str]:
    """A replacement that is ``capital`` where the match starts with a capital, else ``lower``."""
    return lambda m: capital if m.group(0)[0].isupper() else lower


def _names_proposal(text: str, lang: str) -> bool:
    """Whether ``text`` holds the word for the proposal ("voorstel", "proposal") as a word or
    the start of one ("voorstellen" too)."""
    noun = PROPOSAL_WORDS[lang][0][0].split()[-1]
    return re.search(rf"(?<!\w){noun}", text, flags=re.IGNORECASE) is not None


class _ChecklistFile(_Strict):
    items: tuple[Item, ...] = Field(min_length=1)


def read_checklist(path: Path = CHECKLIST) -> tuple[Item, ...]:
    what = f"The proposal checklist {path}"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnderstandingDataError(f"{what} cannot be read ({exc.__class__.__name__}); "
                                     "reinstall the assistant.") from exc
    data, node = parse_yaml(text, what, _ChecklistFile.model_validate, UnderstandingDataError,
                            "with a list of items (see the comments at its top)", _entry)
    _check(data, node, what)
    return data.items


def _check(data: _ChecklistFile, node: YamlLines, what: str) -> None:
    seen: set[str] = set()

    def refuse(loc: tuple[Any, ...], key: str, why: str) -> None:
        raise UnderstandingDataError(f"{what} line {node.line(loc)}: entry {key}: {why}.")

    for i, item in enumerate(data.items):
        if item.id in seen:
            refuse(("items", i, "id"), item.id, "another entry has the same id")
        seen.add(item.id)
        if item.step not in STEP_NUMBERS:
            refuse(("items", i, "step"), item.id, "step must be a denkraam step, 1 to 5")
        leads = [("probe", False)] + ([("probe_elsewhere", True)] if item.probe_elsewhere
                                       else [])
        for lang in ("nl", "en"):
            for field, elsewhere in leads:
                lead = getattr(getattr(item, field), lang)
                if (lead.count("{quote}") != 1 or _braces(lead.replace("{quote}", ""))
                        or not lead.rstrip(CLOSING_QUOTES).endswith("{quote}")):
                    refuse(("items", i, field, lang), item.id, "a probe has exactly one slot, "
                           "{quote}, at its end, and no other braces")
                probe = item.probe_template(lang, item.follow, elsewhere)
                proposal = PROPOSAL_WORDS[lang][0][0]
                head = probe.split("{quote}")[0]
                if as_plan(head, lang) == head or _names_proposal(as_plan(probe, lang), lang):
                    refuse(("items", i, field, lang), item.id,
                           f"a probe names the document before its quote as '{proposal}', and "
                           "otherwise only as "
                           f"{' or '.join(repr(w) for w, _ in PROPOSAL_WORDS[lang])}")
            for j, part in enumerate(item.follow):
                if _braces(part.text(lang)):
                    refuse(("items", i, "follow", j, lang), item.id,
                           "a probe's parts hold no braces")
    for i, item in enumerate(data.items):
        for j, part in enumerate(item.follow):
            where = ("items", i, "follow", j)
            if not all(getattr(part, lang).endswith("?") for lang in ("nl", "en")):
                refuse(where, item.id, "each part of a probe is a question, ending in '?'")
            unknown = [x for x in part.answered_by if x not in seen]
            if unknown:
                refuse((*where, "answered_by"), item.id, f"no item has the id {unknown[0]!r}")
            odd = [f for f in part.figures if f not in FIGURES]
            if odd:
                refuse((*where, "figures"), item.id,
                       f"figure {odd[0]!r} is not one of {', '.join(FIGURES)}")
            if item.id in part.answered_by and not (part.figures or part.beside_quote):
                refuse((*where, "answered_by"), item.id, "the item's own quoted sentence would "
                       "always answer this part: name the figures it needs, or beside_quote")
            if (part.figures or part.beside_quote) and not part.answered_by:
                refuse(where, item.id, "figures and beside_quote say which sentences of "
                       "answered_by answer a part, and it names none")
            if part.beside_quote and item.id not in part.answered_by:
                refuse(where, item.id, "beside_quote leaves out the item's own quoted sentence, "
                       "and answered_by does not name the item")
            for key in ("where_read", "unless_read"):
                odd = [r for r in getattr(part, key) if r not in READINGS]
                if odd:
                    refuse((*where, key), item.id, f"{odd[0]!r} is not one of the readings "
                           f"{', '.join(READINGS)}")
            if part.where_read and part.unless_read:
                refuse(where, item.id, "a part has where_read or unless_read, not both")
        # However a document is read, the probe asks something: every set of the readings its
        # parts name is tried.
        named = sorted({r for p in item.follow for r in (*p.where_read, *p.unless_read)})
        for size in range(len(named) + 1):
            for chosen in itertools.combinations(named, size):
                if not item.parts_for(frozenset(chosen)):
                    names = " and ".join(chosen) or "none of its readings"
                    refuse(("items", i, "follow"), item.id, "a document read as "
                           f"{names} would be asked no part")
    missing = set(STEP_NUMBERS) - {item.step for item in data.items}
    if missing:
        raise UnderstandingDataError(f"{what} has no item for step {min(missing)}; every "
                                     "denkraam step needs at least one.")


@lru_cache(maxsize=1)
def checklist() -> tuple[Item, ...]:
    return read_checklist()


def checklist_hash(path: Path = CHECKLIST) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
