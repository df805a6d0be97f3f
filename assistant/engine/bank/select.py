"""Choosing the bank's questions for one case, filling them and finding the passage each rests on.

Per denkraam step, the questions the case may get (:meth:`Entry.fits`) are ranked by how much of
the case they engage with (each characteristic or facet they need counts :data:`NEED_WEIGHT`) plus
their similarity to the case (the e5 vectors of the question, its slots neutral, and of the
technology with what the message describes). Going down that ranking, a question is taken unless
the answer already has one with the same concern or one that says nearly the same
(:data:`SAME_QUESTION`), and only when a passage retrieved for the case speaks to its grounding (its
step, or one of its values, as framework.yaml's evidence tags the passages): the most similar such
passage is cited. A question without one is left out and counted.

Before that, the characteristics the analyser is unsure the case has (:attr:`.case.Case.unsure`,
most at stake first) are asked about: for the first :data:`MAX_UNSURE` of them that the bank has a
supported question for, the question that asks whether the case has it (``asks_whether``; where
the bank asks it in several ways, the one whose ``about`` is clearly closest to the case, else the
one without examples) leads its step, and its concern is kept from the questions of earlier
steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from assistant.engine.bank.schema import STEP_GROUND, SUBJECT_SLOT, Bank, Entry, Reason
from assistant.engine.case import Case, stakes_of
from assistant.engine.corpus.passages import Passage
from assistant.engine.framework import Characteristic

# How many questions each step gets at most: the undesired effects (step 4) are where a case
# differs most, so they get one more.
PER_STEP = {1: 2, 2: 2, 3: 2, 4: 3, 5: 2}
# What one need met adds to a question's similarity to the case (cosine similarities of e5 lie
# close together: the bank's questions for one case span about 0.1).
NEED_WEIGHT = 0.03
# A facet the user gave (a supplier, a place) is named in at most this many questions: the
# answer engages with the case without turning around one particular.
MAX_PER_FACET = 2
# What the technology does is a clause of the user's own: it is read back in one question, not
# two (graded blind, two questions with the same clause read as a pasted description).
FACET_LIMITS = {"werking": 1}
# Two questions whose vectors are this similar ask the same thing.
SAME_QUESTION = 0.95
# At most this many public values; values without a reason for the case are added only when
# fewer than MIN_REASONED have one.
MAX_VALUES = 5
MIN_REASONED = 3
# At most this many characteristics the analyser is unsure of are asked about: the answer stays
# about the case, not about what the message left open.
MAX_UNSURE = 2
# Of the ways the bank asks after one characteristic, the one whose `about` is closest to the case
# is asked when it is closer by this much than the next; otherwise the way without examples.
# Measured on the development set's what-to-ask messages and probes of our own (e5 similarities
# of a case to a few words each): where a reader would pick one way (a camera by faces,
# wifi-telling by phones, a scan car by number plates, an access pass by the pass), it led the
# next by 0.013 to 0.076. ANPR cameras lead by "camera's" to faces all the same.
ABOUT_MARGIN = 0.01


@dataclass
class Chosen:
    step: int
    entry: Entry
    text: str
    passage: Passage
    # The question as it reads after one that named the technology in full: referring back to
    # it ("deze camera", :attr:`.case.Case.anaphor`); the same text where there is no anaphor.
    again: str


@dataclass
class ValueReason:
    key: str
    reason: str | None
    passage: Passage


@dataclass
class Selection:
    questions: list[Chosen] = field(default_factory=list)
    left_out: int = 0  # places in a step left empty because no passage supported a question
    values: list[ValueReason] = field(default_factory=list)


class Selector:
    """Chooses questions for cases from one bank, with its questions' vectors per language."""

    def __init__(self, bank: Bank, vectors: dict[str, np.ndarray],
                 characteristics: Iterable[Characteristic] = (),
                 about: dict[str, np.ndarray] | None = None) -> None:
        self.bank = bank
        self.vectors = vectors
        # The vectors of what the ways of asking one question are about (:attr:`Bank.with_about`
        # gives their entries), by language.
        self.about = about or {}
        self.about_row = {i: row for row, i in enumerate(bank.with_about)}
        # framework.yaml's `stakes` and `values` of each characteristic, for the values' order.
        characteristics = tuple(characteristics)
        self.stakes = {c.key: c.stakes for c in characteristics}
        self.own_values = {c.key: c.values for c in characteristics}

    def select(self, case: Case, case_vector: np.ndarray,
               pool: list[tuple[Passage, np.ndarray]]) -> Selection:
        lang = case.language
        vectors = self.vectors[lang]
        features = case.features
        similarity = vectors @ case_vector
        out = Selection()
        named: dict[str, int] = {}  # facet slot -> questions naming it
        taken: list[int] = []
        entries = self.bank.entries
        fitting = [i for i, e in enumerate(entries) if e.fits(features, frozenset(case.unsure))]
        asking: list[int] = []
        for key in case.unsure:
            ways = [i for i in fitting if entries[i].asks_whether == key
                    and self._support(entries[i], vectors[i], pool) is not None]
            if ways and len(asking) < MAX_UNSURE:
                asking.append(self._way(ways, case_vector, lang))
        # Their concerns are theirs from the start: no question of an earlier step takes one.
        concerns: set[str] = {entries[i].concern for i in asking}
        for step in sorted(PER_STEP):
            ranked = [i for i in asking if entries[i].step == step] + sorted(
                (i for i in fitting
                 if entries[i].step == step and entries[i].asks_whether is None),
                key=lambda i: -(similarity[i] + NEED_WEIGHT * self._met(entries[i])))
            count = 0
            unsupported = 0
            for i in ranked:
                if count >= PER_STEP[step]:
                    break
                entry = entries[i]
                if i not in asking and (entry.concern in concerns or any(
                        named.get(s, 0) >= FACET_LIMITS.get(s, MAX_PER_FACET)
                        for s in entry.slots) or any(
                        float(vectors[i] @ vectors[j]) >= SAME_QUESTION for j in taken)):
                    continue
                passage = self._support(entry, vectors[i], pool)
                if passage is None:
                    unsupported += 1
                    continue
                text = entry.text(lang).format(**case.slots(entry.slots))
                again = entry.text(lang).format(**case.slots(entry.slots, again=True))
                out.questions.append(Chosen(step, entry, text[0].upper() + text[1:], passage,
                                            again[0].upper() + again[1:]))
                concerns.add(entry.concern)
                for s in entry.slots - {SUBJECT_SLOT}:
                    named[s] = named.get(s, 0) + 1
                taken.append(i)
                count += 1
            # Counted only where they left the step short: the next question took their place
            # otherwise.
            out.left_out += min(unsupported, PER_STEP[step] - count)
        out.values = self._values(case, case_vector, out.questions, pool)
        return out

    def _way(self, ways: list[int], case_vector: np.ndarray, lang: str) -> int:
        """Of the bank's ways of asking after one characteristic (recognising people by their
        face, their number plate or their phone), the one whose ``about`` is closest to the case
        by :data:`ABOUT_MARGIN`; otherwise the one without ``about``."""
        about = self.about.get(lang)
        scored = sorted(((float(about[self.about_row[i]] @ case_vector), i) for i in ways
                         if i in self.about_row), reverse=True) if about is not None else []
        plain = [i for i in ways if i not in self.about_row]
        if scored and (not plain or len(scored) > 1
                       and scored[0][0] - scored[1][0] >= ABOUT_MARGIN):
            return scored[0][1]
        return plain[0] if plain else ways[0]

    @staticmethod
    def _met(entry: Entry) -> int:
        return len(entry.needs) + (1 if entry.any else 0)

    @staticmethod
    def _speaks_to(entry: Entry, passage: Passage) -> bool:
        return any(passage.steps and entry.step in passage.steps if g == STEP_GROUND
                   else g in passage.values for g in entry.grounds)

    def _support(self, entry: Entry, vector: np.ndarray,
                 pool: list[tuple[Passage, np.ndarray]]) -> Passage | None:
        best: tuple[float, Passage] | None = None
        for passage, pvec in pool:
            if self._speaks_to(entry, passage):
                score = float(vector @ pvec)
                if best is None or score > best[0]:
                    best = (score, passage)
        return best[1] if best else None

    def _values(self, case: Case, case_vector: np.ndarray, chosen: list[Chosen],
                pool: list[tuple[Passage, np.ndarray]]) -> list[ValueReason]:
        """The public values at stake: those with a reason for this case first (the most
        particular reason of each, one that assumes what the analyser doubts only where there is
        no other), then those the chosen questions serve; each cited to the retrieved passage
        naming it that is closest to the case."""
        features = case.features
        likely = set(case.likely)

        def stakes(key: str) -> int:
            return stakes_of(key, self.stakes.get(key, 2), likely)

        # Characteristics read as likely that rank lower for it (stakes_of): a reason that
        # assumes one of them gives way to one that does not.
        doubted = {k for k in likely if stakes(k) != self.stakes.get(k, 2)}

        def particular(r: Reason) -> tuple[bool, int]:
            return not doubted & set(r.needs), len(r.needs)

        reasons: dict[str, Reason] = {}
        for r in self.bank.reasons:
            if set(r.needs) <= features:
                held = reasons.get(r.value)
                if held is None or particular(r) > particular(held):
                    reasons[r.value] = r
        # Of the values with a reason for the case, those of the characteristics with the most at
        # stake for residents first (what decides about them before what only watches them, and
        # that before how it is organised: framework.yaml's `stakes`), each group in the case's
        # order, and the values of one characteristic in the order framework.yaml gives them; a
        # value no characteristic of the case names ranks by those its reason needs. (Which
        # reason a value shows is still the one chosen above.) A characteristic the analyser
        # reads as likely counts as one with less at stake (case.stakes_of): the answer leads
        # with the first value, and its reason and question.
        order = list(case.characteristics)

        def rank(value: str) -> tuple[int, int, int]:
            named = [(stakes(n), i, self.own_values[n].index(value))
                     for i, n in enumerate(order) if value in self.own_values.get(n, ())]
            needed = [(stakes(n), order.index(n), len(self.own_values.get(n, ())))
                      for n in reasons[value].needs if n in order]
            return min(named or needed, default=(4, len(order), 0))

        keys = sorted(reasons, key=rank)
        if sum(1 for k in keys if any(k in p.values for p, _ in pool)) < MIN_REASONED:
            # Few reasons for this case: the values its questions serve, without one.
            for c in chosen:
                keys += [v for v in c.entry.values if v not in keys]
        out: list[ValueReason] = []
        for key in keys:
            tagged = [(float(case_vector @ v), p) for p, v in pool if key in p.values]
            passage = max(tagged, key=lambda t: t[0])[1] if tagged else None
            reason = reasons.get(key)
            text = None
            if reason is not None:
                text = reason.text(case.language).format(**case.slots(frozenset(reason.needs)))
            if passage is None:
                continue  # every value is cited
            out.append(ValueReason(key, text, passage))
            if len(out) >= MAX_VALUES:
                break
        return out
