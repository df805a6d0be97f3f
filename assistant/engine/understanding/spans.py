"""Where a message names its technology: candidate phrases and what the span ranker sees of them.

The subject tagger (:meth:`.model.AnalyserModel.tag`) gives each word how likely it is outside,
at the start of or inside the phrase that names the technology. Its runs (:func:`.model.runs`)
find the phrase in a short question, but their ends are word by word decisions: in a described
plan they take in a place or a count ("Vismarkt 14 geluidssensoren") or a verb ("install smart
energy meters"), or stop half way through what the technology does.

The span ranker weighs whole phrases instead. Every run of up to :data:`SPAN_WORDS` words inside
one clause that starts at a word the tagger does not rule out is a candidate; a logistic
regression over what :func:`span_features` says of it (the tagger's probabilities inside and at
its edges, its first, last and neighbouring words where they are frame words, its length, its
sentence, whether it lies in the part that asks, whether it is the tagger's own run) scores them,
trained on the labelled questions and cases with the tagger's probabilities from folds that did
not see them. The best candidate of each mention (candidates that do not overlap) is kept, and
the query weighs the best few by their meaning as a technology.

The same functions make the features at training and at answering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.engine.text.words import fold
from assistant.engine.understanding.language import language_data

# The longest phrase a candidate may be, in words (0.94 of the labelled subjects fit; a longer
# one is mostly a whole pasted sentence).
SPAN_WORDS = 16
# A candidate starts only at a word the tagger gives at most this probability of being outside
# (prunes about nine in ten starts; the labelled subjects' first words are all below it).
SPAN_START_OUTSIDE = 0.97
_CLAUSE_END = re.compile(r"[,:;.!?\n]")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@dataclass
class SpanContext:
    """What every candidate of one message shares: its words, clause and sentence breaks, where
    the part that asks starts, and the tagger's own best run (first and last word)."""

    text: str
    tokens: list[tuple[str, int, int]]
    tagged: np.ndarray  # words x (O, B, I)
    folded: list[str]
    breaks: list[bool]  # a clause ends before word i
    sentence: list[int]
    asks_from: int | None  # offset where the part that asks starts, if not at the start
    base: tuple[int, int] | None


def span_context(text: str, tokens: list[tuple[str, int, int]], tagged: np.ndarray,
                 question: str | None, base: tuple[int, int] | None) -> SpanContext:
    n = len(tokens)
    breaks = [i == 0 or bool(_CLAUSE_END.search(text, tokens[i - 1][2], tokens[i][1]))
              for i in range(n)]
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentence = [sum(c <= start for c in cuts) for _, start, _ in tokens]
    asks_from = text.rfind(question) if question and question != text else None
    return SpanContext(text, tokens, tagged, [fold(t) for t, _, _ in tokens], breaks, sentence,
                       asks_from if asks_from is not None and asks_from >= 0 else None, base)


def candidates(ctx: SpanContext) -> list[tuple[int, int]]:
    """(first, last) word of each candidate phrase: within one clause, at most
    :data:`SPAN_WORDS` words, starting at a word the tagger does not rule out."""
    out = []
    n = len(ctx.tokens)
    for i in range(n):
        if ctx.tagged[i][0] > SPAN_START_OUTSIDE:
            continue
        for j in range(i, min(n, i + SPAN_WORDS)):
            if j > i and ctx.breaks[j]:
                break
            out.append((i, j))
    return out


def span_features(ctx: SpanContext, i: int, j: int, known: frozenset[str],
                  stopwords: frozenset[str]) -> dict[str, float]:
    """What the ranker sees of the phrase from word ``i`` to word ``j`` (see the module
    docstring). Words are named only where they are frame words (``known``) or function words,
    as in the tagger, so that the ranker learns where a phrase ends rather than which
    technologies the labelled set names."""
    relatives = language_data("nl").relatives | language_data("en").relatives
    ws, p, n = ctx.folded, ctx.tagged, len(ctx.tokens)

    def name(w: str) -> str:
        return w if w in known or w in stopwords else "<w>"

    length = j - i + 1
    inside = 1.0 - p[i:j + 1, 0]
    before = float(p[i - 1, 0]) if i > 0 and not ctx.breaks[i] else 1.0
    after = float(p[j + 1, 0]) if j + 1 < n and not ctx.breaks[j + 1] else 1.0
    f: dict[str, float] = {
        f"len={min(length, 8)}": 1.0,
        "in_mean": float(inside.mean()), "in_min": float(inside.min()),
        "in_sum": float(inside.sum()) / 3, "b_first": float(p[i, 1]),
        "out_before": before, "out_after": after,
        f"first={name(ws[i])}": 1.0, f"last={name(ws[j])}": 1.0,
        f"prev={name(ws[i - 1]) if i > 0 else '<s>'}": 1.0,
        f"next={name(ws[j + 1]) if j + 1 < n else '</s>'}": 1.0,
        f"lastsuf={ws[j][-3:]}": 1.0, f"firstsuf={ws[i][-2:]}": 1.0,
        "stop_frac": sum(w in stopwords for w in ws[i:j + 1]) / length,
        "pos": i / n, "clause_start": float(ctx.breaks[i]),
        f"sent={min(ctx.sentence[i], 3)}": 1.0,
        f"sent_last={int(ctx.sentence[i] == ctx.sentence[-1])}": 1.0,
        "in_question": float(ctx.asks_from is not None
                             and ctx.tokens[i][1] >= ctx.asks_from),
        "first_mention": float(ws[j] not in ws[:i]),
        "mentions": min(ws.count(ws[j]), 4) / 4,
    }
    first = ctx.tokens[i][0]
    if first[:1].isupper() and not ctx.breaks[i]:
        f["first_cap"] = 1.0
    if any(c.isdigit() for c in first):
        f["first_digit"] = 1.0
    if any(any(c.isdigit() for c in t) for t, _, _ in ctx.tokens[i:j + 1]):
        f["has_digit"] = 1.0
    if any(ws[k] in relatives for k in range(i + 1, j + 1)):
        f["has_rel"] = 1.0
    if ws[i] in stopwords:
        f["first_stop"] = 1.0
    if ws[j] in stopwords:
        f["last_stop"] = 1.0
    if ctx.base:
        a, b = ctx.base
        f["is_base"] = float((i, j) == ctx.base)
        f["base_start"] = float(i == a)
        f["base_end"] = float(j == b)
        f["base_overlap"] = max(0, min(j, b) - max(i, a) + 1) / (max(j, b) - min(i, a) + 1)
    return f


def mentions(spans: list[tuple[int, int]], scores: np.ndarray, limit: int
             ) -> list[tuple[int, int, float]]:
    """The best-scored candidate of each mention, best first: a candidate that overlaps a better
    one is the same mention with other ends. At most ``limit``."""
    out: list[tuple[int, int, float]] = []
    for k in np.argsort(-scores, kind="stable"):
        i, j = spans[int(k)]
        if all(j < a or i > b for a, b, _ in out):
            out.append((i, j, float(scores[int(k)])))
            if len(out) == limit:
                break
    return out
