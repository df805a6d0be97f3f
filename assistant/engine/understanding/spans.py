"""Where a message names its technology: candidate phrases and what the span ranker sees of them.

The subject tagger (:meth:`.model.AnalyserModel.tag`) gives each word how likely it is outside,
at the start of or inside the phrase that names the technology. Its runs (:func:`.model.runs`)
find the phrase in a short question, but their ends are word by word decisions: in a described
plan they take in a place or a count ("Vismarkt 14 geluidssensoren") or a verb ("install smart
energy meters"), or stop half way through what the technology does.

The span ranker weighs whole phrases instead. Every run of up to :data:`SPAN_WORDS` words inside
one clause that starts at a word the tagger does not rule out is a candidate (at most
:data:`MAX_CANDIDATES`); a logistic regression over what :func:`span_features` says of it (the
tagger's probabilities inside and at its edges, its first, last and neighbouring words where they
are frame words, its length, its sentence, whether it starts in the part that asks, whether it is
the tagger's own run) scores them, trained on the labelled questions and cases with the tagger's
probabilities from folds that did not see them. The best candidate of each mention (candidates
that do not overlap) is kept, and the query weighs the best few by their meaning as a technology.

The same functions make the features at training and at answering.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from text_to_num import alpha2digit

from assistant.engine.text.words import fold
from assistant.engine.understanding.features import frequency
from assistant.engine.understanding.features import tokens_with_offsets as _tokens
from assistant.engine.understanding.language import language_data

# The longest phrase a candidate may be, in words (by length alone 0.99 of the labelled subjects
# fit; a longer one is mostly a whole pasted sentence).
SPAN_WORDS = 16
# A candidate starts only at a word the tagger gives at most this probability of being outside.
# (Requiring a word of the tagger's runs as well lost technologies the runs miss: "sensoren" in
# "Op de markt komen sensoren die bezoekers tellen", whose only run is "de markt".)
SPAN_START_OUTSIDE = 0.97
# At most this many candidates are scored per message (in text order), so that a long pasted
# text or a keyboard mash costs a bounded time.
MAX_CANDIDATES = 1500
# A clause ends at punctuation followed by a space or the end ("B.V." and "150.000" do not end
# one) or at a line break.
_CLAUSE_END = re.compile(r"[,:;.!?](?=\s|$)|\n")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@lru_cache(maxsize=65536)
def is_count(word: str) -> bool:
    """Whether a word (folded, as the name ranker's features give it) counts something: a figure
    ("60"; a token holds no separator, so "1,200" comes as "1" and "200") or a number word
    from two up, in Dutch or English, as text2num reads it ("acht", "twintig", "tweeëntwintig",
    "twenty-two"). Not "een"/"one" (as often an article), an ordinal ("tweede", "second"), a
    code with letters ("5G", "CO2") nor an English plural ("hundreds": no English number word
    ends in "s", while Dutch "zes" does). Folding drops the diaeresis of "tweeën-" (22, 32,
    ...), which text2num needs, so it is put back. A count before a technology is part of what
    the user wrote ("acht slimme camera's"), but not of the short name the council's questions
    use ("slimme camera's"): the name ranker sees counts inside and before a candidate. (As
    features of the span ranker they lowered its cross-validated phrase, 0.573 to 0.567 exact
    on the labelled questions, and are not used there.)"""
    if word.isdecimal():
        return True
    if not word.replace("-", "").isalpha():
        return False
    forms = {word, word.replace("eeen", "eeën")}
    return any(alpha2digit(form, lang, threshold=2).isdigit() for form in forms
               for lang in ("nl", "en") if lang == "nl" or not form.endswith("s"))


def _clause_ends_before(text: str, tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Whether a clause ends between word ``k - 1`` and word ``k`` of ``text``: the gap is read
    with the next word's first letter, so that punctuation right before a word ("150.000") is
    not read as followed by the end."""
    return bool(_CLAUSE_END.search(text[tokens[k - 1][2]:tokens[k][1] + 1]))


@dataclass
class SpanContext:
    """What every candidate of one message shares: its words, clause and sentence breaks, where
    the part that asks lies, the tagger's own best run (first and last word), the words a candidate
    must hold, and each word's count and first place."""

    text: str
    tokens: list[tuple[str, int, int]]
    tagged: np.ndarray  # words x (O, B, I)
    folded: list[str]
    breaks: list[bool]  # a clause ends before word i
    sentence: list[int]
    asks: tuple[int, int] | None  # offsets of the part that asks, if it is found in the text
    base: tuple[int, int] | None
    marked: list[bool]  # a candidate must hold a marked word (all, unless a caller says)
    counts: Counter[str]
    first_at: dict[str, int]


def span_context(text: str, tokens: list[tuple[str, int, int]], tagged: np.ndarray,
                 question: str | None, base: tuple[int, int] | None,
                 marked: list[bool] | None = None) -> SpanContext:
    n = len(tokens)
    breaks = [i == 0 or _clause_ends_before(text, tokens, i) for i in range(n)]
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentence = [sum(c <= start for c in cuts) for _, start, _ in tokens]
    at = text.rfind(question) if question else -1
    folded = [fold(t) for t, _, _ in tokens]
    first_at: dict[str, int] = {}
    for i, w in enumerate(folded):
        first_at.setdefault(w, i)
    return SpanContext(text, tokens, tagged, folded, breaks, sentence,
                       (at, at + len(question or "")) if at >= 0 else None, base,
                       marked if marked is not None else [True] * n, Counter(folded), first_at)


@cache
def relative_words() -> frozenset[str]:
    """The words that open a relative clause ("die", "that"), in either language."""
    return language_data("nl").relatives | language_data("en").relatives


def candidates(ctx: SpanContext) -> list[tuple[int, int]]:
    """(first, last) word of each candidate phrase: within one clause, at most
    :data:`SPAN_WORDS` words, starting at a word the tagger does not rule out and holding a
    marked word; at most :data:`MAX_CANDIDATES`."""
    out = []
    n = len(ctx.tokens)
    for i in range(n):
        if ctx.tagged[i][0] > SPAN_START_OUTSIDE:
            continue
        holds = False
        for j in range(i, min(n, i + SPAN_WORDS)):
            if j > i and ctx.breaks[j]:
                break
            holds = holds or ctx.marked[j]
            if holds:
                out.append((i, j))
                if len(out) == MAX_CANDIDATES:
                    return out
    return out


def span_features(ctx: SpanContext, i: int, j: int, known: frozenset[str],
                  stopwords: frozenset[str]) -> dict[str, float]:
    """What the ranker sees of the phrase from word ``i`` to word ``j`` (see the module
    docstring). Words are named only where they are frame words (``known``) or function words,
    as in the tagger, so that the ranker learns where a phrase ends rather than which
    technologies the labelled set names; the last three and first two letters of the edge words
    are features too (a word of three letters is then known by name)."""
    relatives = relative_words()
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
        f"prev2={name(ws[i - 2]) if i > 1 else '<s>'}|{name(ws[i - 1]) if i > 0 else '<s>'}": 1.0,
        "b_inner": float(p[i + 1:j + 1, 1].max()) if j > i else 0.0,
        f"firstfreq={frequency(ws[i])}": 1.0,
        f"prevfreq={frequency(ws[i - 1]) if i > 0 else '<s>'}": 1.0,
        f"next={name(ws[j + 1]) if j + 1 < n else '</s>'}": 1.0,
        f"lastsuf={ws[j][-3:]}": 1.0, f"firstsuf={ws[i][-2:]}": 1.0,
        "stop_frac": sum(w in stopwords for w in ws[i:j + 1]) / length,
        "pos": i / n, "clause_start": float(ctx.breaks[i]),
        f"sent={min(ctx.sentence[i], 3)}": 1.0,
        f"sent_last={int(ctx.sentence[i] == ctx.sentence[-1])}": 1.0,
        "in_question": float(ctx.asks is not None
                             and ctx.asks[0] <= ctx.tokens[i][1] < ctx.asks[1]),
        "first_mention": float(ctx.first_at[ws[j]] >= i),
        "mentions": min(ctx.counts[ws[j]], 4) / 4,
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
    if limit <= 0:
        return out
    for k in np.argsort(-scores, kind="stable"):
        i, j = spans[int(k)]
        if all(j < a or i > b for a, b, _ in out):
            out.append((i, j, float(scores[int(k)])))
            if len(out) == limit:
                break
    return out


# -- the short name ------------------------------------------------------------------------------
#
# The phrase above names the technology with everything the message says of it ("luchtkwaliteits-
# meters die de gemeente als proef een half jaar huurt van Sensaris"): right for retrieval and for
# reading what it does, but read aloud in every question of the answer it is a clause, not a name.
# The questions take a short name from inside it ("luchtkwaliteitsmeters"): the particulars it
# leaves out (place, supplier, duration) fill slots of their own. A second ranker, trained on the
# short names labelled beside the subjects, chooses it among the phrase's runs of words.

# The longest short name, in words (the labelled names have at most six).
NAME_WORDS = 6


def name_candidates(tokens: list[tuple[str, int, int]], folded: list[str], text: str,
                    stopwords: frozenset[str]) -> list[tuple[int, int]]:
    """(first, last) word of each run of at most :data:`NAME_WORDS` words of a phrase that
    neither starts nor ends with a function word nor crosses punctuation; the whole phrase when
    there is no such run. ``folded`` are the tokens' words folded."""
    n = len(tokens)
    out = []
    for i in range(n):
        if folded[i] in stopwords:
            continue
        for j in range(i, min(n, i + NAME_WORDS)):
            if j > i and _clause_ends_before(text, tokens, j):
                break
            if folded[j] not in stopwords:
                out.append((i, j))
    return out or ([(0, n - 1)] if n else [])


def name_features(tokens: list[tuple[str, int, int]], folded: list[str], text: str, i: int,
                  j: int, known: frozenset[str], stopwords: frozenset[str]) -> dict[str, float]:
    """What the name ranker sees of the words ``i`` to ``j`` of a phrase: where they lie in it,
    their edge words and the words just outside (named only where they are frame or function
    words, as in :func:`span_features`), the edge words' endings, and whether a count, a name
    with a capital, a relative clause or punctuation lies inside or next to them."""
    ws = folded
    n = len(ws)
    relatives = relative_words()

    def name(w: str) -> str:
        return w if w in known or w in stopwords else "<w>"

    def capital(k: int) -> bool:
        return k > 0 and tokens[k][0][:1].isupper()

    def digit(k: int) -> bool:
        return any(c.isdigit() for c in tokens[k][0])

    length = j - i + 1
    f: dict[str, float] = {
        f"len={length}": 1.0, "whole": float(i == 0 and j == n - 1),
        "start": float(i == 0), "end": float(j == n - 1),
        f"skip={min(i, 3)}": 1.0, f"cut={min(n - 1 - j, 3)}": 1.0, "cut_share": (n - length) / n,
        f"first={name(ws[i])}": 1.0, f"last={name(ws[j])}": 1.0,
        f"prev={name(ws[i - 1]) if i > 0 else '<p>'}": 1.0,
        f"next={name(ws[j + 1]) if j + 1 < n else '</p>'}": 1.0,
        f"lastsuf={ws[j][-3:]}": 1.0, f"firstsuf={ws[i][-2:]}": 1.0,
        "stop_frac": sum(w in stopwords for w in ws[i:j + 1]) / length,
        f"firstfreq={frequency(ws[i])}": 1.0,
        f"prevfreq={frequency(ws[i - 1]) if i > 0 else '<p>'}": 1.0,
    }
    if j + 1 < n:
        f[f"nextsuf={ws[j + 1][-2:]}"] = 1.0
        if capital(j + 1):
            f["next_cap"] = 1.0
        if ws[j + 1] in relatives:
            f["next_rel"] = 1.0
        if _clause_ends_before(text, tokens, j + 1):
            f["break_after"] = 1.0
    if i > 0 and digit(i - 1):
        f["prev_digit"] = 1.0
    if capital(i):
        f["first_cap"] = 1.0
    if any(capital(k) for k in range(i + 1, j + 1)):
        f["cap_inside"] = 1.0
    if digit(i):
        f["first_digit"] = 1.0
    if any(digit(k) for k in range(i, j + 1)):
        f["has_digit"] = 1.0
    if any(is_count(ws[k]) for k in range(i, j + 1)):
        f["has_count"] = 1.0
    if i > 0 and is_count(ws[i - 1]):
        f["prev_count"] = 1.0
    if any(ws[k] in relatives for k in range(i + 1, j + 1)):
        f["has_rel"] = 1.0
    return f


def choose_name(phrase: str, known: frozenset[str], stopwords: frozenset[str],
                score: Callable[[list[dict[str, float]]], np.ndarray]) -> str:
    """The short name in ``phrase``: its candidate run whose features ``score`` (one score per
    feature dict) rates highest, the first on a tie; a phrase of one word is its own name. The
    same at training and at answering."""
    tokens = _tokens(phrase)
    if len(tokens) <= 1:
        return phrase
    folded = [fold(t) for t, _, _ in tokens]
    spans = name_candidates(tokens, folded, phrase, stopwords)
    scores = score([name_features(tokens, folded, phrase, i, j, known, stopwords)
                    for i, j in spans])
    i, j = spans[int(np.argmax(scores))]
    return phrase[tokens[i][1]:tokens[j][2]]
