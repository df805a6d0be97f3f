"""Small pieces of generated prose."""

from __future__ import annotations

_CONJUNCTIONS = {"nl": {"and": " en ", "or": " of "}, "en": {"and": " and ", "or": " or "}}


def join_words(items: list[str], lang: str, how: str = "and", clauses: bool = False) -> str:
    """"a, b en c" (or "a, b and c" in English); with ``how="or"``, "a, b of c". With
    ``clauses``, items that are clauses and may hold a comma or the conjunction themselves ("de
    fysieke omgeving meet, niet mensen"): where one before the last does, a comma before the
    conjunction keeps them apart ("..., niet mensen, en als installatie ...")."""
    conj = _CONJUNCTIONS[lang][how]
    if len(items) == 1:
        return items[0]
    if clauses and any("," in i or conj in f" {i} " for i in items[:-1]):
        conj = f",{conj}"
    return ", ".join(items[:-1]) + conj + items[-1]


def as_sentence(text: str) -> str:
    """``text`` ending as a sentence: with a full stop unless it ends in ".", "!" or "?"."""
    return text if text[-1:] in ".!?" else f"{text}."
