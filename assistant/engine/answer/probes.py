"""Questions on what the user's own description of a plan says.

A council member who describes the plan ("De beelden worden direct geanonimiseerd, de proef duurt
één jaar.", "It's an 18-month trial costing €640,000.") has given the particulars an advisor
would take up first. Each sentence of what the message describes (``Query.context``) is read by
the proposal model, the model that reads a raadsvoorstel's sentences for the worksheet
(:mod:`assistant.engine.review.model`, learned from labelled sentences of proposals and of plans
as council members describe them). A sentence that speaks to a checklist item from
:data:`~assistant.engine.review.model.THRESHOLD` may get that item's probe: its question on what
follows from what the sentence says, with the sentence quoted. The composer puts a probe in
the place of the bank's question on one of the item's ``concerns``, or adds it below the most
questions an answer shows (see :meth:`~assistant.engine.answer.compose.Composer._denkraam`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from assistant.engine.review.checklist import Item, checklist, has_figure, quotable
from assistant.engine.review.model import THRESHOLD, ReviewModel
from assistant.engine.understanding.split import sentences

# At most this many probes per answer, one per step and one per sentence: the answer stays a walk
# through the five steps, with the case's own statements taken up where they matter most.
MAX_PROBES = 3
# Quotation marks that may wrap a quoted passage, opening -> closing.
_PAIRS = {'"': '"', "“": "”", "„": "”", "‘": "’", "'": "'", "«": "»", "‹": "›"}
_CLOSING = frozenset(_PAIRS.values())
# Dutch words written with an apostrophe first: "'s nachts", "'t", "'n".
_ELISIONS = ("'s ", "'t ", "'n ", "’s ", "’t ", "’n ")
# The longest sentence of the user's description a probe quotes, in words: shorter than a
# worksheet's quote of a proposal (PROBE_WORDS, 45), as the quote stands in an answer to a
# message the user has just written, where a long sentence is mostly their whole plan read back
# to them ("Bij de balie Burgerzaken gaan medewerkers een vertaalapp gebruiken ..."); its
# particulars (a figure, a period, a retention) are what a probe takes up.
DESCRIBED_WORDS = 25
# A lead-in before a colon ("In het raadsvoorstel staat: ...") has this many words at most.
LEAD_IN_WORDS = 8


@dataclass(frozen=True)
class Probe:
    item: Item
    sentence: str
    probability: float
    # What the user's description claims (the checklist's READINGS): which parts are asked.
    claimed: frozenset[str] = frozenset()

    def text(self, lang: str) -> str:
        return self.item.probe_text(lang, self.sentence, plan=True,
                                    parts=self.item.parts_for(self.claimed))


def _without_lead_in(s: str) -> str:
    """ "In het raadsvoorstel staat: Voor de handhaving ..." -> "Voor de handhaving ...": two to
    :data:`LEAD_IN_WORDS` words without a figure before a colon, followed by a statement of its
    own of four words or more that starts with a capital (or a quotation mark and one), which
    keeps "Zaanstad start met onderhoud van bruggen: er komen sensoren op 42 bruggen" and a label
    such as "Kosten: € 50.000 per jaar" whole."""
    head, colon, rest = s.partition(":")
    rest = rest.strip()
    first = rest.lstrip("".join(_PAIRS))[:1]
    if colon and 2 <= len(head.split()) <= LEAD_IN_WORDS and not any(c.isdigit() for c in head) \
            and first.isupper() and len(rest.split()) >= 4:
        return rest
    return s


def _unquoted(s: str) -> str:
    """The sentence without quotation marks that belong to a passage around it: a pair that wraps
    it whole, an opening mark whose closing one is in another sentence, a closing mark whose
    opening one is. Marks inside ("heet “Slimme Check”.") and an elision ("'s nachts") stay."""
    if s[:1] in _PAIRS and not s.startswith(_ELISIONS):
        close = _PAIRS[s[0]]
        inner = s[1:]
        if inner.endswith(close) or inner[:-1].endswith(close) and inner[-1:] in ".!?":
            cut = inner.rfind(close)
            if close not in inner[:cut]:
                return (inner[:cut] + inner[cut + 1:]).strip()
        elif close not in inner:
            s = inner.strip()
    tail = s[-2:] if s[-1:] in ".!?" else s[-1:]
    if tail[:1] in _CLOSING and not any(o in s for o, c in _PAIRS.items() if c == tail[:1]
                                        and o != c):
        s = (s[:len(s) - len(tail)] + tail[1:]).strip()
    return s


def described_sentences(context: str, subject: str | None = None) -> list[str]:
    """The sentences of what a message describes that a question may quote: statements of their
    own (not a lead-in ending in a colon, not a question), without a lead-in or the quotation
    marks of a passage around them, of at most :data:`DESCRIBED_WORDS` words. The sentence that
    introduces the technology (the first to name ``subject``, as whole words) is left out unless
    it states a figure: the whole answer is about what it says ("De gemeente wil een chatbot op
    de website zetten die inwoners helpt"), and quoting it reads the user's plan back to them."""
    return [s for s, quoted in described_statements(context, subject) if quoted]


def described_statements(context: str, subject: str | None = None) -> list[tuple[str, bool]]:
    """Every statement of what a message describes (not a question), as
    :func:`described_sentences` reads it, and whether a question may quote it."""
    named = re.compile(rf"(?<!\w){re.escape(subject)}(?!\w)", re.IGNORECASE) if subject else None
    out = []
    for s in sentences(context):
        s = _unquoted(_without_lead_in(s.strip()))
        introduces = False
        if named is not None and named.search(s):
            named = None  # the first sentence that names it introduces it
            introduces = not has_figure(s)
        if len(s.split()) >= 2 and not s.endswith("?"):
            out.append((s, not introduces and quotable(s, DESCRIBED_WORDS)))
    return out


def probes(model: ReviewModel, lines: list[str], vectors: np.ndarray,
           steps: Collection[int], claimed: frozenset[str] | None = None) -> list[Probe]:
    """The probes for the sentences ``lines`` with their L2-normalised e5 question vectors, in
    the denkraam ``steps`` that have questions: every (sentence, item) pair from the threshold
    whose item answers may probe, those with a figure first, then the likeliest; one per
    sentence and per step, at most :data:`MAX_PROBES`. ``claimed`` is what the whole description
    claims (:meth:`~assistant.engine.review.model.ReviewModel.claims`; by default what ``lines``
    claim), by which a probe's parts are asked."""
    if not lines:
        return []
    items = checklist()
    scores = model.proba(vectors, lines, [None] * len(lines))
    # (no figure, minus the probability, sentence, item): sorted, the order they are taken in.
    pairs = [(not has_figure(lines[r]), -float(scores[r, i]), r, i)
             for r in range(len(lines)) for i, item in enumerate(items)
             if item.in_answers and item.step in steps and scores[r, i] >= THRESHOLD]
    out: list[Probe] = []
    used: set[int] = set()
    if claimed is None:
        claimed = model.claims(vectors, lines, [None] * len(lines))
    for _, minus, r, i in sorted(pairs):
        if len(out) < MAX_PROBES and r not in used and all(
                o.item.step != items[i].step for o in out):
            out.append(Probe(items[i], lines[r], -minus, claimed))
            used.add(r)
    return out
