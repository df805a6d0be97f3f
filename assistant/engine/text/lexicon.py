"""The words of a language, whatever texts are indexed: the word lists pyspellchecker ships (about
343,000 Dutch and 160,000 English word forms with how often each occurs in film subtitles),
folded as questions are.

The spelling corrector of the question analyser only knows the indexed texts' words, a few
thousand. Measured on the development questions and the labelled messages (3,316), it rewrote
342 words, and 325 of them were Dutch words it did not know: "politie" became "politiek",
"dagen" "dragen", "contract" "contact", "sociaal" "social". A word these lists hold is a word of
the language. The lists also hold some misspellings, rarely ("camara" 50 times, "camera" 22,822
times), so the corrector weighs the counts (:func:`count`; see ``QueryAnalyser.correct``).
"""

from __future__ import annotations

import gzip
import json
import zlib
from functools import cache
from importlib import resources
from importlib.abc import Traversable

import numpy as np

from assistant.engine.text.words import fold
from assistant.errors import ModelError

PACKAGE = "pyspellchecker==0.9.1"


def _resource(language: str) -> Traversable:
    return resources.files("spellchecker") / "resources" / f"{language}.json.gz"


@cache
def _table(language: str) -> tuple[np.ndarray, np.ndarray]:
    """The sorted hashes of the folded words of ``language`` ("nl" or "en") and their counts, read
    once. Hashes rather than the words: 4 MB instead of about 60 for Dutch; two words sharing a
    64-bit hash within one process are not to be expected."""
    try:
        with _resource(language).open("rb") as raw, \
                gzip.open(raw, "rt", encoding="utf-8") as f:
            counts = json.load(f)
        if not isinstance(counts, dict) or not counts:
            raise ValueError("not a word list")
        # The list is lower case: only words with an accent need folding ("geëvalueerd").
        hashes = np.fromiter((hash(w if w.isascii() else fold(w)) for w in counts),
                             dtype=np.int64, count=len(counts))
        values = np.fromiter((int(n) for n in counts.values()), dtype=np.int64,
                             count=len(counts))
    except (ImportError, OSError, EOFError, zlib.error, ValueError, TypeError) as exc:
        raise ModelError(f"The {language} word list could not be read ({exc}); "
                         f"reinstall it with: pip install {PACKAGE}") from None
    order = np.argsort(hashes, kind="stable")
    return hashes[order], values[order]


def load(*languages: str) -> None:
    """Read the word lists now (at the engine's start, not at its first question)."""
    for language in languages:
        _table(language)


def count(word: str, language: str) -> int:
    """How often the folded ``word`` occurs in the subtitles ``language``'s list was counted in;
    0 when the list does not hold it."""
    hashes, counts = _table(language)
    h = hash(word)
    i = int(np.searchsorted(hashes, h))
    return int(counts[i]) if i < len(hashes) and int(hashes[i]) == h else 0


def is_word(word: str, language: str) -> bool:
    """Whether the folded ``word`` is a word of ``language``."""
    return count(word, language) > 0
