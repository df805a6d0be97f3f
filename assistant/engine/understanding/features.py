"""Features the analyser's models read, the same at training and at answering.

* :class:`Ngrams`: word unigrams and bigrams of a folded question part, tf-idf weighted and
  L2-normalised, beside the e5 vector of that part. The e5 vector carries meaning across
  phrasings; the n-grams carry the form of a question ("moet ik vragen", "waarom"), which a
  sentence embedding blurs with its topic.
* :func:`token_features`: what the subject tagger sees of each word: its shape, its ends and its
  neighbours, and the word itself only where it belongs to the frame of questions
  (:func:`frame_vocabulary`), so that the tagger learns where a technology is named rather than
  which technologies the labelled set names.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from assistant.engine.text import lexicon
from assistant.engine.text.words import fold, words

# Words with their inner hyphens and apostrophes ("wifi-telling", "camera's"), with offsets.
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


def grams(text: str) -> list[str]:
    """Word unigrams and bigrams, with the message's start and end marked."""
    ws = ["<s>", *words(text), "</s>"]
    return ws[1:-1] + [f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)]


@dataclass
class Ngrams:
    vocabulary: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fit(cls, texts: Iterable[str], min_df: int = 2) -> Ngrams:
        docs = [set(grams(t)) for t in texts]
        df = Counter(g for d in docs for g in d)
        kept = sorted(g for g, n in df.items() if n >= min_df)
        n = len(docs)
        idf = np.array([math.log((1 + n) / (1 + df[g])) + 1 for g in kept], dtype=np.float32)
        return cls({g: i for i, g in enumerate(kept)}, idf)

    def transform(self, text: str) -> np.ndarray:
        out = np.zeros(len(self.vocabulary), dtype=np.float32)
        for g, count in Counter(grams(text)).items():
            i = self.vocabulary.get(g)
            if i is not None:
                out[i] = count * self.idf[i]
        norm = float(np.linalg.norm(out))
        return out / norm if norm else out


@functools.lru_cache(maxsize=65536)
def frequency(word: str) -> int:
    """How common a folded word is, in powers of ten of its count in the Dutch or English word
    lists: 0 for a word neither holds, 1 for most listed words (the lists' floor is 50)."""
    found = max(lexicon.count(word, "nl"), lexicon.count(word, "en"))
    return min(int(math.log10(found + 1)), 5)


def tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def frame_vocabulary(tokens_and_tags: Iterable[tuple[str, str]], min_count: int = 3,
                     max_inside: float = 0.3) -> frozenset[str]:
    """Words the tagger may know by name: those seen at least ``min_count`` times outside a
    subject and at most ``max_inside`` of the time inside one ("over", "vragen", "raadslid").
    Every other word is known by its shape and neighbours only, so that a technology the
    labelled set never names is found as readily as one it does."""
    seen: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for token, tag in tokens_and_tags:
        w = fold(token)
        seen[w] += 1
        inside[w] += tag != "O"
    return frozenset(w for w, n in seen.items()
                     if n - inside[w] >= min_count and inside[w] <= max_inside * n)


def token_features(tokens: list[str], stopwords: frozenset[str],
                   known: frozenset[str]) -> list[list[str]]:
    """Feature names of each token (see the module docstring and :func:`frame_vocabulary`)."""
    folded = [fold(t) for t in tokens]

    def name(w: str) -> str:
        return w if w in known or w in stopwords or w.startswith("<") else "<w>"

    padded = ["<s2>", "<s>", *folded, "</s>", "</s2>"]
    out = []
    for i, (raw, w) in enumerate(zip(tokens, folded, strict=True)):
        j = i + 2
        p1, p2, n1, n2 = (name(padded[j - 1]), name(padded[j - 2]), name(padded[j + 1]),
                          name(padded[j + 2]))
        feats = [f"w={name(w)}", f"suf3={w[-3:]}", f"suf2={w[-2:]}", f"p1={p1}", f"n1={n1}",
                 f"p2={p2}", f"n2={n2}", f"p1w={p1}|{name(w)}", f"wn1={name(w)}|{n1}",
                 f"p2p1={p2}|{p1}", f"freq={frequency(w)}",
                 f"len={min(len(w), 12) // 3}"]
        if w in stopwords:
            feats.append("stop")
        if padded[j - 1] in stopwords:
            feats.append("p1stop")
        if raw[:1].isupper() and i > 0:
            feats.append("cap")
        if "-" in w or "'" in w:
            feats.append("joined")
        if any(c.isdigit() for c in w):
            feats.append("digit")
        out.append(feats)
    return out
