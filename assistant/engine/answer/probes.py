"""Questions on what the user's own description of a plan says.

A council member who describes the plan ("De beelden worden direct geanonimiseerd, de proef duurt
één jaar.", "It's an 18-month trial costing €640,000.") has given the particulars an advisor
would take up first. Each sentence of what the message describes (``Query.context``) is read by
the proposal model, the model that reads a raadsvoorstel's sentences for the worksheet
(:mod:`assistant.engine.review.model`, learned from labelled sentences of proposals and of plans
as council members describe them). A sentence that speaks to a checklist item from
:data:`~assistant.engine.review.model.THRESHOLD` gets that item's probe: its question on what
follows from what the sentence says, with the sentence quoted. A probe takes the place of the
bank's question of its step with one of the item's ``concerns`` (or else of the step's last
question) and is cited to that question's passage, which speaks to the same step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.engine.review.checklist import Item, checklist
from assistant.engine.review.model import THRESHOLD, ReviewModel
from assistant.engine.understanding.split import sentences

# At most this many probes per answer, one per step: the answer stays a walk through the five
# steps, with the case's own statements taken up where they matter most.
MAX_PROBES = 3
# The longest sentence a probe quotes, in words (a council member reads the question out).
PROBE_WORDS = 40
# A figure in a sentence (an amount, a period, a count) is what the council can hold the
# executive to: such sentences are probed first.
_FIGURE = re.compile(r"\d")
# What introduces a quoted passage ("In het raadsvoorstel staat: Voor de handhaving ...", "vraag
# over de nieuwe app: de gemeente ..."): two to five words without a figure before a colon, or
# more with a capital after it, where what follows is a statement of four words or more. A longer
# clause followed by lower case is part of the sentence ("... van bruggen en kademuren: er komen
# sensoren op 42 bruggen"), as is a label ("Kosten per jaar: € 50.000").
_LEAD_IN = re.compile(r"^(?:(?:[^\s:\d]+\s+){1,4}[^\s:\d]+|[^:\d]{3,80}(?=:\s+[\"“„']?[A-Z])):"
                      r"\s+[\"“„']?")
_QUOTES = "\"“”„'"


@dataclass(frozen=True)
class Probe:
    item: Item
    sentence: str
    probability: float

    def text(self, lang: str) -> str:
        quote = self.sentence.strip()
        return self.item.probe.text(lang).format(
            quote=quote if quote[-1:] in ".!?" else f"{quote}.")


def described_sentences(context: str) -> list[str]:
    """The sentences of what a message describes that a question may quote: statements of their
    own (not a lead-in ending in a colon, not a question) short enough to read out."""
    out = []
    for s in sentences(context):
        s = s.strip()
        rest = _LEAD_IN.sub("", s)
        s = (rest if len(rest.split()) >= 4 else s).strip(_QUOTES).strip()
        if s and not s.endswith((":", "?")) and len(s.split()) <= PROBE_WORDS:
            out.append(s)
    return out


def probes(model: ReviewModel, lines: list[str], vectors: np.ndarray) -> list[Probe]:
    """The probes for the sentences ``lines`` with their L2-normalised e5 question vectors: per
    sentence its likeliest item that answers may probe, if from the threshold; one per item and
    per step, those with a figure first, then the likeliest; at most :data:`MAX_PROBES`."""
    if not lines:
        return []
    items = checklist()
    scores = model.proba(vectors, [None] * len(lines))
    found: list[Probe] = []
    for line, row in zip(lines, scores, strict=True):
        allowed = [i for i, item in enumerate(items) if item.in_answers and row[i] >= THRESHOLD]
        if allowed:
            best = max(allowed, key=lambda i: row[i])
            found.append(Probe(items[best], line, float(row[best])))
    found.sort(key=lambda p: (not _FIGURE.search(p.sentence), -p.probability))
    out: list[Probe] = []
    for p in found:
        if len(out) < MAX_PROBES and all(
                o.item.id != p.item.id and o.item.step != p.item.step for o in out):
            out.append(p)
    return out
