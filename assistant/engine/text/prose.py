"""Small pieces of generated prose."""

from __future__ import annotations


def join_words(items: list[str], lang: str) -> str:
    """"a, b en c" (or "a, b and c" in English)."""
    conj = " and " if lang == "en" else " en "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conj + items[-1]
