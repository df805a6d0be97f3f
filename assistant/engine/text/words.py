"""Folding and word tokens: the one definition of a word that indexing and questions share."""

from __future__ import annotations

import re
import unicodedata

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

# Letters (with accents), digits; apostrophes inside words are kept for "camera's".
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

DUTCH_STOPWORDS = frozenset(STOPWORDS_DUTCH)
ENGLISH_STOPWORDS = frozenset(STOPWORDS_EN)
# Function words of either language.
STOPWORDS = DUTCH_STOPWORDS | ENGLISH_STOPWORDS
# The articles a technology's name may follow in either language, folded ("een algoritme").
ARTICLES = frozenset({"de", "het", "een", "the", "a", "an"})


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Écht álle' -> 'echt alle'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def words(text: str) -> list[str]:
    """Folded word tokens of ``text``."""
    return WORD.findall(fold(text))
