"""The words of a language, whatever texts are indexed: the word list pyspellchecker ships (about
343,000 Dutch word forms, counted in subtitles and checked against a dictionary), folded as
questions are.

The spelling corrector of the question analyser only knows the indexed texts' words, a few
thousand. Measured on the development questions and the labelled messages (3,316), it rewrote
342 words, and 325 of them were Dutch words it did not know: "politie" became "politiek",
"dagen" "dragen", "contract" "contact", "sociaal" "social". A word this list holds is a word of
the language, and is never a misspelling.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

import numpy as np

from assistant.engine.text.words import fold
from assistant.errors import ModelError

PACKAGE = "pyspellchecker==0.9.1"


@cache
def _hashes(language: str) -> np.ndarray:
    """The sorted hashes of the folded words of ``language`` ("nl" or "en"), read once. Hashes
    rather than the words: 4 MB instead of about 60 for Dutch; two words sharing a 64-bit hash
    within one process are not to be expected."""
    try:
        path = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
            counts = json.load(f)
        if not isinstance(counts, dict) or not counts:
            raise ValueError("not a word list")
    except (ImportError, OSError, ValueError) as exc:
        raise ModelError(f"The {language} word list could not be read ({exc}); "
                         f"reinstall it with: pip install {PACKAGE}") from None
    # The list is lower case: only words with an accent need folding ("geëvalueerd").
    return np.unique(np.fromiter((hash(w if w.isascii() else fold(w)) for w in counts),
                                 dtype=np.int64, count=len(counts)))


def load(*languages: str) -> None:
    """Read the word lists now (at the engine's start, not at its first question)."""
    for language in languages:
        _hashes(language)


def is_word(word: str, language: str) -> bool:
    """Whether the folded ``word`` is a word of ``language``."""
    hashes = _hashes(language)
    h = hash(word)
    i = int(np.searchsorted(hashes, h))
    return i < len(hashes) and int(hashes[i]) == h
