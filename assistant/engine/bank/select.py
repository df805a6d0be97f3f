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
the bank asks it in several ways, the one most similar to the case) leads its step, and its
concern is kept from the questions of earlier steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from assistant.engine.bank.schema import STEP_GROUND, SUBJECT_SLOT, Bank, Entry, Reason
from assistant.engine.case import Case
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
                 characteristics: Iterable[Characteristic] = ()) -> None:
        self.bank = bank
        self.vectors = vectors
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
            # Of the ways the bank asks after one characteristic (recognising people by their
            # face, their number plate or their phone), the one closest to the case.
            variants = [i for i in fitting if entries[i].asks_whether == key
                        and self._support(entries[i], vectors[i], pool) is not None]
            if variants and len(asking) < MAX_UNSURE:
                asking.append(max(variants, key=lambda i: similarity[i]))
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
        particular reason of each), then those the chosen questions serve; each cited to the
        retrieved passage naming it that is closest to the case."""
        features = case.features
        reasons: dict[str, Reason] = {}
        for r in self.bank.reasons:
            if set(r.needs) <= features:
                held = reasons.get(r.value)
                if held is None or len(r.needs) > len(held.needs):
                    reasons[r.value] = r
        # Of the values with a reason for the case, those of the characteristics with the most at
        # stake for residents first (what decides about them before what only watches them, and
        # that before how it is organised: framework.yaml's `stakes`), each group in the case's
        # order, and the values of one characteristic in the order framework.yaml gives them; a
        # value no characteristic of the case names ranks by those its reason needs. (Which
        # reason a value shows is still its most particular one.)
        order = list(case.characteristics)

        def rank(value: str) -> tuple[int, int, int]:
            named = [(self.stakes.get(n, 2), i, self.own_values[n].index(value))
                     for i, n in enumerate(order) if value in self.own_values.get(n, ())]
            needed = [(self.stakes.get(n, 2), order.index(n), len(self.own_values.get(n, ())))
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
