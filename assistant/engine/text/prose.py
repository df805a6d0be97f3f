"""Small pieces of generated prose."""

from __future__ import annotations

_CONJUNCTIONS = {"nl": {"and": " en ", "or": " of "}, "en": {"and": " and ", "or": " or "}}


def join_words(items: list[str], lang: str, how: str = "and") -> str:
    """"a, b en c" (or "a, b and c" in English); with ``how="or"``, "a, b of c"."""
    conj = _CONJUNCTIONS[lang][how]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conj + items[-1]


def as_sentence(text: str) -> str:
    """``text`` ending as a sentence: with a full stop unless it ends in ".", "!" or "?"."""
    return text if text[-1:] in ".!?" else f"{text}."
