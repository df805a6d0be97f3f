"""Prose split into sentences, and whether a line ends as a sentence does."""

from __future__ import annotations

import re

_CLOSED = re.compile(r"[.!?…:;][\"'’”)]*$")


def is_closed(text: str) -> bool:
    """Whether ``text`` ends as a sentence does (closing punctuation, perhaps a quote after it),
    unlike a title or a label."""
    return bool(_CLOSED.search(text))


def split_sentences(text: str) -> list[str]:
    """Split Dutch prose into sentences; keeps abbreviations like 'o.a.' and initials intact."""
    parts = [p for line in text.strip().split("\n")
             for p in re.split(r"(?<=[.!?])[\"'’”)]?\s+(?=[A-Z0-9‘'\"“(ÁÉÍÓÚ])", line)]
    sentences: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        # Re-join splits after a single capital initial ("R. van Est") and after a list number
        # ("1. Eén coördinerend wethouder").
        number = re.search(r"\s(\(?\d{1,2}[.)])$", sentences[-1]) if sentences else None
        if number:  # "...: 1." + "Eén ..." -> "...:" + "1. Eén ..."
            sentences[-1] = sentences[-1][: number.start()].rstrip()
            part = f"{number.group(1)} {part}"
        if sentences and (re.search(r"(?:^|\s)[A-Z]\.$", sentences[-1])
                          or re.fullmatch(r"\(?\d{1,2}[.)]", sentences[-1])):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return sentences
