"""Small pieces of generated prose."""

from __future__ import annotations


def join_words(items: list[str], lang: str, how: str = "and") -> str:
    """"a, b en c" (or "a, b and c" in English); with ``how="or"``, "a, b of c"."""
    conj = {("en", "and"): " and ", ("en", "or"): " or ", ("nl", "or"): " of "}.get(
        (lang, how), " en ")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conj + items[-1]
