"""A question as typed, made usable text, or refused with one sentence."""

from __future__ import annotations

import re
import unicodedata

from assistant.engine.text.words import WORD
from assistant.errors import QuestionError
from assistant.messages import nl

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def dutch_count(n: int) -> str:
    """A count as Dutch writes it: "60.000"."""
    return f"{n:,}".replace(",", ".")


def clean_question(text: object, max_chars: int) -> str:
    """Return the question with control characters removed and whitespace collapsed.

    Raises :class:`QuestionError` with one sentence for an empty, unusable or overlong question.
    """
    if not isinstance(text, str):
        raise QuestionError(nl.NOT_TEXT)
    if len(text) > max_chars:
        raise QuestionError(nl.TOO_LONG.format(chars=dutch_count(len(text)),
                                                limit=dutch_count(max_chars)))
    if _SURROGATE.search(text):
        # Bytes that were not UTF-8 (a terminal in another encoding) or a broken escape.
        raise QuestionError(nl.NOT_UTF8)
    cleaned = _SPACE.sub(" ", _CONTROL.sub(" ", unicodedata.normalize("NFC", text))).strip()
    if not cleaned:
        raise QuestionError(nl.EMPTY)
    if not WORD.search(cleaned):
        raise QuestionError(nl.NO_WORDS)
    return cleaned
